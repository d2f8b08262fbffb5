#pragma once

#include "plannode.h"

#include <QJsonObject>
#include <QStringList>

#include <vector>

// A parsed execution plan: its nodes in pre-order (the order PostgreSQL prints them: InitPlans,
// outer, inner, members, SubPlans) and the document's top-level fields (planning and execution
// time, triggers, JIT, settings). Node ids are indexes into nodes(); the root is node 0.
// Plain value type, built by the parsers; safe to hand to another thread.
class Plan
{
public:
    enum class Format { Json, Text };

    bool isEmpty() const { return m_nodes.empty(); }
    int size() const { return int(m_nodes.size()); }
    const PlanNode &node(int id) const { return m_nodes[size_t(id)]; }
    const PlanNode &root() const { return m_nodes.front(); }
    const std::vector<PlanNode> &nodes() const { return m_nodes; }

    // Appends a node under parent (-1 for the root). Nodes must be added in pre-order.
    int addNode(int parent, const QJsonObject &properties = {});
    void setNodeProperties(int id, const QJsonObject &properties);

    const QJsonObject &properties() const { return m_properties; }
    void setProperties(const QJsonObject &properties) { m_properties = properties; }

    Format sourceFormat() const { return m_format; }
    void setSourceFormat(Format format) { m_format = format; }

    // Non-fatal remarks from parsing (e.g. text after the plan that was ignored).
    const QStringList &warnings() const { return m_warnings; }
    void addWarning(const QString &warning) { m_warnings.append(warning); }

    // Milliseconds, or -1 when the document does not say.
    double planningTime() const;
    double executionTime() const; // "Execution Time", or "Total Runtime" of old servers
    bool hasActuals() const;      // EXPLAIN ANALYZE
    bool hasTiming() const;       // ANALYZE with timing

    // The plan in PostgreSQL's nested JSON shape: {"Plan": {…, "Plans": […]}, top-level fields}.
    QJsonObject toJson() const;

private:
    QJsonObject nodeToJson(int id) const;

    std::vector<PlanNode> m_nodes;
    QJsonObject m_properties;
    QStringList m_warnings;
    Format m_format = Format::Json;
};
