#pragma once

#include <QList>
#include <QRectF>
#include <QSet>

class Plan;

// Where each card of a plan picture goes: a tidy top-down tree (children side by side under
// their parent, centred, subtrees never overlapping, each level one row). Pure geometry in
// scene units, so the view and the command-line export draw the same picture.
// Collapsed nodes hide their subtree. Long runs of look-alike siblings (thousands of partition
// scans) become one group card unless expanded, which keeps 10,000-node plans drawable.
// Pure function of its input; thread-safe.
class PlanLayout
{
public:
    struct Options
    {
        QSet<int> collapsed;      // node ids whose children are hidden
        QSet<int> expandedGroups; // first node id of groups shown in full
        int groupThreshold = 6;   // siblings alike before they are grouped
        double cardWidth = 240;
        double cardHeight = 92;
        double horizontalGap = 26;
        double verticalGap = 58;
    };

    struct Item
    {
        int node = -1;       // the node, or the first member of a group
        QList<int> members;  // a group's nodes; empty for a single node
        int parent = -1;     // item index
        QList<int> children; // item indexes
        QRectF rect;
        int hiddenDescendants = 0; // nodes hidden below a collapsed node
        bool isGroup() const { return !members.isEmpty(); }
    };

    struct Edge
    {
        int from = -1; // item indexes
        int to = -1;
        bool subplan = false; // InitPlan, SubPlan or CTE: drawn dashed
    };

    static PlanLayout compute(const Plan &plan, const Options &options);

    const QList<Item> &items() const { return m_items; }
    const QList<Edge> &edges() const { return m_edges; }
    QRectF bounds() const { return m_bounds; }
    // The item showing the node: its own card, or the group that holds it; -1 when hidden.
    int itemOf(int node) const { return m_itemOfNode.value(node, -1); }

private:
    void build(const Plan &plan, const Options &options);
    void place(const Options &options);

    QList<Item> m_items;
    QList<Edge> m_edges;
    QList<int> m_itemOfNode;
    QRectF m_bounds;
};
