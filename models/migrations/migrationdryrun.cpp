// The dry run of MigrationRunner: every pending migration in one transaction that is rolled back,
// with the locks each statement takes.

#include "migrationrunner.h"

#include "db/connection.h"
#include "migrationexecutor.h"
#include "owntransaction.h"
#include "sql/dryrunequivalent.h"

#include <QElapsedTimer>
#include <QHash>

// pg_locks lists a lock once per transaction, so a statement that needs a lock an earlier
// statement of the dry run already took shows nothing new (V006's SET NOT NULL after V005 locked
// the table). In the real run each migration is its own transaction and takes it again; so for
// each table the statement names without a new lock, the strongest lock held on it is listed too,
// marked as held from earlier.
void MigrationRunner::addHeldLocks(DryRunStatement &statement,
                                   const QList<QPair<QString, QString>> &held,
                                   const QStringList &relations)
{
    QHash<QString, int> taken; // the strongest lock the statement newly took, per relation
    for (const auto &lock : std::as_const(statement.locks))
        taken[lock.first] = qMax(taken.value(lock.first, -1),
                                 MigrationExecutor::lockStrength(lock.second));
    QHash<QString, QString> strongest;
    for (const auto &lock : held) {
        const QString name = lock.first.section(QLatin1Char('.'), -1).remove(QLatin1Char('"'));
        const int strength = MigrationExecutor::lockStrength(lock.second);
        if (relations.contains(name) && strength > taken.value(lock.first, -1)
            && strength > MigrationExecutor::lockStrength(strongest.value(lock.first)))
            strongest.insert(lock.first, lock.second);
    }
    // Only locks stronger than what the statement visibly took: they are what it may wait for.
    for (auto it = strongest.cbegin(); it != strongest.cend(); ++it)
        statement.locks.append({it.key(), tr("%1 (held from earlier)").arg(it.value())});
}

DryRunSummary DryRunSummary::of(const QList<DryRunStatement> &statements)
{
    DryRunSummary summary;
    for (const DryRunStatement &statement : statements) {
        if (statement.failed)
            ++summary.failed;
        else if (statement.rehearsal == DryRunStatement::Rehearsal::NotRehearsed)
            summary.notRehearsed << QStringLiteral("%1 %2 (%3:%4)")
                                        .arg(statement.version, statement.description,
                                             statement.file)
                                        .arg(statement.line);
        else if (statement.wasRun())
            ++summary.passed;
    }
    return summary;
}

// A statement PostgreSQL refuses in a transaction: run its in-transaction equivalent, or say
// why it is not rehearsed. Returns the SQL to run; empty when nothing runs.
QString MigrationRunner::prepareRehearsal(const MigrationStep &step,
                                          MigrationExecutor &executor,
                                          DryRunStatement &statement)
{
    statement.outsideTransaction = true;
    if (step.control == MigrationStep::Control::BeginOrCommit) {
        statement.rehearsal = DryRunStatement::Rehearsal::TransactionControl;
        statement.note = tr("not sent: the dry run's own transaction stands in for it");
        return {};
    }
    if (step.control == MigrationStep::Control::Other) {
        statement.rehearsal = DryRunStatement::Rehearsal::NotRehearsed;
        statement.note = tr("not rehearsed: the dry run cannot end or split its own transaction");
        return {};
    }
    if (step.nonTransactional.isEmpty())
        return step.sql; // a plain statement of a migration that runs statement by statement
    const QString lock = executor.documentedLock(step.nonTransactional);
    const QString equivalent = DryRunEquivalent::of(step.sql, step.nonTransactional);
    if (equivalent.isEmpty()) {
        statement.rehearsal = DryRunStatement::Rehearsal::NotRehearsed;
        statement.note = tr("not rehearsed: %1 cannot run in the dry run's transaction; it takes %2")
                             .arg(step.nonTransactional, lock);
        return {};
    }
    statement.rehearsal = DryRunStatement::Rehearsal::Equivalent;
    statement.rehearsedAs = equivalent;
    statement.note = tr("rehearsed without CONCURRENTLY; the real statement takes %1").arg(lock);
    return equivalent;
}

void MigrationRunner::dryRun(MigrationExecutor &executor,
                             const QList<Job> &jobs,
                             MigrationRunResult &result)
{
    // Everything in one transaction, so later migrations see what earlier ones did; a savepoint
    // per migration keeps one failure from hiding the rest. The transaction is always rolled back.
    OwnTransaction transaction(m_connection);
    // A failure after a statement that was not rehearsed may follow from it alone: say so.
    QString skipped;
    try {
        executor.applySettings(true);
        for (const Job &job : jobs) {
            // Between migrations: a stopped dry run is rolled back like any other.
            if (m_stop.load()) {
                result.fail(MigrationRunResult::Outcome::Cancelled,
                            MigrationRunResult::Cause::Stopped,
                            tr("The dry run was stopped on request before %1; nothing was changed.")
                                .arg(label(job)));
                break;
            }
            const bool outside = job.script.runsOutsideTransaction();
            emitEvent(MigrationEvent::Kind::MigrationStarted,
                      job,
                      tr("Dry run of %1").arg(label(job)));
            int index = 0;
            m_connection.execute(QStringLiteral("SAVEPOINT slipway_dry_run"));
            QList<QPair<QString, QString>> held = executor.heldLocks();
            for (const MigrationStep &step : job.script.steps()) {
                if (!step.isStatement())
                    continue;
                DryRunStatement statement;
                statement.version = job.entry.version;
                statement.description = job.entry.description;
                statement.file = relativePath(step.file);
                statement.line = step.line;
                statement.sql = step.sql;
                MigrationStep run = step;
                if (outside) {
                    run.sql = prepareRehearsal(step, executor, statement);
                    if (run.sql.isEmpty()) {
                        if (statement.rehearsal == DryRunStatement::Rehearsal::NotRehearsed)
                            skipped = label(job);
                        result.dryRun << statement;
                        continue;
                    }
                    run.nonTransactional.clear();
                }
                try {
                    QElapsedTimer timer;
                    timer.start();
                    const QueryOutcome outcome = executor.run(run);
                    statement.elapsedMs = timer.elapsed();
                    statement.rowsAffected = outcome.rowsAffected;
                    const QList<QPair<QString, QString>> now = executor.heldLocks();
                    for (const auto &lock : now) {
                        if (!held.contains(lock))
                            statement.locks << lock;
                    }
                    if (statement.rehearsal == DryRunStatement::Rehearsal::Equivalent)
                        useRealLockMode(statement, step.nonTransactional);
                    else
                        addHeldLocks(statement, now, MigrationExecutor::relationNames(step.sql));
                    held = now;
                    result.dryRun << statement;
                    emitEvent(MigrationEvent::Kind::StatementFinished,
                              job,
                              {},
                              ++index,
                              statement.elapsedMs);
                } catch (const DbException &e) {
                    statement.failed = true;
                    statement.note = e.error().toDisplayString();
                    statement.mayFollowFromSkipped = !skipped.isEmpty();
                    if (!skipped.isEmpty())
                        statement.note
                            += QLatin1Char('\n')
                               + tr("This may only be because a statement of %1 was not "
                                    "rehearsed.")
                                     .arg(skipped);
                    result.dryRun << statement;
                    m_connection.execute(QStringLiteral("ROLLBACK TO SAVEPOINT slipway_dry_run"));
                    break;
                }
            }
            m_connection.execute(QStringLiteral("RELEASE SAVEPOINT slipway_dry_run"));
        }
    } catch (const DbException &e) {
        transaction.rollback();
        result.fail(MigrationRunResult::Outcome::Failed,
                    MigrationRunResult::Cause::Database,
                    e.error().toDisplayString());
        return;
    }
    transaction.rollback();
    const DryRunSummary summary = DryRunSummary::of(result.dryRun);
    if (summary.failed > 0 && result.outcome != MigrationRunResult::Outcome::Cancelled) {
        result.fail(MigrationRunResult::Outcome::Failed,
                    MigrationRunResult::Cause::DryRunFailed,
                    tr("The dry run found %n failing statement(s); nothing was changed.",
                       nullptr,
                       summary.failed));
    }
}

// The equivalent took stronger locks than the real statement will (CREATE INDEX takes SHARE where
// CREATE INDEX CONCURRENTLY takes SHARE UPDATE EXCLUSIVE): report the real mode on the same
// relations.
void MigrationRunner::useRealLockMode(DryRunStatement &statement, const QString &reason)
{
    const QString mode = DryRunEquivalent::realLockMode(reason);
    QList<QPair<QString, QString>> real;
    for (const auto &lock : std::as_const(statement.locks)) {
        const QPair<QString, QString> mapped{lock.first, mode};
        if (!real.contains(mapped))
            real << mapped;
    }
    statement.locks = real;
}
