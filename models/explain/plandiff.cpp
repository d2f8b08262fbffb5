#include "plandiff.h"

#include "plan.h"
#include "plankeys.h"
#include "planmetrics.h"

#include <QHash>
#include <QSet>

#include <functional>

namespace {

// What a scan reads: relation (or CTE, function) and alias; empty for other nodes.
QString scanKey(const PlanNode &node)
{
    const QString relation = node.relationLabel();
    if (relation.isEmpty() && !node.nodeType().endsWith(QLatin1String("Scan")))
        return {};
    if (node.nodeType() == QLatin1String("Bitmap Index Scan"))
        return {}; // matched through its heap scan's relations
    return relation + QLatin1Char('/') + node.text(PlanKey::Alias);
}

QString category(const PlanNode &node)
{
    const QString &type = node.nodeType();
    if (type == QLatin1String("Nested Loop") || type == QLatin1String("Hash Join")
        || type == QLatin1String("Merge Join"))
        return QStringLiteral("join");
    if (type == QLatin1String("Aggregate") || type == QLatin1String("Group")
        || type == QLatin1String("Unique") || type == QLatin1String("WindowAgg")
        || type == QLatin1String("SetOp"))
        return QStringLiteral("aggregate");
    if (type == QLatin1String("Sort") || type == QLatin1String("Incremental Sort"))
        return QStringLiteral("sort");
    if (type.endsWith(QLatin1String("Scan")))
        return QStringLiteral("scan");
    return type;
}

// Relations read below each node (its own included), as a sorted, joined string.
QStringList relationSets(const Plan &plan)
{
    std::vector<QSet<QString>> sets(static_cast<size_t>(plan.size()));
    for (int id = plan.size() - 1; id >= 0; --id) { // pre-order reversed: children first
        const PlanNode &node = plan.node(id);
        const QString key = scanKey(node);
        if (!key.isEmpty())
            sets[size_t(id)].insert(key);
        if (node.parentId() >= 0)
            sets[size_t(node.parentId())].unite(sets[size_t(id)]);
    }
    QStringList out;
    for (const QSet<QString> &set : sets) {
        QStringList sorted(set.begin(), set.end());
        sorted.sort();
        out << sorted.join(QLatin1Char(','));
    }
    return out;
}

double figure(const PlanMetrics &metrics, const PlanNode &node, bool timed)
{
    return timed ? metrics.node(node.id()).exclusiveMs : metrics.node(node.id()).exclusiveCost;
}

double rowsOf(const PlanNode &node)
{
    return node.hasActuals() ? node.actualRows() * node.actualLoops() : node.planRows();
}

} // namespace

double PlanDiff::speedup() const
{
    return m_beforeTotal > 0 && m_afterTotal > 0 ? m_beforeTotal / m_afterTotal : 0;
}

PlanDiff PlanDiff::compare(const Plan &before,
                           const PlanMetrics &beforeMetrics,
                           const Plan &after,
                           const PlanMetrics &afterMetrics)
{
    PlanDiff diff;
    diff.m_afterOf = QList<int>(before.size(), -1);
    diff.m_beforeOf = QList<int>(after.size(), -1);
    diff.m_timed = beforeMetrics.hasTiming() && afterMetrics.hasTiming();
    const auto total = [&](const Plan &plan, const PlanMetrics &metrics) {
        if (diff.m_timed)
            return metrics.totalMs();
        return plan.isEmpty() ? 0.0 : plan.root().totalCost();
    };
    diff.m_beforeTotal = total(before, beforeMetrics);
    diff.m_afterTotal = total(after, afterMetrics);
    if (before.isEmpty() || after.isEmpty())
        return diff;

    const QStringList beforeSets = relationSets(before);
    const QStringList afterSets = relationSets(after);
    const auto match = [&diff](int b, int a) {
        diff.m_afterOf[b] = a;
        diff.m_beforeOf[a] = b;
    };
    // Candidates are taken in plan order, so the n-th of a kind meets the n-th of that kind.
    const auto matchBy =
        [&](const std::function<QString(const Plan &, const QStringList &, int)> &key) {
            QHash<QString, QList<int>> waiting;
            for (int b = 0; b < before.size(); ++b) {
                if (diff.m_afterOf[b] < 0) {
                    const QString k = key(before, beforeSets, b);
                    if (!k.isEmpty())
                        waiting[k].append(b);
                }
            }
            for (int a = 0; a < after.size(); ++a) {
                if (diff.m_beforeOf[a] >= 0)
                    continue;
                const QString k = key(after, afterSets, a);
                auto it = waiting.find(k);
                if (k.isEmpty() || it == waiting.end() || it->isEmpty())
                    continue;
                match(it->takeFirst(), a);
            }
        };
    matchBy([](const Plan &plan, const QStringList &, int id) { return scanKey(plan.node(id)); });
    matchBy([](const Plan &plan, const QStringList &sets, int id) {
        return plan.node(id).nodeType() + QLatin1Char('|') + sets.at(id);
    });
    matchBy([](const Plan &plan, const QStringList &sets, int id) {
        return category(plan.node(id)) + QLatin1Char('|') + sets.at(id);
    });
    // What is left (a Result, a Limit over nothing new) matches by kind under matched parents;
    // the roots are the same statement.
    if (diff.m_afterOf[0] < 0 && diff.m_beforeOf[0] < 0)
        match(0, 0);
    for (int a = 1; a < after.size(); ++a) {
        const int parent = diff.m_beforeOf.at(after.node(a).parentId());
        if (diff.m_beforeOf.at(a) >= 0 || parent < 0)
            continue;
        for (int b : before.node(parent).children()) {
            if (diff.m_afterOf.at(b) < 0 && before.node(b).nodeType() == after.node(a).nodeType()) {
                match(b, a);
                break;
            }
        }
    }

    for (int a = 0; a < after.size(); ++a) {
        Entry entry;
        entry.after = a;
        entry.before = diff.m_beforeOf.at(a);
        entry.afterMs = figure(afterMetrics, after.node(a), diff.m_timed);
        entry.afterBuffers = afterMetrics.node(a).exclusiveBuffers.total();
        entry.afterRows = rowsOf(after.node(a));
        if (entry.before >= 0) {
            entry.beforeMs = figure(beforeMetrics, before.node(entry.before), diff.m_timed);
            entry.beforeBuffers = beforeMetrics.node(entry.before).exclusiveBuffers.total();
            entry.beforeRows = rowsOf(before.node(entry.before));
        }
        diff.m_afterBuffers += entry.afterBuffers;
        diff.m_entries.append(entry);
    }
    for (int b = 0; b < before.size(); ++b) {
        diff.m_beforeBuffers += beforeMetrics.node(b).exclusiveBuffers.total();
        if (diff.m_afterOf.at(b) >= 0)
            continue;
        Entry entry;
        entry.before = b;
        entry.beforeMs = figure(beforeMetrics, before.node(b), diff.m_timed);
        entry.beforeBuffers = beforeMetrics.node(b).exclusiveBuffers.total();
        entry.beforeRows = rowsOf(before.node(b));
        diff.m_entries.append(entry);
    }
    return diff;
}

QList<PlanDiff::Entry> PlanDiff::worse() const
{
    QList<Entry> worse;
    const double noticeable = m_timed ? 0.1 : 1.0;
    for (const Entry &entry : m_entries) {
        if (entry.after < 0)
            continue;
        const double delta = entry.deltaMs();
        const bool grew = entry.before >= 0
                              ? delta > std::max(noticeable, 0.1 * entry.beforeMs)
                              : entry.afterMs > std::max(noticeable, 0.01 * m_afterTotal);
        if (grew)
            worse.append(entry);
    }
    std::sort(worse.begin(), worse.end(), [](const Entry &a, const Entry &b) {
        return a.deltaMs() > b.deltaMs();
    });
    return worse;
}
