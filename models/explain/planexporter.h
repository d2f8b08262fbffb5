#pragma once

#include "planheat.h"
#include "planlayout.h"

#include <QByteArray>

class Plan;
class PlanMetrics;

// The plan picture as an SVG document or a PNG image: the same layout and cards the view
// shows, under a one-line summary. Needs a QGuiApplication (fonts); the command line runs one
// on the offscreen platform. Use from the thread that owns the application.
class PlanExporter
{
public:
    PlanExporter(const Plan &plan, const PlanMetrics &metrics, PlanHeat::Metric heat);

    // Collapsed nodes and grouping of alike siblings, as in the view; the default groups.
    void setLayoutOptions(const PlanLayout::Options &options) { m_options = options; }

    QByteArray svg() const;
    QByteArray png() const;

private:
    PlanLayout::Options m_options;
    const Plan &m_plan;
    const PlanMetrics &m_metrics;
    PlanHeat::Metric m_heat;
};
