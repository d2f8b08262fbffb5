#pragma once

#include "planfinding.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

class Plan;
class PlanMetrics;

// A plan with its metrics and findings written for machines (JSON: one object per node in
// pre-order, InitPlans, SubPlans and CTEs as children of the node that owns them) and for
// people (an indented table). Used by `slipway-cli explain` and the plan view's copy actions.
// Pure functions; thread-safe.
class PlanReport
{
    Q_DECLARE_TR_FUNCTIONS(PlanReport)

public:
    static QJsonObject json(const Plan &plan,
                            const PlanMetrics &metrics,
                            const QList<PlanFinding> &findings);
    static QString text(const Plan &plan,
                        const PlanMetrics &metrics,
                        const QList<PlanFinding> &findings);
};
