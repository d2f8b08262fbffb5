#include "deploycommand.h"

#include "db/conninfo.h"
#include "deploy/auditlog.h"
#include "deploy/deploychecks.h"
#include "deploy/deployworkdirectory.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

QString DeployCommand::summary() const
{
    return tr("run a deploy checklist, then apply with --yes (--db CONNINFO --dir DIR) [--sign ITEM=\"Name: note\"]");
}

bool DeployCommand::needsGui(const QStringList &arguments)
{
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        QString value = arguments.at(i);
        if (value == QLatin1String("--report") && i + 1 < arguments.size())
            value = arguments.at(i + 1);
        else if (!value.startsWith(QLatin1String("--report=")))
            continue;
        const QString suffix = QFileInfo(value).suffix().toLower();
        if (suffix == QLatin1String("pdf") || suffix == QLatin1String("html") || suffix == QLatin1String("htm"))
            return true;
    }
    return false;
}

int DeployCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.addOption({QStringLiteral("db"), tr("PostgreSQL conninfo or URI of the target"), QStringLiteral("conninfo")});
    parser.addOption({QStringLiteral("dir"), tr("the migration folder"), QStringLiteral("dir")});
    parser.addOption({QStringLiteral("dialect"), tr("flyway, seeds, up-down or dbmate (default: detected)"), QStringLiteral("name")});
    parser.addOption({QStringLiteral("checklist"),
                      tr("a checklist file, or a template: pre-migration (default), quality-gate, zero-downtime; "
                         "the folder's slipway-checklist.json wins over a template"),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("sign"), tr("sign a manual item off (repeatable)"), QStringLiteral("item=\"Name: note\"")});
    parser.addOption({QStringLiteral("accept-lint"), tr("accept an error-level lint finding (repeatable; the key is in the lint-clean evidence)"),
                      QStringLiteral("key=\"Name: reason\"")});
    parser.addOption({QStringLiteral("rehearsal-server"), tr("restore and rehearse on this server instead of a private sandbox"),
                      QStringLiteral("conninfo")});
    parser.addOption({QStringLiteral("work-dir"), tr("where the backup and the sandbox go (default: a temporary folder)"),
                      QStringLiteral("dir")});
    parser.addOption({QStringLiteral("keep-work"),
                      tr("keep the dump and the rehearsal server (default: removed after a successful deploy, kept after a failure)")});
    parser.addOption({QStringLiteral("confirm-database"), tr("a production target: its database name, typed to confirm"),
                      QStringLiteral("name")});
    parser.addOption({QStringLiteral("production"), tr("treat the target as production (needs --confirm-database)")});
    parser.addOption({QStringLiteral("yes"), tr("apply when the checklist says go")});
    parser.addOption({QStringLiteral("report"), tr("write the report (.md, .html or .pdf)"), QStringLiteral("file")});
    parser.addOption({QStringLiteral("json"), tr("print JSON")});
    int exitCode = Ok;
    if (!parseArguments(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.isSet(QStringLiteral("db")) || !parser.isSet(QStringLiteral("dir")))
        return usageError(tr("--db CONNINFO and --dir DIR are required"));
    m_json = parser.isSet(QStringLiteral("json"));

    DeployTarget target;
    target.conninfo = parser.value(QStringLiteral("db"));
    target.migrationDirectory = QDir(parser.value(QStringLiteral("dir"))).absolutePath();
    // Checked before anything runs: a backup and a rehearsal of nothing help no one.
    if (!QFileInfo(target.migrationDirectory).isDir())
        return usageError(tr("%1: no such migration folder")
                              .arg(QDir::toNativeSeparators(target.migrationDirectory)));
    target.production = parser.isSet(QStringLiteral("production"));
    ConnInfo parsed;
    QString error;
    if (!ConnInfo::parse(target.conninfo, &parsed, &error))
        return usageError(error);
    target.displayName = parsed.displayName();
    if (parser.isSet(QStringLiteral("dialect"))) {
        target.dialect = MigrationFolder::dialectFromName(parser.value(QStringLiteral("dialect")));
        if (target.dialect == MigrationFolder::Dialect::Unknown)
            return usageError(tr("unknown --dialect \"%1\"").arg(parser.value(QStringLiteral("dialect"))));
    }
    if (target.dialect == MigrationFolder::Dialect::Unknown)
        target.dialect = MigrationFolder::detect(target.migrationDirectory);
    if (target.production && parser.value(QStringLiteral("confirm-database")) != parsed.databaseName())
        return usageError(tr("a production deploy needs --confirm-database with the target's database name"));

    const QString checklistArgument = parser.value(QStringLiteral("checklist"));
    const Checklist checklist = checklistArgument.isEmpty() || Checklist::templateIds().contains(checklistArgument)
                                    ? Checklist::forFolder(target.migrationDirectory,
                                                           checklistArgument.isEmpty() ? QStringLiteral("pre-migration") : checklistArgument,
                                                           &error)
                                    : Checklist::fromFile(checklistArgument, &error);
    if (!checklist.isValid())
        return usageError(error);
    DeploySession session(target, checklist);
    for (const QString &sign : parser.values(QStringLiteral("sign"))) {
        const QString id = sign.section(QLatin1Char('='), 0, 0);
        const ChecklistItem *item = checklist.item(id);
        if (!item)
            return usageError(tr("--sign %1: the checklist has no item \"%1\"").arg(id));
        if (!item->isManual())
            return usageError(tr("--sign %1: \"%2\" is checked automatically, not signed").arg(id, item->title));
        const SignOff signOff = DeploySession::parseSignOff(sign.section(QLatin1Char('='), 1), &error);
        if (!error.isEmpty())
            return usageError(tr("--sign %1: %2").arg(id, error));
        session.sign(id, signOff);
    }
    for (const QString &accept : parser.values(QStringLiteral("accept-lint"))) {
        const SignOff signOff = DeploySession::parseSignOff(accept.section(QLatin1Char('='), 1), &error);
        if (!error.isEmpty())
            return usageError(tr("--accept-lint: %1").arg(error));
        session.signLint(accept.section(QLatin1Char('='), 0, 0), signOff);
    }

    QTemporaryDir temporary(QStringLiteral("/tmp/slipway-deploy-XXXXXX"));
    // The sandbox server may run as another account (postgres when we are root).
    QFile::setPermissions(temporary.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther);
    const QString workDirectory = parser.isSet(QStringLiteral("work-dir")) ? parser.value(QStringLiteral("work-dir")) : temporary.path();
    // The temporary folder goes when this returns, unless it is kept below; a --work-dir is the
    // user's own and stays.
    temporary.setAutoRemove(false);
    const bool keepWork = parser.isSet(QStringLiteral("keep-work"));
    const int exit = deploy(parser, session, target, workDirectory);
    if (!parser.isSet(QStringLiteral("work-dir"))) {
        if (exit == Ok && !keepWork) {
            if (!DeployWorkDirectory::remove(workDirectory, &error))
                m_err << "slipway-cli deploy: " << error << Qt::endl;
        } else if (QFileInfo(workDirectory).isDir()) {
            m_err << "slipway-cli deploy: " << tr("kept %1").arg(DeployWorkDirectory::describe(workDirectory))
                  << Qt::endl;
        }
    }
    return exit;
}

int DeployCommand::deploy(const QCommandLineParser &parser, DeploySession &session, const DeployTarget &target,
                          const QString &workDirectory)
{
    DeployChecks checks(target, workDirectory, parser.value(QStringLiteral("rehearsal-server")));
    const auto print = [this](const ChecklistItem &item, const CheckResult &result) {
        if (!m_json)
            m_out << QStringLiteral("[%1] %2: %3").arg(CheckResult::statusName(result.status), item.title, result.summary) << Qt::endl;
    };
    checks.runPhase(session, ChecklistItem::Phase::Prepare, print);
    checks.runPhase(session, ChecklistItem::Phase::Execute, print);

    const QString reportPath = parser.value(QStringLiteral("report"));
    DeployExecution execution;
    const DeploySession::Decision decision = session.decision();
    if (!decision.go) {
        execution.outcome = DeployExecution::Outcome::Refused;
        if (!m_json) {
            m_out << tr("No-go:") << Qt::endl;
            for (const QString &blocker : decision.blockers)
                m_out << "  " << blocker << Qt::endl;
        }
        return finish(session, execution, reportPath, Failure);
    }
    if (!parser.isSet(QStringLiteral("yes"))) {
        if (!m_json)
            m_out << tr("Go. Nothing was applied; run again with --yes to apply.") << Qt::endl;
        return finish(session, execution, reportPath, Ok);
    }
    execution = checks.apply([this](const MigrationEvent &event) {
        if (!m_json && (event.kind == MigrationEvent::Kind::MigrationStarted || event.kind == MigrationEvent::Kind::Log))
            m_out << event.message << Qt::endl;
    });
    if (execution.outcome != DeployExecution::Outcome::Applied)
        return finish(session, execution, reportPath, Failure);
    checks.runPhase(session, ChecklistItem::Phase::Verify, print);
    return finish(session, execution, reportPath, session.verification().go ? Ok : Failure);
}

int DeployCommand::finish(const DeploySession &session, const DeployExecution &execution, const QString &reportPath, int exitCode)
{
    const QString user = DeployReport::currentUser();
    const QString report = DeployReport::markdown(session, execution, user);
    QString error;
    if (!reportPath.isEmpty() && !DeployReport::write(reportPath, report, &error)) {
        m_err << "slipway-cli deploy: " << error << Qt::endl;
        exitCode = Failure;
    }
    AuditEntry entry;
    entry.started = execution.started.isValid() ? execution.started : QDateTime::currentDateTimeUtc();
    entry.finished = execution.finished.isValid() ? execution.finished : QDateTime::currentDateTimeUtc();
    entry.user = user;
    entry.connection = session.target().displayName;
    entry.folder = session.target().migrationDirectory;
    entry.checklist = session.checklist().name();
    entry.outcome = DeployExecution::outcomeName(execution.outcome);
    entry.migrations = execution.applied;
    entry.report = report;
    entry.origin = QStringLiteral("slipway-cli");
    AuditLog audit;
    const qint64 auditId = audit.record(entry, &error);
    if (auditId == 0)
        m_err << "slipway-cli deploy: " << tr("could not write the audit log: %1").arg(error) << Qt::endl;
    if (m_json) {
        QJsonArray items;
        for (const ChecklistItem &item : session.checklist().items()) {
            const CheckResult result = session.result(item.id);
            const SignOff signOff = session.signOff(item.id);
            items.append(QJsonObject{{QStringLiteral("id"), item.id},
                                     {QStringLiteral("title"), item.title},
                                     {QStringLiteral("kind"), item.kind},
                                     {QStringLiteral("status"), item.isManual() ? (signOff.isEmpty() ? QStringLiteral("unsigned") : QStringLiteral("signed"))
                                                                                : CheckResult::statusName(result.status)},
                                     {QStringLiteral("summary"), item.isManual() ? signOff.name : result.summary}});
        }
        const DeploySession::Decision decision = session.decision();
        m_out << QJsonDocument(QJsonObject{{QStringLiteral("go"), decision.go},
                                           {QStringLiteral("blockers"), QJsonArray::fromStringList(decision.blockers)},
                                           {QStringLiteral("warnings"), QJsonArray::fromStringList(decision.warnings)},
                                           {QStringLiteral("items"), items},
                                           {QStringLiteral("outcome"), DeployExecution::outcomeName(execution.outcome)},
                                           {QStringLiteral("applied"), QJsonArray::fromStringList(execution.applied)},
                                           {QStringLiteral("audit_id"), double(auditId)}})
                     .toJson(QJsonDocument::Indented);
    } else if (!execution.message.isEmpty()) {
        m_err << "slipway-cli deploy: " << execution.message << Qt::endl;
    }
    m_out.flush();
    return exitCode;
}
