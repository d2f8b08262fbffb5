#include "migratecommand.h"

#include "db/connection.h"
#include "deploy/migrationaudit.h"
#include "migrations/migrationrunner.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

// The state, and what the tool itself calls it when that says more ("failed (dirty)").
QString stateText(const MigrationStatusEntry &entry)
{
    const QString state = MigrationStatusEntry::stateName(entry.state);
    if (entry.history && !entry.history->toolState.isEmpty())
        return QStringLiteral("%1 (%2)").arg(state, entry.history->toolState);
    return state;
}

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

// Seconds as the user types them ("5", "0.5") → milliseconds; -1 when not a number.
int milliseconds(const QString &seconds)
{
    bool ok = false;
    const double value = seconds.toDouble(&ok);
    return ok && value >= 0 ? int(value * 1000) : -1;
}

QString rehearsalName(DryRunStatement::Rehearsal rehearsal)
{
    switch (rehearsal) {
    case DryRunStatement::Rehearsal::Ran:
        return QStringLiteral("ran");
    case DryRunStatement::Rehearsal::Equivalent:
        return QStringLiteral("equivalent");
    case DryRunStatement::Rehearsal::NotRehearsed:
        return QStringLiteral("not_rehearsed");
    case DryRunStatement::Rehearsal::TransactionControl:
        return QStringLiteral("transaction_control");
    }
    return {};
}

} // namespace

MigrateCommand::MigrateCommand(Verb verb, QTextStream &out, QTextStream &err)
    : CliCommand(out, err)
    , m_verb(verb)
{}

QString MigrateCommand::name() const
{
    switch (m_verb) {
    case Verb::Status:
        return QStringLiteral("status");
    case Verb::Migrate:
        return QStringLiteral("migrate");
    case Verb::Rollback:
        return QStringLiteral("rollback");
    case Verb::Validate:
        return QStringLiteral("validate");
    case Verb::Baseline:
        return QStringLiteral("baseline");
    case Verb::Repair:
        return QStringLiteral("repair");
    case Verb::Adopt:
        return QStringLiteral("adopt");
    }
    return {};
}

QString MigrateCommand::summary() const
{
    switch (m_verb) {
    case Verb::Status:
        return tr("show every migration of a folder with its state in the database");
    case Verb::Migrate:
        return tr("apply pending migrations (or --dry-run them with a lock report)");
    case Verb::Rollback:
        return tr("run rollback scripts, newest first (--steps N or --target VERSION)");
    case Verb::Validate:
        return tr("check files against the history and every pending script, change nothing");
    case Verb::Baseline:
        return tr("start the history at --version V, or adopt flyway_schema_history");
    case Verb::Repair:
        return tr("accept reviewed checksums and clear rows of failed migrations");
    case Verb::Adopt:
        return tr("move the history from --from TOOL's table (--from-dir DIR) into --tool's");
    }
    return {};
}

int MigrateCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    QString description = summary();
    if (m_verb == Verb::Migrate || m_verb == Verb::Rollback)
        description += QLatin1Char('\n')
                       + tr("Exit codes: 0 done; 1 a migration failed (with --dry-run: a statement "
                            "failed) or the run was stopped; 2 bad input; 3 another runner held "
                            "the lock; 4 --dry-run: every statement that ran passed, but some "
                            "could not be rehearsed (listed at the end).");
    parser.setApplicationDescription(description);
    addConnectionOptions(parser);
    parser.addOption({QStringLiteral("dir"), tr("the migration folder"), QStringLiteral("dir")});
    parser.addOption({QStringLiteral("dialect"), tr("flyway, seeds, up-down, dbmate, prisma, drizzle, liquibase or sqitch (default: "
                         "detected)"),
                      QStringLiteral("name")});
    parser.addOption({QStringLiteral("tool"),
                      tr("whose history table to record in: %1 (default: the one the database "
                         "holds, else the folder's)")
                          .arg(MigrationTools::names().join(QStringLiteral(", "))),
                      QStringLiteral("name")});
    parser.addOption({QStringLiteral("json"), tr("print JSON")});
    parser.addOption({QStringLiteral("lock-wait"), tr("seconds to wait for another runner (default 60)"),
                      QStringLiteral("seconds"), QStringLiteral("60")});
    parser.addOption({QStringLiteral("lock-timeout"), tr("lock_timeout of each statement in seconds (default 5)"),
                      QStringLiteral("seconds"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("statement-timeout"), tr("statement_timeout in seconds (default: the server's)"),
                      QStringLiteral("seconds"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("var"), tr("a psql variable for :name interpolation (repeatable)"),
                      QStringLiteral("name=value")});
    parser.addOption({QStringLiteral("target"), tr("migrate up to / roll back down to this version"),
                      QStringLiteral("version")});
    parser.addOption({QStringLiteral("steps"), tr("rollback: how many migrations"), QStringLiteral("n")});
    parser.addOption({QStringLiteral("dry-run"), tr("run in a transaction that is rolled back; report locks")});
    parser.addOption({QStringLiteral("allow-out-of-order"), tr("apply pending migrations older than the newest applied one")});
    parser.addOption({QStringLiteral("version"), tr("baseline: the version to start from"), QStringLiteral("version")});
    parser.addOption({QStringLiteral("from-flyway"), tr("baseline: adopt an existing flyway_schema_history")});
    parser.addOption({QStringLiteral("from"), tr("adopt: the tool whose table holds the history now"),
                      QStringLiteral("tool")});
    parser.addOption({QStringLiteral("from-dir"), tr("adopt: that tool's migration folder"),
                      QStringLiteral("dir")});
    int exitCode = Ok;
    if (!parseArguments(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty())
        return usageError(tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    if (!parser.isSet(QStringLiteral("dir")))
        return usageError(tr("--dir DIR is required"));
    m_json = parser.isSet(QStringLiteral("json"));

    MigrationRunOptions options;
    options.target = parser.value(QStringLiteral("target"));
    options.dryRun = parser.isSet(QStringLiteral("dry-run"));
    options.allowOutOfOrder = parser.isSet(QStringLiteral("allow-out-of-order"));
    bool ok = true;
    options.lockWaitSeconds = parser.value(QStringLiteral("lock-wait")).toInt(&ok);
    if (!ok || options.lockWaitSeconds < 0)
        return usageError(tr("--lock-wait wants whole seconds"));
    options.lockTimeoutMs = milliseconds(parser.value(QStringLiteral("lock-timeout")));
    options.statementTimeoutMs = milliseconds(parser.value(QStringLiteral("statement-timeout")));
    if (options.lockTimeoutMs < 0 || options.statementTimeoutMs < 0)
        return usageError(tr("--lock-timeout and --statement-timeout want seconds"));
    if (parser.isSet(QStringLiteral("steps"))) {
        options.steps = parser.value(QStringLiteral("steps")).toInt(&ok);
        if (!ok || options.steps <= 0)
            return usageError(tr("--steps wants a positive number"));
    }
    for (const QString &assignment : parser.values(QStringLiteral("var"))) {
        const qsizetype equals = assignment.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return usageError(tr("--var wants NAME=VALUE, got \"%1\"").arg(assignment));
        options.variables.insert(assignment.left(equals), assignment.mid(equals + 1));
    }
    if (m_verb == Verb::Rollback && options.steps <= 0 && options.target.isEmpty())
        return usageError(tr("rollback needs --steps N or --target VERSION"));
    if (m_verb == Verb::Baseline && parser.isSet(QStringLiteral("version")) == parser.isSet(QStringLiteral("from-flyway")))
        return usageError(tr("baseline needs either --version VERSION or --from-flyway"));
    MigrationFolder::Dialect dialect = MigrationFolder::Dialect::Unknown;
    if (parser.isSet(QStringLiteral("dialect"))) {
        dialect = MigrationFolder::dialectFromName(parser.value(QStringLiteral("dialect")));
        if (dialect == MigrationFolder::Dialect::Unknown)
            return usageError(tr("unknown --dialect \"%1\"; use flyway, seeds, up-down, dbmate, prisma, drizzle, "
                                     "liquibase or sqitch")
                                  .arg(parser.value(QStringLiteral("dialect"))));
    }
    if (parser.isSet(QStringLiteral("tool"))) {
        options.tool = MigrationTools::fromName(parser.value(QStringLiteral("tool")));
        if (!options.tool)
            return usageError(tr("unknown --tool \"%1\"; use %2")
                                  .arg(parser.value(QStringLiteral("tool")),
                                       MigrationTools::names().join(QStringLiteral(", "))));
    }

    // Applying to a new SQLite file is how a SQLite project starts; everything else wants it to exist.
    const std::unique_ptr<Connection> connection = openConnection(parser, &exitCode, m_verb == Verb::Migrate);
    if (!connection)
        return exitCode;
    connection->setNoticeHandler([this](const Notice &notice) {
        if (!m_json)
            m_out << "  " << notice.severity << ": " << notice.message << Qt::endl;
    });

    MigrationRunner runner(*connection, parser.value(QStringLiteral("dir")), dialect, options);
    runner.setEventSink([this](const MigrationEvent &event) { printEvent(event); });
    const MigrationAudit::Run audited{name(),
                                      QStringLiteral("slipway-cli"),
                                      parser.isSet(QStringLiteral("sqlite")),
                                      parser.value(parser.isSet(QStringLiteral("sqlite"))
                                                       ? QStringLiteral("sqlite")
                                                       : QStringLiteral("db")),
                                      parser.value(QStringLiteral("dir")),
                                      QDateTime::currentDateTimeUtc(),
                                      options.dryRun};
    MigrationRunResult result;
    switch (m_verb) {
    case Verb::Status:
        result = runner.status();
        break;
    case Verb::Migrate:
        result = runner.migrate();
        break;
    case Verb::Rollback:
        result = runner.rollback();
        break;
    case Verb::Validate:
        result = runner.validate();
        break;
    case Verb::Baseline:
        result = runner.baseline(parser.value(QStringLiteral("version")), parser.isSet(QStringLiteral("from-flyway")));
        break;
    case Verb::Repair:
        result = runner.repair();
        break;
    case Verb::Adopt: {
        const std::optional<MigrationTool> from
            = MigrationTools::fromName(parser.value(QStringLiteral("from")));
        if (!from || !parser.isSet(QStringLiteral("from-dir")))
            return usageError(tr("adopt needs --from TOOL (%1) and --from-dir DIR")
                                  .arg(MigrationTools::names().join(QStringLiteral(", "))));
        result = runner.adopt(*from, parser.value(QStringLiteral("from-dir")));
        break;
    }
    }
    // Every change lands in the audit trail; a trail that cannot be written is said, but the
    // run's own outcome stays the exit code.
    QString auditError;
    if (!MigrationAudit::record(audited, result, &auditError))
        m_err << "slipway-cli " << name() << ": "
              << tr("could not write the audit log: %1").arg(auditError) << Qt::endl;
    if (m_json)
        printJson(result);
    else
        printText(result);
    if (!result.ok())
        m_err << "slipway-cli " << name() << ": " << result.message << Qt::endl;
    return result.exitCode();
}

void MigrateCommand::printEvent(const MigrationEvent &event)
{
    if (m_json)
        return;
    switch (event.kind) {
    case MigrationEvent::Kind::Log:
    case MigrationEvent::Kind::MigrationStarted:
        m_out << event.message << Qt::endl;
        break;
    case MigrationEvent::Kind::MigrationFinished:
        m_out << tr("  done: %n statement(s) in %1 ms", nullptr, event.statementIndex).arg(event.elapsedMs) << Qt::endl;
        break;
    case MigrationEvent::Kind::StatementFinished:
    case MigrationEvent::Kind::MigrationFailed:
        break; // the failure is printed once, with the result
    }
}

void MigrateCommand::printText(const MigrationRunResult &result)
{
    if (!result.dryRun.isEmpty()) {
        m_out << tr("Dry run, rolled back at the end:") << '\n';
        QString current;
        for (const DryRunStatement &statement : result.dryRun) {
            const QString heading = statement.version + QLatin1Char(' ') + statement.description;
            if (heading != current) {
                m_out << heading << "  (" << statement.file << ")\n";
                current = heading;
            }
            m_out << "  " << tr("line %1").arg(statement.line).leftJustified(10);
            if (statement.failed) {
                m_out << tr("FAILED: %1").arg(statement.note) << '\n';
                continue;
            }
            if (!statement.wasRun()) {
                m_out << statement.note << '\n';
                continue;
            }
            m_out << tr("%1 ms").arg(statement.elapsedMs).rightJustified(8);
            m_out << (statement.rowsAffected > 0 ? tr("%n row(s)", nullptr, int(statement.rowsAffected)) : QString())
                         .rightJustified(12);
            QStringList locks;
            for (const auto &lock : statement.locks)
                locks << QStringLiteral("%1 %2").arg(lock.second, lock.first);
            if (!locks.isEmpty())
                m_out << "  " << locks.join(QStringLiteral(", "));
            if (statement.rehearsal == DryRunStatement::Rehearsal::Equivalent)
                m_out << "  " << tr("(rehearsed as: %1)").arg(statement.rehearsedAs.simplified());
            m_out << '\n';
        }
        printDryRunSummary(DryRunSummary::of(result.dryRun));
    }
    for (const QString &done : result.done)
        if (m_verb == Verb::Baseline || m_verb == Verb::Repair || m_verb == Verb::Adopt)
            m_out << done << '\n';
    // A run that could not read the history has no table to show; the error says why.
    if ((m_verb == Verb::Status || m_verb == Verb::Validate)
        && (result.ok() || !result.status.isEmpty())) {
        if (!result.historyTable.isEmpty())
            m_out << tr("History: %1 (%2)")
                         .arg(result.historyTable, MigrationTools::title(result.tool))
                  << '\n';
        if (!result.toolNotice.isEmpty())
            m_out << result.toolNotice << '\n';
        m_out << tr("Version").leftJustified(16) << tr("Description").leftJustified(40) << tr("State").leftJustified(20)
              << tr("Installed on") << '\n';
        for (const MigrationStatusEntry &entry : result.status) {
            m_out << (entry.version.isEmpty() ? QStringLiteral("R") : entry.version).leftJustified(16) << ' '
                  << entry.description.left(39).leftJustified(40)
                  << stateText(entry).leftJustified(20)
                  << (entry.history ? entry.history->installedOn : QString()) << '\n';
        }
    }
    m_out.flush();
}

// One line with the three figures, then what was not rehearsed by name: the user decides whether
// the rehearsal on a restored copy (slipway-cli deploy) must cover it.
void MigrateCommand::printDryRunSummary(const DryRunSummary &summary)
{
    m_out << tr("Dry run: %n passed", nullptr, summary.passed) << ", "
          << tr("%n failed", nullptr, summary.failed) << ", "
          << tr("%n not rehearsed", nullptr, int(summary.notRehearsed.size())) << '\n';
    for (const QString &statement : summary.notRehearsed)
        m_out << "  " << tr("not rehearsed: %1").arg(statement) << '\n';
    if (!summary.notRehearsed.isEmpty())
        m_out << tr("The rehearsal of slipway-cli deploy runs them on a restored copy of the database.")
              << '\n';
}

void MigrateCommand::printJson(const MigrationRunResult &result)
{
    QJsonArray migrations;
    for (const MigrationStatusEntry &entry : result.status) {
        QJsonObject object{{QStringLiteral("version"), orNull(entry.version)},
                           {QStringLiteral("description"), entry.description},
                           {QStringLiteral("state"), MigrationStatusEntry::stateName(entry.state)},
                           {QStringLiteral("checksum"), orNull(entry.checksum)},
                           {QStringLiteral("installed_on"), entry.history ? orNull(entry.history->installedOn) : QJsonValue()},
                           {QStringLiteral("execution_ms"), entry.history ? QJsonValue(double(entry.history->executionMs)) : QJsonValue()}};
        if (entry.migration) {
            object.insert(QStringLiteral("script"), entry.migration->upPath);
            object.insert(QStringLiteral("rollback"), orNull(entry.migration->downPath));
        }
        if (entry.history && !entry.history->toolState.isEmpty())
            object.insert(QStringLiteral("tool_state"), entry.history->toolState);
        if (entry.history && entry.history->statementsTotal >= 0) {
            object.insert(QStringLiteral("statements_done"), entry.history->statementsDone);
            object.insert(QStringLiteral("statements_total"), entry.history->statementsTotal);
        }
        migrations.append(object);
    }
    QJsonObject root{{QStringLiteral("migrations"), migrations},
                     {QStringLiteral("tool"), MigrationTools::name(result.tool)},
                     {QStringLiteral("history_table"), orNull(result.historyTable)},
                     {QStringLiteral("tool_notice"), orNull(result.toolNotice)},
                     {QStringLiteral("done"), QJsonArray::fromStringList(result.done)},
                     {QStringLiteral("ok"), result.ok()}};
    if (!result.ok())
        root.insert(QStringLiteral("error"), result.message);
    if (!result.dryRun.isEmpty()) {
        QJsonArray statements;
        for (const DryRunStatement &statement : result.dryRun) {
            QJsonArray locks;
            for (const auto &lock : statement.locks)
                locks.append(QJsonObject{{QStringLiteral("relation"), lock.first}, {QStringLiteral("mode"), lock.second}});
            statements.append(QJsonObject{{QStringLiteral("version"), statement.version},
                                          {QStringLiteral("file"), statement.file},
                                          {QStringLiteral("line"), statement.line},
                                          {QStringLiteral("sql"), statement.sql},
                                          {QStringLiteral("elapsed_ms"), double(statement.elapsedMs)},
                                          {QStringLiteral("rows"), double(statement.rowsAffected)},
                                          {QStringLiteral("locks"), locks},
                                          {QStringLiteral("outside_transaction"), statement.outsideTransaction},
                                          {QStringLiteral("rehearsal"), rehearsalName(statement.rehearsal)},
                                          {QStringLiteral("rehearsed_as"), orNull(statement.rehearsedAs)},
                                          {QStringLiteral("failed"), statement.failed},
                                          {QStringLiteral("note"), orNull(statement.note)}});
        }
        root.insert(QStringLiteral("dry_run"), statements);
        const DryRunSummary summary = DryRunSummary::of(result.dryRun);
        root.insert(QStringLiteral("dry_run_summary"),
                    QJsonObject{{QStringLiteral("passed"), summary.passed},
                                {QStringLiteral("failed"), summary.failed},
                                {QStringLiteral("not_rehearsed"),
                                 QJsonArray::fromStringList(summary.notRehearsed)}});
    }
    m_out << QJsonDocument(root).toJson(QJsonDocument::Indented);
    m_out.flush();
}
