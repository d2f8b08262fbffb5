#pragma once

#include "connection.h"

#include <QString>

#include <memory>

#include <QHash>

namespace pqxx {
// Mirrors <pqxx/connection.hxx> so this header stays free of libpqxx.
class connect_direct;
template<typename CONNECTPOLICY>
class basic_connection_base;
using connection = basic_connection_base<connect_direct>;
class result;
class transaction_base;
} // namespace pqxx
class PgNoticeForwarder;
struct PgCancelState;

// PostgreSQL session on libpqxx. Used on one thread (see Connection). Rows of SELECT-like
// statements are streamed through a server-side cursor in FETCH batches, so a million-row result
// never sits in memory twice. The conninfo may be keyword/value or a postgresql:// URI; libpq
// resolves PGHOST, PGSERVICE, .pgpass and friends. application_name defaults to "slipway".
class PgConnection final : public Connection
{
public:
    explicit PgConnection(QString conninfo);
    ~PgConnection() override;

    Engine engine() const override { return Engine::PostgreSQL; }
    void open() override;
    void close() override;
    bool isOpen() const override;
    ServerInfo serverInfo() const override;
    QueryOutcome run(const QString &sql, RowSink *sink, int batchSize = 5000) override;
    QueryOutcome copyIn(const QString &copySql, const QByteArray &data) override;
    void cancel() override;
    TransactionState transactionState() const override;

    QString conninfo() const { return m_conninfo; }

private:
    QueryOutcome runPlain(const QString &sql, RowSink *sink, int batchSize);
    QueryOutcome runWithCursor(const QString &sql, RowSink *sink, int batchSize);
    void requireOpen() const;
    // Call only from a catch block: turns the exception in flight into a DbError whose position
    // is relative to `statement` minus `positionShift` characters of our own prefix.
    DbError translate(const QString &statement, int positionShift = 0) const;
    static DbError cancelledError();
    QList<ColumnInfo> describeColumns(pqxx::transaction_base &tx, const pqxx::result &r);
    void lookUpTypeNames(pqxx::transaction_base &tx, const QList<quint32> &oids);
    static RowBatch toBatch(const pqxx::result &r, int begin, int end);

    QString m_conninfo;
    std::unique_ptr<pqxx::connection> m_connection;
    std::unique_ptr<PgNoticeForwarder> m_notices;
    std::unique_ptr<PgCancelState> m_cancel; // shared with cancel() on other threads
    QHash<quint32, QString> m_typeNames;     // non-builtin type names seen on this server
    ServerInfo m_info;
};
