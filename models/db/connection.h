#pragma once

#include "dberror.h"
#include "rowbatch.h"

#include <QList>
#include <QString>
#include <QVariantList>

#include <functional>

// Receives a statement's rows as they are fetched. Called on the connection's thread.
class RowSink
{
public:
    virtual ~RowSink() = default;
    virtual void columns(const QList<ColumnInfo> &columns) = 0;
    virtual void rows(const RowBatch &batch) = 0;
};

// One database session, used synchronously on the thread that owns it (a ConnectionWorker's
// thread in the GUI; the main thread in tests and in slipway-cli). Failures throw DbException.
// Only cancel() may be called from another thread.
class Connection
{
public:
    enum class Engine { PostgreSQL, SQLite };
    enum class TransactionState { Idle, InTransaction, Failed, Unknown };
    using NoticeHandler = std::function<void(const Notice &)>;

    virtual ~Connection() = default;

    virtual Engine engine() const = 0;
    virtual void open() = 0;
    virtual void close() = 0;
    virtual bool isOpen() const = 0;
    virtual ServerInfo serverInfo() const = 0;

    // Runs one statement (PostgreSQL also accepts a multi-statement script when sink is null),
    // handing rows to the sink in batches of about batchSize rows.
    virtual QueryOutcome run(const QString &sql, RowSink *sink, int batchSize = 5000) = 0;
    QueryOutcome execute(const QString &sql) { return run(sql, nullptr); }
    // Convenience for small catalog queries: every row in one batch.
    RowBatch fetchAll(const QString &sql, QList<ColumnInfo> *columns = nullptr);

    // Runs one statement with $1, $2, … bound to params (params[0] is $1; a number may repeat):
    // a null QVariant is NULL, a bool is true/false, anything else is sent as its text. The
    // values never become part of the SQL, so quotes or "%1" in user text cannot change it.
    // Rows come in one batch; this is for small statements such as the history's.
    virtual QueryOutcome run(const QString &sql, const QVariantList &params, RowSink *sink) = 0;
    QueryOutcome execute(const QString &sql, const QVariantList &params)
    {
        return run(sql, params, nullptr);
    }
    RowBatch fetchAll(const QString &sql, const QVariantList &params);

    // Runs `COPY … FROM STDIN` with the given data (text or CSV rows as the COPY options say,
    // without the terminating `\.` line). PostgreSQL only; SQLite throws a DbException.
    virtual QueryOutcome copyIn(const QString &copySql, const QByteArray &data);

    // Asks the server to stop the running statement. Thread-safe; harmless when idle.
    virtual void cancel() = 0;

    virtual TransactionState transactionState() const = 0;
    void begin() { execute(QStringLiteral("BEGIN")); }
    void commit() { execute(QStringLiteral("COMMIT")); }
    void rollback() { execute(QStringLiteral("ROLLBACK")); }

    // Server notices (RAISE NOTICE, WARNING) arrive here, on the connection's thread.
    void setNoticeHandler(NoticeHandler handler) { m_noticeHandler = std::move(handler); }

protected:
    void emitNotice(const Notice &notice) const
    {
        if (m_noticeHandler)
            m_noticeHandler(notice);
    }

private:
    NoticeHandler m_noticeHandler;
};
