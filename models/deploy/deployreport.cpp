#include "deployreport.h"

#include "db/conninfo.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

#include <pwd.h>
#include <unistd.h>

QString DeployExecution::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::NotRun:
        return QStringLiteral("not-run");
    case Outcome::Applied:
        return QStringLiteral("applied");
    case Outcome::Failed:
        return QStringLiteral("failed");
    case Outcome::Cancelled:
        return QStringLiteral("cancelled");
    case Outcome::Refused:
        return QStringLiteral("refused");
    }
    return {};
}

QJsonObject DeployExecution::toJson() const
{
    QJsonObject times;
    for (auto it = elapsedMs.cbegin(); it != elapsedMs.cend(); ++it)
        times.insert(it.key(), double(it.value()));
    return {{QStringLiteral("outcome"), outcomeName(outcome)},
            {QStringLiteral("applied"), QJsonArray::fromStringList(applied)},
            {QStringLiteral("message"), message},
            {QStringLiteral("started"), started.toString(Qt::ISODateWithMs)},
            {QStringLiteral("finished"), finished.toString(Qt::ISODateWithMs)},
            {QStringLiteral("elapsed_ms"), times}};
}

DeployExecution DeployExecution::fromJson(const QJsonObject &json)
{
    DeployExecution execution;
    const QString outcome = json.value(QStringLiteral("outcome")).toString();
    for (Outcome candidate : {Outcome::NotRun, Outcome::Applied, Outcome::Failed, Outcome::Cancelled, Outcome::Refused}) {
        if (outcomeName(candidate) == outcome)
            execution.outcome = candidate;
    }
    for (const QJsonValue &migration : json.value(QStringLiteral("applied")).toArray())
        execution.applied << migration.toString();
    execution.message = json.value(QStringLiteral("message")).toString();
    execution.started = QDateTime::fromString(json.value(QStringLiteral("started")).toString(), Qt::ISODateWithMs);
    execution.finished = QDateTime::fromString(json.value(QStringLiteral("finished")).toString(), Qt::ISODateWithMs);
    const QJsonObject times = json.value(QStringLiteral("elapsed_ms")).toObject();
    for (auto it = times.constBegin(); it != times.constEnd(); ++it)
        execution.elapsedMs.insert(it.key(), qint64(it.value().toDouble()));
    return execution;
}

// The folder layout in words a reader of the report knows.
QString DeployReport::layoutTitle(MigrationFolder::Dialect dialect)
{
    switch (dialect) {
    case MigrationFolder::Dialect::Flyway:
        return tr("Flyway file names");
    case MigrationFolder::Dialect::Seeds:
        return tr("numbered SQL files");
    case MigrationFolder::Dialect::UpDown:
        return tr("up and down files");
    case MigrationFolder::Dialect::Dbmate:
        return tr("dbmate files");
    case MigrationFolder::Dialect::Prisma:
        return tr("Prisma Migrate folders");
    case MigrationFolder::Dialect::Drizzle:
        return tr("Drizzle Kit folders");
    case MigrationFolder::Dialect::Liquibase:
        return tr("Liquibase formatted SQL");
    case MigrationFolder::Dialect::Sqitch:
        return tr("a Sqitch plan");
    case MigrationFolder::Dialect::Unknown:
        break;
    }
    return tr("layout not recognised");
}

QString DeployReport::markdown(const DeploySession &session, const DeployExecution &execution, const QString &user)
{
    const DeployTarget &target = session.target();
    ConnInfo parsed;
    QString error;
    const QString connection = ConnInfo::parse(target.conninfo, &parsed, &error) ? parsed.displayName() : target.displayName;
    QString text;
    // The title says what went where; the checklist is named below.
    text += tr("# Deploy of %1 to %2\n\n")
                .arg(QDir(target.migrationDirectory).dirName(), connection);
    // Applied is not the whole story when the verify phase then failed: say so at the top.
    const bool applied = execution.outcome == DeployExecution::Outcome::Applied;
    const DeploySession::Decision verification = session.verification();
    bool verifyItems = false;
    bool verifyRun = false;
    for (const ChecklistItem &item : session.checklist().items()) {
        if (item.phase != ChecklistItem::Phase::Verify)
            continue;
        verifyItems = true;
        verifyRun = verifyRun || !session.signOff(item.id).isEmpty()
                    || (!item.isManual() && session.result(item.id).status != CheckResult::Status::NotRun);
    }
    QString verdict;
    if (applied && verifyItems)
        verdict = !verifyRun ? tr(" — not verified yet") : verification.go ? tr(" — verified") : tr(" — verification FAILED");
    text += tr("- **Outcome:** %1%2\n").arg(DeployExecution::outcomeName(execution.outcome), verdict);
    text += tr("- **By:** %1\n").arg(user);
    text += tr("- **Report written:** %1\n").arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    if (execution.started.isValid())
        text += tr("- **Executed:** %1 to %2 (%3 ms)\n")
                    .arg(execution.started.toString(Qt::ISODate), execution.finished.toString(Qt::ISODate))
                    .arg(execution.started.msecsTo(execution.finished));
    text += tr("- **Database:** %1%2\n").arg(connection, target.production ? tr(" (production)") : QString());
    text += tr("- **Migration folder:** `%1` (%2)\n")
                .arg(QDir::toNativeSeparators(target.migrationDirectory), layoutTitle(target.dialect));
    // A built-in template lives in the program's resources; its path means nothing to a reader.
    const QString source = session.checklist().source();
    text += tr("- **Checklist:** %1 (%2)\n\n")
                .arg(session.checklist().name(),
                     source.startsWith(QLatin1String(":/")) ? tr("built-in template")
                     : source.isEmpty()                     ? tr("made in the checklist editor")
                                                            : QStringLiteral("`%1`").arg(QDir::toNativeSeparators(source)));

    text += tr("## Migrations\n\n");
    if (execution.applied.isEmpty())
        text += tr("None applied.\n");
    for (const QString &migration : execution.applied) {
        const QString version = migration.section(QLatin1Char(' '), 0, 0);
        text += execution.elapsedMs.contains(version) ? tr("- %1 (%2 ms)\n").arg(migration).arg(execution.elapsedMs.value(version))
                                                      : QStringLiteral("- %1\n").arg(migration);
    }
    if (!execution.message.isEmpty())
        text += QStringLiteral("\n```\n%1\n```\n").arg(execution.message);

    const DeploySession::Decision decision = session.decision();
    text += tr("\n## Decision\n\n%1\n").arg(decision.go ? tr("**Go.**") : tr("**No-go.**"));
    for (const QString &blocker : decision.blockers)
        text += tr("- Blocking: %1\n").arg(blocker);
    for (const QString &warning : decision.warnings)
        text += tr("- Warning: %1\n").arg(warning);
    if (applied && verifyItems && verifyRun) {
        text += tr("\n## Verification\n\n%1\n").arg(verification.go ? tr("**Verified.**") : tr("**Verification failed.**"));
        for (const QString &blocker : verification.blockers)
            text += tr("- Failed: %1\n").arg(blocker);
        for (const QString &warning : verification.warnings)
            text += tr("- Warning: %1\n").arg(warning);
    }

    text += tr("\n## Checklist\n\n| Phase | Item | Result | Time (ms) |\n|---|---|---|---:|\n");
    for (const ChecklistItem &item : session.checklist().items()) {
        QString outcome;
        qint64 ms = 0;
        if (item.isManual()) {
            const SignOff signOff = session.signOff(item.id);
            outcome = signOff.isEmpty() ? tr("not signed")
                                        : tr("signed by %1 at %2").arg(signOff.name, signOff.at.toString(Qt::ISODate));
        } else {
            const CheckResult result = session.result(item.id);
            outcome = CheckResult::statusName(result.status) + (result.summary.isEmpty() ? QString() : QStringLiteral(": ") + result.summary);
            ms = result.elapsedMs;
        }
        text += QStringLiteral("| %1 | %2%3 | %4 | %5 |\n")
                    .arg(ChecklistItem::phaseName(item.phase), item.title,
                         item.required ? QString() : tr(" (optional)"), QString(outcome).replace(QLatin1Char('|'), QLatin1String("\\|")))
                    .arg(ms);
    }

    text += tr("\n## Evidence\n");
    for (const ChecklistItem &item : session.checklist().items()) {
        text += QStringLiteral("\n### %1\n\n").arg(item.title);
        if (item.isManual()) {
            const SignOff signOff = session.signOff(item.id);
            text += signOff.isEmpty() ? tr("Not signed off.\n")
                                      : tr("Signed off by **%1** at %2.%3\n")
                                            .arg(signOff.name, signOff.at.toString(Qt::ISODate),
                                                 signOff.note.isEmpty() ? QString() : QStringLiteral(" ") + signOff.note);
            continue;
        }
        const CheckResult result = session.result(item.id);
        text += QStringLiteral("**%1** — %2\n\n").arg(CheckResult::statusName(result.status), result.summary);
        if (!result.evidence.isEmpty())
            text += result.evidence + QLatin1Char('\n');
    }
    if (!session.lintSignOffs().isEmpty()) {
        text += tr("\n## Accepted lint findings\n\n");
        for (auto it = session.lintSignOffs().cbegin(); it != session.lintSignOffs().cend(); ++it)
            text += tr("- `%1` by %2: %3\n").arg(it.key(), it->name, it->note);
    }
    return text;
}

QString DeployReport::currentUser()
{
    // The password database, not $USER: services and sudo often leave the variable unset or stale.
    if (const passwd *entry = getpwuid(geteuid()))
        return QString::fromLocal8Bit(entry->pw_name);
    return qEnvironmentVariable("USER", tr("unknown"));
}

QString DeployReport::html(const QString &markdown)
{
    QTextDocument document;
    document.setMarkdown(markdown);
    return document.toHtml();
}

bool DeployReport::write(const QString &path, const QString &markdown, QString *error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("pdf")) {
        QPdfWriter writer(path);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setTitle(tr("Deploy report"));
        QTextDocument document;
        document.setMarkdown(markdown);
        document.setPageSize(QSizeF(writer.width(), writer.height()));
        document.print(&writer);
        if (QFileInfo(path).size() == 0) {
            *error = tr("%1: could not write the PDF").arg(QDir::toNativeSeparators(path));
            return false;
        }
        return true;
    }
    QByteArray bytes;
    if (suffix == QLatin1String("md") || suffix == QLatin1String("markdown"))
        bytes = markdown.toUtf8();
    else if (suffix == QLatin1String("html") || suffix == QLatin1String("htm"))
        bytes = html(markdown).toUtf8();
    else {
        *error = tr("%1: unknown report format; use .md, .html or .pdf").arg(QDir::toNativeSeparators(path));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}
