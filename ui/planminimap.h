#pragma once

#include <QGraphicsView>

class PlanView;

// A small overview of the whole plan picture in a corner of the PlanView, with the visible
// part outlined. Clicking or dragging in it moves the main view there. It shares the main
// view's scene and draws it at the lowest level of detail. GUI thread.
class PlanMinimap : public QGraphicsView
{
    Q_OBJECT

public:
    explicit PlanMinimap(PlanView *view);

    void setMainView(PlanView *view);
    void refit();
    QSize sizeHint() const override { return {220, 150}; }

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void moveMainView(const QPoint &position);

    PlanView *m_view = nullptr;
};
