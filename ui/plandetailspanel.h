#pragma once

#include "explain/planfinding.h"

#include <QWidget>

class Plan;
class PlanMetrics;
class QLabel;
class QTreeWidget;
class QTreeWidgetItem;
class QJsonValue;

// Everything about the selected plan node: a header (name, target, share of the time), what
// Slipway found about it (with the SQL to fix it, copyable), the derived figures (self and
// total time, rows against the estimate, exclusive buffers) and then every field PostgreSQL
// reported, nested ones (workers, sort groups) as subtrees. GUI thread.
class PlanDetailsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit PlanDetailsPanel(QWidget *parent = nullptr);

    void setPlan(const Plan *plan, const PlanMetrics *metrics, const QList<PlanFinding> &findings);
    void showNode(int node); // -1: the plan's summary
    int node() const { return m_node; }

    QTreeWidget *tree() const { return m_tree; }
    QLabel *titleLabel() const { return m_title; }
    QLabel *findingsLabel() const { return m_findingsLabel; }
    // The value shown for a field (e.g. "Relation Name"), searched depth-first; empty if none.
    QString valueOf(const QString &field) const;

private:
    QTreeWidgetItem *section(const QString &title);
    void addRow(QTreeWidgetItem *parent, const QString &name, const QString &value);
    void addJson(QTreeWidgetItem *parent, const QString &name, const QJsonValue &value);
    void showSummary();
    void showFindings(const QList<PlanFinding> &findings);
    void copySelection();

    const Plan *m_plan = nullptr;
    const PlanMetrics *m_metrics = nullptr;
    QList<PlanFinding> m_findings;
    int m_node = -1;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_findingsLabel = nullptr;
    QTreeWidget *m_tree = nullptr;
};
