#include "plannodeitem.h"

#include "explain/planpainter.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

PlanNodeItem::PlanNodeItem(const PlanPainter *painter, const PlanLayout::Item &item, int index)
    : m_painter(painter)
    , m_item(item)
    , m_index(index)
{
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(false);
    setToolTip(QStringLiteral("%1\n%2\n%3\n%4")
                   .arg(painter->title(item),
                        painter->subtitle(item),
                        painter->timeText(item),
                        painter->rowsText(item))
                   .trimmed());
}

void PlanNodeItem::setMatched(bool matched)
{
    if (matched == m_matched)
        return;
    m_matched = matched;
    update();
}

QRectF PlanNodeItem::boundingRect() const
{
    // Room for the stacked look of groups, the tag on the bottom edge and thick borders.
    return m_item.rect.adjusted(-2, -2, 8, 9);
}

void PlanNodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    Q_UNUSED(widget)
    const double lod = QStyleOptionGraphicsItem::levelOfDetailFromTransform(
        painter->worldTransform());
    Q_UNUSED(option)
    m_painter->paintCard(painter, m_item, m_item.rect, isSelected(), m_matched, lod);
}
