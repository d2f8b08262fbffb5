#include "planlayout.h"

#include "plan.h"

#include <QHash>

#include <deque>

namespace {

// Two siblings are alike when they and their children read the same ("Seq Scan" over
// "events_2023", "events_2024", …): the relations may differ, the shape may not.
QString shapeOf(const Plan &plan, int id, int depth = 0)
{
    const PlanNode &node = plan.node(id);
    QString shape = node.displayName() + QLatin1Char('|') + node.subplanName();
    if (depth < 2) {
        for (int child : node.children())
            shape += QLatin1Char('(') + shapeOf(plan, child, depth + 1) + QLatin1Char(')');
    } else if (!node.children().isEmpty()) {
        shape += QStringLiteral("(…%1)").arg(node.children().size());
    }
    return shape;
}

int subtreeSize(const Plan &plan, int id)
{
    int size = 1;
    for (int child : plan.node(id).children())
        size += subtreeSize(plan, child);
    return size;
}

// Left and right extent of a subtree at each level below its root, relative to the root's centre.
using Contour = std::deque<std::pair<double, double>>;

} // namespace

PlanLayout PlanLayout::compute(const Plan &plan, const Options &options)
{
    PlanLayout layout;
    if (plan.isEmpty())
        return layout;
    layout.build(plan, options);
    layout.place(options);
    return layout;
}

void PlanLayout::build(const Plan &plan, const Options &options)
{
    m_itemOfNode = QList<int>(plan.size(), -1);
    struct Pending
    {
        int node;
        int parentItem;
    };
    QList<Pending> stack{{0, -1}};
    while (!stack.isEmpty()) {
        const Pending pending = stack.takeLast();
        Item item;
        item.node = pending.node;
        item.parent = pending.parentItem;
        const int index = int(m_items.size());
        m_items.append(item);
        m_itemOfNode[pending.node] = index;
        if (pending.parentItem >= 0) {
            m_items[pending.parentItem].children.append(index);
            m_edges.append({pending.parentItem, index, plan.node(pending.node).isSubplanChild()});
        }
        const PlanNode &node = plan.node(pending.node);
        if (node.children().isEmpty())
            continue;
        if (options.collapsed.contains(pending.node)) {
            m_items[index].hiddenDescendants = subtreeSize(plan, pending.node) - 1;
            continue;
        }
        // Children in order; runs of alike siblings become one group item.
        QList<Pending> children;
        const QList<int> &kids = node.children();
        for (int i = 0; i < kids.size();) {
            int end = i + 1;
            if (kids.size() >= options.groupThreshold) {
                const QString shape = shapeOf(plan, kids.at(i));
                while (end < kids.size() && shapeOf(plan, kids.at(end)) == shape)
                    ++end;
            }
            if (end - i >= options.groupThreshold && !options.expandedGroups.contains(kids.at(i))) {
                Item group;
                group.node = kids.at(i);
                group.members = kids.mid(i, end - i);
                group.parent = index;
                const int groupIndex = int(m_items.size());
                m_items.append(group);
                m_items[index].children.append(groupIndex);
                m_edges.append({index, groupIndex, plan.node(kids.at(i)).isSubplanChild()});
                for (int member : std::as_const(group.members))
                    m_itemOfNode[member] = groupIndex;
                i = end;
                continue;
            }
            for (int k = i; k < end; ++k)
                children.append({kids.at(k), index});
            i = end;
        }
        // The stack pops the last pushed first; push in reverse to keep PostgreSQL's order.
        for (qsizetype k = children.size() - 1; k >= 0; --k)
            stack.append(children.at(k));
    }
    // Groups may have been appended before their earlier siblings' subtrees: order each
    // item's children by the node order so the picture reads like the plan.
    for (Item &item : m_items) {
        std::sort(item.children.begin(), item.children.end(), [this](int a, int b) {
            return m_items.at(a).node < m_items.at(b).node;
        });
    }
}

void PlanLayout::place(const Options &options)
{
    const double width = options.cardWidth;
    const double gap = options.horizontalGap;
    const qsizetype count = m_items.size();
    std::vector<double> offset(static_cast<size_t>(count),
                               0.0); // centre relative to the parent's centre
    std::vector<Contour> contours(static_cast<size_t>(count));
    std::vector<int> depth(static_cast<size_t>(count), 0);
    // Items are in pre-order: parents before children.
    for (qsizetype i = 0; i < count; ++i)
        depth[size_t(i)] = m_items.at(i).parent < 0 ? 0 : depth[size_t(m_items.at(i).parent)] + 1;
    std::vector<qsizetype> order(static_cast<size_t>(count));
    for (qsizetype i = 0; i < count; ++i)
        order[size_t(i)] = i;
    std::stable_sort(order.begin(), order.end(), [&depth](qsizetype a, qsizetype b) {
        return depth[size_t(a)] > depth[size_t(b)];
    });

    // Deepest items first, so every child's contour is ready before its parent's.
    for (qsizetype i : order) {
        const Item &item = m_items.at(i);
        Contour merged;
        std::vector<double> positions;
        for (int child : item.children) {
            Contour &c = contours[size_t(child)];
            double shift = 0;
            if (!merged.empty()) {
                shift = -1e300;
                const size_t common = std::min(merged.size(), c.size());
                for (size_t level = 0; level < common; ++level)
                    shift = std::max(shift, merged[level].second - c[level].first + gap);
            }
            positions.push_back(shift);
            for (size_t level = 0; level < c.size(); ++level) {
                const std::pair<double, double> moved{c[level].first + shift,
                                                      c[level].second + shift};
                if (level < merged.size()) {
                    merged[level].first = std::min(merged[level].first, moved.first);
                    merged[level].second = std::max(merged[level].second, moved.second);
                } else {
                    merged.push_back(moved);
                }
            }
            Contour().swap(c);
        }
        const double middle = positions.empty() ? 0 : (positions.front() + positions.back()) / 2;
        for (size_t k = 0; k < positions.size(); ++k)
            offset[size_t(item.children.at(qsizetype(k)))] = positions[k] - middle;
        for (auto &level : merged) {
            level.first -= middle;
            level.second -= middle;
        }
        merged.push_front({-width / 2, width / 2});
        contours[size_t(i)] = std::move(merged);
    }

    std::vector<double> centre(static_cast<size_t>(count), 0.0);
    double left = 0;
    double right = 0;
    int deepest = 0;
    for (qsizetype i = 0; i < count; ++i) {
        const int parent = m_items.at(i).parent;
        centre[size_t(i)] = parent < 0 ? 0 : centre[size_t(parent)] + offset[size_t(i)];
        left = std::min(left, centre[size_t(i)] - width / 2);
        right = std::max(right, centre[size_t(i)] + width / 2);
        deepest = std::max(deepest, depth[size_t(i)]);
    }
    const double rowHeight = options.cardHeight + options.verticalGap;
    for (qsizetype i = 0; i < count; ++i) {
        m_items[i].rect = QRectF(centre[size_t(i)] - width / 2 - left,
                                 depth[size_t(i)] * rowHeight,
                                 width,
                                 options.cardHeight);
    }
    m_bounds = QRectF(0, 0, right - left, deepest * rowHeight + options.cardHeight);
}
