#pragma once

#include "planheat.h"
#include "planlayout.h"

#include <QCoreApplication>
#include <QFont>

class Plan;
class PlanMetrics;
class QPainter;

// Draws the cards and edges of a plan picture with QPainter: one look for the view (each
// QGraphicsItem calls paintCard) and for SVG/PNG export. A card shows the node's name, what it
// works on, a bar of its exclusive time with the figures, its rows with an arrow for the
// misestimate, and a stripe in the heat colour. Far zoomed out (low level of detail) it is
// drawn as a plain coloured block. Used on the thread that owns the painter.
class PlanPainter
{
    Q_DECLARE_TR_FUNCTIONS(PlanPainter)

public:
    PlanPainter(const Plan &plan, const PlanMetrics &metrics, PlanHeat::Metric heat);

    void setHeat(PlanHeat::Metric heat) { m_heat = heat; }
    PlanHeat::Metric heat() const { return m_heat; }

    void paintCard(QPainter *painter,
                   const PlanLayout::Item &item,
                   const QRectF &rect,
                   bool selected,
                   bool matched,
                   double levelOfDetail) const;
    void paintEdge(
        QPainter *painter, const QRectF &from, const QRectF &to, int childNode, bool subplan) const;
    // The whole picture (edges under cards) in layout coordinates.
    void paint(QPainter *painter, const PlanLayout &layout) const;

    // Pen width of the edge into a node: thicker for more rows (log scale), 1–9 px.
    double edgeWidth(int node) const;
    // Rows, time and percent lines as shown on the card (also the view's tooltip).
    QString timeText(const PlanLayout::Item &item) const;
    QString rowsText(const PlanLayout::Item &item) const;
    QString subtitle(const PlanLayout::Item &item) const;
    QString title(const PlanLayout::Item &item) const;

private:
    double exclusiveMs(const PlanLayout::Item &item) const;
    double inclusiveMs(const PlanLayout::Item &item) const;
    double heatLevel(const PlanLayout::Item &item) const;

    const Plan &m_plan;
    const PlanMetrics &m_metrics;
    PlanHeat::Metric m_heat;
    QFont m_titleFont;
    QFont m_textFont;
    QFont m_smallFont;
    double m_maxRows = 1;
};
