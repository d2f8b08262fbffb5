#include "planedgesitem.h"

#include "explain/planlayout.h"
#include "explain/planpainter.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

PlanEdgesItem::PlanEdgesItem(const PlanPainter *painter, const PlanLayout *layout)
    : m_painter(painter)
    , m_layout(layout)
{
    setFlag(ItemUsesExtendedStyleOption);
    setZValue(-1);
}

QRectF PlanEdgesItem::boundingRect() const
{
    return m_layout->bounds().adjusted(-10, -10, 10, 10);
}

void PlanEdgesItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    Q_UNUSED(widget)
    const double lod = QStyleOptionGraphicsItem::levelOfDetailFromTransform(
        painter->worldTransform());
    const QList<PlanLayout::Item> &items = m_layout->items();
    painter->setRenderHint(QPainter::Antialiasing, lod >= 0.3);
    if (lod < 0.3)
        painter->setPen(QPen(QColor(0x9a, 0xa4, 0xb0), 0));
    for (const PlanLayout::Edge &edge : m_layout->edges()) {
        const QRectF &from = items.at(edge.from).rect;
        const QRectF &to = items.at(edge.to).rect;
        if (!option->exposedRect.intersects(from.united(to)))
            continue;
        if (lod < 0.3)
            painter->drawLine(QPointF(from.center().x(), from.bottom()),
                              QPointF(to.center().x(), to.top()));
        else
            m_painter->paintEdge(painter, from, to, items.at(edge.to).node, edge.subplan);
    }
}
