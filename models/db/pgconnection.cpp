#include "pgconnection.h"

#include "conninfo.h"
#include "logcategories.h"
#include "pgmessageparser.h"
#include "pgtypenames.h"
#include "sql/statementkind.h"
#include "threadguard.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>

#include <libpq-fe.h>
#include <pqxx/pqxx>

#include <atomic>
#include <limits>
#include <mutex>
#include <vector>

// Where libpqxx 6.4 (Debian 12) and 7.x differ. Two features were deprecated within 7.x, and
// SLIPWAY_WERROR turns deprecation warnings into errors, so those switch on the minor version.
#define SLIPWAY_PQXX_AT_LEAST(major, minor) \
    (PQXX_VERSION_MAJOR > (major) \
     || (PQXX_VERSION_MAJOR == (major) && PQXX_VERSION_MINOR >= (minor)))
// 7.6 deprecated make_dynamic_params for the pqxx::params builder.
#define SLIPWAY_PQXX_PARAMS_BUILDER SLIPWAY_PQXX_AT_LEAST(7, 6)
// 7.10 deprecated errorhandler for a notice callback, and exec_params for exec(query, params).
#define SLIPWAY_PQXX_NOTICE_HANDLER SLIPWAY_PQXX_AT_LEAST(7, 10)
#define SLIPWAY_PQXX_EXEC_WITH_PARAMS SLIPWAY_PQXX_AT_LEAST(7, 10)

namespace {

#if PQXX_VERSION_MAJOR >= 7
// 7 folded connection_base into connection and renamed disconnect() to close().
using PqxxConnectionBase = pqxx::connection;
constexpr auto VerboseErrors = pqxx::error_verbosity::verbose;
void disconnect(pqxx::connection &connection)
{
    connection.close();
}
#else
using PqxxConnectionBase = pqxx::connection_base;
constexpr auto VerboseErrors = pqxx::connection_base::verbose;
void disconnect(pqxx::connection &connection)
{
    connection.disconnect();
}
#endif

// libpqxx keeps two things private that we need: the PGconn (PQtransactionStatus tells whether
// the user opened a transaction, which our cursor must not commit) and a result's command tag
// ("UPDATE 3"). An explicit template instantiation may name private members; this standard
// idiom hands out the pointers-to-member without undefined behaviour. Both members have kept
// their names and types from 6.4 through 7.x.
template<typename Tag>
struct PrivateMember
{
    static inline typename Tag::Type pointer;
};
template<typename Tag, typename Tag::Type Member>
struct ExposePrivate
{
    static inline const bool done = (PrivateMember<Tag>::pointer = Member, true);
};
struct ConnTag
{
    using Type = pqxx::internal::pq::PGconn *PqxxConnectionBase::*;
};
struct CmdStatusTag
{
    using Type = const char *(pqxx::result::*) () const noexcept;
};
template struct ExposePrivate<ConnTag, &PqxxConnectionBase::m_conn>;
template struct ExposePrivate<CmdStatusTag, &pqxx::result::cmd_status>;

PGconn *rawConnection(PqxxConnectionBase &connection)
{
    return reinterpret_cast<PGconn *>(connection.*PrivateMember<ConnTag>::pointer);
}

QString commandTag(const pqxx::result &r)
{
    const char *tag = (r.*PrivateMember<CmdStatusTag>::pointer)();
    return tag ? QString::fromUtf8(tag) : QString();
}

const char CursorName[] = "slipway_cursor";

// Hands one libpq notice (RAISE NOTICE, WARNING ...) to the Connection's handler. It runs inside
// libpq's callback, where nothing may throw, and a notice must never take the connection down.
template<typename Sink>
void forwardNotice(const Sink &sink, const char *message) noexcept
{
    try {
        sink(PgMessageParser::parse(QString::fromUtf8(message).trimmed()));
    } catch (const std::exception &e) {
        qCWarning(lcDb) << "a server notice was dropped:" << e.what();
    } catch (...) {
        // The handler is application code behind a std::function and may throw anything.
        qCWarning(lcDb)
            << "a server notice was dropped: its handler threw a non-standard exception";
    }
}

#if !SLIPWAY_PQXX_NOTICE_HANDLER
class PgNoticeForwarder final : public pqxx::errorhandler
{
public:
    PgNoticeForwarder(pqxx::connection &connection, std::function<void(const Notice &)> sink)
        : pqxx::errorhandler(connection)
        , m_sink(std::move(sink))
    {}

    bool operator()(const char message[]) noexcept override
    {
        forwardNotice(m_sink, message);
        return false; // do not pass on to libpqxx's default handler (stderr)
    }

private:
    std::function<void(const Notice &)> m_sink;
};
#endif

} // namespace

struct PgConnection::Impl
{
    TransactionState transactionState() const;
    QList<ColumnInfo> describeColumns(pqxx::transaction_base &tx, const pqxx::result &r);
    void lookUpTypeNames(pqxx::transaction_base &tx, const QList<quint32> &oids);
    static RowBatch toBatch(const pqxx::result &r, int begin, int end);

    std::unique_ptr<pqxx::connection> connection;
#if !SLIPWAY_PQXX_NOTICE_HANDLER
    // Declared after the connection, so it unregisters before the connection goes.
    std::unique_ptr<PgNoticeForwarder> notices;
#endif
    // cancel() may run on any thread while the owning thread opens or closes: the mutex guards
    // the connection pointer, the flag stops a cursor between batches.
    std::mutex mutex;
    std::atomic<bool> cancelRequested{false};
    QHash<quint32, QString> typeNames; // non-builtin type names seen on this server
};

PgConnection::PgConnection(QString conninfo)
    : m_conninfo(std::move(conninfo))
    , m_d(std::make_unique<Impl>())
{}

PgConnection::~PgConnection()
{
    close();
}

void PgConnection::open()
{
    ThreadGuard::check("PgConnection::open");
    close();
    ConnInfo info;
    QString parseError;
    if (!ConnInfo::parse(m_conninfo, &info, &parseError))
        throw DbException(DbError::clientError(parseError));
    const std::string conninfo = info.withApplicationDefaults().toString().toStdString();
    try {
        auto connection = std::make_unique<pqxx::connection>(conninfo);
        {
            std::lock_guard lock(m_d->mutex);
            m_d->connection = std::move(connection);
        }
        m_d->connection->set_verbosity(VerboseErrors);
        const auto sink = [this](const Notice &n) { emitNotice(n); };
#if SLIPWAY_PQXX_NOTICE_HANDLER
        m_d->connection->set_notice_handler(
            [sink](pqxx::zview message) noexcept { forwardNotice(sink, message.c_str()); });
#else
        m_d->notices = std::make_unique<PgNoticeForwarder>(*m_d->connection, sink);
#endif
        const pqxx::result r = pqxx::nontransaction(*m_d->connection)
                                   .exec("SELECT current_setting('server_version'), "
                                         "current_setting('server_version_num')::int, "
                                         "current_database(), current_user");
        m_info.product = QStringLiteral("PostgreSQL");
        m_info.version = QString::fromUtf8(r[0][0].c_str()).section(QLatin1Char(' '), 0, 0);
        m_info.versionNumber = r[0][1].as<int>();
        m_info.database = QString::fromUtf8(r[0][2].c_str());
        m_info.user = QString::fromUtf8(r[0][3].c_str());
        const QString host = QString::fromUtf8(m_d->connection->hostname());
        m_info.endpoint = QStringLiteral("%1:%2").arg(host.isEmpty() ? QStringLiteral("localhost")
                                                                     : host,
                                                      QString::fromUtf8(m_d->connection->port()));
    } catch (...) {
        DbError error = translate(QString());
#if !SLIPWAY_PQXX_NOTICE_HANDLER
        m_d->notices.reset();
#endif
        {
            std::lock_guard lock(m_d->mutex);
            m_d->connection.reset();
        }
        error.connectionLost = false; // never connected: an open failure, not a lost session
        // libpq words a failed start-up without the server's SQLSTATE (verbosity can only be
        // raised once connected), so a rejected password would not read as 28P01 and the
        // window would not ask again. The server's English text is what we can recognise.
        if (error.sqlState.isEmpty()
            && error.message.contains(QLatin1String("password authentication failed")))
            error.sqlState = QStringLiteral("28P01");
        throw DbException(error);
    }
}

void PgConnection::close()
{
#if !SLIPWAY_PQXX_NOTICE_HANDLER
    m_d->notices.reset();
#endif
    if (m_d->connection) {
        try {
            disconnect(*m_d->connection);
        } catch (const std::exception &e) {
            // Closing a dead connection has nothing left to report (libpqxx 7 may still throw).
            qCDebug(lcDb) << "closing the session failed:" << e.what();
        }
        std::lock_guard lock(m_d->mutex);
        m_d->connection.reset();
    }
}

bool PgConnection::isOpen() const
{
    return m_d->connection && m_d->connection->is_open();
}

ServerInfo PgConnection::serverInfo() const
{
    return m_info;
}

void PgConnection::cancel()
{
    m_d->cancelRequested.store(true);
    std::lock_guard lock(m_d->mutex);
    // cancel_query() builds a PGcancel from the connection and sends it on a fresh socket; libpq
    // documents PQcancel as safe from other threads, which is what it is here for.
    if (m_d->connection) {
        try {
            m_d->connection->cancel_query();
        } catch (const std::exception &e) {
            // Nothing to cancel, or the server is gone: the running call reports that itself.
            qCDebug(lcDb) << "cancel request not delivered:" << e.what();
        }
    }
}

Connection::TransactionState PgConnection::transactionState() const
{
    return m_d->transactionState();
}

Connection::TransactionState PgConnection::Impl::transactionState() const
{
    if (!connection)
        return TransactionState::Unknown;
    switch (PQtransactionStatus(rawConnection(*connection))) {
    case PQTRANS_IDLE:
        return TransactionState::Idle;
    case PQTRANS_INTRANS:
    case PQTRANS_ACTIVE:
        return TransactionState::InTransaction;
    case PQTRANS_INERROR:
        return TransactionState::Failed;
    default:
        return TransactionState::Unknown;
    }
}

void PgConnection::requireOpen() const
{
    if (!isOpen()) {
        DbError error = DbError::clientError(
            QCoreApplication::translate("PgConnection", "Not connected to the server."));
        error.connectionLost = m_d->connection != nullptr;
        throw DbException(error);
    }
}

QueryOutcome PgConnection::run(const QString &sql, RowSink *sink, int batchSize)
{
    ThreadGuard::check("PgConnection::run");
    requireOpen();
    m_d->cancelRequested.store(false);
    if (sink && StatementKind::isCursorQuery(sql))
        return runWithCursor(sql, sink, qMax(1, batchSize));
    return runPlain(sql, nullptr, sink, qMax(1, batchSize));
}

QueryOutcome PgConnection::run(const QString &sql, const QVariantList &params, RowSink *sink)
{
    ThreadGuard::check("PgConnection::run");
    requireOpen();
    m_d->cancelRequested.store(false);
    return runPlain(sql, &params, sink, std::numeric_limits<int>::max());
}

namespace {
// A non-null parameter value as libpq's text format wants it.
QByteArray parameterText(const QVariant &param)
{
    if (param.typeId() == QMetaType::Bool)
        return param.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    if (param.typeId() == QMetaType::QByteArray)
        return param.toByteArray();
    return param.toString().toUtf8();
}

pqxx::result execWithParams(pqxx::transaction_base &tx,
                            const std::string &sql,
                            const QVariantList &params)
{
#if SLIPWAY_PQXX_PARAMS_BUILDER
    pqxx::params values;
    values.reserve(size_t(params.size()));
    for (const QVariant &param : params) {
        if (param.isNull())
            values.append(); // SQL NULL
        else
            values.append(parameterText(param).toStdString());
    }
#else
    std::vector<QByteArray> texts;
    texts.reserve(size_t(params.size()));
    std::vector<const char *> pointers; // a null pointer is SQL NULL
    pointers.reserve(size_t(params.size()));
    for (const QVariant &param : params) {
        if (param.isNull()) {
            pointers.push_back(nullptr);
            continue;
        }
        texts.push_back(parameterText(param));
        pointers.push_back(texts.back().constData()); // texts never reallocates: reserved above
    }
    const auto values = pqxx::prepare::make_dynamic_params(pointers);
#endif
#if SLIPWAY_PQXX_EXEC_WITH_PARAMS
    return tx.exec(sql, values);
#else
    return tx.exec_params(sql, values);
#endif
}
} // namespace

QueryOutcome PgConnection::runPlain(const QString &sql,
                                    const QVariantList *params,
                                    RowSink *sink,
                                    int batchSize)
{
    QElapsedTimer timer;
    timer.start();
    QueryOutcome outcome;
    try {
        pqxx::nontransaction tx(*m_d->connection);
        const pqxx::result r = params ? execWithParams(tx, sql.toStdString(), *params)
                                      : tx.exec(sql.toStdString());
        outcome.commandTag = commandTag(r);
        outcome.rowsAffected = r.affected_rows();
        if (r.columns() > 0) {
            outcome.returnedRows = true;
            outcome.rowsReturned = r.size();
            if (sink) {
                sink->columns(m_d->describeColumns(tx, r));
                for (int first = 0; first < int(r.size()); first += batchSize)
                    sink->rows(Impl::toBatch(r, first, qMin(int(r.size()), first + batchSize)));
            }
        }
    } catch (...) {
        throw DbException(translate(sql));
    }
    outcome.elapsedMs = timer.elapsed();
    return outcome;
}

QueryOutcome PgConnection::runWithCursor(const QString &sql, RowSink *sink, int batchSize)
{
    QElapsedTimer timer;
    timer.start();
    // A cursor lives in a transaction: open our own unless the user already has one, and never
    // end theirs.
    const bool ownTransaction = transactionState() == TransactionState::Idle;
    const QString prefix = QStringLiteral("DECLARE %1 NO SCROLL CURSOR FOR ")
                               .arg(QLatin1String(CursorName));
    const std::string fetch = "FETCH FORWARD " + std::to_string(batchSize) + " FROM " + CursorName;
    QueryOutcome outcome;
    outcome.returnedRows = true;
    QString sent;
    try {
        pqxx::nontransaction tx(*m_d->connection);
        if (ownTransaction)
            tx.exec("BEGIN");
        sent = prefix + sql;
        tx.exec(sent.toStdString());
        sent.clear(); // errors from here on have no position in the user's text
        bool first = true;
        for (;;) {
            if (m_d->cancelRequested.load())
                throw DbException(cancelledError());
            const pqxx::result r = tx.exec(fetch);
            if (first) {
                sink->columns(m_d->describeColumns(tx, r));
                first = false;
            }
            if (!r.empty()) {
                outcome.rowsReturned += r.size();
                sink->rows(Impl::toBatch(r, 0, int(r.size())));
            }
            if (int(r.size()) < batchSize)
                break;
        }
        tx.exec(std::string("CLOSE ") + CursorName);
        if (ownTransaction)
            tx.exec("COMMIT");
    } catch (...) {
        const DbError error = translate(sent, int(prefix.size()));
        if (ownTransaction && isOpen()) {
            try {
                pqxx::nontransaction(*m_d->connection).exec("ROLLBACK");
            } catch (const std::exception &e) {
                // The original error is what the user needs to see; this one only explains
                // why the session may still be inside our transaction.
                qCWarning(lcDb) << "rolling back after a failed cursor query failed:" << e.what();
            }
        }
        throw DbException(error);
    }
    outcome.commandTag = QStringLiteral("SELECT %1").arg(outcome.rowsReturned);
    outcome.elapsedMs = timer.elapsed();
    return outcome;
}

namespace {
// A DbError from a libpq result, for the COPY path that talks to libpq directly.
DbError errorFromResult(const PGresult *result, PGconn *connection)
{
    auto field = [result](int code) {
        const char *value = result ? PQresultErrorField(result, code) : nullptr;
        return value ? QString::fromUtf8(value) : QString();
    };
    DbError error;
    error.severity = field(PG_DIAG_SEVERITY_NONLOCALIZED);
    error.sqlState = field(PG_DIAG_SQLSTATE);
    error.message = field(PG_DIAG_MESSAGE_PRIMARY);
    error.detail = field(PG_DIAG_MESSAGE_DETAIL);
    error.hint = field(PG_DIAG_MESSAGE_HINT);
    error.context = field(PG_DIAG_CONTEXT);
    if (error.message.isEmpty())
        error.message = QString::fromUtf8(PQerrorMessage(connection)).trimmed();
    error.cancelled = error.sqlState == QLatin1String("57014");
    error.connectionLost = PQstatus(connection) != CONNECTION_OK;
    return error;
}
} // namespace

QueryOutcome PgConnection::copyIn(const QString &copySql, const QByteArray &data)
{
    ThreadGuard::check("PgConnection::copyIn");
    requireOpen();
    m_d->cancelRequested.store(false);
    QElapsedTimer timer;
    timer.start();
    // libpqxx 6.4's table streams want a table name, not a COPY statement with options, so the
    // COPY sub-protocol is driven with libpq directly; no libpqxx transaction object is open here.
    PGconn *connection = rawConnection(*m_d->connection);
    PGresult *started = PQexec(connection, copySql.toUtf8().constData());
    if (PQresultStatus(started) != PGRES_COPY_IN) {
        const DbError error = errorFromResult(started, connection);
        PQclear(started);
        throw DbException(error);
    }
    PQclear(started);
    bool sent = PQputCopyData(connection, data.constData(), int(data.size())) == 1;
    PQputCopyEnd(connection, sent ? nullptr : "client failed to send the COPY data");
    QueryOutcome outcome;
    DbError error;
    while (PGresult *result = PQgetResult(connection)) {
        if (PQresultStatus(result) == PGRES_COMMAND_OK) {
            outcome.commandTag = QString::fromUtf8(PQcmdStatus(result));
            outcome.rowsAffected = QString::fromLatin1(PQcmdTuples(result)).toLongLong();
        } else if (error.isEmpty()) {
            error = errorFromResult(result, connection);
        }
        PQclear(result);
    }
    if (!error.isEmpty())
        throw DbException(error);
    outcome.elapsedMs = timer.elapsed();
    return outcome;
}

DbError PgConnection::cancelledError()
{
    DbError error;
    error.sqlState = QStringLiteral("57014");
    error.message = QCoreApplication::translate("PgConnection",
                                                "canceling statement due to user request");
    error.cancelled = true;
    return error;
}

DbError PgConnection::translate(const QString &statement, int positionShift) const
{
    DbError error;
    try {
        throw;
    } catch (const pqxx::sql_error &e) {
        error = PgMessageParser::parse(QString::fromUtf8(e.what()), statement);
        if (error.sqlState.isEmpty())
            error.sqlState = QString::fromStdString(e.sqlstate());
    } catch (const pqxx::broken_connection &e) {
        error = PgMessageParser::parse(QString::fromUtf8(e.what()).trimmed(), statement);
        error.connectionLost = true;
    } catch (const DbException &e) {
        error = e.error();
    } catch (const std::exception &e) {
        error = PgMessageParser::parse(QString::fromUtf8(e.what()).trimmed(), statement);
    }
    if (error.position >= 0) {
        error.position -= positionShift;
        if (error.position < 0)
            error.position = -1;
    }
    error.cancelled = error.sqlState == QLatin1String("57014");
    if (m_d->connection && !m_d->connection->is_open())
        error.connectionLost = true;
    return error;
}

QList<ColumnInfo> PgConnection::Impl::describeColumns(pqxx::transaction_base &tx,
                                                      const pqxx::result &r)
{
    QList<ColumnInfo> columns;
    columns.reserve(int(r.columns()));
    QList<quint32> unknown;
    for (pqxx::row::size_type i = 0; i < r.columns(); ++i) {
        ColumnInfo column;
        column.name = QString::fromUtf8(r.column_name(i));
        column.typeOid = r.column_type(i);
        const PgTypeNames::Entry known = PgTypeNames::builtin(column.typeOid);
        column.typeName = typeNames.value(column.typeOid, known.name);
        column.numeric = known.numeric;
        if (column.typeName.isEmpty() && !unknown.contains(column.typeOid))
            unknown.append(column.typeOid);
        columns.append(column);
    }
    if (!unknown.isEmpty()) {
        lookUpTypeNames(tx, unknown);
        for (ColumnInfo &column : columns) {
            if (column.typeName.isEmpty())
                column.typeName = typeNames.value(column.typeOid);
        }
    }
    return columns;
}

void PgConnection::Impl::lookUpTypeNames(pqxx::transaction_base &tx, const QList<quint32> &oids)
{
    QStringList list;
    for (quint32 oid : oids)
        list << QString::number(oid);
    // Same session and possibly inside the user's transaction: a read-only catalog query is safe
    // there unless that transaction already failed, in which case names simply stay unknown.
    if (transactionState() == TransactionState::Failed)
        return;
    try {
        const pqxx::result r = tx.exec(
            "SELECT oid, format_type(oid, NULL) FROM pg_type WHERE oid IN ("
            + list.join(QLatin1Char(',')).toStdString() + ")");
        for (const auto &row : r)
            typeNames.insert(row[0].as<quint32>(), QString::fromUtf8(row[1].c_str()));
    } catch (const std::exception &e) {
        // Type names are cosmetic; the result itself matters more.
        qCWarning(lcDb) << "looking up type names failed:" << e.what();
    }
}

RowBatch PgConnection::Impl::toBatch(const pqxx::result &r, int begin, int end)
{
    const int columns = int(r.columns());
    RowBatch batch(columns);
    batch.reserve(end - begin, qsizetype(end - begin) * columns * 8);
    for (int row = begin; row < end; ++row) {
        const pqxx::row tuple = r[row];
        for (int column = 0; column < columns; ++column) {
            const pqxx::field field = tuple[column];
            if (field.is_null())
                batch.appendNull();
            else
                batch.appendCell(field.c_str(), qsizetype(field.size()));
        }
    }
    return batch;
}
