#pragma once

#include "planbuffers.h"

#include <QJsonObject>
#include <QList>
#include <QString>

// One node of an execution plan. Its properties are stored under the names PostgreSQL's JSON
// format uses (see plankeys.h), whatever the input was, and nothing is dropped: fields this code
// does not know stay in properties() for the details panel. The numbers every view needs are
// cached when the properties are set. Plain value type; safe to read from any thread.
class PlanNode
{
public:
    PlanNode() = default;
    PlanNode(int id, int parent, int depth);

    int id() const { return m_id; }
    int parentId() const { return m_parent; } // -1 for the root
    int depth() const { return m_depth; }
    const QList<int> &children() const { return m_children; }
    void addChild(int id) { m_children.append(id); }

    const QJsonObject &properties() const { return m_properties; }
    void setProperties(const QJsonObject &properties);
    QJsonValue value(QLatin1String key) const { return m_properties.value(key); }
    bool has(QLatin1String key) const { return m_properties.contains(key); }
    QString text(QLatin1String key) const { return m_properties.value(key).toString(); }
    double number(QLatin1String key, double fallback = 0) const;

    // "Seq Scan", "Aggregate", "ModifyTable": the JSON format's name.
    const QString &nodeType() const { return m_nodeType; }
    // The name the text format prints: "Parallel Seq Scan", "HashAggregate", "Hash Left Join",
    // "Update" — what people recognise on a card.
    QString displayName() const;
    // What the node works on, as the text format prints it: "orders o", "orders_pkey on orders",
    // "CTE c"; empty for nodes without a target.
    QString target() const;
    // Relation (or CTE, function) name used for grouping and statistics; empty when none.
    QString relationLabel() const;

    QString parentRelationship() const { return text(QLatin1String("Parent Relationship")); }
    QString subplanName() const { return text(QLatin1String("Subplan Name")); }
    bool isSubplanChild() const; // InitPlan, SubPlan or CTE of its parent
    bool isCte() const;          // an InitPlan named "CTE …"
    bool isParallelAware() const;

    bool hasCosts() const { return m_hasCosts; }
    double startupCost() const { return m_startupCost; }
    double totalCost() const { return m_totalCost; }
    double planRows() const { return m_planRows; }
    double planWidth() const { return number(QLatin1String("Plan Width")); }

    // ANALYZE figures. Times and rows are per loop, as PostgreSQL prints them.
    bool hasActuals() const { return m_hasActuals; }
    bool hasTiming() const { return m_hasTiming; } // false under TIMING OFF
    bool neverExecuted() const { return m_hasActuals && m_actualLoops == 0; }
    double actualStartupTime() const { return m_actualStartup; }
    double actualTotalTime() const { return m_actualTotal; }
    double actualRows() const { return m_actualRows; }
    double actualLoops() const { return m_actualLoops; }

    // At most PostgreSQL's limit on processes, whatever the document says; -1: not launched.
    int workersPlanned() const { return workerCount(QLatin1String("Workers Planned"), 0); }
    int workersLaunched() const { return workerCount(QLatin1String("Workers Launched"), -1); }
    PlanBuffers buffers() const { return PlanBuffers::fromProperties(m_properties); }

private:
    int workerCount(QLatin1String key, int fallback) const;

    int m_id = -1;
    int m_parent = -1;
    int m_depth = 0;
    QList<int> m_children;
    QJsonObject m_properties;

    QString m_nodeType;
    bool m_hasCosts = false;
    bool m_hasActuals = false;
    bool m_hasTiming = false;
    double m_startupCost = 0;
    double m_totalCost = 0;
    double m_planRows = 0;
    double m_actualStartup = 0;
    double m_actualTotal = 0;
    double m_actualRows = 0;
    double m_actualLoops = 0;
};
