#pragma once

#include "planbuffers.h"

#include <vector>

class Plan;

// Derived figures of a plan, per node: inclusive and exclusive (self) time, share of the
// execution time, row misestimate, exclusive buffers and cost. Exclusive figures subtract
// from each node what its children account for, with the places PostgreSQL runs a child
// elsewhere than under its parent taken into account: a CTE runs inside the CTE Scans that
// read it, an InitPlan inside the node that first uses its value, a SubPlan inside the
// expression of its parent. Time of nodes below a Gather is per process (PostgreSQL's
// per-loop average × loops ÷ leader and workers). Exclusive figures are never negative.
// Pure function of the plan; thread-safe.
class PlanMetrics
{
public:
    enum class Estimate { Unknown, Accurate, Under, Over };

    struct Node
    {
        double inclusiveMs = 0; // actual total time × loops ÷ processes
        double exclusiveMs = 0;
        double percent = 0;     // exclusive share of the whole execution, 0–100
        double misestimate = 1; // max(actual, planned) / min(actual, planned), ≥ 1
        Estimate estimate = Estimate::Unknown;
        double totalRows = 0;     // actual rows × loops
        int processes = 1;        // processes sharing the node (leader + workers below Gather)
        double exclusiveCost = 0; // total cost minus the children's
        PlanBuffers exclusiveBuffers;
        double clampedMs = 0; // time the children claimed beyond the node's own (0 normally)
    };

    static PlanMetrics compute(const Plan &plan);

    bool isEmpty() const { return m_nodes.empty(); }
    const Node &node(int id) const { return m_nodes[size_t(id)]; }
    bool hasTiming() const { return m_hasTiming; }
    // What percentages refer to: the execution time, or the root's inclusive time.
    double totalMs() const { return m_totalMs; }
    double maxExclusiveMs() const { return m_maxExclusiveMs; }
    double maxExclusiveCost() const { return m_maxExclusiveCost; }
    double maxExclusiveBuffers() const { return m_maxExclusiveBuffers; }
    double maxTotalRows() const { return m_maxTotalRows; }
    int heaviestNode() const { return m_heaviest; }               // -1 without timing
    int biggestMisestimateNode() const { return m_misestimated; } // -1 without ANALYZE

private:
    std::vector<Node> m_nodes;
    bool m_hasTiming = false;
    double m_totalMs = 0;
    double m_maxExclusiveMs = 0;
    double m_maxExclusiveCost = 0;
    double m_maxExclusiveBuffers = 0;
    double m_maxTotalRows = 0;
    int m_heaviest = -1;
    int m_misestimated = -1;
};
