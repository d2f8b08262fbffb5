#include "migrationrunner.h"

#include "db/connection.h"
#include "historystore.h"
#include "liquibasepreconditions.h"
#include "lint/projectconfig.h"
#include "logcategories.h"
#include "migrationexecutor.h"
#include "migrationlock.h"
#include "owntransaction.h"
#include "sqitchchange.h"

#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QScopeGuard>
#include <QSet>
#include <QThread>

#include <algorithm>
#include <optional>

namespace {

const char LockTimeoutState[] = "55P03";

} // namespace

MigrationRunner::MigrationRunner(Connection &connection,
                                 QString directory,
                                 MigrationFolder::Dialect dialect,
                                 MigrationRunOptions options)
    : m_connection(connection)
    , m_directory(std::move(directory))
    , m_dialect(dialect)
    , m_options(std::move(options))
{}

HistoryStore &MigrationRunner::history()
{
    if (!m_store || m_store->tool() != m_tool)
        m_store = HistoryStore::open(m_tool, m_connection, m_folder.migrations());
    return *m_store;
}

// Out of line: HistoryStore is only declared in the header.
MigrationRunner::~MigrationRunner() = default;

QString MigrationRunner::relativePath(const QString &path) const
{
    return QDir(m_folder.directory()).relativeFilePath(path);
}

QString MigrationRunner::label(const Job &job) const
{
    const QString version = job.entry.version.isEmpty() ? QStringLiteral("R") : job.entry.version;
    return QStringLiteral("%1 %2").arg(version, job.entry.description);
}

void MigrationRunner::emitEvent(
    MigrationEvent::Kind kind, const Job &job, const QString &message, int index, qint64 ms)
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
    using Outcome = MigrationRunResult::Outcome;
    using Cause = MigrationRunResult::Cause;
    m_folder = MigrationFolder::read(m_directory, m_dialect);
    if (!m_folder.isValid()) {
        result.fail(Outcome::InputError,
                    Cause::Input,
                    tr("The migration folder %1 has problems; nothing was run:\n%2")
                        .arg(QDir::toNativeSeparators(m_directory),
                             m_folder.errors().join(QLatin1Char('\n'))));
        return false;
    }
    m_history.clear();
    // --tool first, then the folder's slipway.json ("tool"), then detection.
    std::optional<MigrationTool> requested = m_options.tool;
    if (!requested) {
        ProjectConfig config;
        QString error;
        if (!ProjectConfig::load(m_folder.directory(), &config, &error)) {
            result.fail(Outcome::InputError, Cause::Input, error);
            return false;
        }
        requested = config.tool;
    }
    m_tool = requested.value_or(MigrationTools::forFolder(m_folder));
    if (needHistory) {
        m_store.reset();
        try {
            QString error;
            const std::optional<MigrationTool> tool = MigrationTools::resolve(m_connection,
                                                                              m_folder,
                                                                              requested,
                                                                              &error);
            if (!tool) {
                result.fail(Outcome::InputError, Cause::History, error);
                return false;
            }
            m_tool = *tool;
            result.historyTable = history().tableName();
            m_history = history().read();
            result.toolNotice = history().toolNotice();
        } catch (const DbException &e) {
            result.fail(Outcome::Failed,
                        Cause::History,
                        tr("Could not read the migration history %1; nothing was run:\n%2")
                            .arg(m_store ? m_store->tableName() : MigrationTools::title(m_tool),
                                 e.error().toDisplayString()));
            return false;
        }
    }
    // The files' checksums as the tool's table records them (Flyway's CRC32, else SHA-256).
    QStringList errors;
    m_checksums = MigrationStatus::checksums(m_folder.migrations(),
                                             &errors,
                                             [this](const Migration &migration,
                                                    const QByteArray &file) {
                                                 return history().checksum(migration, file);
                                             });
    if (!errors.isEmpty()) {
        result.fail(Outcome::InputError, Cause::Input, errors.join(QLatin1Char('\n')));
        return false;
    }
    result.tool = m_tool;
    result.status = MigrationStatus::compute(m_folder.migrations(), m_checksums, m_history);
    return true;
}

// Resuming runs the file's statements from number statements_done + 1: that is only sound for the
// file whose first statements did run. With none done, the changed file simply runs from the start.
bool MigrationRunner::changedAfterFailure(const MigrationStatusEntry &entry)
{
    return entry.state == MigrationStatusEntry::State::Failed && entry.history && entry.migration
           && entry.history->statementsDone > 0 && entry.history->checksum != entry.checksum;
}

bool MigrationRunner::checkApplied(MigrationRunResult &result)
{
    QStringList problems;
    QStringList resumeProblems;
    for (const MigrationStatusEntry &entry : std::as_const(result.status)) {
        if (entry.state == MigrationStatusEntry::State::ChecksumMismatch)
            problems << tr("%1 %2 changed since it was applied (checksum %3 recorded, %4 on disk); "
                           "restore the file, or review it and run repair")
                            .arg(entry.version,
                                 entry.description,
                                 entry.history->checksum.left(12),
                                 entry.checksum.left(12));
        else if (entry.state == MigrationStatusEntry::State::MissingFile)
            problems << tr("%1 %2 is recorded as applied but its file is gone (%3)")
                            .arg(entry.version, entry.description, entry.history->script);
        else if (entry.state == MigrationStatusEntry::State::OutOfOrder
                 && !m_options.allowOutOfOrder)
            problems << tr("%1 %2 is pending but older than the newest applied migration; "
                           "pass --allow-out-of-order to apply it")
                            .arg(entry.version, entry.description);
        else if (changedAfterFailure(entry))
            resumeProblems
                << tr("%1 %2 stopped part-way after %3 of its %4 statements, and its file "
                      "%5 has changed since (checksum %6 recorded, %7 on disk). A changed "
                      "file cannot be resumed at a statement number: restore the file as "
                      "it was, or check by hand what the finished statements did to the "
                      "database and run `slipway-cli repair` to clear the failed attempt, "
                      "after which migrate runs the file from its first statement.")
                       .arg(entry.version,
                            entry.description,
                            QString::number(entry.history->statementsDone),
                            QString::number(entry.history->statementsTotal),
                            QDir::toNativeSeparators(entry.migration->upPath),
                            entry.history->checksum.left(12),
                            entry.checksum.left(12));
    }
    if (problems.isEmpty() && resumeProblems.isEmpty())
        return true;
    result.fail(MigrationRunResult::Outcome::Failed,
                problems.isEmpty() ? MigrationRunResult::Cause::ChangedAfterFailure
                                   : MigrationRunResult::Cause::Validation,
                tr("Validation failed; nothing was run:\n%1")
                    .arg((problems + resumeProblems).join(QLatin1Char('\n'))));
    return false;
}

bool MigrationRunner::prepare(const QList<MigrationStatusEntry> &entries,
                              bool down,
                              QList<Job> &jobs,
                              MigrationRunResult &result)
{
    QStringList problems;
    bool firstIsNoRollback = false;
    for (const MigrationStatusEntry &entry : entries) {
        Job job;
        job.entry = entry;
        job.down = down;
        if (!entry.migration || (down && !entry.migration->hasRollback())) {
            firstIsNoRollback = firstIsNoRollback || problems.isEmpty();
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
        // Sqitch runs its scripts with psql --set registry=<schema>; scripts may use :registry.
        MigrationScript::Variables variables = m_options.variables;
        if (entry.migration->sqitchChange
            && !variables.contains(QStringLiteral("registry")))
            variables.insert(QStringLiteral("registry"), entry.migration->sqitchChange->registry);
        job.script = MigrationScript::prepare(job.path, text, m_folder.directory(), variables);
        if (!job.script.isValid()) {
            problems << job.script.error();
            continue;
        }
        jobs << job;
    }
    if (problems.isEmpty())
        return true;
    // A missing down script is a fact about the folder, not a mistake in what was typed.
    const bool missingDown = down && firstIsNoRollback;
    result.fail(missingDown ? MigrationRunResult::Outcome::Failed
                            : MigrationRunResult::Outcome::InputError,
                missingDown ? MigrationRunResult::Cause::NoRollbackScript
                            : MigrationRunResult::Cause::Input,
                tr("Nothing was run:\n%1").arg(problems.join(QLatin1Char('\n'))));
    return false;
}

bool MigrationRunner::lock(MigrationLock &lock, MigrationRunResult &result)
{
    if (lock.acquire(m_options.lockWaitSeconds, &m_stop))
        return true;
    result.fail(
        m_stop.load() ? MigrationRunResult::Outcome::Cancelled
                      : MigrationRunResult::Outcome::LockTimeout,
        MigrationRunResult::Cause::Lock,
        tr("Another migration run holds the lock on this database; gave up after %n second(s).",
           nullptr,
           m_options.lockWaitSeconds));
    return false;
}

// The tool's own lock too, once load() has told whose history this is, and the history read again
// under it: the tool may have been half-way through a run of its own.
bool MigrationRunner::lockTool(MigrationLock &lock, MigrationRunResult &result)
{
    if (!lock.isHeld())
        return true;
    const QList<qint64> keys = history().toolLockKeys();
    if (keys.isEmpty())
        return lockToolTable(result);
    if (lock.acquireToolKeys(keys, m_options.lockWaitSeconds, &m_stop))
        return reloadHistory(result);
    result.fail(m_stop.load() ? MigrationRunResult::Outcome::Cancelled
                              : MigrationRunResult::Outcome::LockTimeout,
                MigrationRunResult::Cause::Lock,
                tr("%1 itself is migrating this database (it holds its lock); gave up after %n "
                   "second(s).",
                   nullptr,
                   m_options.lockWaitSeconds)
                    .arg(MigrationTools::title(m_tool)));
    return false;
}

// The runner sends BEGIN, COMMIT and ROLLBACK itself: on a session with a transaction of its own
// it would commit or roll back someone else's work, so it does not start there.
bool MigrationRunner::checkSession(MigrationRunResult &result)
{
    QString problem;
    switch (m_connection.transactionState()) {
    case Connection::TransactionState::Idle:
        return true;
    case Connection::TransactionState::InTransaction:
        problem = tr(
            "This session has a transaction open. Migrations send their own BEGIN and "
            "COMMIT, which would commit or roll back that work; COMMIT or ROLLBACK it first, "
            "or run the migrations on a connection of their own.");
        break;
    case Connection::TransactionState::Failed:
        problem = tr("This session is in a failed transaction. ROLLBACK it first, or run the "
                     "migrations on a connection of their own.");
        break;
    case Connection::TransactionState::Unknown:
        problem = tr("The state of this session's transaction is unknown (is it connected?); "
                     "the migrations need an idle session.");
        break;
    }
    result.fail(MigrationRunResult::Outcome::Failed,
                MigrationRunResult::Cause::SessionBusy,
                tr("Nothing was run: %1").arg(problem));
    return false;
}

// A tool whose lock is a row of a table (Liquibase) is polled like the advisory locks; the row is
// given back when the run ends (ToolTableLock), and stays taken only if the runner dies.
bool MigrationRunner::lockToolTable(MigrationRunResult &result)
{
    QElapsedTimer waited;
    waited.start();
    QString holder;
    while (!(m_toolTableLocked = history().takeToolLock(&holder))) {
        if (m_stop.load() || waited.elapsed() >= qint64(m_options.lockWaitSeconds) * 1000) {
            result.fail(m_stop.load() ? MigrationRunResult::Outcome::Cancelled
                                      : MigrationRunResult::Outcome::LockTimeout,
                        MigrationRunResult::Cause::Lock,
                        tr("%1 is migrating this database, or died while it did; gave up after "
                           "%n second(s).",
                           nullptr,
                           m_options.lockWaitSeconds)
                                .arg(MigrationTools::title(m_tool))
                            + (holder.isEmpty() ? QString() : QLatin1Char('\n') + holder));
            return false;
        }
        QThread::msleep(200);
    }
    return reloadHistory(result);
}

// Under the tool's lock only the history can have changed since load(): the folder and its
// checksums stand, the same store reads the table again.
bool MigrationRunner::reloadHistory(MigrationRunResult &result)
{
    try {
        m_history = history().read();
        result.toolNotice = history().toolNotice();
    } catch (const DbException &e) {
        result.fail(MigrationRunResult::Outcome::Failed,
                    MigrationRunResult::Cause::History,
                    tr("Could not read the migration history %1; nothing was run:\n%2")
                        .arg(history().tableName(), e.error().toDisplayString()));
        return false;
    }
    result.status = MigrationStatus::compute(m_folder.migrations(), m_checksums, m_history);
    return true;
}

void MigrationRunner::releaseToolTable()
{
    if (!m_toolTableLocked)
        return;
    m_toolTableLocked = false;
    try {
        history().releaseToolLock();
    } catch (const DbException &e) {
        qCWarning(lcMigrations) << "could not give back" << MigrationTools::title(m_tool)
                                << "lock:" << e.error().toDisplayString();
    }
}

// A database error outside a migration's own handling: reading the history, taking the lock.
void MigrationRunner::databaseError(MigrationRunResult &result, const DbException &e)
{
    result.fail(MigrationRunResult::Outcome::Failed,
                MigrationRunResult::Cause::Database,
                e.error().toDisplayString());
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
    try {
        if (!load(result, true) || !checkApplied(result))
            return result;
        QList<MigrationStatusEntry> pending;
        for (const MigrationStatusEntry &entry : std::as_const(result.status)) {
            if (entry.needsRun())
                pending << entry;
        }
        QList<Job> jobs;
        prepare(pending, false, jobs, result);
    } catch (const DbException &e) {
        databaseError(result, e);
    }
    return result;
}

MigrationRunResult MigrationRunner::migrate()
{
    MigrationRunResult result;
    if (!checkSession(result))
        return result;
    MigrationLock runnerLock(m_connection);
    const auto toolTable = qScopeGuard([this] { releaseToolTable(); });
    try {
        // The lock comes before reading the history: another runner may be half-way through.
        if (!m_options.dryRun && !lock(runnerLock, result))
            return result;
        if (!load(result, true) || !lockTool(runnerLock, result) || !checkApplied(result))
            return result;
        MigrationVersion target;
        if (!m_options.target.isEmpty() && !MigrationVersion::parse(m_options.target, &target)) {
            result.fail(MigrationRunResult::Outcome::InputError,
                        MigrationRunResult::Cause::Input,
                        tr("--target %1 is not a version (digits separated by . or _)")
                            .arg(m_options.target));
            return result;
        }
        QList<MigrationStatusEntry> pending;
        for (const MigrationStatusEntry &entry : std::as_const(result.status)) {
            if (!entry.needsRun() || !entry.migration)
                continue;
            if (!target.isNull()
                && (entry.migration->isRepeatable() || target < entry.migration->version))
                continue;
            pending << entry;
        }
        QList<Job> jobs;
        if (!prepare(pending, false, jobs, result))
            return result;
        runJobs(jobs, tr("The database is up to date."), result);
    } catch (const DbException &e) {
        databaseError(result, e);
    }
    return result;
}

MigrationRunResult MigrationRunner::rollback()
{
    MigrationRunResult result;
    if (!checkSession(result))
        return result;
    MigrationLock runnerLock(m_connection);
    const auto toolTable = qScopeGuard([this] { releaseToolTable(); });
    try {
        if (!m_options.dryRun && !lock(runnerLock, result))
            return result;
        if (!load(result, true) || !lockTool(runnerLock, result))
            return result;
        MigrationVersion target;
        if (m_options.steps <= 0 && !MigrationVersion::parse(m_options.target, &target)) {
            result.fail(MigrationRunResult::Outcome::InputError,
                        MigrationRunResult::Cause::Input,
                        tr("rollback needs --steps N or --target VERSION"));
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
        databaseError(result, e);
    }
    return result;
}

void MigrationRunner::runJobs(const QList<Job> &jobs,
                              const QString &nothingToDo,
                              MigrationRunResult &result)
{
    MigrationExecutor executor(m_connection, m_options, m_events);
    if (m_options.dryRun) {
        dryRun(executor, jobs, result);
        return;
    }
    executor.watchClient();
    HistoryStore &history = this->history();
    history.create();
    if (jobs.isEmpty())
        executor.log(nothingToDo);
    for (const Job &job : jobs) {
        if (!job.down && job.entry.migration && job.entry.migration->changeSet
            && !job.entry.migration->changeSet->sqlChecks.isEmpty()) {
            const auto [action, message] = LiquibasePreconditions::evaluate(
                m_connection, *job.entry.migration->changeSet);
            using Action = LiquibasePreconditions::Outcome::Action;
            if (!message.isEmpty())
                executor.log(message, job.entry.version);
            if (action == Action::Halt) {
                result.fail(MigrationRunResult::Outcome::Failed,
                            MigrationRunResult::Cause::MigrationFailed,
                            tr("%1\nNothing of it was run; the migrations before it stay applied.")
                                .arg(message));
                break;
            }
            if (action == Action::Skip)
                continue;
            if (action == Action::MarkRan) {
                HistoryRow row;
                row.version = job.entry.version;
                row.description = job.entry.description;
                row.type = QStringLiteral("MARK_RAN");
                row.script = relativePath(job.path);
                row.checksum = job.entry.checksum;
                history.insert(row);
                result.done << label(job);
                continue;
            }
        }
        const bool ok = job.script.runsOutsideTransaction()
                            ? runOutside(executor, history, job, result)
                            : runTransactional(executor, history, job, result);
        if (!ok)
            break;
        result.done << label(job);
    }
    result.status = MigrationStatus::compute(m_folder.migrations(), m_checksums, history.read());
}

bool MigrationRunner::runTransactional(MigrationExecutor &executor,
                                       HistoryStore &history,
                                       const Job &job,
                                       MigrationRunResult &result)
{
    const bool postgres = executor.isPostgres();
    const QString name = label(job);
    for (int attempt = 0;; ++attempt) {
        emitEvent(MigrationEvent::Kind::MigrationStarted,
                  job,
                  job.down ? tr("Rolling back %1").arg(name) : tr("Applying %1").arg(name));
        QElapsedTimer timer;
        timer.start();
        int index = 0;
        const MigrationStep *current = nullptr;
        std::optional<OwnTransaction> transaction;
        try {
            // SQLite: IMMEDIATE takes the write lock now, so a second runner waits here and then
            // sees this migration in the history instead of running it again.
            transaction.emplace(m_connection,
                                postgres ? QStringLiteral("BEGIN")
                                         : QStringLiteral("BEGIN IMMEDIATE"));
            if (!postgres && !job.down) {
                for (const HistoryRow &row : history.read()) {
                    if (!job.entry.version.isEmpty() && row.version == job.entry.version
                        && row.success)
                        return true; // applied by another runner meanwhile; rolled back unused
                }
            }
            executor.applySettings(true);
            for (const MigrationStep &step : job.script.steps()) {
                if (m_stop.load())
                    throw DbException(DbError::clientError(
                        tr("Stopped on request before %1:%2.")
                            .arg(relativePath(step.file), QString::number(step.line))));
                current = &step;
                QElapsedTimer statementTimer;
                statementTimer.start();
                executor.run(step);
                if (step.isStatement())
                    emitEvent(MigrationEvent::Kind::StatementFinished,
                              job,
                              {},
                              ++index,
                              statementTimer.elapsed());
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
            transaction->commit();
            emitEvent(MigrationEvent::Kind::MigrationFinished, job, {}, index, timer.elapsed());
            return true;
        } catch (const DbException &e) {
            if (transaction)
                transaction->rollback();
            const DbError &error = e.error();
            if (error.sqlState == QLatin1String(LockTimeoutState) && attempt < m_options.lockRetries
                && !m_stop.load()) {
                const int pause = 500 << attempt;
                executor.log(tr("%1 waited longer than lock_timeout for a lock; trying again in %2 "
                                "ms (attempt %3 of %4).")
                                 .arg(name,
                                      QString::number(pause),
                                      QString::number(attempt + 2),
                                      QString::number(m_options.lockRetries + 1)),
                             job.entry.version);
                QThread::msleep(pause);
                continue;
            }
            QString where = QDir::toNativeSeparators(current ? current->file : job.path);
            if (current)
                where += QLatin1Char(':') + QString::number(current->line);
            result.fail(m_stop.load() || error.cancelled ? MigrationRunResult::Outcome::Cancelled
                                                         : MigrationRunResult::Outcome::Failed,
                        MigrationRunResult::Cause::MigrationFailed,
                        tr("%1 failed at %2 and was rolled back; the database and the history are "
                           "as before it.\n%3")
                            .arg(name, where, error.toDisplayString()));
            emitEvent(MigrationEvent::Kind::MigrationFailed,
                      job,
                      result.message,
                      index,
                      timer.elapsed());
            return false;
        }
    }
}

bool MigrationRunner::runOutside(MigrationExecutor &executor,
                                 HistoryStore &history,
                                 const Job &job,
                                 MigrationRunResult &result)
{
    const QString name = label(job);
    const QList<MigrationStep> &steps = job.script.steps();
    const int total = job.script.statementCount();
    emitEvent(MigrationEvent::Kind::MigrationStarted,
              job,
              job.down
                  ? tr("Rolling back %1 statement by statement, outside a transaction").arg(name)
                  : tr("Applying %1 statement by statement, outside a transaction").arg(name));
    QElapsedTimer timer;
    timer.start();
    int rank = 0;
    int done = 0;
    qint64 earlierMs = 0;
    const bool resuming = !job.down && job.entry.state == MigrationStatusEntry::State::Failed
                          && job.entry.history;
    if (resuming) {
        rank = job.entry.history->rank;
        done = qMax(0, job.entry.history->statementsDone);
        earlierMs = job.entry.history->executionMs;
        executor.log(tr("Resuming %1 at statement %2 of %3.")
                         .arg(name, QString::number(done + 1), QString::number(total)),
                     job.entry.version);
        // checkApplied() refused a changed file with statements done; with none done the
        // changed file runs from its first statement, and the row records what runs.
        if (job.entry.history->checksum != job.entry.checksum) {
            Q_ASSERT(done == 0);
            history.updateChecksum(rank, job.entry.checksum);
        }
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
    // The statement a resumed run stopped at may have finished in the server backend of a killed
    // runner after the runner died (its VALID index is then taken as done), or may be running in
    // another session; it is checked once, before it runs again.
    bool checkPredecessor = resuming;
    int index = 0;
    for (const MigrationStep &step : steps) {
        if (step.isStatement() && index++ < done)
            continue; // finished in an earlier run
        if (m_stop.load()) {
            result.fail(MigrationRunResult::Outcome::Cancelled,
                        MigrationRunResult::Cause::Stopped,
                        tr("%1 stopped on request after %2 of %3 statements; migrate resumes it.")
                            .arg(name, QString::number(done), QString::number(total)));
            executor.resetSettings();
            return false;
        }
        try {
            if (checkPredecessor && step.isStatement()) {
                checkPredecessor = false;
                QString note;
                if (!executor.awaitPredecessor(step, &m_stop, &note)) {
                    const QString file = QDir::toNativeSeparators(step.file);
                    const QString where = file + QLatin1Char(':') + QString::number(step.line);
                    result.fail(m_stop.load() ? MigrationRunResult::Outcome::Cancelled
                                              : MigrationRunResult::Outcome::LockTimeout,
                                MigrationRunResult::Cause::Lock,
                                tr("%1 was not resumed at %2: %3. Wait for it to end, or end it "
                                   "with SELECT pg_terminate_backend(pid), and run migrate again.")
                                    .arg(name, where, note));
                    emitEvent(MigrationEvent::Kind::MigrationFailed,
                              job,
                              result.message,
                              done,
                              timer.elapsed());
                    executor.resetSettings();
                    return false;
                }
                switch (executor.existingValidIndex(step, &note)) {
                case MigrationExecutor::ExistingIndex::None:
                    break;
                case MigrationExecutor::ExistingIndex::Equal:
                    executor.log(note, job.entry.version);
                    ++done;
                    history.updateProgress(rank, done, false, earlierMs + timer.elapsed());
                    emitEvent(MigrationEvent::Kind::StatementFinished, job, {}, done, 0);
                    continue;
                case MigrationExecutor::ExistingIndex::Different:
                    throw DbException(DbError::clientError(note));
                }
            }
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
            emitEvent(MigrationEvent::Kind::StatementFinished,
                      job,
                      {},
                      done,
                      statementTimer.elapsed());
        } catch (const DbException &e) {
            result.fail(e.error().cancelled ? MigrationRunResult::Outcome::Cancelled
                                            : MigrationRunResult::Outcome::Failed,
                        MigrationRunResult::Cause::MigrationFailed,
                        tr("%1 failed at %2:%3 after %4 of %5 statements had run; those stay done "
                           "and the next migrate resumes at this statement.\n%6")
                            .arg(name,
                                 QDir::toNativeSeparators(step.file),
                                 QString::number(step.line),
                                 QString::number(done),
                                 QString::number(total),
                                 e.error().toDisplayString()));
            emitEvent(MigrationEvent::Kind::MigrationFailed,
                      job,
                      result.message,
                      done,
                      timer.elapsed());
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
