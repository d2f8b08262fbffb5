#pragma once

#include <QGraphicsView>

class PlanMinimap;
class PlanScene;

// Looks at a PlanScene: the wheel zooms around the cursor, dragging the background pans,
// clicking a card selects it, double-clicking collapses or expands it. A minimap in the
// corner shows where the view is on large plans. GUI thread.
class PlanView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit PlanView(QWidget *parent = nullptr);

    void setPlanScene(PlanScene *scene);
    PlanScene *planScene() const { return m_scene; }
    PlanMinimap *minimap() const { return m_minimap; }

    double zoom() const { return transform().m11(); }
    void setZoom(double zoom);

public slots:
    void zoomIn();
    void zoomOut();
    void fitToView();
    void resetZoom();
    void centerOnNode(int node);

signals:
    void zoomChanged(double zoom);
    void viewportMoved();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void placeMinimap();
    void updateMinimap();

    PlanScene *m_scene = nullptr;
    PlanMinimap *m_minimap = nullptr;
    bool m_fitPending = false; // fit once the view has its real size
};
