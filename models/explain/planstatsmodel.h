#pragma once

#include "plantablemodel.h"

#include <QList>

class Plan;
class PlanMetrics;

// Where a plan spends its time, summed per table (scans of the same relation) or per node
// type: how many nodes, their exclusive time and share, rows produced and exclusive buffers.
// The plan and metrics belong to the caller and must outlive the model. GUI thread.
class PlanStatsModel : public PlanTableModel
{
    Q_OBJECT

public:
    enum class Grouping { ByTable, ByNodeType };
    enum Column { Name, Nodes, SelfTime, Percent, Rows, Buffers, ColumnCount };

    explicit PlanStatsModel(QObject *parent = nullptr);

    void setPlan(const Plan *plan, const PlanMetrics *metrics);
    void setGrouping(Grouping grouping);
    Grouping grouping() const { return m_grouping; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QString columnTitle(int section) const override;
    struct Row
    {
        QString name;
        int nodes = 0;
        double selfMs = 0;
        double rows = 0;
        double buffers = 0;
    };
    void rebuild();
    QVariant sortValue(const Row &row, int column) const;

    const Plan *m_plan = nullptr;
    const PlanMetrics *m_metrics = nullptr;
    Grouping m_grouping = Grouping::ByTable;
    QList<Row> m_rows;
};
