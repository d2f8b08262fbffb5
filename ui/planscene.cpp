#include "planscene.h"

#include "planedgesitem.h"
#include "plannodeitem.h"

#include "explain/plan.h"
#include "explain/planmetrics.h"
#include "explain/planpainter.h"

#include <QGraphicsSceneMouseEvent>

PlanScene::PlanScene(QObject *parent)
    : QGraphicsScene(parent)
{
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    connect(this, &QGraphicsScene::selectionChanged, this, &PlanScene::onSelectionChanged);
}

PlanScene::~PlanScene()
{
    // Items paint through m_painter; they go first.
    m_rebuilding = true;
    clear();
}

void PlanScene::setPlan(const Plan *plan, const PlanMetrics *metrics)
{
    m_plan = plan;
    m_metrics = metrics;
    m_options = PlanLayout::Options();
    m_selectedNode = -1;
    m_highlight.clear();
    m_painter = plan ? std::make_unique<PlanPainter>(*plan, *metrics, m_heat) : nullptr;
    rebuild();
}

void PlanScene::setHeat(PlanHeat::Metric heat)
{
    m_heat = heat;
    if (m_painter) {
        m_painter->setHeat(heat);
        update();
    }
}

void PlanScene::rebuild()
{
    m_rebuilding = true;
    clear();
    m_items.clear();
    m_edges = nullptr;
    if (!m_plan || m_plan->isEmpty()) {
        m_layout = PlanLayout();
        setSceneRect(QRectF());
        m_rebuilding = false;
        emit relaidOut();
        return;
    }
    m_layout = PlanLayout::compute(*m_plan, m_options);
    m_edges = new PlanEdgesItem(m_painter.get(), &m_layout);
    addItem(m_edges);
    const QList<PlanLayout::Item> &items = m_layout.items();
    m_items.reserve(items.size());
    for (int i = 0; i < items.size(); ++i) {
        auto *item = new PlanNodeItem(m_painter.get(), items.at(i), i);
        addItem(item);
        m_items.append(item);
    }
    setSceneRect(m_layout.bounds().adjusted(-40, -40, 40, 40));
    m_rebuilding = false;
    if (!m_highlight.isEmpty())
        highlight(m_highlight);
    const int keep = m_selectedNode;
    m_selectedNode = -1;
    if (keep >= 0)
        selectNode(keep);
    emit relaidOut();
}

void PlanScene::toggle(int itemIndex)
{
    if (itemIndex < 0 || itemIndex >= m_layout.items().size())
        return;
    const PlanLayout::Item &item = m_layout.items().at(itemIndex);
    if (item.isGroup())
        m_options.expandedGroups.insert(item.node);
    else if (m_options.collapsed.contains(item.node))
        m_options.collapsed.remove(item.node);
    else if (!m_plan->node(item.node).children().isEmpty())
        m_options.collapsed.insert(item.node);
    else
        return;
    rebuild();
}

void PlanScene::setCollapsed(int node, bool collapsed)
{
    if (collapsed == m_options.collapsed.contains(node))
        return;
    if (collapsed)
        m_options.collapsed.insert(node);
    else
        m_options.collapsed.remove(node);
    rebuild();
}

void PlanScene::expandAll()
{
    m_options.collapsed.clear();
    m_options.groupThreshold = std::numeric_limits<int>::max();
    rebuild();
}

void PlanScene::setGroupThreshold(int siblings)
{
    m_options.groupThreshold = siblings;
    rebuild();
}

PlanNodeItem *PlanScene::itemForNode(int node) const
{
    const int index = node < 0 ? -1 : m_layout.itemOf(node);
    return index < 0 ? nullptr : m_items.value(index);
}

QRectF PlanScene::cardRect(int node) const
{
    PlanNodeItem *item = itemForNode(node);
    return item ? item->layoutItem().rect : QRectF();
}

void PlanScene::selectNode(int node)
{
    if (node >= 0 && m_plan && node < m_plan->size() && m_layout.itemOf(node) < 0) {
        // Hidden under a collapsed ancestor: open the way to it.
        for (int up = m_plan->node(node).parentId(); up >= 0; up = m_plan->node(up).parentId())
            m_options.collapsed.remove(up);
        m_selectedNode = node;
        rebuild();
        return;
    }
    PlanNodeItem *item = itemForNode(node);
    if (item && item->layoutItem().isGroup() && item->node() != node) {
        m_options.expandedGroups.insert(item->node());
        m_selectedNode = node;
        rebuild();
        return;
    }
    clearSelection();
    if (item)
        item->setSelected(true);
}

int PlanScene::selectedNode() const
{
    return m_selectedNode;
}

void PlanScene::onSelectionChanged()
{
    if (m_rebuilding)
        return;
    const QList<QGraphicsItem *> selected = selectedItems();
    int node = -1;
    if (!selected.isEmpty()) {
        if (auto *item = dynamic_cast<PlanNodeItem *>(selected.first()))
            node = item->node();
    }
    if (node == m_selectedNode)
        return;
    m_selectedNode = node;
    emit nodeSelected(node);
}

QList<int> PlanScene::highlight(const QString &text)
{
    m_highlight = text.trimmed();
    QList<int> found;
    for (PlanNodeItem *item : std::as_const(m_items)) {
        bool match = false;
        if (!m_highlight.isEmpty()) {
            const QList<int> nodes = item->layoutItem().isGroup() ? item->layoutItem().members
                                                                  : QList<int>{item->node()};
            for (int id : nodes) {
                const PlanNode &node = m_plan->node(id);
                if (node.displayName().contains(m_highlight, Qt::CaseInsensitive)
                    || node.target().contains(m_highlight, Qt::CaseInsensitive)
                    || node.subplanName().contains(m_highlight, Qt::CaseInsensitive)) {
                    match = true;
                    break;
                }
            }
        }
        item->setMatched(match);
        if (match)
            found.append(item->node());
    }
    std::sort(found.begin(), found.end());
    return found;
}

void PlanScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    for (QGraphicsItem *under : items(event->scenePos())) {
        if (auto *item = dynamic_cast<PlanNodeItem *>(under)) {
            toggle(item->index());
            event->accept();
            return;
        }
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}
