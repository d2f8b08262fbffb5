#include "planview.h"

#include "planminimap.h"
#include "planscene.h"

#include <QKeyEvent>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QWheelEvent>

namespace {
constexpr double MinZoom = 0.01;
constexpr double MaxZoom = 3.0;
} // namespace

PlanView::PlanView(QWidget *parent)
    : QGraphicsView(parent)
{
    setObjectName(QStringLiteral("planView"));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing
                   | QPainter::SmoothPixmapTransform);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setOptimizationFlags(QGraphicsView::DontSavePainterState
                         | QGraphicsView::DontAdjustForAntialiasing);
    setBackgroundBrush(QColor(0xf6, 0xf8, 0xfa));
    setFrameShape(QFrame::NoFrame);
    m_minimap = new PlanMinimap(this);
    m_minimap->hide();
    // Scroll bar actions are the user's (clicks, drags, the wheel over a bar, arrow and page
    // keys); the view's own moves set values directly and do not trigger actions. At that point
    // the slider position is the new one and the value still the old: only a real move counts.
    for (QScrollBar *bar : {horizontalScrollBar(), verticalScrollBar()}) {
        connect(bar, &QAbstractSlider::actionTriggered, this, [this, bar] {
            if (bar->sliderPosition() != bar->value())
                setAutoFit(false);
        });
    }
}

void PlanView::setPlanScene(PlanScene *scene)
{
    m_scene = scene;
    setScene(scene);
    m_minimap->setMainView(this);
    connect(scene, &PlanScene::relaidOut, this, [this] {
        m_minimap->refit();
        if (m_autoFit)
            fit();
        updateMinimap();
    });
}

void PlanView::setAutoFit(bool on)
{
    if (m_autoFit == on)
        return;
    m_autoFit = on;
    emit autoFitChanged(on);
}

void PlanView::applyZoom(double factor)
{
    const double clamped = std::clamp(factor, MinZoom, MaxZoom);
    const double current = zoom();
    if (qFuzzyCompare(current, clamped))
        return;
    scale(clamped / current, clamped / current);
    updateMinimap();
    emit zoomChanged(clamped);
    emit viewportMoved();
}

void PlanView::setZoom(double factor)
{
    setAutoFit(false);
    applyZoom(factor);
}

void PlanView::panTo(const QPointF &scenePoint)
{
    setAutoFit(false);
    centerOn(scenePoint);
}

void PlanView::zoomIn()
{
    setZoom(zoom() * 1.25);
}

void PlanView::zoomOut()
{
    setZoom(zoom() / 1.25);
}

void PlanView::resetZoom()
{
    setZoom(1.0);
}

void PlanView::fitToView()
{
    setAutoFit(true);
    fit();
}

void PlanView::fit()
{
    if (!m_scene || m_fitting)
        return;
    const QRectF bounds = m_scene->sceneRect();
    if (bounds.isEmpty())
        return;
    // Not shown or not laid out yet: showEvent and resizeEvent come back with the real size.
    if (!isVisible() || viewport()->width() < 100 || viewport()->height() < 100)
        return;
    const QScopedValueRollback<bool> fitting(m_fitting, true);
    QRectF root = m_scene->cardRect(0);
    if (root.isEmpty())
        root = bounds;
    // Scroll bars coming or going resize the viewport; a second pass fits the final size.
    for (int pass = 0; pass < 2; ++pass) {
        const QSize room = viewport()->size();
        // The whole plan, with fitInView's small margin so that it needs no scroll bars, but
        // never blown up beyond its natural size nor shrunk into unlabelled blocks.
        const double whole = std::min(
            {(room.width() - 4) / bounds.width(), (room.height() - 4) / bounds.height(), 1.0});
        const double factor = std::max(whole, ReadableZoom);
        applyZoom(factor);
        // What does not fit starts where a plan is read: at the root, on top.
        const QSizeF seen(room.width() / factor, room.height() / factor);
        QPointF centre = bounds.center();
        if (bounds.width() > seen.width())
            centre.setX(root.center().x());
        if (bounds.height() > seen.height())
            centre.setY(bounds.top() + seen.height() / 2);
        centerOn(centre);
        if (viewport()->size() == room)
            break;
    }
    updateMinimap();
    emit viewportMoved();
}

void PlanView::centerOnNode(int node)
{
    if (!m_scene)
        return;
    const QRectF rect = m_scene->cardRect(node);
    if (rect.isEmpty())
        return;
    // While the view follows the pane, a card already in full view does not move it.
    if (m_autoFit && viewport()->rect().contains(mapFromScene(rect).boundingRect()))
        return;
    setAutoFit(false);
    if (zoom() < 0.5)
        applyZoom(0.8);
    centerOn(rect.center());
    emit viewportMoved();
}

QPoint PlanView::scrollPosition() const
{
    return {horizontalScrollBar()->value(), verticalScrollBar()->value()};
}

void PlanView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    setZoom(zoom() * std::pow(1.15, steps));
    event->accept();
}

void PlanView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        return;
    case Qt::Key_Minus:
        zoomOut();
        return;
    case Qt::Key_0:
        fitToView();
        return;
    default:
        QGraphicsView::keyPressEvent(event);
    }
}

void PlanView::mouseMoveEvent(QMouseEvent *event)
{
    // Dragging the background pans by setting the scroll bars' values, which triggers no
    // scroll bar action; a drag that moved the view is a pan by hand.
    const QPoint before = scrollPosition();
    QGraphicsView::mouseMoveEvent(event);
    if (event->buttons() != Qt::NoButton && scrollPosition() != before)
        setAutoFit(false);
}

void PlanView::showEvent(QShowEvent *event)
{
    QGraphicsView::showEvent(event);
    if (m_autoFit)
        fit();
}

void PlanView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_autoFit)
        fit();
    placeMinimap();
    emit viewportMoved();
}

void PlanView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    emit viewportMoved();
}

void PlanView::updateMinimap()
{
    // The overview helps when the picture does not fit: zoomed in, or fitted so far out that
    // the cards are blocks.
    if (!m_scene)
        return;
    const QRectF bounds = m_scene->sceneRect();
    const bool overflows = bounds.width() * zoom() > viewport()->width() * 1.05
                           || bounds.height() * zoom() > viewport()->height() * 1.05;
    m_minimap->setVisible(!bounds.isEmpty() && (overflows || zoom() < 0.3));
    placeMinimap();
}

void PlanView::placeMinimap()
{
    // Full size in a roomy pane; a small pane keeps most of its room for the plan.
    const QSize full = m_minimap->sizeHint();
    const double share = std::min(
        {1.0, viewport()->width() / 4.0 / full.width(), viewport()->height() / 3.5 / full.height()});
    const QSize size = (QSizeF(full) * share).toSize();
    m_minimap->setGeometry(viewport()->width() - size.width() - 12,
                           viewport()->height() - size.height() - 12,
                           size.width(),
                           size.height());
}
