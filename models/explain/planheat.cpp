#include "planheat.h"

#include "planmetrics.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

QString PlanHeat::name(Metric metric)
{
    switch (metric) {
    case Time:
        return QStringLiteral("time");
    case Rows:
        return QStringLiteral("rows");
    case Cost:
        return QStringLiteral("cost");
    case Buffers:
        return QStringLiteral("buffers");
    }
    return {};
}

QString PlanHeat::label(Metric metric)
{
    switch (metric) {
    case Time:
        return QCoreApplication::translate("PlanHeat", "Exclusive time");
    case Rows:
        return QCoreApplication::translate("PlanHeat", "Rows");
    case Cost:
        return QCoreApplication::translate("PlanHeat", "Exclusive cost");
    case Buffers:
        return QCoreApplication::translate("PlanHeat", "Exclusive buffers");
    }
    return {};
}

bool PlanHeat::fromName(const QString &text, Metric *metric)
{
    for (Metric m : {Time, Rows, Cost, Buffers}) {
        if (name(m) == text) {
            *metric = m;
            return true;
        }
    }
    return false;
}

double PlanHeat::level(Metric metric, const PlanMetrics &metrics, int node)
{
    if (metrics.isEmpty())
        return 0;
    const PlanMetrics::Node &m = metrics.node(node);
    double level = 0;
    switch (metric) {
    case Time:
        level = metrics.maxExclusiveMs() > 0 ? m.exclusiveMs / metrics.maxExclusiveMs() : 0;
        break;
    case Rows:
        // Rows span orders of magnitude; a log scale keeps the small ones visible.
        level = metrics.maxTotalRows() > 0
                    ? std::log1p(m.totalRows) / std::log1p(metrics.maxTotalRows())
                    : 0;
        break;
    case Cost:
        level = metrics.maxExclusiveCost() > 0 ? m.exclusiveCost / metrics.maxExclusiveCost() : 0;
        break;
    case Buffers:
        level = metrics.maxExclusiveBuffers() > 0
                    ? m.exclusiveBuffers.total() / metrics.maxExclusiveBuffers()
                    : 0;
        break;
    }
    // A document with infinite figures (1e999 reads as infinity) divides infinity by infinity.
    return std::isnan(level) ? 0 : std::clamp(level, 0.0, 1.0);
}

QColor PlanHeat::colour(double level)
{
    // Pale yellow → orange → deep red; levels under 5 % stay neutral so cold nodes stay quiet.
    const double t = std::isnan(level) ? 0 : std::clamp(level, 0.0, 1.0);
    if (t < 0.05)
        return QColor(0xd0, 0xd5, 0xdb);
    const QColor stops[] = {QColor(0xf9, 0xe2, 0x7d),
                            QColor(0xf5, 0x9e, 0x42),
                            QColor(0xd9, 0x48, 0x2b),
                            QColor(0x9e, 0x1b, 0x22)};
    const double scaled = (t - 0.05) / 0.95 * 3;
    const int i = std::min(2, int(scaled));
    const double f = scaled - i;
    const QColor &a = stops[i];
    const QColor &b = stops[i + 1];
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * f),
                            float(a.greenF() + (b.greenF() - a.greenF()) * f),
                            float(a.blueF() + (b.blueF() - a.blueF()) * f));
}
