// The dry run of MigrationRunner: every pending migration in one transaction that is rolled back,
// with the locks each statement takes.

#include "migrationrunner.h"

#include "db/connection.h"
#include "migrationexecutor.h"
#include "owntransaction.h"

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

void MigrationRunner::dryRun(MigrationExecutor &executor,
                             const QList<Job> &jobs,
                             MigrationRunResult &result)
{
    // Everything in one transaction, so later migrations see what earlier ones did; a savepoint
    // per migration keeps one failure from hiding the rest. The transaction is always rolled back.
    OwnTransaction transaction(m_connection);
    int failures = 0;
    // Migrations that must run outside a transaction are listed, not run; what comes after them
    // may fail only because they did not run, so such failures are reported as possibly that.
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
            if (!outside)
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
                if (outside) {
                    skipped = label(job);
                    statement.outsideTransaction = true;
                    statement.note = step.nonTransactional.isEmpty()
                                         ? tr("runs outside a transaction")
                                         : tr("runs outside a transaction: %1")
                                               .arg(executor.documentedLock(step.nonTransactional));
                    result.dryRun << statement;
                    continue;
                }
                try {
                    QElapsedTimer timer;
                    timer.start();
                    const QueryOutcome outcome = executor.run(step);
                    statement.elapsedMs = timer.elapsed();
                    statement.rowsAffected = outcome.rowsAffected;
                    const QList<QPair<QString, QString>> now = executor.heldLocks();
                    for (const auto &lock : now) {
                        if (!held.contains(lock))
                            statement.locks << lock;
                    }
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
                               + tr("This may only be because %1 runs outside a transaction and "
                                    "was not run by the dry run.")
                                     .arg(skipped);
                    else
                        ++failures;
                    result.dryRun << statement;
                    m_connection.execute(QStringLiteral("ROLLBACK TO SAVEPOINT slipway_dry_run"));
                    break;
                }
            }
            if (!outside)
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
    if (failures > 0 && result.outcome != MigrationRunResult::Outcome::Cancelled) {
        result.fail(MigrationRunResult::Outcome::Failed,
                    MigrationRunResult::Cause::DryRunFailed,
                    tr("The dry run found %n failing migration(s); nothing was changed.",
                       nullptr,
                       failures));
    }
}
