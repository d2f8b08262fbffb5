#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

class Connection;

// One row of the history table.
struct HistoryRow
{
    int rank = 0; // installed_rank
    QString version; // empty for repeatable migrations
    QString description;
    QString type; // "SQL", "BASELINE"
    QString script; // file name relative to the migration folder
    QString checksum;
    QString installedBy;
    QString installedOn; // as the server prints it
    qint64 executionMs = 0;
    bool success = true;
    // Non-transactional migrations only: how many statements have run, of how many (-1 = n/a).
    int statementsDone = -1;
    int statementsTotal = -1;

    bool isBaseline() const { return type == QLatin1String("BASELINE"); }
};

// The history table: `slipway.schema_history` on PostgreSQL, `slipway_schema_history` in a
// SQLite file. Created on first use; every write is one statement, so the caller decides
// whether it joins the migration's transaction. Runs on the connection's thread.
class SchemaHistory
{
    Q_DECLARE_TR_FUNCTIONS(SchemaHistory)

public:
    explicit SchemaHistory(Connection &connection);

    QString tableName() const;
    bool exists();
    void create(); // idempotent
    QList<HistoryRow> read(); // by installed_rank; empty when the table does not exist

    // Inserts with the next installed_rank; returns that rank.
    int insert(const HistoryRow &row);
    void updateProgress(int rank, int statementsDone, bool success, qint64 executionMs);
    void updateChecksum(int rank, const QString &checksum);
    void remove(int rank);

    // Flyway adoption: copies flyway_schema_history (in the search path) into our table,
    // keeping ranks, checksums (Flyway's CRC32, so they are marked to be re-accepted by repair)
    // and success. Returns the number of rows copied; 0 when there is no Flyway table.
    int adoptFlyway();

private:
    Connection &m_connection;
    bool m_postgres = true;
};
