#include "migrationrunner.h"

#include "db/connection.h"
#include "migrationexecutor.h"
#include "migrationlock.h"
#include "schemahistory.h"

#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QThread>

#include <algorithm>

namespace {
const char LockTimeoutState[] = "55P03";
} // namespace

struct MigrationRunner::Job
{
    MigrationStatusEntry entry;
    MigrationScript script;
    bool down = false;
    QString path; // the script's file
};

MigrationRunner::MigrationRunner(Connection &connection,
                                 QString directory,
                                 MigrationFolder::Dialect dialect,
                                 MigrationRunOptions options)
    : m_connection(connection)
    , m_directory(std::move(directory))
    , m_dialect(dialect)
    , m_options(std::move(options))
{}

QString MigrationRunner::relativePath(const QString &path) const
{
    return QDir(m_folder.directory()).relativeFilePath(path);
}

QString MigrationRunner::label(const Job &job) const
{
    const QString version = job.entry.version.isEmpty() ? QStringLiteral("R") : job.entry.version;
    return QStringLiteral("%1 %2").arg(version, job.entry.description);
}

void MigrationRunner::emitEvent(MigrationEvent::Kind kind, const Job &job, const QString &message, int index, qint64 ms)
{
    if (!m_events)
        return;
    MigrationEvent event;
    event.kind = kind;
    event.version = job.entry.version;
    event.description = job.entry.description;
    event.message = message;
    event.statementIndex = index;
    event.statementCount = job.script.statementCount();
    event.elapsedMs = ms;
    m_events(event);
}

bool MigrationRunner::load(MigrationRunResult &result, bool needHistory)
{
    m_folder = MigrationFolder::read(m_directory, m_dialect);
    if (!m_folder.isValid()) {
        result.outcome = MigrationRunResult::Outcome::InputError;
        result.message = tr("The migration folder %1 has problems; nothing was run:\n%2")
                             .arg(QDir::toNativeSeparators(m_directory), m_folder.errors().join(QLatin1Char('\n')));
        return false;
    }
    QStringList errors;
    m_checksums = MigrationStatus::checksums(m_folder.migrations(), &errors);
    if (!errors.isEmpty()) {
        result.outcome = MigrationRunResult::Outcome::InputError;
        result.message = errors.join(QLatin1Char('\n'));
        return false;
    }
    SchemaHistory history(m_connection);
    m_history = needHistory ? history.read() : QList<HistoryRow>();
    result.status = MigrationStatus::compute(m_folder.migrations(), m_checksums, m_history);
    return true;
}

bool MigrationRunner::checkApplied(MigrationRunResult &result)
{
    QStringList problems;
    for (const MigrationStatusEntry &entry : std::as_const(result.status)) {
        if (entry.state == MigrationStatusEntry::State::ChecksumMismatch)
            problems << tr("%1 %2 changed since it was applied (checksum %3 recorded, %4 on disk); "
                           "restore the file, or review it and run repair")
                            .arg(entry.version, entry.description, entry.history->checksum.left(12),
                                 entry.checksum.left(12));
        else if (entry.state == MigrationStatusEntry::State::MissingFile)
            problems << tr("%1 %2 is recorded as applied but its file is gone (%3)")
                            .arg(entry.version, entry.description, entry.history->script);
        else if (entry.state == MigrationStatusEntry::State::OutOfOrder && !m_options.allowOutOfOrder)
            problems << tr("%1 %2 is pending but older than the newest applied migration; "
                           "pass --allow-out-of-order to apply it")
                            .arg(entry.version, entry.description);
    }
    if (problems.isEmpty())
        return true;
    result.outcome = MigrationRunResult::Outcome::Failed;
    result.message = tr("Validation failed; nothing was run:\n%1").arg(problems.join(QLatin1Char('\n')));
    return false;
}

bool MigrationRunner::prepare(const QList<MigrationStatusEntry> &entries, bool down, QList<Job> &jobs, MigrationRunResult &result)
{
    QStringList problems;
    for (const MigrationStatusEntry &entry : entries) {
        Job job;
        job.entry = entry;
        job.down = down;
        if (!entry.migration || (down && !entry.migration->hasRollback())) {
            problems << tr("%1 %2 has no rollback script").arg(entry.version, entry.description);
            continue;
        }
        QString text;
        QString error;
        const bool read = down ? MigrationFolder::readDown(*entry.migration, &text, &error)
                               : MigrationFolder::readUp(*entry.migration, &text, &error);
        job.path = down ? entry.migration->downPath : entry.migration->upPath;
        if (!read) {
            problems << error;
            continue;
        }
        job.script = MigrationScript::prepare(job.path, text, m_folder.directory(), m_options.variables);
        if (!job.script.isValid()) {
            problems << job.script.error();
            continue;
        }
        jobs << job;
    }
    if (problems.isEmpty())
        return true;
    result.outcome = down && problems.first().contains(tr("has no rollback script"))
                         ? MigrationRunResult::Outcome::Failed
                         : MigrationRunResult::Outcome::InputError;
    result.message = tr("Nothing was run:\n%1").arg(problems.join(QLatin1Char('\n')));
    return false;
}

bool MigrationRunner::lock(MigrationLock &lock, MigrationRunResult &result)
{
    if (lock.acquire(m_options.lockWaitSeconds, &m_stop))
        return true;
    result.outcome = m_stop.load() ? MigrationRunResult::Outcome::Cancelled
                                   : MigrationRunResult::Outcome::LockTimeout;
    result.message = tr("Another migration run holds the lock on this database; gave up after %n second(s).",
                        nullptr, m_options.lockWaitSeconds);
    return false;
}

MigrationRunResult MigrationRunner::status()
{
    MigrationRunResult result;
    load(result, true);
    return result;
}

MigrationRunResult MigrationRunner::validate()
{
    MigrationRunResult result;
    if (!load(result, true) || !checkApplied(result))
        return result;
    QList<MigrationStatusEntry> pending;
    for (const MigrationStatusEntry &entry : std::as_const(result.status)) {
        if (entry.needsRun())
            pending << entry;
    }
    QList<Job> jobs;
    prepare(pending, false, jobs, result);
    return result;
}

MigrationRunResult MigrationRunner::migrate()
{
    MigrationRunResult result;
    MigrationLock runnerLock(m_connection);
    try {
        // The lock comes before reading the history: another runner may be half-way through.
        if (!m_options.dryRun && !lock(runnerLock, result))
            return result;
        if (!load(result, true) || !checkApplied(result))
            return result;
        MigrationVersion target;
        if (!m_options.target.isEmpty() && !MigrationVersion::parse(m_options.target, &target)) {
            result.outcome = MigrationRunResult::Outcome::InputError;
            result.message = tr("--target %1 is not a version (digits separated by . or _)").arg(m_options.target);
            return result;
        }
        QList<MigrationStatusEntry> pending;
        for (const MigrationStatusEntry &entry : std::as_const(result.status)) {
            if (!entry.needsRun() || !entry.migration)
                continue;
            if (!target.isNull() && (entry.migration->isRepeatable() || target < entry.migration->version))
                continue;
            pending << entry;
        }
        QList<Job> jobs;
        if (!prepare(pending, false, jobs, result))
            return result;
        runJobs(jobs, tr("The database is up to date."), result);
    } catch (const DbException &e) {
        result.outcome = MigrationRunResult::Outcome::Failed;
        result.message = e.error().toDisplayString();
    }
    return result;
}

MigrationRunResult MigrationRunner::rollback()
{
    MigrationRunResult result;
    MigrationLock runnerLock(m_connection);
    try {
        if (!m_options.dryRun && !lock(runnerLock, result))
            return result;
        if (!load(result, true))
            return result;
        MigrationVersion target;
        if (m_options.steps <= 0 && !MigrationVersion::parse(m_options.target, &target)) {
            result.outcome = MigrationRunResult::Outcome::InputError;
            result.message = tr("rollback needs --steps N or --target VERSION");
            return result;
        }
        QList<MigrationStatusEntry> applied;
        for (const MigrationStatusEntry &entry : std::as_const(result.status)) {
            using State = MigrationStatusEntry::State;
            if (!entry.version.isEmpty() && entry.history && entry.history->success
                && (entry.state == State::Applied || entry.state == State::ChecksumMismatch
                    || entry.state == State::MissingFile))
                applied.prepend(entry); // newest first
        }
        QList<MigrationStatusEntry> chosen;
        for (const MigrationStatusEntry &entry : std::as_const(applied)) {
            MigrationVersion version;
            MigrationVersion::parse(entry.version, &version);
            if (m_options.steps > 0 ? chosen.size() < m_options.steps : target < version)
                chosen << entry;
        }
        QList<Job> jobs;
        if (!prepare(chosen, true, jobs, result))
            return result;
        runJobs(jobs, tr("Nothing to roll back."), result);
    } catch (const DbException &e) {
        result.outcome = MigrationRunResult::Outcome::Failed;
        result.message = e.error().toDisplayString();
    }
    return result;
}

void MigrationRunner::runJobs(const QList<Job> &jobs, const QString &nothingToDo, MigrationRunResult &result)
{
    MigrationExecutor executor(m_connection, m_options, m_events);
    if (m_options.dryRun) {
        dryRun(executor, jobs, result);
        return;
    }
    executor.watchClient();
    SchemaHistory history(m_connection);
    history.create();
    if (jobs.isEmpty())
        executor.log(nothingToDo);
    for (const Job &job : jobs) {
        const bool ok = job.script.runsOutsideTransaction() ? runOutside(executor, history, job, result)
                                                            : runTransactional(executor, history, job, result);
        if (!ok)
            break;
        result.done << label(job);
    }
    result.status = MigrationStatus::compute(m_folder.migrations(), m_checksums, history.read());
}

bool MigrationRunner::runTransactional(MigrationExecutor &executor, SchemaHistory &history, const Job &job, MigrationRunResult &result)
{
    const bool postgres = executor.isPostgres();
    const QString name = label(job);
    for (int attempt = 0;; ++attempt) {
        emitEvent(MigrationEvent::Kind::MigrationStarted, job, job.down ? tr("Rolling back %1").arg(name) : tr("Applying %1").arg(name));
        QElapsedTimer timer;
        timer.start();
        int index = 0;
        const MigrationStep *current = nullptr;
        try {
            // SQLite: IMMEDIATE takes the write lock now, so a second runner waits here and then
            // sees this migration in the history instead of running it again.
            m_connection.execute(postgres ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"));
            if (!postgres && !job.down) {
                for (const HistoryRow &row : history.read()) {
                    if (!job.entry.version.isEmpty() && row.version == job.entry.version && row.success) {
                        m_connection.rollback();
                        return true;
                    }
                }
            }
            executor.applySettings(true);
            for (const MigrationStep &step : job.script.steps()) {
                if (m_stop.load())
                    throw DbException(DbError::clientError(tr("Stopped on request before %1:%2.").arg(relativePath(step.file)).arg(step.line)));
                current = &step;
                QElapsedTimer statementTimer;
                statementTimer.start();
                executor.run(step);
                if (step.isStatement())
                    emitEvent(MigrationEvent::Kind::StatementFinished, job, {}, ++index, statementTimer.elapsed());
            }
            current = nullptr;
            if (job.down) {
                history.remove(job.entry.history->rank);
            } else {
                HistoryRow row;
                row.version = job.entry.version;
                row.description = job.entry.description;
                row.type = QStringLiteral("SQL");
                row.script = relativePath(job.path);
                row.checksum = job.entry.checksum;
                row.executionMs = timer.elapsed();
                row.success = true;
                // A repeatable migration keeps one row: the old one goes with the re-run.
                if (job.entry.migration->isRepeatable() && job.entry.history)
                    history.remove(job.entry.history->rank);
                history.insert(row);
            }
            m_connection.commit();
            emitEvent(MigrationEvent::Kind::MigrationFinished, job, {}, index, timer.elapsed());
            return true;
        } catch (const DbException &e) {
            try {
                if (m_connection.isOpen() && m_connection.transactionState() != Connection::TransactionState::Idle)
                    m_connection.rollback();
            } catch (const DbException &) {
                // The connection is gone; the server rolled the transaction back itself.
            }
            const DbError &error = e.error();
            if (error.sqlState == QLatin1String(LockTimeoutState) && attempt < m_options.lockRetries && !m_stop.load()) {
                const int pause = 500 << attempt;
                executor.log(tr("%1 waited longer than lock_timeout for a lock; trying again in %2 ms (attempt %3 of %4).")
                                 .arg(name).arg(pause).arg(attempt + 2).arg(m_options.lockRetries + 1),
                             job.entry.version);
                QThread::msleep(pause);
                continue;
            }
            const QString where = current ? QStringLiteral("%1:%2").arg(QDir::toNativeSeparators(current->file)).arg(current->line)
                                          : QDir::toNativeSeparators(job.path);
            result.outcome = m_stop.load() || error.cancelled ? MigrationRunResult::Outcome::Cancelled
                                                              : MigrationRunResult::Outcome::Failed;
            result.message = tr("%1 failed at %2 and was rolled back; the database and the history are as before it.\n%3")
                                 .arg(name, where, error.toDisplayString());
            emitEvent(MigrationEvent::Kind::MigrationFailed, job, result.message, index, timer.elapsed());
            return false;
        }
    }
}

bool MigrationRunner::runOutside(MigrationExecutor &executor, SchemaHistory &history, const Job &job, MigrationRunResult &result)
{
    const QString name = label(job);
    const QList<MigrationStep> &steps = job.script.steps();
    const int total = job.script.statementCount();
    emitEvent(MigrationEvent::Kind::MigrationStarted, job,
              job.down ? tr("Rolling back %1 statement by statement, outside a transaction").arg(name)
                       : tr("Applying %1 statement by statement, outside a transaction").arg(name));
    QElapsedTimer timer;
    timer.start();
    int rank = 0;
    int done = 0;
    qint64 earlierMs = 0;
    if (!job.down && job.entry.state == MigrationStatusEntry::State::Failed && job.entry.history) {
        rank = job.entry.history->rank;
        done = qMax(0, job.entry.history->statementsDone);
        earlierMs = job.entry.history->executionMs;
        executor.log(tr("Resuming %1 at statement %2 of %3.").arg(name).arg(done + 1).arg(total), job.entry.version);
        if (job.entry.history->checksum != job.entry.checksum)
            history.updateChecksum(rank, job.entry.checksum);
    } else if (!job.down) {
        HistoryRow row;
        row.version = job.entry.version;
        row.description = job.entry.description;
        row.type = QStringLiteral("SQL");
        row.script = relativePath(job.path);
        row.checksum = job.entry.checksum;
        row.success = false;
        row.statementsDone = 0;
        row.statementsTotal = total;
        rank = history.insert(row);
    }
    executor.applySettings(false);
    int index = 0;
    for (const MigrationStep &step : steps) {
        if (step.isStatement() && index++ < done)
            continue; // finished in an earlier run
        if (m_stop.load()) {
            result.outcome = MigrationRunResult::Outcome::Cancelled;
            result.message = tr("%1 stopped on request after %2 of %3 statements; migrate resumes it.")
                                 .arg(name).arg(done).arg(total);
            executor.resetSettings();
            return false;
        }
        try {
            if (!job.down) {
                const QString cleaned = executor.dropInvalidIndex(step);
                if (!cleaned.isEmpty())
                    executor.log(cleaned, job.entry.version);
            }
            QElapsedTimer statementTimer;
            statementTimer.start();
            executor.run(step);
            if (!step.isStatement())
                continue;
            ++done;
            if (rank > 0)
                history.updateProgress(rank, done, false, earlierMs + timer.elapsed());
            emitEvent(MigrationEvent::Kind::StatementFinished, job, {}, done, statementTimer.elapsed());
        } catch (const DbException &e) {
            result.outcome = e.error().cancelled ? MigrationRunResult::Outcome::Cancelled
                                                 : MigrationRunResult::Outcome::Failed;
            result.message = tr("%1 failed at %2:%3 after %4 of %5 statements had run; those stay done "
                                "and the next migrate resumes at this statement.\n%6")
                                 .arg(name, QDir::toNativeSeparators(step.file))
                                 .arg(step.line)
                                 .arg(done)
                                 .arg(total)
                                 .arg(e.error().toDisplayString());
            emitEvent(MigrationEvent::Kind::MigrationFailed, job, result.message, done, timer.elapsed());
            try {
                executor.resetSettings();
            } catch (const DbException &) {
                // Lost connection: the settings went with the session.
            }
            return false;
        }
    }
    executor.resetSettings();
    if (job.down)
        history.remove(job.entry.history->rank);
    else
        history.updateProgress(rank, done, true, earlierMs + timer.elapsed());
    emitEvent(MigrationEvent::Kind::MigrationFinished, job, {}, done, timer.elapsed());
    return true;
}

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
        taken[lock.first] = qMax(taken.value(lock.first, -1), MigrationExecutor::lockStrength(lock.second));
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

void MigrationRunner::dryRun(MigrationExecutor &executor, const QList<Job> &jobs, MigrationRunResult &result)
{
    // Everything in one transaction, so later migrations see what earlier ones did; a savepoint
    // per migration keeps one failure from hiding the rest. The transaction is always rolled back.
    m_connection.begin();
    int failures = 0;
    // Migrations that must run outside a transaction are listed, not run; what comes after them
    // may fail only because they did not run, so such failures are reported as possibly that.
    QString skipped;
    try {
        executor.applySettings(true);
        for (const Job &job : jobs) {
            // Between migrations: a stopped dry run is rolled back like any other.
            if (m_stop.load()) {
                result.outcome = MigrationRunResult::Outcome::Cancelled;
                result.message = tr("The dry run was stopped on request before %1; nothing was changed.").arg(label(job));
                break;
            }
            const bool outside = job.script.runsOutsideTransaction();
            emitEvent(MigrationEvent::Kind::MigrationStarted, job, tr("Dry run of %1").arg(label(job)));
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
                                         : tr("runs outside a transaction: %1").arg(executor.documentedLock(step.nonTransactional));
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
                    emitEvent(MigrationEvent::Kind::StatementFinished, job, {}, ++index, statement.elapsedMs);
                } catch (const DbException &e) {
                    statement.failed = true;
                    statement.note = e.error().toDisplayString();
                    statement.mayFollowFromSkipped = !skipped.isEmpty();
                    if (!skipped.isEmpty())
                        statement.note += QLatin1Char('\n')
                                          + tr("This may only be because %1 runs outside a transaction and "
                                               "was not run by the dry run.").arg(skipped);
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
        ++failures;
        result.message = e.error().toDisplayString();
    }
    try {
        m_connection.rollback();
    } catch (const DbException &) {
        // Lost connection: nothing was committed either way.
    }
    if (failures > 0 && result.outcome != MigrationRunResult::Outcome::Cancelled) {
        result.outcome = MigrationRunResult::Outcome::Failed;
        if (result.message.isEmpty())
            result.message = tr("The dry run found %n failing migration(s); nothing was changed.", nullptr, failures);
    }
}

MigrationRunResult MigrationRunner::baseline(const QString &version, bool fromFlyway)
{
    MigrationRunResult result;
    MigrationLock runnerLock(m_connection);
    try {
        if (!lock(runnerLock, result) || !load(result, true))
            return result;
        SchemaHistory history(m_connection);
        if (!m_history.isEmpty()) {
            result.outcome = MigrationRunResult::Outcome::Failed;
            result.message = tr("%1 already has %n row(s); baseline only starts an empty history.", nullptr, int(m_history.size()))
                                 .arg(history.tableName());
            return result;
        }
        if (fromFlyway) {
            m_connection.begin();
            const int copied = history.adoptFlyway();
            if (copied == 0) {
                m_connection.rollback();
                result.outcome = MigrationRunResult::Outcome::Failed;
                result.message = tr("There is no flyway_schema_history table (or it is empty) in the search path.");
                return result;
            }
            // Flyway's CRC32 cannot be compared with our SHA-256: the files as they are now are
            // taken as the ones Flyway applied.
            for (const HistoryRow &row : history.read()) {
                for (const Migration &migration : m_folder.migrations()) {
                    MigrationVersion recorded;
                    if (!migration.isRepeatable() && MigrationVersion::parse(row.version, &recorded)
                        && recorded == migration.version)
                        history.updateChecksum(row.rank, m_checksums.value(migration.upPath));
                    else if (migration.isRepeatable() && row.version.isEmpty() && row.description == migration.description)
                        history.updateChecksum(row.rank, m_checksums.value(migration.upPath));
                }
            }
            m_connection.commit();
            result.done << tr("Adopted %n row(s) of flyway_schema_history.", nullptr, copied);
        } else {
            MigrationVersion parsed;
            if (!MigrationVersion::parse(version, &parsed)) {
                result.outcome = MigrationRunResult::Outcome::InputError;
                result.message = tr("baseline needs --version VERSION (digits separated by . or _), or --from-flyway");
                return result;
            }
            history.create();
            HistoryRow row;
            row.version = version;
            row.description = QStringLiteral("<< baseline >>");
            row.type = QStringLiteral("BASELINE");
            row.script = QStringLiteral("<< baseline >>");
            history.insert(row);
            result.done << tr("Baseline at version %1.").arg(version);
        }
        result.status = MigrationStatus::compute(m_folder.migrations(), m_checksums, history.read());
    } catch (const DbException &e) {
        result.outcome = MigrationRunResult::Outcome::Failed;
        result.message = e.error().toDisplayString();
    }
    return result;
}

MigrationRunResult MigrationRunner::repair()
{
    MigrationRunResult result;
    MigrationLock runnerLock(m_connection);
    try {
        if (!lock(runnerLock, result) || !load(result, true))
            return result;
        SchemaHistory history(m_connection);
        m_connection.begin();
        for (const MigrationStatusEntry &entry : std::as_const(result.status)) {
            if (entry.state == MigrationStatusEntry::State::Failed) {
                history.remove(entry.history->rank);
                result.done << tr("Removed the failed row of %1 %2.").arg(entry.version, entry.description);
            } else if (entry.state == MigrationStatusEntry::State::ChecksumMismatch) {
                history.updateChecksum(entry.history->rank, entry.checksum);
                result.done << tr("Accepted the current checksum of %1 %2.").arg(entry.version, entry.description);
            }
        }
        m_connection.commit();
        result.status = MigrationStatus::compute(m_folder.migrations(), m_checksums, history.read());
    } catch (const DbException &e) {
        result.outcome = MigrationRunResult::Outcome::Failed;
        result.message = e.error().toDisplayString();
    }
    return result;
}
