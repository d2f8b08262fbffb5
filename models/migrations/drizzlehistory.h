#pragma once

#include "toolhistorystore.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>

// Drizzle's drizzle.__drizzle_migrations (drizzle-orm 0.x's PostgreSQL migrator,
// docs/history-tables.md §5a): id SERIAL, hash (SHA-256 hex of the file as read), created_at
// (the journal's "when", in milliseconds). One row per applied migration, written as the
// migrator writes it, in the migration's transaction; schema drizzle and the table are created
// as the migrator creates them. A migration running outside a transaction gets its row when it
// finishes; until then only Slipway's notes know of it. A rollback deletes the row.
//
// Reading: a row is the folder migration whose "when" equals its created_at, which is how the
// migrator tells what ran (among several with that "when", or when none has it, the one whose
// file has the row's hash). A row matching no file is a missing file; its version is made up so
// that it sorts where its created_at falls among the folder's migrations ("0003.7": after 0003,
// row id 7), since Drizzle's migrator compares nothing but the newest created_at: a pending
// migration older than that is silently skipped by Drizzle, and Slipway's status reports it
// out of order. PostgreSQL only.
class DrizzleHistory : public ToolHistoryStore
{
    Q_DECLARE_TR_FUNCTIONS(DrizzleHistory)

public:
    DrizzleHistory(Connection &connection, const QList<Migration> &migrations);

    MigrationTool tool() const override { return MigrationTool::Drizzle; }
    // The migrator's own schema, its table and the table's id sequence.
    QStringList bookkeeping() const override { return {QStringLiteral("drizzle.")}; }
    QString checksum(const QByteArray &file) const override { return hash(file); }
    void create() override;
    QList<HistoryRow> read() override;
    int insert(const HistoryRow &row) override;
    void updateChecksum(int rank, const QString &checksum) override;

    // Drizzle's hash: SHA-256 (hex) of the file's text as the migrator reads it. drizzle-orm 0.x
    // hashes the bytes as they are (a BOM and CRLF line ends included); one later revision first
    // turns CRLF into LF, so a row with that hash of a file counts as the file's too.
    static QString hash(const QByteArray &file);

protected:
    void writeApplied(const QString &version) override;
    void writeStarted(const QString &) override {}
    void removeApplied(const QString &version) override;

private:
    struct FileHashes
    {
        QString asIs;
        QString lf; // CRLF read as LF
    };
    const FileHashes &fileHashes(const Migration &migration);
    bool hasHash(const Migration &migration, const QString &hash);
    const Migration *migrationOf(const QString &version) const;
    // The folder migration a row stands for; null when none.
    const Migration *match(const QString &hash, const QString &createdAt);
    QString madeUpVersion(const QString &createdAt, qint64 id) const;

    QList<Migration> m_byTime;                    // the folder's, by "when"
    QHash<QString, FileHashes> m_hashesByPath;    // read once per store
    QHash<QString, QList<qint64>> m_idsByVersion; // the table's rows, as last read or written
    QHash<int, QString> m_versionByRank;
    QHash<QString, QString> m_hashByVersion; // the checksum of what ran, from insert()
};
