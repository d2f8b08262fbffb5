#pragma once

#include "plantablemodel.h"

class Plan;
class PlanMetrics;

// The plan's nodes as a flat table for the grid view: name, target, exclusive and inclusive
// time, share, rows, estimate, misestimate, loops, exclusive buffers and cost. Sorting goes
// through a QSortFilterProxyModel on SortRole, which holds the raw numbers. The plan and
// metrics belong to the caller and must outlive the model (or be replaced first). GUI thread.
class PlanNodesModel : public PlanTableModel
{
    Q_OBJECT

public:
    enum Column {
        Node,
        Target,
        SelfTime,
        TotalTime,
        Percent,
        Rows,
        EstimatedRows,
        Misestimate,
        Loops,
        Buffers,
        SelfCost,
        ColumnCount
    };
    enum NodeRole { NodeIdRole = FirstOwnRole };

    explicit PlanNodesModel(QObject *parent = nullptr);

    void setPlan(const Plan *plan, const PlanMetrics *metrics);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QString columnTitle(int section) const override;
    QVariant sortValue(int node, int column) const;

    const Plan *m_plan = nullptr;
    const PlanMetrics *m_metrics = nullptr;
};
