#include "planreport.h"

#include "plan.h"
#include "plankeys.h"
#include "planmetrics.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>

namespace {

// Milliseconds rounded to the 0.001 ms PostgreSQL prints.
QJsonValue ms(double value)
{
    return std::round(value * 1000) / 1000;
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QString kindName(PlanFinding::Kind kind)
{
    switch (kind) {
    case PlanFinding::Kind::HeaviestNode:
        return QStringLiteral("heaviest_node");
    case PlanFinding::Kind::Misestimate:
        return QStringLiteral("misestimate");
    case PlanFinding::Kind::DiskSpill:
        return QStringLiteral("disk_spill");
    case PlanFinding::Kind::FilterRemovesMost:
        return QStringLiteral("filter_removes_most");
    case PlanFinding::Kind::IndexSuggestion:
        return QStringLiteral("index_suggestion");
    }
    return {};
}

QString number(double value, int decimals)
{
    return QLocale::c().toString(value, 'f', decimals);
}

} // namespace

QJsonObject PlanReport::json(const Plan &plan,
                             const PlanMetrics &metrics,
                             const QList<PlanFinding> &findings)
{
    QJsonArray nodes;
    for (const PlanNode &node : plan.nodes()) {
        const PlanMetrics::Node &m = metrics.node(node.id());
        QJsonObject n{
            {QStringLiteral("id"), node.id()},
            {QStringLiteral("parent"),
             node.parentId() < 0 ? QJsonValue() : QJsonValue(node.parentId())},
            {QStringLiteral("node_type"), node.nodeType()},
            {QStringLiteral("display_name"), node.displayName()},
            {QStringLiteral("parent_relationship"), textOrNull(node.parentRelationship())},
            {QStringLiteral("subplan_name"), textOrNull(node.subplanName())},
            {QStringLiteral("relation"), textOrNull(node.text(PlanKey::RelationName))},
            {QStringLiteral("schema"), textOrNull(node.text(PlanKey::Schema))},
            {QStringLiteral("alias"), textOrNull(node.text(PlanKey::Alias))},
            {QStringLiteral("index"), textOrNull(node.text(PlanKey::IndexName))},
            {QStringLiteral("join_type"), textOrNull(node.text(PlanKey::JoinType))},
            {QStringLiteral("strategy"), textOrNull(node.text(PlanKey::Strategy))},
            {QStringLiteral("parallel_aware"), node.isParallelAware()},
            {QStringLiteral("startup_cost"),
             node.hasCosts() ? QJsonValue(node.startupCost()) : QJsonValue()},
            {QStringLiteral("total_cost"),
             node.hasCosts() ? QJsonValue(node.totalCost()) : QJsonValue()},
            {QStringLiteral("plan_rows"),
             node.hasCosts() ? QJsonValue(node.planRows()) : QJsonValue()},
            {QStringLiteral("actual_rows"),
             node.hasActuals() ? QJsonValue(node.actualRows()) : QJsonValue()},
            {QStringLiteral("actual_loops"),
             node.hasActuals() ? QJsonValue(node.actualLoops()) : QJsonValue()},
            {QStringLiteral("never_executed"), node.neverExecuted()},
            {QStringLiteral("inclusive_ms"), metrics.hasTiming() ? ms(m.inclusiveMs) : QJsonValue()},
            {QStringLiteral("exclusive_ms"), metrics.hasTiming() ? ms(m.exclusiveMs) : QJsonValue()},
            {QStringLiteral("percent"),
             metrics.hasTiming() ? QJsonValue(std::round(m.percent * 10) / 10) : QJsonValue()},
            {QStringLiteral("misestimate"),
             m.estimate == PlanMetrics::Estimate::Unknown
                 ? QJsonValue()
                 : QJsonValue(std::round(m.misestimate * 100) / 100)},
            {QStringLiteral("misestimate_direction"),
             m.estimate == PlanMetrics::Estimate::Under  ? QJsonValue(QStringLiteral("under"))
             : m.estimate == PlanMetrics::Estimate::Over ? QJsonValue(QStringLiteral("over"))
                                                         : QJsonValue()},
        };
        if (!node.buffers().isEmpty()) {
            QJsonObject buffers;
            for (int c = 0; c < PlanBuffers::CounterCount; ++c) {
                const double value = m.exclusiveBuffers.value(PlanBuffers::Counter(c));
                if (value > 0)
                    buffers.insert(PlanBuffers::key(PlanBuffers::Counter(c)), value);
            }
            n.insert(QStringLiteral("exclusive_buffers"), buffers);
        }
        nodes.append(n);
    }
    QJsonArray found;
    for (const PlanFinding &finding : findings) {
        found.append(QJsonObject{{QStringLiteral("kind"), kindName(finding.kind)},
                                 {QStringLiteral("node"), finding.node},
                                 {QStringLiteral("message"), finding.message},
                                 {QStringLiteral("sql"), textOrNull(finding.sql)}});
    }
    const double planning = plan.planningTime();
    const double execution = plan.executionTime();
    return QJsonObject{{QStringLiteral("planning_ms"), planning < 0 ? QJsonValue() : ms(planning)},
                       {QStringLiteral("execution_ms"),
                        execution < 0 ? QJsonValue() : ms(execution)},
                       {QStringLiteral("nodes"), nodes},
                       {QStringLiteral("findings"), found}};
}

QString PlanReport::text(const Plan &plan,
                         const PlanMetrics &metrics,
                         const QList<PlanFinding> &findings)
{
    QStringList lines;
    QStringList summary;
    if (plan.planningTime() >= 0)
        summary << tr("Planning %1 ms").arg(number(plan.planningTime(), 3));
    if (plan.executionTime() >= 0)
        summary << tr("Execution %1 ms").arg(number(plan.executionTime(), 3));
    summary << (plan.size() == 1 ? tr("1 node") : tr("%1 nodes").arg(plan.size()));
    lines << summary.join(QStringLiteral(" · ")) << QString();

    const bool timing = metrics.hasTiming();
    const bool actuals = plan.hasActuals();
    QStringList header;
    if (timing)
        header << tr("self ms").rightJustified(10) << tr("total ms").rightJustified(10)
               << tr("%").rightJustified(5);
    header << tr("rows").rightJustified(10) << tr("estimate").rightJustified(10);
    if (actuals)
        header << tr("off by").rightJustified(9);
    header << QStringLiteral("  ") + tr("node");
    lines << header.join(QString());

    for (const PlanNode &node : plan.nodes()) {
        const PlanMetrics::Node &m = metrics.node(node.id());
        QStringList cells;
        if (timing) {
            cells << number(m.exclusiveMs, 3).rightJustified(10)
                  << number(m.inclusiveMs, 3).rightJustified(10)
                  << number(m.percent, 1).rightJustified(5);
        }
        cells << (actuals ? (node.neverExecuted() ? tr("never") : number(node.actualRows(), 0))
                          : QString())
                     .rightJustified(10)
              << (node.hasCosts() ? number(node.planRows(), 0) : QString()).rightJustified(10);
        if (actuals) {
            QString off; // estimates are never exact; small misses are not news
            if (m.misestimate >= 1.5 && m.estimate == PlanMetrics::Estimate::Under)
                off = number(m.misestimate, 1) + QStringLiteral("× ↑");
            else if (m.misestimate >= 1.5 && m.estimate == PlanMetrics::Estimate::Over)
                off = number(m.misestimate, 1) + QStringLiteral("× ↓");
            cells << off.rightJustified(9);
        }
        QString name = QString(node.depth() * 3, QLatin1Char(' '));
        if (!node.subplanName().isEmpty())
            name += QLatin1Char('[') + node.subplanName() + QLatin1String("] ");
        if (node.depth() > 0)
            name += QStringLiteral("-> ");
        name += node.displayName();
        const QString target = node.target();
        if (!target.isEmpty()) {
            const bool usesIndex = node.nodeType() == QLatin1String("Index Scan")
                                   || node.nodeType() == QLatin1String("Index Only Scan");
            name += (usesIndex ? QStringLiteral(" using ") : QStringLiteral(" on ")) + target;
        }
        if (actuals && node.actualLoops() > 1)
            name += QStringLiteral(" ×%1").arg(number(node.actualLoops(), 0));
        cells << QStringLiteral("  ") + name;
        lines << cells.join(QString());
    }
    if (!findings.isEmpty()) {
        lines << QString() << tr("Findings:");
        for (const PlanFinding &finding : findings) {
            lines << QStringLiteral("  • ") + finding.message;
            if (!finding.sql.isEmpty())
                lines << QStringLiteral("      ") + finding.sql;
        }
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}
