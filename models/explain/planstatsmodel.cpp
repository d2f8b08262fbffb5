#include "planstatsmodel.h"

#include "plan.h"
#include "planmetrics.h"

#include <QHash>

PlanStatsModel::PlanStatsModel(QObject *parent)
    : PlanTableModel(ColumnCount, parent)
{}

void PlanStatsModel::setPlan(const Plan *plan, const PlanMetrics *metrics)
{
    beginResetModel();
    m_plan = plan;
    m_metrics = metrics;
    rebuild();
    endResetModel();
}

void PlanStatsModel::setGrouping(Grouping grouping)
{
    if (grouping == m_grouping)
        return;
    beginResetModel();
    m_grouping = grouping;
    rebuild();
    endResetModel();
}

void PlanStatsModel::rebuild()
{
    m_rows.clear();
    if (!m_plan || !m_metrics)
        return;
    QHash<QString, int> index;
    for (const PlanNode &node : m_plan->nodes()) {
        const QString name = m_grouping == Grouping::ByTable ? node.relationLabel()
                                                             : node.nodeType();
        if (name.isEmpty())
            continue;
        auto it = index.find(name);
        if (it == index.end()) {
            it = index.insert(name, int(m_rows.size()));
            m_rows.append({name, 0, 0, 0, 0});
        }
        Row &row = m_rows[it.value()];
        const PlanMetrics::Node &m = m_metrics->node(node.id());
        ++row.nodes;
        row.selfMs += m.exclusiveMs;
        row.rows += m.totalRows;
        row.buffers += m.exclusiveBuffers.total();
    }
    std::sort(m_rows.begin(), m_rows.end(), [](const Row &a, const Row &b) {
        return a.selfMs != b.selfMs ? a.selfMs > b.selfMs : a.name < b.name;
    });
}

int PlanStatsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant PlanStatsModel::sortValue(const Row &row, int column) const
{
    switch (column) {
    case Name:
        return row.name;
    case Nodes:
        return row.nodes;
    case SelfTime:
        return row.selfMs;
    case Percent: {
        const double total = m_metrics->totalMs();
        return total > 0 ? 100 * row.selfMs / total : 0.0;
    }
    case Rows:
        return row.rows;
    case Buffers:
        return row.buffers;
    default:
        return {};
    }
}

QVariant PlanStatsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const Row &row = m_rows.at(index.row());
    const int column = index.column();
    if (role == Qt::TextAlignmentRole)
        return alignment(column == Name);
    if (role == SortRole)
        return sortValue(row, column);
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case SelfTime:
        return m_metrics->hasTiming() ? groupingLocale().toString(row.selfMs, 'f', 3) : QString();
    case Percent:
        return m_metrics->hasTiming()
                   ? groupingLocale().toString(sortValue(row, Percent).toDouble(), 'f', 1)
                   : QString();
    case Rows:
        return grouped(row.rows);
    case Buffers:
        return row.buffers > 0 ? grouped(row.buffers) : QString();
    default:
        return sortValue(row, column); // the name and the node count show as they sort
    }
}

QString PlanStatsModel::columnTitle(int section) const
{
    switch (section) {
    case Name:
        return m_grouping == Grouping::ByTable ? tr("Table") : tr("Node type");
    case Nodes:
        return tr("Nodes");
    case SelfTime:
        return tr("Self ms");
    case Percent:
        return tr("%");
    case Rows:
        return tr("Rows");
    case Buffers:
        return tr("Buffers");
    default:
        return {};
    }
}
