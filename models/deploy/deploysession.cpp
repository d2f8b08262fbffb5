#include "deploysession.h"

#include "db/conninfo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace {

const QStringList &statusNames()
{
    static const QStringList names{QStringLiteral("not-run"), QStringLiteral("running"), QStringLiteral("passed"),
                                   QStringLiteral("warning"), QStringLiteral("failed"), QStringLiteral("cancelled")};
    return names;
}

QJsonObject signOffJson(const SignOff &signOff)
{
    return {{QStringLiteral("name"), signOff.name},
            {QStringLiteral("note"), signOff.note},
            {QStringLiteral("at"), signOff.at.toString(Qt::ISODateWithMs)}};
}

SignOff signOffFrom(const QJsonObject &object)
{
    return {object.value(QStringLiteral("name")).toString(), object.value(QStringLiteral("note")).toString(),
            QDateTime::fromString(object.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs)};
}

} // namespace

QString CheckResult::statusName(Status status)
{
    return statusNames().at(int(status));
}

CheckResult::Status CheckResult::statusFromName(const QString &name)
{
    const qsizetype index = statusNames().indexOf(name);
    return index < 0 ? Status::NotRun : Status(index);
}

DeploySession::DeploySession(DeployTarget target, Checklist checklist)
    : m_target(std::move(target))
    , m_checklist(std::move(checklist))
{}

QString DeploySession::lintKey(const QString &rule, const QString &file, int line)
{
    return QStringLiteral("%1@%2:%3").arg(rule, file).arg(line);
}

DeploySession::Decision DeploySession::decision() const
{
    return decide(false);
}

DeploySession::Decision DeploySession::verification() const
{
    return decide(true);
}

DeploySession::Decision DeploySession::decide(bool verifyPhase) const
{
    Decision decision;
    for (const ChecklistItem &item : m_checklist.items()) {
        if ((item.phase == ChecklistItem::Phase::Verify) != verifyPhase)
            continue;
        QString problem;
        bool failed = false; // done, and it did not pass (as opposed to not done yet)
        if (item.isManual()) {
            if (signOff(item.id).isEmpty())
                problem = tr("%1: not signed off").arg(item.title);
        } else {
            const CheckResult checked = result(item.id);
            if (checked.status == CheckResult::Status::NotRun || checked.status == CheckResult::Status::Running)
                problem = tr("%1: not checked yet").arg(item.title);
            else if (checked.status == CheckResult::Status::Cancelled)
                problem = tr("%1: cancelled before it finished").arg(item.title);
            else if (!checked.passed()) {
                problem = tr("%1: %2").arg(item.title, checked.summary);
                failed = true;
            } else if (checked.status == CheckResult::Status::Warning)
                decision.warnings << tr("%1: %2").arg(item.title, checked.summary);
        }
        if (problem.isEmpty())
            continue;
        // A required item must be done and pass; an optional blocking one may be left out,
        // but once it ran and failed it stops the deploy too.
        if (item.required || (item.blocking && failed))
            decision.blockers << problem;
        else
            decision.warnings << problem;
    }
    addSignerClashes(verifyPhase, &decision);
    decision.go = decision.blockers.isEmpty();
    return decision;
}

void DeploySession::addSignerClashes(bool verifyPhase, Decision *decision) const
{
    QSet<QString> reported; // a pair in two groups is one clash
    for (const QStringList &group : m_checklist.distinctSigners()) {
        QHash<QString, const ChecklistItem *> firstSignedBy; // folded name → its first item
        for (const ChecklistItem &item : m_checklist.items()) {
            const SignOff signedOff = signOff(item.id);
            if (!group.contains(item.id) || signedOff.isEmpty())
                continue;
            // "Ann", " ann" and "ANN" are one person; a second spelling is no second pair of eyes.
            const QString person = signedOff.name.simplified().toCaseFolded();
            const ChecklistItem *first = firstSignedBy.value(person);
            if (!first) {
                firstSignedBy.insert(person, &item);
                continue;
            }
            // A clash is judged with the later half it touches: a verify-phase sign-off is made
            // after the deploy ran, so it cannot stop the go that came before it.
            const bool verifyHalf = first->phase == ChecklistItem::Phase::Verify
                                    || item.phase == ChecklistItem::Phase::Verify;
            const QString pair = first->id + QLatin1Char('\n') + item.id;
            if (verifyHalf != verifyPhase || reported.contains(pair))
                continue;
            reported.insert(pair);
            decision->blockers
                << tr("\"%1\" and \"%2\" are both signed off by %3; the checklist asks for "
                      "different people")
                       .arg(first->title, item.title, signOff(first->id).name.simplified());
        }
    }
}

QJsonObject DeploySession::toJson() const
{
    ConnInfo parsed;
    QString error;
    const QString safeConninfo = ConnInfo::parse(m_target.conninfo, &parsed, &error) ? parsed.toStringWithoutPassword()
                                                                                     : QString();
    QJsonObject results;
    for (auto it = m_results.cbegin(); it != m_results.cend(); ++it)
        results.insert(it.key(), QJsonObject{{QStringLiteral("status"), CheckResult::statusName(it->status)},
                                             {QStringLiteral("summary"), it->summary},
                                             {QStringLiteral("evidence"), it->evidence},
                                             {QStringLiteral("open_sign_off_keys"), QJsonArray::fromStringList(it->openSignOffKeys)},
                                             {QStringLiteral("elapsed_ms"), double(it->elapsedMs)},
                                             {QStringLiteral("finished_at"), it->finishedAt.toString(Qt::ISODateWithMs)}});
    QJsonObject signOffs;
    for (auto it = m_signOffs.cbegin(); it != m_signOffs.cend(); ++it)
        signOffs.insert(it.key(), signOffJson(*it));
    QJsonObject lint;
    for (auto it = m_lintSignOffs.cbegin(); it != m_lintSignOffs.cend(); ++it)
        lint.insert(it.key(), signOffJson(*it));
    return {{QStringLiteral("target"),
             QJsonObject{{QStringLiteral("conninfo"), safeConninfo},
                         {QStringLiteral("display_name"), m_target.displayName},
                         {QStringLiteral("migration_directory"), m_target.migrationDirectory},
                         {QStringLiteral("dialect"), MigrationFolder::dialectName(m_target.dialect)},
                         {QStringLiteral("production"), m_target.production}}},
            {QStringLiteral("checklist"), QJsonDocument::fromJson(m_checklist.toJson()).object()},
            {QStringLiteral("results"), results},
            {QStringLiteral("sign_offs"), signOffs},
            {QStringLiteral("lint_sign_offs"), lint}};
}

DeploySession DeploySession::fromJson(const QJsonObject &json, QString *error)
{
    const Checklist checklist = Checklist::fromJson(
        QJsonDocument(json.value(QStringLiteral("checklist")).toObject()).toJson(), tr("saved deploy"), error);
    if (!checklist.isValid())
        return {};
    const QJsonObject target = json.value(QStringLiteral("target")).toObject();
    DeployTarget deployTarget;
    deployTarget.conninfo = target.value(QStringLiteral("conninfo")).toString();
    deployTarget.displayName = target.value(QStringLiteral("display_name")).toString();
    deployTarget.migrationDirectory = target.value(QStringLiteral("migration_directory")).toString();
    deployTarget.dialect = MigrationFolder::dialectFromName(target.value(QStringLiteral("dialect")).toString());
    deployTarget.production = target.value(QStringLiteral("production")).toBool();
    DeploySession session(deployTarget, checklist);
    const QJsonObject results = json.value(QStringLiteral("results")).toObject();
    for (auto it = results.constBegin(); it != results.constEnd(); ++it) {
        const QJsonObject object = it.value().toObject();
        CheckResult result;
        result.status = CheckResult::statusFromName(object.value(QStringLiteral("status")).toString());
        // A check that was running when the wizard closed did not finish.
        if (result.status == CheckResult::Status::Running)
            result.status = CheckResult::Status::NotRun;
        result.summary = object.value(QStringLiteral("summary")).toString();
        result.evidence = object.value(QStringLiteral("evidence")).toString();
        for (const QJsonValue &key : object.value(QStringLiteral("open_sign_off_keys")).toArray())
            result.openSignOffKeys << key.toString();
        result.elapsedMs = qint64(object.value(QStringLiteral("elapsed_ms")).toDouble());
        result.finishedAt = QDateTime::fromString(object.value(QStringLiteral("finished_at")).toString(), Qt::ISODateWithMs);
        session.m_results.insert(it.key(), result);
    }
    const QJsonObject signOffs = json.value(QStringLiteral("sign_offs")).toObject();
    for (auto it = signOffs.constBegin(); it != signOffs.constEnd(); ++it)
        session.m_signOffs.insert(it.key(), signOffFrom(it.value().toObject()));
    const QJsonObject lint = json.value(QStringLiteral("lint_sign_offs")).toObject();
    for (auto it = lint.constBegin(); it != lint.constEnd(); ++it)
        session.m_lintSignOffs.insert(it.key(), signOffFrom(it.value().toObject()));
    return session;
}

SignOff DeploySession::parseSignOff(const QString &text, QString *error)
{
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    SignOff signOff;
    signOff.name = (colon < 0 ? text : text.left(colon)).trimmed();
    signOff.note = colon < 0 ? QString() : text.mid(colon + 1).trimmed();
    signOff.at = QDateTime::currentDateTimeUtc();
    if (signOff.name.isEmpty())
        *error = tr("a sign-off needs a name: \"Name: note\"");
    return signOff;
}
