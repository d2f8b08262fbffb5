#pragma once

#include <QColor>
#include <QString>

class PlanMetrics;

// What the plan picture colours its nodes by, and the colour scale: a node's share of the
// plan's largest value, from neutral to deep red. Used by the view and by picture export.
class PlanHeat
{
public:
    enum Metric { Time, Rows, Cost, Buffers };

    static QString name(Metric metric);  // "time", "rows", … (command-line and settings value)
    static QString label(Metric metric); // translated, for menus
    static bool fromName(const QString &name, Metric *metric);

    // 0 (cold) – 1 (the hottest node) for one node.
    static double level(Metric metric, const PlanMetrics &metrics, int node);
    static QColor colour(double level);
};
