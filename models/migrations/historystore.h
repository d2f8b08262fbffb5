#pragma once

#include "historyrow.h"
#include "migrationtool.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

class Connection;
struct Migration;

// A migration history table as the runner sees it, whoever's it is: rows in the order they were
// applied, each identified by a rank that is valid until the next read(). Slipway's own table
// keeps everything (checksums, per-statement progress); a tool's table keeps what the tool keeps,
// and Slipway's extra knowledge about the migrations it ran goes to ToolHistoryNotes beside it.
// Every write is one or a few statements on the caller's session, so the caller decides whether
// they join the migration's transaction. Runs on the connection's thread.
class HistoryStore
{
public:
    virtual ~HistoryStore() = default;

    // `migrations`: the folder's, in order; tools that keep only the newest version
    // (golang-migrate) need them to tell which migrations that version implies.
    static std::unique_ptr<HistoryStore> open(MigrationTool tool,
                                              Connection &connection,
                                              const QList<Migration> &migrations);

    virtual MigrationTool tool() const = 0;
    virtual QString tableName() const = 0;
    // Every relation and schema the tool's bookkeeping owns, for comparisons of a schema that
    // must leave them out (the rehearsal's before and after): "table", "schema.table", or
    // "schema." for a whole schema of its own. Slipway's own schema is never listed.
    virtual QStringList bookkeeping() const { return {tableName()}; }
    // The checksum this table records for a migration file (and status compares): Slipway's
    // SHA-256 unless the tool has its own.
    virtual QString checksum(const QByteArray &file) const;
    // The checksum of one migration whose file holds `file`: checksum(file) unless the tool
    // checksums a part of a file (Liquibase's changesets).
    virtual QString checksum(const Migration &migration, const QByteArray &file) const;
    // The advisory lock keys (pg_advisory_lock(bigint)) the tool itself takes while it
    // migrates, so the tool and Slipway never run at once; none when the tool takes none.
    virtual QList<qint64> toolLockKeys() { return {}; }
    // A tool that locks with a row of a table instead (Liquibase's databasechangeloglock): take it,
    // committed so the tool sees it at once; false, with *holder saying who has it, while another
    // process does. releaseToolLock() gives it back.
    virtual bool takeToolLock(QString *holder)
    {
        Q_UNUSED(holder)
        return true;
    }
    virtual void releaseToolLock() {}
    // What the tool would say of the whole history beyond its rows ("locked by … since …"), or
    // empty.
    virtual QString toolNotice() { return {}; }
    virtual bool exists() = 0;
    virtual void create() = 0; // idempotent
    virtual QList<HistoryRow> read() = 0;
    // A new row: a finished migration (success), or one that starts running statement by
    // statement outside a transaction (not success, statementsDone 0). Returns its rank.
    virtual int insert(const HistoryRow &row) = 0;
    virtual void updateProgress(int rank, int statementsDone, bool success, qint64 executionMs) = 0;
    virtual void updateChecksum(int rank, const QString &checksum) = 0;
    virtual void remove(int rank) = 0; // a rolled-back or repaired migration
};
