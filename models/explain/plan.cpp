#include "plan.h"

#include "plankeys.h"

#include <QJsonArray>

int Plan::addNode(int parent, const QJsonObject &properties)
{
    const int id = size();
    const int depth = parent < 0 ? 0 : m_nodes[size_t(parent)].depth() + 1;
    m_nodes.emplace_back(id, parent, depth);
    m_nodes.back().setProperties(properties);
    if (parent >= 0)
        m_nodes[size_t(parent)].addChild(id);
    return id;
}

void Plan::setNodeProperties(int id, const QJsonObject &properties)
{
    m_nodes[size_t(id)].setProperties(properties);
}

double Plan::planningTime() const
{
    const QJsonValue v = m_properties.value(PlanKey::PlanningTime);
    return v.isDouble() ? v.toDouble() : -1;
}

double Plan::executionTime() const
{
    QJsonValue v = m_properties.value(PlanKey::ExecutionTime);
    if (!v.isDouble())
        v = m_properties.value(PlanKey::TotalRuntime);
    return v.isDouble() ? v.toDouble() : -1;
}

bool Plan::hasActuals() const
{
    return !m_nodes.empty() && m_nodes.front().hasActuals();
}

bool Plan::hasTiming() const
{
    for (const PlanNode &node : m_nodes) {
        if (node.hasTiming())
            return true;
    }
    return false;
}

QJsonObject Plan::nodeToJson(int id) const
{
    // Children first into an explicit stack would save recursion, but plans deep enough to
    // matter (thousands of levels) are not produced by PostgreSQL's planner.
    QJsonObject object = m_nodes[size_t(id)].properties();
    const QList<int> &children = m_nodes[size_t(id)].children();
    if (!children.isEmpty()) {
        QJsonArray plans;
        for (int child : children)
            plans.append(nodeToJson(child));
        object.insert(PlanKey::Plans, plans);
    }
    return object;
}

QJsonObject Plan::toJson() const
{
    QJsonObject document = m_properties;
    if (!m_nodes.empty())
        document.insert(PlanKey::Plan, nodeToJson(0));
    return document;
}
