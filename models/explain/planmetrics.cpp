#include "planmetrics.h"

#include "plan.h"
#include "plankeys.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

namespace {

struct Share
{
    int from = -1;         // the node whose inclusive figures contain the child
    double fraction = 1.0; // part of the child they contain
};

// Last node of id's subtree in pre-order (nodes are stored in pre-order).
int subtreeEnd(const Plan &plan, int id)
{
    int end = id;
    while (!plan.node(end).children().isEmpty())
        end = plan.node(end).children().last();
    return end;
}

bool mentions(const QJsonValue &value, const QStringList &references)
{
    if (value.isString()) {
        const QString text = value.toString();
        for (const QString &reference : references) {
            qsizetype at = text.indexOf(reference);
            while (at >= 0) {
                // "$1" must not match "$10".
                const qsizetype after = at + reference.size();
                if (after >= text.size() || !text.at(after).isDigit())
                    return true;
                at = text.indexOf(reference, after);
            }
        }
        return false;
    }
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray()) {
            if (mentions(item, references))
                return true;
        }
    }
    return false;
}

bool nodeMentions(const PlanNode &node, const QStringList &references)
{
    const QJsonObject &p = node.properties();
    for (auto it = p.begin(); it != p.end(); ++it) {
        if (it.key() != PlanKey::SubplanName && mentions(it.value(), references))
            return true;
    }
    return false;
}

// How an InitPlan's value is written where it is used: "$0" up to PostgreSQL 15 (named in
// "InitPlan 1 (returns $0,$1)"), "(InitPlan 1)" from 16 on.
QStringList initPlanReferences(const QString &name)
{
    static const QRegularExpression returns(QStringLiteral("\\(returns (.*)\\)"));
    const QRegularExpressionMatch m = returns.match(name);
    if (m.hasMatch()) {
        QStringList params = m.captured(1).split(QLatin1Char(','));
        for (QString &param : params)
            param = param.trimmed();
        return params;
    }
    if (name.startsWith(QLatin1String("InitPlan ")))
        return {QLatin1Char('(') + name + QLatin1Char(')')};
    return {};
}

// Where each node's figures are contained, besides its own parent.
std::vector<std::vector<Share>> containers(const Plan &plan, const std::vector<double> &inclusiveMs)
{
    std::vector<std::vector<Share>> shares(size_t(plan.size()));
    for (const PlanNode &node : plan.nodes()) {
        const int id = node.id();
        const int owner = node.parentId();
        if (owner < 0)
            continue;
        if (node.isCte()) {
            // The CTE runs when its scans pull rows; its time is part of theirs. Split it over
            // them by their time (by rows read without timing), so no scan is charged more
            // than it took.
            const QString cte = node.subplanName().mid(4);
            const int ownEnd = subtreeEnd(plan, id);
            const int ownerEnd = subtreeEnd(plan, owner);
            std::vector<std::pair<int, double>> scans;
            double weights = 0;
            for (int other = owner; other <= ownerEnd; ++other) {
                if (other >= id && other <= ownEnd)
                    continue;
                const PlanNode &candidate = plan.node(other);
                if (candidate.nodeType() == QLatin1String("CTE Scan")
                    && candidate.text(PlanKey::CteName) == cte) {
                    const double weight = inclusiveMs[size_t(other)] > 0
                                              ? inclusiveMs[size_t(other)]
                                              : candidate.actualRows() * candidate.actualLoops();
                    scans.emplace_back(other, weight);
                    weights += weight;
                }
            }
            for (const auto &[scan, weight] : scans) {
                const double fraction = weights > 0 ? weight / weights : 1.0 / double(scans.size());
                shares[size_t(id)].push_back({scan, fraction});
            }
            // A data-modifying CTE nobody reads runs to completion after the main plan
            // (ExecPostprocessPlan): it is in the execution time but in no node's time.
            continue;
        }
        if (node.parentRelationship() == QLatin1String("InitPlan")) {
            // Runs once, inside the first node that needs its value: the first node naming
            // it, or the nearest ancestor of that node whose time can hold the InitPlan's (an
            // Append evaluates it for partition pruning before its scans run).
            const QStringList references = initPlanReferences(node.subplanName());
            int consumer = owner;
            if (!references.isEmpty() && !nodeMentions(plan.node(owner), references)) {
                const int ownEnd = subtreeEnd(plan, id);
                const int ownerEnd = subtreeEnd(plan, owner);
                for (int other = owner + 1; other <= ownerEnd; ++other) {
                    if (other >= id && other <= ownEnd)
                        continue;
                    if (nodeMentions(plan.node(other), references)) {
                        consumer = other;
                        break;
                    }
                }
                const double needed = inclusiveMs[size_t(id)];
                while (consumer != owner && inclusiveMs[size_t(consumer)] < needed)
                    consumer = plan.node(consumer).parentId();
            }
            shares[size_t(id)].push_back({consumer, 1.0});
            continue;
        }
        shares[size_t(id)].push_back({owner, 1.0});
    }
    return shares;
}

// Leader plus launched workers for nodes below a Gather; 1 elsewhere.
std::vector<int> processCounts(const Plan &plan)
{
    std::vector<int> processes(size_t(plan.size()), 1);
    for (const PlanNode &node : plan.nodes()) {
        if (node.parentId() < 0)
            continue;
        const PlanNode &parent = plan.node(node.parentId());
        int count = processes[size_t(parent.id())];
        if (parent.nodeType() == QLatin1String("Gather")
            || parent.nodeType() == QLatin1String("Gather Merge")) {
            int workers = parent.workersLaunched();
            if (workers < 0)
                workers = parent.workersPlanned();
            const bool leaderJoins = !parent.value(QLatin1String("Single Copy")).toBool();
            count = std::max(1, workers + (leaderJoins ? 1 : 0));
        }
        processes[size_t(node.id())] = count;
    }
    return processes;
}

} // namespace

PlanMetrics PlanMetrics::compute(const Plan &plan)
{
    PlanMetrics metrics;
    if (plan.isEmpty())
        return metrics;
    const int count = plan.size();
    metrics.m_nodes.resize(size_t(count));
    metrics.m_hasTiming = plan.hasTiming();
    const std::vector<int> processes = processCounts(plan);

    for (const PlanNode &node : plan.nodes()) {
        Node &m = metrics.m_nodes[size_t(node.id())];
        m.processes = processes[size_t(node.id())];
        m.totalRows = node.actualRows() * node.actualLoops();
        if (node.hasTiming())
            m.inclusiveMs = node.actualTotalTime() * node.actualLoops() / m.processes;
        m.exclusiveMs = m.inclusiveMs;
        m.exclusiveBuffers = node.buffers();
        m.exclusiveCost = node.totalCost();
        if (node.hasActuals() && !node.neverExecuted() && node.hasCosts()) {
            const double actual = std::max(node.actualRows(), 1.0);
            const double planned = std::max(node.planRows(), 1.0);
            m.misestimate = std::max(actual, planned) / std::min(actual, planned);
            m.estimate = actual > planned   ? Estimate::Under
                         : actual < planned ? Estimate::Over
                                            : Estimate::Accurate;
        }
    }

    std::vector<double> inclusive(static_cast<size_t>(count));
    for (int id = 0; id < count; ++id)
        inclusive[size_t(id)] = metrics.m_nodes[size_t(id)].inclusiveMs;
    const std::vector<std::vector<Share>> shares = containers(plan, inclusive);
    for (int id = 1; id < count; ++id) {
        const PlanNode &node = plan.node(id);
        const Node &child = metrics.m_nodes[size_t(id)];
        for (const Share &share : shares[size_t(id)]) {
            Node &container = metrics.m_nodes[size_t(share.from)];
            container.exclusiveMs -= child.inclusiveMs * share.fraction;
            PlanBuffers part = node.buffers();
            for (int c = 0; c < PlanBuffers::CounterCount; ++c)
                part.setValue(PlanBuffers::Counter(c),
                              part.value(PlanBuffers::Counter(c)) * share.fraction);
            container.exclusiveBuffers -= part;
        }
        // Costs follow the plan tree: a parent's cost includes its children's.
        metrics.m_nodes[size_t(node.parentId())].exclusiveCost -= node.totalCost();
    }

    const double execution = plan.executionTime();
    metrics.m_totalMs = execution > 0 ? execution : metrics.m_nodes.front().inclusiveMs;
    double worstMisestimate = 1;
    for (int id = 0; id < count; ++id) {
        Node &m = metrics.m_nodes[size_t(id)];
        if (m.exclusiveMs < 0) {
            m.clampedMs = -m.exclusiveMs;
            m.exclusiveMs = 0;
        }
        m.exclusiveBuffers.clampToZero();
        m.exclusiveCost = std::max(0.0, m.exclusiveCost);
        m.percent = metrics.m_totalMs > 0
                        ? std::min(100.0, 100.0 * m.exclusiveMs / metrics.m_totalMs)
                        : 0;
        metrics.m_maxExclusiveCost = std::max(metrics.m_maxExclusiveCost, m.exclusiveCost);
        metrics.m_maxExclusiveBuffers = std::max(metrics.m_maxExclusiveBuffers,
                                                 m.exclusiveBuffers.total());
        metrics.m_maxTotalRows = std::max(metrics.m_maxTotalRows, m.totalRows);
        if (metrics.m_hasTiming && m.exclusiveMs > metrics.m_maxExclusiveMs) {
            metrics.m_maxExclusiveMs = m.exclusiveMs;
            metrics.m_heaviest = id;
        }
        if (m.estimate != Estimate::Unknown && m.misestimate > worstMisestimate) {
            worstMisestimate = m.misestimate;
            metrics.m_misestimated = id;
        }
    }
    if (metrics.m_hasTiming && metrics.m_heaviest < 0)
        metrics.m_heaviest = 0;
    return metrics;
}
