#pragma once

#include <QGraphicsItem>

class PlanLayout;
class PlanPainter;

// All edges of the plan picture in one item: thousands of edges as separate items would cost
// more than they give. Paints only the edges that cross the exposed area, and straight thin
// lines when zoomed far out. GUI thread.
class PlanEdgesItem : public QGraphicsItem
{
public:
    PlanEdgesItem(const PlanPainter *painter, const PlanLayout *layout);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    const PlanPainter *m_painter;
    const PlanLayout *m_layout;
};
