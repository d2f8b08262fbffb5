#pragma once

#include "historystore.h"
#include "toolhistorynotes.h"

#include <QByteArray>

// Flyway's flyway_schema_history, read and written as Flyway does (docs/history-tables.md §3):
// ten columns, installed_rank counting from 1, the version with '_' written as '.', the
// description from the file name, the script relative to the folder, Flyway's CRC32 checksum
// stored as a signed integer, execution_time in milliseconds. A migration running outside a
// transaction has its row with success false until its last statement (Flyway itself refuses to
// run over such a row, as it should); how far it got is in Slipway's notes. A repeatable
// migration gets a new row on every run, as in Flyway. Schema and baseline markers are read,
// never written.
class FlywayHistory : public HistoryStore
{
public:
    FlywayHistory(Connection &connection,
                  const QString &table = QStringLiteral("flyway_schema_history"));

    MigrationTool tool() const override { return MigrationTool::Flyway; }
    QString tableName() const override { return m_table; }
    QString checksum(const QByteArray &file) const override { return crc32Checksum(file); }
    bool exists() override;
    void create() override;
    QList<HistoryRow> read() override;
    int insert(const HistoryRow &row) override;
    void updateProgress(int rank, int statementsDone, bool success, qint64 executionMs) override;
    void updateChecksum(int rank, const QString &checksum) override;
    void remove(int rank) override;
    // Flyway's own advisory lock on PostgreSQL (PostgreSQLAdvisoryLockTemplate): "Flyway" as a
    // number plus the Java hashCode of the table's quoted name, "schema"."table".
    QList<qint64> toolLockKeys() override;
    static qint64 lockKey(const QString &schema, const QString &table);

    // Flyway's checksum: CRC-32 of the file's lines without their terminators (a leading BOM
    // dropped), as a signed 32-bit number.
    static QString crc32Checksum(const QByteArray &file);

private:
    Connection &m_connection;
    QString m_table;
    ToolHistoryNotes m_notes;
};
