#pragma once

#include <QGraphicsView>

class PlanMinimap;
class PlanScene;

// Looks at a PlanScene: the wheel zooms around the cursor, dragging the background pans,
// clicking a card selects it, double-clicking collapses or expands it. A minimap in the
// corner shows where the view is on large plans.
// Until the user zooms or pans by hand the view follows its pane ("auto-fit"): the whole plan
// when it fits at a zoom where the cards keep their labels, else that zoom with the root in
// view and the rest a scroll away. fitToView() turns following back on. GUI thread.
class PlanView : public QGraphicsView
{
    Q_OBJECT

public:
    // The lowest zoom a fit goes down to: PlanPainter draws a card's text from a level of detail
    // of 0.55 on, and a little above it the 11 px figures are still about 7 px high.
    static constexpr double ReadableZoom = 0.65;

    explicit PlanView(QWidget *parent = nullptr);

    void setPlanScene(PlanScene *scene);
    PlanScene *planScene() const { return m_scene; }
    PlanMinimap *minimap() const { return m_minimap; }

    double zoom() const { return transform().m11(); }
    // A zoom chosen by hand (or by a caller on the user's behalf): ends auto-fit.
    void setZoom(double zoom);
    bool autoFit() const { return m_autoFit; }
    // Centres the view on a scene point on the user's behalf (the minimap): ends auto-fit.
    void panTo(const QPointF &scenePoint);

public slots:
    void zoomIn();
    void zoomOut();
    void fitToView(); // fits now and follows the pane's size from now on
    void resetZoom();
    void centerOnNode(int node);

signals:
    void zoomChanged(double zoom);
    void autoFitChanged(bool on);
    void viewportMoved();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void setAutoFit(bool on);
    void applyZoom(double zoom);
    void fit();
    QPoint scrollPosition() const;
    void placeMinimap();
    void updateMinimap();

    PlanScene *m_scene = nullptr;
    PlanMinimap *m_minimap = nullptr;
    bool m_autoFit = true;
    bool m_fitting = false; // fit() is moving the view; resizes it causes are its own
};
