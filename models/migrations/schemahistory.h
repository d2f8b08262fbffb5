#pragma once

#include "historystore.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

class Connection;

// The history table: `slipway.schema_history` on PostgreSQL, `slipway_schema_history` in a
// SQLite file. Created on first use; every write is one statement, so the caller decides
// whether it joins the migration's transaction. Runs on the connection's thread.
class SchemaHistory : public HistoryStore
{
    Q_DECLARE_TR_FUNCTIONS(SchemaHistory)

public:
    explicit SchemaHistory(Connection &connection);

    MigrationTool tool() const override { return MigrationTool::Slipway; }
    QString tableName() const override;
    bool exists() override;
    void create() override;
    QList<HistoryRow> read() override; // by installed_rank; empty when the table does not exist

    // Inserts with the next installed_rank; returns that rank.
    int insert(const HistoryRow &row) override;
    void updateProgress(int rank, int statementsDone, bool success, qint64 executionMs) override;
    void updateChecksum(int rank, const QString &checksum) override;
    void remove(int rank) override;

    // Flyway adoption: copies flyway_schema_history (in the search path) into our table,
    // keeping ranks, checksums (Flyway's CRC32, so they are marked to be re-accepted by repair)
    // and success. Returns the number of rows copied; 0 when there is no Flyway table.
    int adoptFlyway();

private:
    Connection &m_connection;
    bool m_postgres = true;
};
