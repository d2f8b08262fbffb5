#pragma once

#include "connection.h"

#include <QString>

#include <memory>

// PostgreSQL session on libpqxx. Used on one thread (see Connection). Rows of SELECT-like
// statements are streamed through a server-side cursor in FETCH batches, so a million-row result
// never sits in memory twice. The conninfo may be keyword/value or a postgresql:// URI; libpq
// resolves PGHOST, PGSERVICE, .pgpass and friends. application_name defaults to "slipway".
// Everything libpqxx-specific lives in the .cpp, so this header builds against any libpqxx.
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
    QueryOutcome run(const QString &sql, const QVariantList &params, RowSink *sink) override;
    QueryOutcome copyIn(const QString &copySql, const QByteArray &data) override;
    void cancel() override;
    TransactionState transactionState() const override;

    QString conninfo() const { return m_conninfo; }

private:
    struct Impl;

    // params null: a plain (possibly multi-statement) query; else one statement with $n bound.
    QueryOutcome runPlain(const QString &sql,
                          const QVariantList *params,
                          RowSink *sink,
                          int batchSize);
    QueryOutcome runWithCursor(const QString &sql, RowSink *sink, int batchSize);
    void requireOpen() const;
    // Call only from a catch block: turns the exception in flight into a DbError whose position
    // is relative to `statement` minus `positionShift` characters of our own prefix.
    DbError translate(const QString &statement, int positionShift = 0) const;
    static DbError cancelledError();

    QString m_conninfo;
    ServerInfo m_info;
    std::unique_ptr<Impl> m_d; // the libpqxx session; shared with cancel() on other threads
};
