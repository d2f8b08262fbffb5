#include "deploychecks.h"
#include "deploychecktext.h"
#include "logcategories.h"

#include "db/conninfo.h"
#include "db/localcluster.h"
#include "db/pgconnection.h"
#include "deploy/pgbackup.h"
#include "deploy/schemasnapshot.h"
#include "lint/folderlinter.h"
#include "lint/linter.h"
#include "lint/liveschema.h"
#include "lint/projectconfig.h"
#include "migrations/historystore.h"
#include "migrations/migrationexecutor.h"
#include "migrations/migrationrunner.h"
#include "schema/sqlidentifier.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QLocale>
#include <QMap>
#include <QSet>

#include <algorithm>

using DeployCheckText::cell;
using DeployCheckText::destructive;
using DeployCheckText::number;

// Makes a runner reachable for requestStop() while it runs; a stop asked before it started
// reaches it at once.
class DeployChecks::RunnerScope
{
public:
    RunnerScope(DeployChecks &checks, MigrationRunner &runner)
        : m_checks(checks)
    {
        std::lock_guard lock(m_checks.m_runnerMutex);
        m_checks.m_activeRunner = &runner;
        if (m_checks.m_stop.load())
            runner.requestStop();
    }
    ~RunnerScope()
    {
        std::lock_guard lock(m_checks.m_runnerMutex);
        m_checks.m_activeRunner = nullptr;
    }
    RunnerScope(const RunnerScope &) = delete;
    RunnerScope &operator=(const RunnerScope &) = delete;

private:
    DeployChecks &m_checks;
};

DeployChecks::DeployChecks(const DeployTarget &target,
                           QString workDirectory,
                           QString rehearsalConninfo,
                           MigrationRunOptions options)
    : m_target(target)
    , m_workDirectory(std::move(workDirectory))
    , m_rehearsalConninfo(std::move(rehearsalConninfo))
    , m_options(std::move(options))
{}

DeployChecks::~DeployChecks()
{
    if (m_sandbox) {
        try {
            m_sandbox->stop();
        } catch (const LocalCluster::Error &e) {
            // Nothing else to do; the next start cleans a stale sandbox up.
            qCWarning(lcDeploy) << "rehearsal sandbox did not stop:" << e.what();
        }
    }
}

void DeployChecks::requestStop()
{
    m_stop.store(true);
    std::lock_guard lock(m_runnerMutex);
    if (m_activeRunner)
        m_activeRunner->requestStop();
}

void DeployChecks::report(const QString &step, int percent) const
{
    if (m_progress)
        m_progress(step, percent);
}

QStringList DeployChecks::touchedTables() const
{
    if (m_dryRun.isEmpty())
        return m_touchedTables;
    QSet<QString> touched;
    for (const DryRunStatement &statement : std::as_const(m_dryRun)) {
        for (const auto &lock : statement.locks) {
            if (!MigrationExecutor::isDroppedRelation(lock.first))
                touched.insert(lock.first);
        }
    }
    QStringList tables(touched.cbegin(), touched.cend());
    std::sort(tables.begin(), tables.end());
    return tables;
}

QJsonObject DeployChecks::knowledge() const
{
    QJsonObject times;
    for (auto it = m_rehearsalMs.cbegin(); it != m_rehearsalMs.cend(); ++it)
        times.insert(it.key(), double(it.value()));
    return {{QStringLiteral("dump"), m_dumpPath},
            {QStringLiteral("backup_verified"), m_backupVerified},
            {QStringLiteral("rehearsal_ms"), times},
            {QStringLiteral("touched_tables"), QJsonArray::fromStringList(touchedTables())},
            {QStringLiteral("pending"), m_pendingLoaded || !m_pending.isEmpty() ? QJsonValue(QJsonArray::fromStringList(m_pending)) : QJsonValue()}};
}

int DeployChecks::pendingCount(const QJsonObject &knowledge)
{
    const QJsonValue pending = knowledge.value(QStringLiteral("pending"));
    return pending.isArray() ? int(pending.toArray().size()) : -1;
}

void DeployChecks::restoreKnowledge(const QJsonObject &knowledge)
{
    m_dumpPath = knowledge.value(QStringLiteral("dump")).toString();
    // A verified backup counts only while its file is still there.
    m_backupVerified = knowledge.value(QStringLiteral("backup_verified")).toBool() && QFile::exists(m_dumpPath);
    m_rehearsalMs.clear();
    const QJsonObject times = knowledge.value(QStringLiteral("rehearsal_ms")).toObject();
    for (auto it = times.constBegin(); it != times.constEnd(); ++it)
        m_rehearsalMs.insert(it.key(), qint64(it.value().toDouble()));
    m_touchedTables.clear();
    for (const QJsonValue &table : knowledge.value(QStringLiteral("touched_tables")).toArray())
        m_touchedTables << table.toString();
    // For the count only: the checks that need the pending list load it again (not m_pendingLoaded).
    m_pending.clear();
    for (const QJsonValue &migration : knowledge.value(QStringLiteral("pending")).toArray())
        m_pending << migration.toString();
}

CheckResult DeployChecks::finish(CheckResult result, qint64 elapsedMs)
{
    result.elapsedMs = elapsedMs;
    result.finishedAt = QDateTime::currentDateTimeUtc();
    return result;
}

CheckResult DeployChecks::stopped(CheckResult result) const
{
    if (m_stop.load() && !result.passed()) {
        result.status = CheckResult::Status::Cancelled;
        result.summary = tr("Cancelled: %1").arg(result.summary);
    }
    return result;
}

CheckResult DeployChecks::run(const QString &kind, const DeploySession &session)
{
    if (kind == QLatin1String("pending"))
        return stopped(pending());
    if (kind == QLatin1String("lint-clean"))
        return stopped(lintClean(session.lintSignOffs()));
    if (kind == QLatin1String("backup"))
        return stopped(backup());
    if (kind == QLatin1String("rehearsal"))
        return stopped(rehearsal());
    if (kind == QLatin1String("impact"))
        return stopped(impact());
    if (kind == QLatin1String("verify"))
        return stopped(verify());
    CheckResult unknown;
    unknown.status = CheckResult::Status::Failed;
    unknown.summary = tr("unknown check \"%1\"").arg(kind);
    return unknown;
}

void DeployChecks::runPhase(DeploySession &session, ChecklistItem::Phase phase, const ItemDone &done,
                            const ItemStarted &started)
{
    // Checks build on each other (the rehearsal needs the restored backup, the impact the dry run
    // and the rehearsal's timings), so they run in that order whatever the checklist's order.
    QList<ChecklistItem> items;
    for (const ChecklistItem &item : session.checklist().items()) {
        if (item.phase == phase && !item.isManual())
            items << item;
    }
    std::stable_sort(items.begin(), items.end(), [](const ChecklistItem &a, const ChecklistItem &b) {
        return Checklist::automatedKinds().indexOf(a.kind) < Checklist::automatedKinds().indexOf(b.kind);
    });
    for (const ChecklistItem &item : std::as_const(items)) {
        if (m_stop.load())
            break;
        CheckResult running;
        running.status = CheckResult::Status::Running;
        session.setResult(item.id, running);
        if (started)
            started(item);
        const CheckResult result = run(item.kind, session);
        session.setResult(item.id, result);
        if (done)
            done(item, result);
    }
}

DeployExecution DeployChecks::apply(const std::function<void(const MigrationEvent &)> &events)
{
    DeployExecution execution;
    execution.started = QDateTime::currentDateTimeUtc();
    try {
        PgConnection connection(m_target.conninfo);
        connection.open();
        MigrationRunner runner(connection, m_target.migrationDirectory, m_target.dialect, m_options);
        // Each migration's time on the target, for the report beside the rehearsal's.
        runner.setEventSink([&](const MigrationEvent &event) {
            if (event.kind == MigrationEvent::Kind::MigrationFinished)
                execution.elapsedMs.insert(event.version, event.elapsedMs);
            if (events)
                events(event);
        });
        const RunnerScope scope(*this, runner);
        const MigrationRunResult result = runner.migrate();
        execution.applied = result.done;
        execution.message = result.message;
        execution.outcome = result.ok() ? DeployExecution::Outcome::Applied
                            : result.outcome == MigrationRunResult::Outcome::Cancelled ? DeployExecution::Outcome::Cancelled
                                                                                       : DeployExecution::Outcome::Failed;
    } catch (const DbException &e) {
        execution.outcome = DeployExecution::Outcome::Failed;
        execution.message = e.error().toDisplayString();
    }
    execution.finished = QDateTime::currentDateTimeUtc();
    return execution;
}

bool DeployChecks::loadPending(QString *error)
{
    if (m_pendingLoaded)
        return true;
    try {
        PgConnection connection(m_target.conninfo);
        connection.open();
        report(tr("Dry run of the pending migrations"), -1);
        MigrationRunOptions options = m_options;
        options.dryRun = true;
        MigrationRunner runner(connection, m_target.migrationDirectory, m_target.dialect, options);
        // How many migrations there are is known only once the runner has read the folder, so
        // the bar stays busy and the step names the migration being tried.
        runner.setEventSink([this](const MigrationEvent &event) {
            if (event.kind == MigrationEvent::Kind::MigrationStarted)
                report(event.message, -1);
        });
        const MigrationRunResult result = [&] {
            const RunnerScope scope(*this, runner);
            return runner.migrate();
        }();
        if (result.outcome == MigrationRunResult::Outcome::Cancelled) {
            *error = result.message;
            return false;
        }
        if (result.outcome == MigrationRunResult::Outcome::InputError
            || (result.outcome == MigrationRunResult::Outcome::Failed && result.dryRun.isEmpty())) {
            *error = result.message;
            return false;
        }
        m_dryRun = result.dryRun;
        m_pending.clear();
        m_pendingFiles.clear();
        for (const MigrationStatusEntry &entry : result.status) {
            if (entry.needsRun() && entry.migration) {
                m_pending << (entry.version.isEmpty() ? QStringLiteral("R ") : entry.version + QLatin1Char(' ')) + entry.description;
                m_pendingFiles << entry.migration->upPath;
            }
        }
        report(tr("Linting the migration folder"), 80);
        LintOptions lintOptions;
        ProjectConfig config;
        if (ProjectConfig::load(m_target.migrationDirectory, &config, error))
            config.applyTo(&lintOptions);
        const KnownSchema schema = LiveSchema::load(connection);
        lintOptions.pgVersion = qBound(LintOptions::MinPgVersion, schema.serverVersion, LintOptions::MaxPgVersion);
        Linter linter(lintOptions, schema);
        QStringList problems;
        const MigrationFolder folder = MigrationFolder::read(m_target.migrationDirectory, m_target.dialect);
        m_findings.clear();
        // The whole folder is linted (later migrations learn from earlier ones); only the pending
        // ones' findings count for this deploy.
        for (const Finding &finding : FolderLinter::lint(folder, linter, &problems)) {
            if (m_pendingFiles.contains(finding.file))
                m_findings << finding;
        }
    } catch (const DbException &e) {
        *error = e.error().toDisplayString();
        return false;
    }
    error->clear();
    m_pendingLoaded = true;
    return true;
}

bool DeployChecks::requirePending(CheckResult &result)
{
    QString error;
    if (loadPending(&error))
        return true;
    result.status = CheckResult::Status::Failed;
    result.summary = tr("The migrations cannot run as they are: %1").arg(error.section(QLatin1Char('\n'), 0, 0));
    result.evidence = QStringLiteral("```\n%1\n```\n").arg(error);
    return false;
}

CheckResult DeployChecks::pending()
{
    QElapsedTimer timer;
    timer.start();
    m_pendingLoaded = false;
    CheckResult result;
    if (!requirePending(result))
        return finish(result, timer.elapsed());
    QString evidence;
    if (m_pending.isEmpty()) {
        evidence += tr("The database is up to date; nothing will run.\n");
    } else {
        evidence += tr("#### Migrations that will run\n\n");
        for (const QString &migration : std::as_const(m_pending))
            evidence += QStringLiteral("- %1\n").arg(migration);
    }
    int errors = 0;
    if (!m_findings.isEmpty()) {
        evidence += tr("\n#### Lint findings\n\n| Severity | Where | Rule | Message |\n|---|---|---|---|\n");
        for (const Finding &finding : std::as_const(m_findings)) {
            errors += finding.isError() ? 1 : 0;
            evidence += QStringLiteral("| %1 | %2:%3 | %4 | %5 |\n")
                            .arg(Finding::severityName(finding.severity), cell(QDir(m_target.migrationDirectory).relativeFilePath(finding.file)))
                            .arg(finding.line)
                            .arg(finding.rule, cell(finding.message));
        }
    }
    const DryRunSummary summary = DryRunSummary::of(m_dryRun);
    int doubtful = 0; // failures that may only follow from a statement the dry run could not run
    if (!m_dryRun.isEmpty()) {
        evidence += tr("\n#### Dry run (rolled back)\n\n| Where | ms | Rows | Locks taken |\n|---|---:|---:|---|\n");
        for (const DryRunStatement &statement : std::as_const(m_dryRun)) {
            QStringList locks;
            for (const auto &lock : statement.locks)
                locks << lock.second + QLatin1Char(' ') + lock.first;
            QString what = statement.failed || !statement.wasRun() ? statement.note : locks.join(QStringLiteral(", "));
            if (statement.rehearsal == DryRunStatement::Rehearsal::Equivalent)
                what += QLatin1String("; ") + statement.note;
            doubtful += statement.failed && statement.mayFollowFromSkipped ? 1 : 0;
            evidence += QStringLiteral("| %1:%2 | %3 | %4 | %5%6 |\n")
                            .arg(cell(statement.file))
                            .arg(statement.line)
                            .arg(statement.wasRun() ? QString::number(statement.elapsedMs) : QString())
                            .arg(statement.rowsAffected > 0 ? number(statement.rowsAffected) : QString())
                            .arg(statement.failed ? tr("**failed:** ") : QString(), cell(what));
        }
        if (!summary.notRehearsed.isEmpty()) {
            evidence += tr("\n#### Not rehearsed by the dry run\n\n");
            for (const QString &statement : summary.notRehearsed)
                evidence += QStringLiteral("- %1\n").arg(statement);
            evidence += tr("\nThe rehearsal on a restored copy runs them as the deploy will.\n");
        }
    }
    result.evidence = evidence;
    // A statement that fails in the dry run would fail for real: that is not "the migrations
    // run", unless it may only follow from one the dry run could not run (a warning). What the
    // dry run could not try is a warning too: the rehearsal on a restored copy covers it.
    const int failed = summary.failed - doubtful;
    result.status = failed > 0 ? CheckResult::Status::Failed
                    : doubtful > 0 || !summary.notRehearsed.isEmpty() ? CheckResult::Status::Warning
                                                                       : CheckResult::Status::Passed;
    result.summary = tr("%n migration(s) to run", nullptr, int(m_pending.size()))
                     + tr(", %n lint error(s)", nullptr, errors)
                     + (failed > 0 ? tr(", %n statement(s) failed in the dry run", nullptr, failed) : QString())
                     + (doubtful > 0 ? tr(", %n statement(s) failed perhaps only because of one not rehearsed", nullptr, doubtful) : QString())
                     + (summary.notRehearsed.isEmpty() ? QString()
                        : tr(", %n statement(s) not rehearsed in the dry run (the rehearsal on a restored copy runs them)",
                             nullptr, int(summary.notRehearsed.size())));
    return finish(result, timer.elapsed());
}

CheckResult DeployChecks::lintClean(const QHash<QString, SignOff> &signOffs)
{
    QElapsedTimer timer;
    timer.start();
    CheckResult result;
    if (!requirePending(result))
        return finish(result, timer.elapsed());
    report(tr("Reading the lint findings and their sign-offs"), -1);
    QStringList open;
    QStringList accepted;
    for (const Finding &finding : std::as_const(m_findings)) {
        if (!finding.isError())
            continue;
        const QString file = QDir(m_target.migrationDirectory).relativeFilePath(finding.file);
        const QString key = DeploySession::lintKey(finding.rule, file, finding.line);
        const QString line = QStringLiteral("`%1` %2:%3: %4").arg(finding.rule, file).arg(finding.line).arg(finding.message);
        if (signOffs.contains(key) && !signOffs.value(key).isEmpty())
            accepted << tr("- %1 — accepted by %2: %3").arg(line, signOffs.value(key).name, signOffs.value(key).note);
        else {
            open << tr("- %1 (sign-off key `%2`)").arg(line, key);
            result.openSignOffKeys << key;
        }
    }
    if (!open.isEmpty()) {
        result.status = CheckResult::Status::Failed;
        result.summary = tr("%n error-level finding(s) neither fixed nor signed off", nullptr, int(open.size()));
        result.evidence = tr("#### Open\n\n") + open.join(QLatin1Char('\n')) + QLatin1Char('\n');
    } else {
        result.status = CheckResult::Status::Passed;
        result.summary = accepted.isEmpty() ? tr("No error-level findings")
                                            : tr("%n error-level finding(s), each signed off", nullptr, int(accepted.size()));
    }
    if (!accepted.isEmpty())
        result.evidence += tr("\n#### Signed off\n\n") + accepted.join(QLatin1Char('\n')) + QLatin1Char('\n');
    return finish(result, timer.elapsed());
}

QString DeployChecks::rehearsalServer(QString *error)
{
    if (!m_rehearsalConninfo.isEmpty())
        return m_rehearsalConninfo;
    if (!m_sandbox)
        m_sandbox = std::make_unique<LocalCluster>(QDir(m_workDirectory).filePath(QStringLiteral("rehearsal-server")));
    try {
        report(tr("Starting the rehearsal server"), 0);
        m_sandbox->start();
    } catch (const LocalCluster::Error &e) {
        *error = e.message();
        return {};
    }
    return m_sandbox->conninfo();
}

QString DeployChecks::restoredConninfo(const QString &database) const
{
    const QString server = m_rehearsalConninfo.isEmpty() && m_sandbox ? m_sandbox->conninfo() : m_rehearsalConninfo;
    ConnInfo parsed;
    QString error;
    ConnInfo::parse(server, &parsed, &error);
    parsed.set(QStringLiteral("dbname"), database);
    return parsed.toString();
}

QStringList DeployChecks::toolBookkeeping(Connection &connection) const
{
    const MigrationFolder folder
        = MigrationFolder::read(m_target.migrationDirectory, m_target.dialect);
    QString error;
    const std::optional<MigrationTool> tool
        = MigrationTools::resolve(connection, folder, m_options.tool, &error);
    if (!tool || *tool == MigrationTool::Slipway)
        return {};
    return HistoryStore::open(*tool, connection, folder.migrations())->bookkeeping();
}

bool DeployChecks::cloneRestoredCopy(const QString &copy, QString *error)
{
    const QString server = rehearsalServer(error);
    if (server.isEmpty())
        return false;
    try {
        PgConnection admin(server);
        admin.open();
        report(tr("Copying the restored backup for the rehearsal"), 0);
        // FILE_COPY (15+) copies the files instead of logging every block: far faster for a big
        // copy, and a checkpoint on a rehearsal server costs nothing.
        const bool fileCopy = admin.serverInfo().versionNumber >= 150000;
        admin.execute(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(SqlIdentifier::quote(copy)));
        admin.execute(QStringLiteral("CREATE DATABASE %1 TEMPLATE %2%3")
                          .arg(SqlIdentifier::quote(copy), SqlIdentifier::quote(m_rehearsalDatabase),
                               fileCopy ? QStringLiteral(" STRATEGY FILE_COPY") : QString()));
    } catch (const DbException &e) {
        *error = e.error().toDisplayString();
        return false;
    }
    return true;
}

CheckResult DeployChecks::backup()
{
    QElapsedTimer timer;
    timer.start();
    CheckResult result;
    m_backupVerified = false;
    QDir().mkpath(m_workDirectory);
    m_dumpPath = QDir(m_workDirectory).filePath(QStringLiteral("backup-%1.dump")
                                                    .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
    PgBackup backup;
    const BackupResult dumped = backup.dump(m_target.conninfo, m_dumpPath,
                                            [this](const QString &step, qint64 bytes) {
                                                report(tr("%1: %2 written").arg(step, QLocale().formattedDataSize(bytes)), -1);
                                            },
                                            &m_stop);
    if (!dumped.ok) {
        result.status = m_stop.load() ? CheckResult::Status::Cancelled : CheckResult::Status::Failed;
        result.summary = dumped.error;
        return finish(result, timer.elapsed());
    }
    QString error;
    const QString server = rehearsalServer(&error);
    if (server.isEmpty()) {
        result.status = CheckResult::Status::Failed;
        result.summary = tr("No server to restore into: %1").arg(error);
        return finish(result, timer.elapsed());
    }
    report(tr("Restoring the backup into %1").arg(m_rehearsalDatabase), 50);
    // Restoring is most of this check: 50 % to 90 % by the bytes of the dump read so far.
    const auto restoreProgress = [this, &dumped](const QString &step, qint64 bytes) {
        const qint64 total = qMax<qint64>(1, dumped.bytes);
        const QLocale locale;
        report(tr("%1: %2 of %3").arg(step, locale.formattedDataSize(bytes), locale.formattedDataSize(total)),
               50 + int(40 * qBound<qint64>(0, bytes, total) / total));
    };
    const RestoreVerification verified = backup.restoreAndCompare(m_dumpPath, m_target.conninfo, server,
                                                                  m_rehearsalDatabase, restoreProgress, &m_stop);
    result.evidence = tr("- File: `%1` (%2 bytes, dumped in %3 ms)\n- Archive entries (pg_restore --list): %4\n"
                         "- Restored and compared in %5 ms\n")
                          .arg(m_dumpPath, number(dumped.bytes))
                          .arg(dumped.elapsedMs)
                          .arg(verified.tocEntries)
                          .arg(verified.elapsedMs);
    if (!verified.ok) {
        result.status = m_stop.load() ? CheckResult::Status::Cancelled : CheckResult::Status::Failed;
        result.summary = tr("Backup NOT verified: %1").arg(verified.error);
        if (!verified.differences.isEmpty()) {
            result.evidence += tr("\n| Table | Source rows | Restored rows |\n|---|---:|---:|\n");
            for (const auto &difference : verified.differences)
                result.evidence += QStringLiteral("| %1 | %2 | %3 |\n").arg(cell(difference.table), number(difference.source), number(difference.restored));
        }
        return finish(result, timer.elapsed());
    }
    m_backupVerified = true;
    result.status = CheckResult::Status::Passed;
    result.summary = tr("Backup verified: %n table(s), %1 rows restored with equal counts", nullptr, verified.tables)
                         .arg(number(verified.rows));
    return finish(result, timer.elapsed());
}

CheckResult DeployChecks::rehearsal()
{
    QElapsedTimer timer;
    timer.start();
    CheckResult result;
    result.status = CheckResult::Status::Failed;
    if (!m_backupVerified) {
        result.summary = tr("Needs a verified backup first: the rehearsal runs on the restored copy");
        return finish(result, timer.elapsed());
    }
    const QString copyName = m_rehearsalDatabase + QStringLiteral("_run");
    QString error;
    if (!cloneRestoredCopy(copyName, &error)) {
        result.summary = tr("The restored backup could not be copied for the rehearsal");
        result.evidence = QStringLiteral("```\n%1\n```\n").arg(error);
        return finish(result, timer.elapsed());
    }
    try {
        PgConnection copy(restoredConninfo(copyName));
        copy.open();
        // A tool's history table appears with the first migration and stays after the last
        // rollback, as the tool leaves it: bookkeeping, not a schema change.
        const QStringList bookkeeping = toolBookkeeping(copy);
        const QStringList before = SchemaSnapshot::capture(copy, bookkeeping);
        QHash<QString, qint64> timings;
        MigrationRunner up(copy, m_target.migrationDirectory, m_target.dialect, m_options);
        // Copying is 0 % to 10 %, applying 10 % to 60 %, one share per pending migration (known
        // once the pending check ran; the first share otherwise), rolling back 60 % to 85 %,
        // applying again the rest.
        const int shares = int(qMax<qsizetype>(1, m_pending.size()));
        int started = 0;
        up.setEventSink([&](const MigrationEvent &event) {
            if (event.kind == MigrationEvent::Kind::MigrationFinished)
                timings.insert(event.version, event.elapsedMs);
            else if (event.kind == MigrationEvent::Kind::MigrationStarted)
                report(event.message, 10 + 50 * qMin(started++, shares - 1) / shares);
        });
        report(tr("Applying on the restored copy"), 10);
        const MigrationRunResult applied = [&] {
            const RunnerScope scope(*this, up);
            return up.migrate();
        }();
        if (!applied.ok()) {
            result.summary = tr("The migrations fail on the restored copy");
            result.evidence = QStringLiteral("```\n%1\n```\n").arg(applied.message);
            return finish(result, timer.elapsed());
        }
        int versioned = 0;
        for (const QString &done : applied.done)
            versioned += done.startsWith(QLatin1String("R ")) ? 0 : 1;
        result.evidence = tr("| Migration | Rehearsal time (ms) |\n|---|---:|\n");
        for (const QString &done : applied.done)
            result.evidence += QStringLiteral("| %1 | %2 |\n").arg(cell(done)).arg(timings.value(done.section(QLatin1Char(' '), 0, 0)));
        m_rehearsalMs = timings;
        if (versioned > 0) {
            MigrationRunOptions downOptions = m_options;
            downOptions.steps = versioned;
            MigrationRunner down(copy, m_target.migrationDirectory, m_target.dialect, downOptions);
            report(tr("Rolling back on the restored copy"), 60);
            const MigrationRunResult undone = [&] {
                const RunnerScope scope(*this, down);
                return down.rollback();
            }();
            if (!undone.ok()) {
                result.summary = tr("The rollback could not be tested");
                result.evidence += QStringLiteral("\n```\n%1\n```\n").arg(undone.message);
                return finish(result, timer.elapsed());
            }
            const QStringList changes = SchemaSnapshot::diff(before, SchemaSnapshot::capture(copy, bookkeeping));
            if (!changes.isEmpty()) {
                result.summary = tr("The rollback does not give back the schema it started from (%n difference(s))", nullptr,
                                    int(changes.size()));
                result.evidence += tr("\nSchema before the migrations (-) against after their rollback (+):\n\n```diff\n%1\n```\n")
                                       .arg(changes.join(QLatin1Char('\n')));
                return finish(result, timer.elapsed());
            }
            report(tr("Applying again"), 85);
            MigrationRunner again(copy, m_target.migrationDirectory, m_target.dialect, m_options);
            const MigrationRunResult reapplied = [&] {
                const RunnerScope scope(*this, again);
                return again.migrate();
            }();
            if (!reapplied.ok()) {
                result.summary = tr("Applying again after the rollback fails");
                result.evidence += QStringLiteral("\n```\n%1\n```\n").arg(reapplied.message);
                return finish(result, timer.elapsed());
            }
        }
        qint64 total = 0;
        for (qint64 ms : std::as_const(timings))
            total += ms;
        result.status = CheckResult::Status::Passed;
        result.summary = tr("Up, down and up again on the restored copy; the rollback restores the schema (%1 ms to apply)")
                             .arg(total);
    } catch (const DbException &e) {
        result.summary = tr("The rehearsal failed: %1").arg(e.error().message);
        result.evidence += QStringLiteral("\n```\n%1\n```\n").arg(e.error().toDisplayString());
    }
    return finish(result, timer.elapsed());
}

CheckResult DeployChecks::verify()
{
    QElapsedTimer timer;
    timer.start();
    CheckResult result;
    const QDir folder(m_target.migrationDirectory);
    QStringList scripts;
    for (const QString &name : QDir(folder.filePath(QStringLiteral("verify"))).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name))
        scripts << folder.filePath(QStringLiteral("verify/") + name);
    for (const QString &name : folder.entryList({QStringLiteral("*.verify.sql")}, QDir::Files, QDir::Name))
        scripts << folder.filePath(name);
    QStringList evidence;
    try {
        PgConnection connection(m_target.conninfo);
        connection.open();
        int run = 0;
        for (const QString &path : std::as_const(scripts)) {
            if (m_stop.load()) {
                result.status = CheckResult::Status::Cancelled;
                result.summary = tr("Stopped before %1").arg(folder.relativeFilePath(path));
                return finish(result, timer.elapsed());
            }
            report(tr("Running %1").arg(folder.relativeFilePath(path)), 80 * run++ / int(scripts.size()));
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                result.status = CheckResult::Status::Failed;
                result.summary = tr("%1: cannot read").arg(QDir::toNativeSeparators(path));
                return finish(result, timer.elapsed());
            }
            const MigrationScript script = MigrationScript::prepare(path, QString::fromUtf8(file.readAll()),
                                                                    m_target.migrationDirectory, m_options.variables);
            if (!script.isValid()) {
                result.status = CheckResult::Status::Failed;
                result.summary = script.error();
                return finish(result, timer.elapsed());
            }
            // Verify scripts look, they do not change: whatever they do is rolled back.
            connection.begin();
            for (const MigrationStep &step : script.steps()) {
                try {
                    if (step.kind == MigrationStep::Kind::Sql)
                        connection.execute(step.sql);
                } catch (const DbException &e) {
                    connection.rollback();
                    result.status = CheckResult::Status::Failed;
                    result.summary = tr("%1:%2: %3").arg(folder.relativeFilePath(step.file)).arg(step.line).arg(e.error().message);
                    result.evidence = QStringLiteral("```\n%1\n```\n").arg(e.error().toDisplayString());
                    return finish(result, timer.elapsed());
                }
            }
            connection.rollback();
            evidence << tr("- `%1` passed").arg(folder.relativeFilePath(path));
        }
        report(tr("ANALYZE of the touched tables"), 80);
        QStringList analyzed;
        for (const QString &table : touchedTables()) {
            const QString literal = QLatin1Char('\'') + QString(table).replace(QLatin1Char('\''), QLatin1String("''")) + QLatin1Char('\'');
            if (connection.fetchAll(QStringLiteral("SELECT relkind IN ('r', 'p', 'm') FROM pg_class WHERE oid = to_regclass(%1)").arg(literal))
                    .text(0, 0) == QLatin1String("t")) {
                connection.execute(QStringLiteral("ANALYZE %1").arg(table));
                analyzed << table;
            }
        }
        std::sort(analyzed.begin(), analyzed.end());
        if (!analyzed.isEmpty())
            evidence << tr("- ANALYZE: %1").arg(analyzed.join(QStringLiteral(", ")));
        result.status = CheckResult::Status::Passed;
        result.summary = scripts.isEmpty() ? tr("No verify scripts in the folder; %n table(s) analyzed", nullptr, int(analyzed.size()))
                                           : tr("%n verify script(s) passed", nullptr, int(scripts.size()))
                                                 + tr("; %n table(s) analyzed", nullptr, int(analyzed.size()));
        result.evidence = evidence.join(QLatin1Char('\n')) + QLatin1Char('\n');
    } catch (const DbException &e) {
        result.status = CheckResult::Status::Failed;
        result.summary = e.error().message;
    }
    return finish(result, timer.elapsed());
}
