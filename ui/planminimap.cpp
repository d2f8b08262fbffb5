#include "planminimap.h"

#include "planview.h"

#include <QMouseEvent>

PlanMinimap::PlanMinimap(PlanView *view)
    : QGraphicsView(view)
{
    setObjectName(QStringLiteral("planMinimap"));
    setInteractive(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::Box);
    setStyleSheet(QStringLiteral(
        "PlanMinimap { border: 1px solid #c3c9d1; background: rgba(255, 255, 255, 230); }"));
    setRenderHint(QPainter::Antialiasing, false);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Overview: click or drag to move the view"));
}

void PlanMinimap::setMainView(PlanView *view)
{
    m_view = view;
    setScene(view->scene());
    connect(view, &PlanView::viewportMoved, viewport(), qOverload<>(&QWidget::update));
    refit();
}

void PlanMinimap::refit()
{
    if (scene())
        fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
    viewport()->update();
}

void PlanMinimap::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    refit();
}

void PlanMinimap::drawForeground(QPainter *painter, const QRectF &rect)
{
    Q_UNUSED(rect)
    if (!m_view)
        return;
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    painter->setPen(QPen(QColor(0x1f, 0x6f, 0xeb), 0));
    painter->setBrush(QColor(0x1f, 0x6f, 0xeb, 40));
    painter->drawRect(visible);
}

void PlanMinimap::moveMainView(const QPoint &position)
{
    if (m_view)
        m_view->panTo(mapToScene(position));
}

void PlanMinimap::mousePressEvent(QMouseEvent *event)
{
    moveMainView(event->position().toPoint());
    event->accept();
}

void PlanMinimap::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton)
        moveMainView(event->position().toPoint());
    event->accept();
}
