#pragma once

#include "plandiff.h"
#include "plantablemodel.h"

class Plan;

// The rows of a plan comparison: every node with its own time (or cost) before and after,
// the change, buffers and rows; new and vanished nodes included. Changes for the worse show
// in red, for the better in green. The plans belong to the caller and must outlive the model.
// GUI thread.
class PlanDiffModel : public PlanTableModel
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
    enum DiffRole { BeforeNodeRole = FirstOwnRole, AfterNodeRole };

    explicit PlanDiffModel(QObject *parent = nullptr);

    void setDiff(const Plan *before, const Plan *after, const PlanDiff &diff);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QString columnTitle(int section) const override;
    QString label(const PlanDiff::Entry &entry) const;

    const Plan *m_before = nullptr;
    const Plan *m_after = nullptr;
    PlanDiff m_diff;
};
