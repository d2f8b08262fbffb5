#pragma once

#include "connection.h"

#include <QString>

#include <atomic>

class QSqlQuery;

// SQLite session on Qt Sql (QSQLITE), for one database file. Like every Connection it is used on
// one thread: the QSqlDatabase is created by open() on that thread under a unique name.
// cancel() calls sqlite3_interrupt(), which SQLite documents as safe from any thread.
class SqliteConnection final : public Connection
{
public:
    // SQLite creates a missing file on open; a mistyped or moved path would then show as an
    // empty database. So open() refuses a missing file unless the caller means to create it.
    enum class OpenMode { ExistingFile, CreateIfMissing };

    explicit SqliteConnection(QString path, OpenMode mode = OpenMode::ExistingFile);
    ~SqliteConnection() override;

    Engine engine() const override { return Engine::SQLite; }
    void open() override;
    void close() override;
    bool isOpen() const override;
    ServerInfo serverInfo() const override { return m_info; }
    QueryOutcome run(const QString &sql, RowSink *sink, int batchSize = 5000) override;
    QueryOutcome run(const QString &sql, const QVariantList &params, RowSink *sink) override;
    void cancel() override;
    TransactionState transactionState() const override;

private:
    QSqlQuery newQuery();
    // Hands the rows of an executed query to the sink; the outcome of any other statement.
    QueryOutcome finish(QSqlQuery &query, const QString &sql, RowSink *sink, int batchSize);

    QString m_path;
    OpenMode m_mode;
    QString m_connectionName;
    ServerInfo m_info;
    std::atomic<void *> m_handle{nullptr}; // sqlite3*, for cross-thread interrupt
    std::atomic<bool> m_cancelRequested{false};
};
