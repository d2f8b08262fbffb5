#pragma once

#include "migrationrun.h"

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

#include <atomic>
#include <functional>

class Connection;
struct QueryOutcome;

// Runs the steps of a prepared script on a connection: statements, COPY data and \echo lines,
// the session settings every migration gets (lock_timeout, statement_timeout), the relation
// locks the session holds (for the dry run) and the clean-up of an INVALID index left by a
// failed CREATE INDEX CONCURRENTLY. The caller owns transactions and the history.
class MigrationExecutor
{
    Q_DECLARE_TR_FUNCTIONS(MigrationExecutor)

public:
    using EventSink = std::function<void(const MigrationEvent &)>;

    MigrationExecutor(Connection &connection, const MigrationRunOptions &options, EventSink events);

    bool isPostgres() const;
    // SET [LOCAL] lock_timeout / statement_timeout for the options; nothing on SQLite.
    void applySettings(bool local);
    void resetSettings();
    // PostgreSQL 14+: have the server check every second that this client is still there, so a
    // killed runner's statement (and its locks and transaction) end at once, not when it finishes.
    void watchClient();

    // Runs one step (an Echo step only logs). Throws DbException.
    QueryOutcome run(const MigrationStep &step);

    // Relation locks this session holds now, as "schema.table" → mode (system catalogs left out).
    QList<QPair<QString, QString>> heldLocks();
    // True for heldLocks' name of a relation the statement dropped ("relation 48022 (dropped)").
    static bool isDroppedRelation(const QString &name);
    // The relations a statement names (RangeVar nodes), unqualified, for matching held locks.
    static QStringList relationNames(const QString &sql);
    // PostgreSQL's table lock modes ordered weakest (0) to strongest (7); -1 for others.
    static int lockStrength(const QString &mode);
    // What PostgreSQL documents for statements that cannot run in a transaction.
    static QString documentedLock(const QString &nonTransactionalReason);

    // When `step` is a CREATE INDEX CONCURRENTLY whose index exists and is INVALID (a build that
    // failed or was killed), drops it concurrently so the statement can run again. Returns what it
    // did for the log, or an empty string.
    QString dropInvalidIndex(const MigrationStep &step);

    // Resuming at `step`: another backend of this database may still be running it. A killed
    // runner's backend goes on until it notices its client is gone, but it also holds the runner
    // lock, so the lock wait has outlasted it by now; what remains are builds other sessions
    // started (a person, a tool that takes no runner lock). Waits for every such backend to end,
    // up to lockWaitSeconds, logging its progress; never ends it: it is not ours to end. Returns
    // false when one is still running at the deadline or on a stop request, with `*blocker`
    // describing it.
    bool awaitPredecessor(const MigrationStep &step,
                          const std::atomic<bool> *stop,
                          QString *blocker);

    enum class ExistingIndex { None, Equal, Different };
    // Resuming at a CREATE INDEX CONCURRENTLY: whether its index already exists and is VALID
    // (its build finished but its statement was never recorded as done) and matches the
    // statement by schema, name, table, method, uniqueness, key columns and whether it is partial.
    // Key expressions, the predicate, operator classes, sort order, INCLUDE columns and storage
    // options are not compared. `*note` says what was found, for the log or the error.
    ExistingIndex existingValidIndex(const MigrationStep &step, QString *note);

    void log(const QString &message, const QString &version = {});

private:
    Connection &m_connection;
    const MigrationRunOptions &m_options;
    EventSink m_events;
};
