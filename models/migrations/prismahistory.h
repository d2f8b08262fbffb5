#pragma once

#include "historystore.h"
#include "migration.h"
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
    // `migrations`: the folder's, for what the row's checksum is compared with.
    PrismaHistory(Connection &connection, const QList<Migration> &migrations = {});

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

    // Prisma's script_matches_checksum (prisma-engines, migration-core checksum.rs): a checksum
    // of the file as it is, or with its line ends turned LF→CRLF or CRLF→LF, is the file's, so
    // a checkout on another platform does not read as edited.
    static bool matches(const QByteArray &file, const QString &checksum);

private:
    Connection &m_connection;
    QHash<QString, QString> m_pathByName; // migration folder name → migration.sql
    ToolHistoryNotes m_notes;
    QHash<int, QString> m_idByRank; // ranks stand for row ids until the next read()
    QHash<int, QString> m_nameByRank;
};
