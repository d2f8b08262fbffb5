#include "explaindiffcommand.h"

#include "explain/plan.h"
#include "explain/plandiff.h"
#include "explain/planmetrics.h"
#include "explain/planparser.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QString label(const Plan &plan, int id)
{
    if (id < 0)
        return {};
    const PlanNode &node = plan.node(id);
    const QString target = node.target();
    return target.isEmpty() ? node.displayName()
                            : node.displayName() + QStringLiteral(" on ") + target;
}

QJsonValue rounded(double value)
{
    return std::round(value * 1000) / 1000;
}

QString figure(double value, bool timed)
{
    return timed ? QString::number(value, 'f', 3) + QStringLiteral(" ms")
                 : QString::number(value, 'f', 2);
}

} // namespace

QString ExplainDiffCommand::summary() const
{
    return tr("compare two plans of one query: speed-up and the nodes that changed (BEFORE AFTER)");
}

int ExplainDiffCommand::load(const QString &path, Plan *plan)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return usageError(tr("%1: %2").arg(path, file.errorString()));
    PlanParseError error;
    if (!PlanParser::parse(QString::fromUtf8(file.readAll()), plan, &error))
        return usageError(tr("%1: %2").arg(path, error.toString()));
    return Ok;
}

int ExplainDiffCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("json"), tr("print JSON")});
    parser.addPositionalArgument(QStringLiteral("before"), tr("the first plan file"));
    parser.addPositionalArgument(QStringLiteral("after"), tr("the second plan file"));
    int exitCode = Ok;
    if (!parseArguments(parser, arguments, &exitCode))
        return exitCode;
    if (parser.positionalArguments().size() != 2)
        return usageError(tr("expected two plan files: BEFORE AFTER"));
    Plan before;
    Plan after;
    for (const auto &[path, plan] : {std::pair{parser.positionalArguments().at(0), &before},
                                     std::pair{parser.positionalArguments().at(1), &after}}) {
        const int loaded = load(path, plan);
        if (loaded != Ok)
            return loaded;
    }
    const PlanMetrics beforeMetrics = PlanMetrics::compute(before);
    const PlanMetrics afterMetrics = PlanMetrics::compute(after);
    const PlanDiff diff = PlanDiff::compare(before, beforeMetrics, after, afterMetrics);
    const QList<PlanDiff::Entry> worse = diff.worse();
    const bool slower = diff.speedup() > 0 && diff.speedup() < 1;

    if (parser.isSet(QStringLiteral("json"))) {
        const auto entryJson = [&](const PlanDiff::Entry &entry) {
            return QJsonObject{{QStringLiteral("before"),
                                entry.before < 0 ? QJsonValue() : QJsonValue(entry.before)},
                               {QStringLiteral("after"),
                                entry.after < 0 ? QJsonValue() : QJsonValue(entry.after)},
                               {QStringLiteral("node"),
                                label(entry.after >= 0 ? after : before,
                                      entry.after >= 0 ? entry.after : entry.before)},
                               {QStringLiteral("before_ms"), rounded(entry.beforeMs)},
                               {QStringLiteral("after_ms"), rounded(entry.afterMs)},
                               {QStringLiteral("delta_ms"), rounded(entry.deltaMs())},
                               {QStringLiteral("before_buffers"), entry.beforeBuffers},
                               {QStringLiteral("after_buffers"), entry.afterBuffers},
                               {QStringLiteral("before_rows"), entry.beforeRows},
                               {QStringLiteral("after_rows"), entry.afterRows}};
        };
        QJsonArray entries;
        for (const PlanDiff::Entry &entry : diff.entries())
            entries.append(entryJson(entry));
        QJsonArray worseJson;
        for (const PlanDiff::Entry &entry : worse)
            worseJson.append(entryJson(entry));
        const QJsonObject document{{QStringLiteral("measure"),
                                    diff.timed() ? QStringLiteral("time_ms")
                                                 : QStringLiteral("cost")},
                                   {QStringLiteral("before_total"), rounded(diff.beforeTotal())},
                                   {QStringLiteral("after_total"), rounded(diff.afterTotal())},
                                   {QStringLiteral("speedup"),
                                    std::round(diff.speedup() * 100) / 100},
                                   {QStringLiteral("before_buffers"), diff.beforeBuffers()},
                                   {QStringLiteral("after_buffers"), diff.afterBuffers()},
                                   {QStringLiteral("nodes"), entries},
                                   {QStringLiteral("worse"), worseJson}};
        m_out << QJsonDocument(document).toJson(QJsonDocument::Indented);
        m_out.flush();
        return slower ? Failure : Ok;
    }

    const bool timed = diff.timed();
    m_out << (timed ? tr("Execution: %1 → %2")
                          .arg(figure(diff.beforeTotal(), true), figure(diff.afterTotal(), true))
                    : tr("Estimated cost: %1 → %2")
                          .arg(figure(diff.beforeTotal(), false), figure(diff.afterTotal(), false)))
          << '\n';
    if (diff.speedup() >= 1)
        m_out << tr("%1× faster").arg(QString::number(diff.speedup(), 'f', 2)) << '\n';
    else if (diff.speedup() > 0)
        m_out << tr("%1× slower").arg(QString::number(1 / diff.speedup(), 'f', 2)) << '\n';
    if (diff.beforeBuffers() > 0 || diff.afterBuffers() > 0)
        m_out << tr("Buffers: %1 → %2 blocks").arg(diff.beforeBuffers()).arg(diff.afterBuffers())
              << '\n';
    m_out << '\n'
          << tr("Nodes (own %1, before → after):").arg(timed ? tr("time") : tr("cost")) << '\n';
    for (const PlanDiff::Entry &entry : diff.entries()) {
        QString line;
        if (entry.before < 0)
            line = tr("  + %1  %2 (new)")
                       .arg(figure(entry.afterMs, timed).rightJustified(12),
                            label(after, entry.after));
        else if (entry.after < 0)
            line = tr("  - %1  %2 (gone)")
                       .arg(figure(entry.beforeMs, timed).rightJustified(12),
                            label(before, entry.before));
        else
            line = QStringLiteral("    %1 → %2  %3")
                       .arg(figure(entry.beforeMs, timed).rightJustified(12),
                            figure(entry.afterMs, timed).rightJustified(12),
                            label(after, entry.after));
        m_out << line << '\n';
    }
    if (!worse.isEmpty()) {
        m_out << '\n' << tr("Worse:") << '\n';
        for (const PlanDiff::Entry &entry : worse)
            m_out << QStringLiteral("  • %1: %2 → %3")
                         .arg(label(after, entry.after),
                              figure(entry.beforeMs, timed),
                              figure(entry.afterMs, timed))
                  << '\n';
    }
    m_out.flush();
    return slower ? Failure : Ok;
}
