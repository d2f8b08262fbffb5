#pragma once

#include "connection.h"

#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QThread>

#include <atomic>
#include <functional>
#include <optional>
#include <memory>

class ConnectionExecutor;

// Owns one Connection and the QThread it lives on; the asynchronous face of the connection layer.
// Created and used on the GUI (or any event-loop) thread: every call returns at once, work runs
// in order on the worker thread and results come back as queued signals. cancel() is safe from
// any thread and interrupts the running statement through the server's cancel request.
class ConnectionWorker : public QObject
{
    Q_OBJECT

public:
    explicit ConnectionWorker(std::unique_ptr<Connection> connection, QObject *parent = nullptr);
    ~ConnectionWorker() override; // cancels what runs, closes the connection on its thread, joins

    Connection::Engine engine() const { return m_engine; }
    bool isBusy() const { return m_pending.load() > 0; }
    bool isOpen() const { return m_open.load(); }
    // True from open() until opened() or openFailed(): requests made meanwhile are queued behind
    // the open and run once it succeeds (or fail with its error).
    bool isOpening() const { return m_opening.load(); }
    ServerInfo serverInfo() const { return m_serverInfo; } // valid after opened()

    void open();      // → opened() or openFailed()
    void reconnect(); // closes and opens again → opened() or openFailed()
    // Runs one statement; rows stream back in batches. Returns the request id used in signals.
    quint64 runQuery(const QString &sql, int batchSize = 5000);
    // Cancels whatever runs now (and nothing queued).
    void cancel();
    // Cancels one request: interrupts it if it runs, or drops it if it still waits in the queue
    // (it then fails with a cancelled error without reaching the server). Other requests of the
    // same connection, e.g. from another console, are left alone.
    void cancel(quint64 requestId);

    // Runs `work` on the worker thread with the connection; then `done(result)` or `failed(error)`
    // runs on `context`'s thread (nothing runs if context is gone). For catalog queries,
    // migrations and other jobs that need more than one statement.
    template<typename Result>
    void call(QObject *context,
              std::function<Result(Connection &)> work,
              std::function<void(Result)> done,
              std::function<void(const DbError &)> failed = {})
    {
        QPointer<QObject> guard(context);
        enqueue([this, guard, work = std::move(work), done = std::move(done),
                 failed = std::move(failed)](Connection &connection) {
            DbError error;
            std::optional<Result> result;
            try {
                result.emplace(work(connection));
            } catch (const DbException &e) {
                error = e.error();
            } catch (const std::exception &e) {
                error = DbError::clientError(QString::fromUtf8(e.what()));
            }
            if (error.connectionLost)
                reportConnectionLost(error);
            if (!guard)
                return;
            QMetaObject::invokeMethod(
                guard.data(),
                [result = std::move(result), error, done, failed]() mutable {
                    if (result)
                        done(std::move(*result));
                    else if (failed)
                        failed(error);
                },
                Qt::QueuedConnection);
        });
    }

signals:
    void opened(const ServerInfo &info);
    void openFailed(const DbError &error);
    void columnsReady(quint64 requestId, const QList<ColumnInfo> &columns);
    void rowsReady(quint64 requestId, const RowBatch &rows);
    void queryFinished(quint64 requestId, const QueryOutcome &outcome);
    void queryFailed(quint64 requestId, const DbError &error);
    // requestId: the query that was running when the server sent it; 0 for other jobs.
    void noticeReceived(const Notice &notice, quint64 requestId);
    void connectionLost(const DbError &error);

private:
    friend class ConnectionExecutor;
    void enqueue(std::function<void(Connection &)> job);
    void reportConnectionLost(const DbError &error);
    void jobStarted();
    void jobFinished();

    const Connection::Engine m_engine;
    QThread m_thread;
    ConnectionExecutor *m_executor = nullptr; // lives on m_thread
    Connection *m_connection = nullptr;       // owned by m_executor
    std::atomic<int> m_pending{0};
    std::atomic<bool> m_open{false};
    std::atomic<bool> m_opening{false};
    std::atomic<quint64> m_nextRequestId{1};
    // Request bookkeeping shared by the GUI thread (cancel) and the worker thread (run).
    QMutex m_requestMutex;
    QSet<quint64> m_queuedRequests;
    QSet<quint64> m_cancelledRequests;
    std::atomic<quint64> m_runningRequest{0};
    ServerInfo m_serverInfo;
};
