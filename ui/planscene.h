#pragma once

#include "explain/planheat.h"
#include "explain/planlayout.h"

#include <QGraphicsScene>

#include <memory>

class Plan;
class PlanEdgesItem;
class PlanMetrics;
class PlanNodeItem;
class PlanPainter;

// The plan picture as a scene: one PlanNodeItem per card over one PlanEdgesItem, placed by
// PlanLayout. Collapsing a node or expanding a group lays the picture out again. Selection is
// by node id (a node inside a group selects the group). The plan and metrics belong to the
// caller and must outlive the scene's use of them. GUI thread.
class PlanScene : public QGraphicsScene
{
    Q_OBJECT

public:
    explicit PlanScene(QObject *parent = nullptr);
    ~PlanScene() override;

    void setPlan(const Plan *plan, const PlanMetrics *metrics);
    const Plan *plan() const { return m_plan; }
    const PlanLayout &layout() const { return m_layout; }

    void setHeat(PlanHeat::Metric heat);
    PlanHeat::Metric heat() const { return m_heat; }

    // Collapses or expands a node's subtree, or expands a group; keeps the selection.
    void toggle(int itemIndex);
    void setCollapsed(int node, bool collapsed);
    bool isCollapsed(int node) const { return m_options.collapsed.contains(node); }
    void expandAll(); // no collapsed nodes and no groups
    void setGroupThreshold(int siblings);

    // Selects the card showing the node (expanding its group first); -1 clears.
    void selectNode(int node);
    int selectedNode() const;
    PlanNodeItem *itemForNode(int node) const;
    QRectF cardRect(int node) const;

    // Marks the cards whose node type, name or relation contains the text; returns their node
    // ids in plan order (a group counts once, by its first node).
    QList<int> highlight(const QString &text);

signals:
    void nodeSelected(int node); // -1 when nothing is selected
    void relaidOut();

protected:
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;

private:
    void rebuild();
    void onSelectionChanged();

    const Plan *m_plan = nullptr;
    const PlanMetrics *m_metrics = nullptr;
    PlanHeat::Metric m_heat = PlanHeat::Time;
    PlanLayout::Options m_options;
    PlanLayout m_layout;
    std::unique_ptr<PlanPainter> m_painter;
    QList<PlanNodeItem *> m_items;
    PlanEdgesItem *m_edges = nullptr;
    QString m_highlight;
    int m_selectedNode = -1;
    bool m_rebuilding = false;
};
