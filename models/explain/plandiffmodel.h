#pragma once

#include "plandiff.h"

#include <QAbstractTableModel>

class Plan;

// The rows of a plan comparison: every node with its own time (or cost) before and after,
// the change, buffers and rows; new and vanished nodes included. Changes for the worse show
// in red, for the better in green. The plans belong to the caller and must outlive the model.
// GUI thread.
class PlanDiffModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Node,
        Before,
        After,
        Change,
        BeforeBuffers,
        AfterBuffers,
        BeforeRows,
        AfterRows,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole, BeforeNodeRole, AfterNodeRole };

    explicit PlanDiffModel(QObject *parent = nullptr);

    void setDiff(const Plan *before, const Plan *after, const PlanDiff &diff);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString label(const PlanDiff::Entry &entry) const;

    const Plan *m_before = nullptr;
    const Plan *m_after = nullptr;
    PlanDiff m_diff;
};
