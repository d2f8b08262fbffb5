#pragma once

#include "historystore.h"
#include "toolhistorynotes.h"

#include <QHash>

// Prisma Migrate's _prisma_migrations, read and written as `prisma migrate deploy` does
// (docs/history-tables.md §4): a row per attempt, id a random UUID, checksum the SHA-256 hex of
// migration.sql as it is on disk, started_at when it began, finished_at and applied_steps_count 1
// when it finished. A row neither finished nor rolled back is a failed migration (Prisma's P3009:
// `migrate deploy` refuses to go on); a row with rolled_back_at no longer counts. A rollback
// sets rolled_back_at, as `prisma migrate resolve --rolled-back` does; rows are never deleted.
// The migration's name is its folder's name.
class PrismaHistory : public HistoryStore
{
public:
    explicit PrismaHistory(Connection &connection);

    MigrationTool tool() const override { return MigrationTool::Prisma; }
    QString tableName() const override { return QStringLiteral("_prisma_migrations"); }
    QString checksum(const QByteArray &file) const override;
    // migrate deploy's own: pg_advisory_lock(72707369).
    QList<qint64> toolLockKeys() override { return {72707369}; }
    bool exists() override;
    void create() override;
    QList<HistoryRow> read() override;
    int insert(const HistoryRow &row) override;
    void updateProgress(int rank, int statementsDone, bool success, qint64 executionMs) override;
    void updateChecksum(int rank, const QString &checksum) override;
    void remove(int rank) override;

private:
    Connection &m_connection;
    ToolHistoryNotes m_notes;
    QHash<int, QString> m_idByRank; // ranks stand for row ids until the next read()
    QHash<int, QString> m_nameByRank;
};
