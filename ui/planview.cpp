#include "planview.h"

#include "planminimap.h"
#include "planscene.h"

#include <QKeyEvent>
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
}

void PlanView::setPlanScene(PlanScene *scene)
{
    m_scene = scene;
    setScene(scene);
    m_minimap->setMainView(this);
    connect(scene, &PlanScene::relaidOut, this, [this] {
        m_minimap->refit();
        updateMinimap();
    });
}

void PlanView::setZoom(double factor)
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
    if (!m_scene)
        return;
    const QRectF bounds = m_scene->sceneRect();
    if (bounds.isEmpty())
        return;
    if (!isVisible() || viewport()->width() < 100 || viewport()->height() < 100) {
        m_fitPending = true;
        return;
    }
    m_fitPending = false;
    // Fit, but never blow a small plan up beyond its natural size.
    const double factor = std::min(
        {viewport()->width() / bounds.width(), viewport()->height() / bounds.height(), 1.0});
    setZoom(factor);
    centerOn(bounds.center());
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
    if (zoom() < 0.5)
        setZoom(0.8);
    centerOn(rect.center());
    emit viewportMoved();
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

void PlanView::showEvent(QShowEvent *event)
{
    QGraphicsView::showEvent(event);
    if (m_fitPending)
        fitToView();
}

void PlanView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_fitPending)
        fitToView();
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
    const QSize size = m_minimap->sizeHint();
    m_minimap->setGeometry(viewport()->width() - size.width() - 12,
                           viewport()->height() - size.height() - 12,
                           size.width(),
                           size.height());
}
