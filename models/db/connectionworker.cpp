#include "connectionworker.h"

#include "logcategories.h"

#include <QCoreApplication>
#include <QScopeGuard>

// Lives on the worker thread and owns the Connection there; runs queued jobs one at a time.
class ConnectionExecutor : public QObject
{
public:
    explicit ConnectionExecutor(std::unique_ptr<Connection> connection)
        : m_connection(std::move(connection))
    {}

    Connection &connection() { return *m_connection; }
    void destroyConnection() { m_connection.reset(); }

    std::atomic<bool> shuttingDown{false};

private:
    std::unique_ptr<Connection> m_connection;
};

namespace {
// Hands rows from the worker thread to the worker's signals.
class SignalSink final : public RowSink
{
public:
    SignalSink(ConnectionWorker *worker, quint64 id)
        : m_worker(worker)
        , m_id(id)
    {}
    void columns(const QList<ColumnInfo> &columns) override
    {
        emit m_worker->columnsReady(m_id, columns);
    }
    void rows(const RowBatch &batch) override { emit m_worker->rowsReady(m_id, batch); }

private:
    ConnectionWorker *m_worker;
    quint64 m_id;
};

void registerTypes()
{
    qRegisterMetaType<DbError>();
    qRegisterMetaType<RowBatch>();
    qRegisterMetaType<QList<ColumnInfo>>();
    qRegisterMetaType<QueryOutcome>();
    qRegisterMetaType<ServerInfo>();
}
} // namespace

ConnectionWorker::ConnectionWorker(std::unique_ptr<Connection> connection, QObject *parent)
    : QObject(parent)
    , m_engine(connection->engine())
{
    registerTypes();
    m_connection = connection.get();
    m_connection->setNoticeHandler(
        [this](const Notice &notice) { emit noticeReceived(notice, m_runningRequest.load()); });
    m_executor = new ConnectionExecutor(std::move(connection));
    m_thread.setObjectName(QStringLiteral("slipway-connection"));
    m_executor->moveToThread(&m_thread);
    // Runs on this object's thread before any other receiver of opened(), so serverInfo() is
    // already current inside their slots.
    connect(this, &ConnectionWorker::opened, this, [this](const ServerInfo &info) { m_serverInfo = info; });
    m_thread.start();
}

ConnectionWorker::~ConnectionWorker()
{
    m_executor->shuttingDown.store(true);
    m_connection->cancel();
    // Close on the owning thread: libpq connections must not change threads mid-life.
    QMetaObject::invokeMethod(
        m_executor, [executor = m_executor] { executor->destroyConnection(); },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_executor;
}

void ConnectionWorker::enqueue(std::function<void(Connection &)> job)
{
    jobStarted();
    QMetaObject::invokeMethod(
        m_executor,
        [this, job = std::move(job)] {
            if (!m_executor->shuttingDown.load()) {
                try {
                    job(m_executor->connection());
                } catch (const std::exception &e) {
                    // Jobs report their own failures; an escaped exception must not end the thread.
                    qCWarning(lcDb) << "a connection job ended with an exception:" << e.what();
                } catch (...) {
                    qCWarning(lcDb) << "a connection job ended with an unknown exception";
                }
            }
            jobFinished();
        },
        Qt::QueuedConnection);
}

// No busy signal: the count changes on two threads, so a "busy" and an "idle" emitted from each
// could arrive in the wrong order. Callers poll isBusy() or wait for their own request's signal.
void ConnectionWorker::jobStarted()
{
    m_pending.fetch_add(1);
}

void ConnectionWorker::jobFinished()
{
    m_pending.fetch_sub(1);
}

void ConnectionWorker::reportConnectionLost(const DbError &error)
{
    if (m_open.exchange(false))
        emit connectionLost(error);
}

void ConnectionWorker::open()
{
    m_opening.store(true);
    enqueue([this](Connection &connection) {
        try {
            connection.open();
            m_open.store(true);
            m_opening.store(false);
            emit opened(connection.serverInfo());
        } catch (const DbException &e) {
            m_open.store(false);
            m_opening.store(false);
            qCWarning(lcDb) << "open failed:" << e.error().sqlState << e.error().message;
            emit openFailed(e.error());
        } catch (const std::exception &e) {
            m_open.store(false);
            m_opening.store(false);
            qCWarning(lcDb) << "open failed:" << e.what();
            emit openFailed(DbError::clientError(QString::fromUtf8(e.what())));
        }
    });
}

void ConnectionWorker::reconnect()
{
    enqueue([](Connection &connection) { connection.close(); });
    open();
}

quint64 ConnectionWorker::runQuery(const QString &sql, int batchSize)
{
    const quint64 id = m_nextRequestId.fetch_add(1);
    {
        QMutexLocker lock(&m_requestMutex);
        m_queuedRequests.insert(id);
    }
    enqueue([this, id, sql, batchSize](Connection &connection) {
        {
            QMutexLocker lock(&m_requestMutex);
            m_queuedRequests.remove(id);
            if (m_cancelledRequests.remove(id)) {
                DbError error = DbError::clientError(tr("Cancelled before it started."));
                error.sqlState = QStringLiteral("57014");
                error.cancelled = true;
                emit queryFailed(id, error);
                return;
            }
            m_runningRequest.store(id);
        }
        // Cleared under the mutex so that cancel(id) never interrupts the next request.
        auto finished = qScopeGuard([this] {
            QMutexLocker lock(&m_requestMutex);
            m_runningRequest.store(0);
        });
        SignalSink sink(this, id);
        try {
            const QueryOutcome outcome = connection.run(sql, &sink, batchSize);
            emit queryFinished(id, outcome);
        } catch (const DbException &e) {
            if (e.error().connectionLost)
                reportConnectionLost(e.error());
            emit queryFailed(id, e.error());
        } catch (const std::exception &e) {
            emit queryFailed(id, DbError::clientError(QString::fromUtf8(e.what())));
        }
    });
    return id;
}

void ConnectionWorker::cancel()
{
    m_connection->cancel();
}

void ConnectionWorker::cancel(quint64 requestId)
{
    QMutexLocker lock(&m_requestMutex);
    if (m_runningRequest.load() == requestId)
        m_connection->cancel();
    else if (m_queuedRequests.contains(requestId))
        m_cancelledRequests.insert(requestId);
}
