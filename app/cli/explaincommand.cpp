#include "explaincommand.h"

#include "db/dberror.h"
#include "db/pgconnection.h"
#include "explain/explainrunner.h"
#include "explain/planadvisor.h"
#include "explain/planexporter.h"
#include "explain/planmetrics.h"
#include "explain/planparser.h"
#include "explain/planreport.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

#include <cstdio>

QString ExplainCommand::summary() const
{
    return tr(
        "read or run a plan and show it with its metrics (PLANFILE | - | --db CONNINFO --sql SQL)");
}

bool ExplainCommand::needsPictures(const QStringList &arguments)
{
    for (int i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        const QString value = argument.startsWith(QLatin1String("--format="))
                                  ? argument.mid(9)
                                  : (argument == QLatin1String("--format")
                                             && i + 1 < arguments.size()
                                         ? arguments.at(i + 1)
                                         : QString());
        if (value == QLatin1String("svg") || value == QLatin1String("png"))
            return true;
    }
    return false;
}

int ExplainCommand::load(const QString &source, Plan *plan)
{
    QByteArray bytes;
    if (source == QLatin1String("-")) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return usageError(tr("cannot read standard input"));
        bytes = in.readAll();
    } else {
        QFile in(source);
        if (!in.open(QIODevice::ReadOnly))
            return usageError(tr("%1: %2").arg(source, in.errorString()));
        bytes = in.readAll();
    }
    PlanParseError error;
    if (!PlanParser::parse(QString::fromUtf8(bytes), plan, &error)) {
        const QString where = source == QLatin1String("-") ? tr("<stdin>") : source;
        return usageError(tr("%1: %2").arg(where, error.toString()));
    }
    return Ok;
}

int ExplainCommand::fetch(const QString &conninfo, const QString &sql, bool analyze, Plan *plan)
{
    PgConnection connection(conninfo);
    connection.setNoticeHandler(
        [this](const Notice &notice) { m_err << notice.toDisplayString() << Qt::endl; });
    ExplainRunner::Result result;
    try {
        connection.open();
    } catch (const DbException &e) {
        return usageError(tr("could not connect: %1").arg(e.error().toDisplayString()));
    }
    try {
        result = ExplainRunner::run(connection, sql, analyze);
    } catch (const DbException &e) {
        return failure(e.error().toDisplayString());
    }
    if (result.rolledBack)
        m_err << tr("The statement ran inside a transaction that was rolled back.") << Qt::endl;
    PlanParseError error;
    if (!PlanParser::parse(result.json, plan, &error))
        return failure(error.toString());
    return Ok;
}

int ExplainCommand::write(const QByteArray &data, const QString &path)
{
    if (path.isEmpty() || path == QLatin1String("-")) {
        m_out.flush();
        std::fwrite(data.constData(), 1, size_t(data.size()), stdout);
        std::fflush(stdout);
        return Ok;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return failure(tr("%1: %2").arg(path, file.errorString()));
    return Ok;
}

int ExplainCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("format"),
                      tr("text (default), json, svg or png"),
                      QStringLiteral("format"),
                      QStringLiteral("text")});
    parser.addOption({QStringLiteral("json"), tr("same as --format json")});
    parser.addOption({QStringLiteral("out"),
                      tr("write to FILE instead of standard output"),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("db"),
                      tr("PostgreSQL conninfo or URI to EXPLAIN on"),
                      QStringLiteral("conninfo")});
    parser.addOption(
        {QStringLiteral("sql"), tr("the statement to EXPLAIN (with --db)"), QStringLiteral("sql")});
    parser.addOption({QStringLiteral("analyze"),
                      tr("EXPLAIN (ANALYZE, BUFFERS); a statement that writes is rolled back")});
    parser.addOption({QStringLiteral("heat"),
                      tr("colour pictures by time, rows, cost or buffers"),
                      QStringLiteral("metric"),
                      QStringLiteral("time")});
    parser.addOption({QStringLiteral("expand-all"),
                      tr("draw every node, also runs of alike siblings (pictures)")});
    parser.addPositionalArgument(QStringLiteral("plan"), tr("plan file, or - for standard input"));
    int exitCode = Ok;
    if (!parseArguments(parser, arguments, &exitCode))
        return exitCode;
    const QString format = parser.isSet(QStringLiteral("json"))
                               ? QStringLiteral("json")
                               : parser.value(QStringLiteral("format"));
    if (!QStringList{QStringLiteral("text"),
                     QStringLiteral("json"),
                     QStringLiteral("svg"),
                     QStringLiteral("png")}
             .contains(format))
        return usageError(tr("unknown format \"%1\"; expected text, json, svg or png").arg(format));
    const QStringList positional = parser.positionalArguments();
    const bool database = parser.isSet(QStringLiteral("db"));
    if (database == !positional.isEmpty() || positional.size() > 1)
        return usageError(
            tr("give one plan file (or - for standard input), or --db CONNINFO --sql SQL"));
    if (database != parser.isSet(QStringLiteral("sql")))
        return usageError(tr("--db and --sql go together"));
    if (parser.isSet(QStringLiteral("analyze")) && !database)
        return usageError(tr("--analyze needs --db and --sql"));
    PlanHeat::Metric heat = PlanHeat::Time;
    if (!PlanHeat::fromName(parser.value(QStringLiteral("heat")), &heat))
        return usageError(tr("unknown heat metric \"%1\"; expected time, rows, cost or buffers")
                              .arg(parser.value(QStringLiteral("heat"))));

    Plan plan;
    const int loaded = database ? fetch(parser.value(QStringLiteral("db")),
                                        parser.value(QStringLiteral("sql")),
                                        parser.isSet(QStringLiteral("analyze")),
                                        &plan)
                                : load(positional.first(), &plan);
    if (loaded != Ok)
        return loaded;
    for (const QString &warning : plan.warnings())
        m_err << warning << Qt::endl;

    const PlanMetrics metrics = PlanMetrics::compute(plan);
    const QString out = parser.value(QStringLiteral("out"));
    if (format == QLatin1String("svg") || format == QLatin1String("png")) {
        PlanExporter exporter(plan, metrics, heat);
        if (parser.isSet(QStringLiteral("expand-all"))) {
            PlanLayout::Options options;
            options.groupThreshold = std::numeric_limits<int>::max();
            exporter.setLayoutOptions(options);
        }
        return write(format == QLatin1String("svg") ? exporter.svg() : exporter.png(), out);
    }
    const QList<PlanFinding> findings = PlanAdvisor::findings(plan, metrics);
    if (format == QLatin1String("json"))
        return write(QJsonDocument(PlanReport::json(plan, metrics, findings))
                         .toJson(QJsonDocument::Indented),
                     out);
    return write(PlanReport::text(plan, metrics, findings).toUtf8(), out);
}
