#pragma once

#include <QList>
#include <QString>

class Plan;
class PlanMetrics;

// Compares two plans of one query (before and after an index or a rewrite): which nodes are
// the same operation, what each costs now, the overall speed-up and the nodes that got worse.
// Nodes are matched by what they work on, not by their shape: a scan by its relation and
// alias (so "Seq Scan on orders o" meets the "Index Scan … on orders o" that replaced it),
// other nodes by the set of relations below them and their kind (a Hash Join over c and o
// meets the Nested Loop over c and o). Pure function; thread-safe.
class PlanDiff
{
public:
    struct Entry
    {
        int before = -1;     // node id in the first plan; -1: only in the second
        int after = -1;      // node id in the second plan; -1: only in the first
        double beforeMs = 0; // exclusive time (or exclusive cost without ANALYZE)
        double afterMs = 0;
        double beforeBuffers = 0; // exclusive blocks
        double afterBuffers = 0;
        double beforeRows = 0;
        double afterRows = 0;
        double deltaMs() const { return afterMs - beforeMs; }
    };

    static PlanDiff compare(const Plan &before,
                            const PlanMetrics &beforeMetrics,
                            const Plan &after,
                            const PlanMetrics &afterMetrics);

    // Every node of both plans, matched ones once, in the order of the second plan, then what
    // only the first plan had.
    const QList<Entry> &entries() const { return m_entries; }
    int matchOfBefore(int node) const { return m_afterOf.value(node, -1); }
    int matchOfAfter(int node) const { return m_beforeOf.value(node, -1); }

    bool timed() const { return m_timed; } // both plans have ANALYZE times; else costs are compared
    double beforeTotal() const { return m_beforeTotal; }
    double afterTotal() const { return m_afterTotal; }
    double beforeBuffers() const { return m_beforeBuffers; }
    double afterBuffers() const { return m_afterBuffers; }
    // before ÷ after: 4.0 means four times faster; 0 when either side is unknown.
    double speedup() const;
    // Matched or new nodes whose own time grew by more than 10 % and 0.1 ms (or 1 % of the
    // total), worst first.
    QList<Entry> worse() const;

private:
    QList<Entry> m_entries;
    QList<int> m_afterOf;
    QList<int> m_beforeOf;
    bool m_timed = false;
    double m_beforeTotal = 0;
    double m_afterTotal = 0;
    double m_beforeBuffers = 0;
    double m_afterBuffers = 0;
};
