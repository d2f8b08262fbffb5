#pragma once

#include "explain/planlayout.h"

#include <QGraphicsItem>

class PlanPainter;

// One card of the plan picture (a node, or a group of alike siblings). Drawing is delegated to
// PlanPainter so the view and the exported picture look the same; the item only knows its
// place, whether it is selected and whether it matches the current search. GUI thread.
class PlanNodeItem : public QGraphicsItem
{
public:
    PlanNodeItem(const PlanPainter *painter, const PlanLayout::Item &item, int index);

    int index() const { return m_index; } // in PlanLayout::items()
    const PlanLayout::Item &layoutItem() const { return m_item; }
    int node() const { return m_item.node; }

    void setMatched(bool matched);
    bool isMatched() const { return m_matched; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    const PlanPainter *m_painter;
    PlanLayout::Item m_item;
    int m_index;
    bool m_matched = false;
};
