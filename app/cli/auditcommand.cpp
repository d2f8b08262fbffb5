#include "auditcommand.h"

#include "db/conninfo.h"
#include "deploy/auditlog.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {

// A conninfo or URI is matched by the display form entries are recorded under; anything else
// is matched as written ("shop", "db1:5432/shop", "sqlite:/srv/app.db").
QString targetFilter(const QString &text)
{
    if (!text.contains(QLatin1Char('=')) && !text.startsWith(QLatin1String("postgres")))
        return text;
    ConnInfo info;
    QString error;
    return ConnInfo::parse(text, &info, &error) ? info.displayName() : text;
}

} // namespace

QString AuditCommand::summary() const
{
    return tr("list the audit trail: every deploy, migrate, rollback, baseline and repair");
}

QDateTime AuditCommand::parseSince(const QString &text, const QDateTime &now)
{
    static const QRegularExpression age(QStringLiteral("^(\\d+)([mhd])$"));
    const QRegularExpressionMatch match = age.match(text.trimmed());
    if (match.hasMatch()) {
        const qint64 count = match.captured(1).toLongLong();
        const QChar unit = match.captured(2).at(0);
        const qint64 seconds = count * (unit == QLatin1Char('m') ? 60 : unit == QLatin1Char('h') ? 3600 : 86400);
        return now.addSecs(-seconds);
    }
    QDateTime when = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!when.isValid()) {
        const QDate day = QDate::fromString(text.trimmed(), Qt::ISODate);
        if (day.isValid())
            when = day.startOfDay();
    }
    return when;
}

int AuditCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.addOption({QStringLiteral("json"), tr("print JSON")});
    parser.addOption({QStringLiteral("db"),
                      tr("only entries for this target: a conninfo, or part of its display form "
                         "(\"shop\", \"db1:5432/shop\")"),
                      QStringLiteral("target")});
    parser.addOption({QStringLiteral("action"),
                      tr("only this action: deploy, migrate, rollback, baseline, repair or adopt"),
                      QStringLiteral("name")});
    parser.addOption({QStringLiteral("since"),
                      tr("only entries started since a date (2026-12-01), a time "
                         "(2026-12-01T10:00:00Z) or an age (30m, 24h, 7d)"),
                      QStringLiteral("when")});
    int exitCode = Ok;
    if (!parseArguments(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty())
        return usageError(tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));

    AuditFilter filter;
    filter.connection = targetFilter(parser.value(QStringLiteral("db")));
    filter.action = parser.value(QStringLiteral("action"));
    static const QStringList actions{QStringLiteral("deploy"), QStringLiteral("migrate"),
                                     QStringLiteral("rollback"), QStringLiteral("baseline"),
                                     QStringLiteral("repair"), QStringLiteral("adopt")};
    if (!filter.action.isEmpty() && !actions.contains(filter.action))
        return usageError(tr("unknown --action \"%1\"; use %2")
                              .arg(filter.action, actions.join(QStringLiteral(", "))));
    if (parser.isSet(QStringLiteral("since"))) {
        filter.since = parseSince(parser.value(QStringLiteral("since")), QDateTime::currentDateTimeUtc());
        if (!filter.since.isValid())
            return usageError(tr("--since wants a date (2026-12-01), a time (2026-12-01T10:00:00Z) "
                                 "or an age (30m, 24h, 7d), got \"%1\"")
                                  .arg(parser.value(QStringLiteral("since"))));
    }

    AuditLog audit;
    QString error;
    const QList<AuditEntry> entries = audit.entries(&error, false, filter);
    if (!error.isEmpty())
        return failure(tr("cannot read the audit trail %1: %2").arg(audit.path(), error));

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray list;
        for (const AuditEntry &entry : entries)
            list.append(QJsonObject{{QStringLiteral("id"), double(entry.id)},
                                    {QStringLiteral("action"), entry.action},
                                    {QStringLiteral("origin"), entry.origin},
                                    {QStringLiteral("started"), entry.started.toUTC().toString(Qt::ISODateWithMs)},
                                    {QStringLiteral("finished"), entry.finished.toUTC().toString(Qt::ISODateWithMs)},
                                    {QStringLiteral("duration_ms"), double(entry.durationMs())},
                                    {QStringLiteral("user"), entry.user},
                                    {QStringLiteral("target"), entry.connection},
                                    {QStringLiteral("folder"), entry.folder},
                                    {QStringLiteral("checklist"), entry.checklist},
                                    {QStringLiteral("outcome"), entry.outcome},
                                    {QStringLiteral("migrations"), QJsonArray::fromStringList(entry.migrations)},
                                    {QStringLiteral("message"), entry.message}});
        m_out << QJsonDocument(QJsonObject{{QStringLiteral("audit"), audit.path()},
                                           {QStringLiteral("entries"), list}})
                     .toJson(QJsonDocument::Indented);
        m_out.flush();
        return Ok;
    }
    if (entries.isEmpty()) {
        m_out << tr("No entries in %1 match.").arg(audit.path()) << Qt::endl;
        return Ok;
    }
    for (const AuditEntry &entry : entries) {
        m_out << entry.started.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) << "  "
              << entry.action.leftJustified(9) << entry.outcome.leftJustified(13)
              << entry.durationText().rightJustified(9) << "  " << entry.user << "  "
              << entry.connection << "  " << (entry.origin.isEmpty() ? QStringLiteral("-") : entry.origin)
              << '\n';
        if (!entry.migrations.isEmpty())
            m_out << "    " << entry.migrations.join(QStringLiteral(", ")) << '\n';
        if (!entry.message.isEmpty())
            m_out << "    " << entry.message.section(QLatin1Char('\n'), 0, 0) << '\n';
    }
    m_out.flush();
    return Ok;
}
