#pragma once

#include "planfinding.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

class Plan;
class PlanMetrics;
class PlanNode;

// Reads a plan and its metrics for what a person would look at first: the heaviest node, the
// biggest row misestimate, sorts and hashes that spilled to disk, filters that throw away more
// than 90 % of what they read, and for a sequential scan with such a filter the index that
// would let PostgreSQL skip the rows (columns taken from the filter with PostgreSQL's own
// grammar, libpg_query). Pure functions; thread-safe.
class PlanAdvisor
{
    Q_DECLARE_TR_FUNCTIONS(PlanAdvisor)

public:
    static QList<PlanFinding> findings(const Plan &plan, const PlanMetrics &metrics);

    // "CREATE INDEX CONCURRENTLY ON public.orders (status, amount);" for a Seq Scan whose filter
    // compares columns with constants; empty when the filter gives nothing an index could use.
    static QString indexSuggestion(const PlanNode &node);
    // The filter's columns an index could serve: equality comparisons first, then one range.
    static QStringList indexableColumns(const QString &filter);
    // Share of the rows read that the node's filter removed, 0–1 (0 without ANALYZE).
    static double removedShare(const PlanNode &node);
};
