#include "plannodesmodel.h"

#include "plan.h"
#include "planmetrics.h"

#include <QColor>

PlanNodesModel::PlanNodesModel(QObject *parent)
    : PlanTableModel(ColumnCount, parent)
{}

void PlanNodesModel::setPlan(const Plan *plan, const PlanMetrics *metrics)
{
    beginResetModel();
    m_plan = plan;
    m_metrics = metrics;
    endResetModel();
}

int PlanNodesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_plan ? 0 : m_plan->size();
}

QVariant PlanNodesModel::sortValue(int id, int column) const
{
    const PlanNode &node = m_plan->node(id);
    const PlanMetrics::Node &m = m_metrics->node(id);
    switch (column) {
    case Node:
        return node.displayName();
    case Target:
        return node.target();
    case SelfTime:
        return m.exclusiveMs;
    case TotalTime:
        return m.inclusiveMs;
    case Percent:
        return m.percent;
    case Rows:
        return node.hasActuals() ? node.actualRows() : QVariant();
    case EstimatedRows:
        return node.hasCosts() ? node.planRows() : QVariant();
    case Misestimate:
        return m.estimate == PlanMetrics::Estimate::Unknown ? QVariant() : QVariant(m.misestimate);
    case Loops:
        return node.hasActuals() ? node.actualLoops() : QVariant();
    case Buffers:
        return m.exclusiveBuffers.total();
    case SelfCost:
        return m.exclusiveCost;
    default:
        return {};
    }
}

QVariant PlanNodesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_plan || index.row() >= m_plan->size()
        || index.column() >= ColumnCount)
        return {};
    const int id = index.row();
    const int column = index.column();
    if (role == NodeIdRole)
        return id;
    if (role == SortRole)
        return sortValue(id, column);
    const PlanNode &node = m_plan->node(id);
    const PlanMetrics::Node &m = m_metrics->node(id);
    if (role == Qt::TextAlignmentRole)
        return alignment(column < SelfTime);
    if (role == Qt::ForegroundRole) {
        if (column == Misestimate && m.misestimate >= 10)
            return QColor(m.estimate == PlanMetrics::Estimate::Under ? 0xc9 : 0x1f,
                          m.estimate == PlanMetrics::Estimate::Under ? 0x1d : 0x6f,
                          m.estimate == PlanMetrics::Estimate::Under ? 0x2e : 0xeb);
        if (node.neverExecuted())
            return QColor(0x8a, 0x93, 0x9c);
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (column) {
    case Node:
        return node.subplanName().isEmpty() ? node.displayName()
                                            : node.displayName() + QStringLiteral(" (")
                                                  + node.subplanName() + QLatin1Char(')');
    case Target:
        return node.target();
    case SelfTime:
    case TotalTime:
        if (!m_metrics->hasTiming())
            return {};
        return QLocale().toString(column == SelfTime ? m.exclusiveMs : m.inclusiveMs, 'f', 3);
    case Percent:
        return m_metrics->hasTiming() ? QLocale().toString(m.percent, 'f', 1) : QString();
    case Rows:
        return node.neverExecuted() ? tr("never executed")
               : node.hasActuals()  ? grouped(node.actualRows())
                                    : QString();
    case EstimatedRows:
        return node.hasCosts() ? grouped(node.planRows()) : QString();
    case Misestimate:
        if (m.misestimate < 1.5) // estimates are never exact; small misses are not news
            return {};
        if (m.estimate == PlanMetrics::Estimate::Under)
            return QStringLiteral("▲ %1×").arg(QLocale().toString(m.misestimate, 'f', 1));
        if (m.estimate == PlanMetrics::Estimate::Over)
            return QStringLiteral("▼ %1×").arg(QLocale().toString(m.misestimate, 'f', 1));
        return {};
    case Loops:
        return node.hasActuals() ? grouped(node.actualLoops()) : QString();
    case Buffers:
        return m.exclusiveBuffers.total() > 0 ? grouped(m.exclusiveBuffers.total()) : QString();
    case SelfCost:
        return node.hasCosts() ? QLocale().toString(m.exclusiveCost, 'f', 2) : QString();
    default:
        return {};
    }
}

QString PlanNodesModel::columnTitle(int section) const
{
    switch (section) {
    case Node:
        return tr("Node");
    case Target:
        return tr("On");
    case SelfTime:
        return tr("Self ms");
    case TotalTime:
        return tr("Total ms");
    case Percent:
        return tr("%");
    case Rows:
        return tr("Rows");
    case EstimatedRows:
        return tr("Estimated");
    case Misestimate:
        return tr("Off by");
    case Loops:
        return tr("Loops");
    case Buffers:
        return tr("Buffers");
    case SelfCost:
        return tr("Self cost");
    default:
        return {};
    }
}
