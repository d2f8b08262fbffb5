#include "healthcommand.h"

#include "db/pgconnection.h"
#include "schema/indexhealthcheck.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

QString HealthCommand::summary() const
{
    return tr("check index health (--db CONNINFO) [--json]; exit 1 when something was found");
}

int HealthCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("db"), tr("PostgreSQL conninfo or URI"), QStringLiteral("conninfo")});
    parser.addOption({QStringLiteral("json"), tr("print JSON")});
    parser.addOption(
        {QStringLiteral("min-rows"),
         tr("tables smaller than this are never reported for sequential scans (10000)"),
         QStringLiteral("n"),
         QStringLiteral("10000")});
    parser.addOption({QStringLiteral("min-seq-scans"),
                      tr("sequential scans before a table is reported (50)"),
                      QStringLiteral("n"),
                      QStringLiteral("50")});
    int exitCode = Ok;
    if (!parseArguments(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty())
        return usageError(
            tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    if (!parser.isSet(QStringLiteral("db")))
        return usageError(tr("--db CONNINFO is required"));
    bool rowsOk = false;
    bool scansOk = false;
    const qint64 minRows = parser.value(QStringLiteral("min-rows")).toLongLong(&rowsOk);
    const qint64 minScans = parser.value(QStringLiteral("min-seq-scans")).toLongLong(&scansOk);
    if (!rowsOk || minRows < 0)
        return usageError(tr("--min-rows expects a whole number of rows, not \"%1\"")
                              .arg(parser.value(QStringLiteral("min-rows"))));
    if (!scansOk || minScans < 1)
        return usageError(tr("--min-seq-scans expects a positive whole number, not \"%1\"")
                              .arg(parser.value(QStringLiteral("min-seq-scans"))));

    PgConnection connection(parser.value(QStringLiteral("db")));
    try {
        connection.open();
    } catch (const DbException &e) {
        return usageError(tr("could not connect: %1").arg(e.error().toDisplayString()));
    }
    QList<HealthFinding> findings;
    StatisticsPeriod period;
    try {
        IndexHealthCheck check(connection);
        check.setSeqScanThresholds(minRows, minScans);
        findings = check.run();
        period = check.statisticsPeriod();
    } catch (const DbException &e) {
        return failure(e.error().toDisplayString());
    }

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const HealthFinding &finding : std::as_const(findings)) {
            QJsonObject object{{QStringLiteral("kind"), finding.kindName()},
                               {QStringLiteral("object"), finding.object},
                               {QStringLiteral("table"), finding.table},
                               {QStringLiteral("detail"), finding.detail},
                               {QStringLiteral("fix"), finding.fix}};
            if (finding.sizeBytes >= 0)
                object.insert(QStringLiteral("size_bytes"), finding.sizeBytes);
            if (finding.weak)
                object.insert(QStringLiteral("weak"), true);
            array.append(object);
        }
        m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else if (findings.isEmpty()) {
        m_out << tr("No index health problems found.") << '\n';
    } else {
        m_out << period.describe() << "\n\n";
        for (const HealthFinding &finding : std::as_const(findings)) {
            m_out << HealthFinding::kindLabel(finding.kind) << ": " << finding.object << '\n'
                  << "  " << finding.detail << '\n';
            for (const QString &line : finding.fix.split(u'\n'))
                m_out << "  " << line << '\n';
            m_out << '\n';
        }
        m_out << (findings.size() == 1 ? tr("1 finding")
                                       : tr("%n findings", nullptr, int(findings.size())))
              << '\n';
    }
    m_out.flush();
    return findings.isEmpty() ? Ok : Failure;
}
