#include "plannode.h"

#include "plankeys.h"
#include "schema/sqlidentifier.h"

#include <algorithm>

namespace {
// quote_identifier() as the text format applies it, so a target reads the way psql shows it.
QString quoted(const QString &name)
{
    return SqlIdentifier::quote(name);
}
} // namespace

PlanNode::PlanNode(int id, int parent, int depth)
    : m_id(id)
    , m_parent(parent)
    , m_depth(depth)
{}

void PlanNode::setProperties(const QJsonObject &properties)
{
    m_properties = properties;
    m_nodeType = properties.value(PlanKey::NodeType).toString();
    m_hasCosts = properties.contains(PlanKey::TotalCost);
    m_startupCost = properties.value(PlanKey::StartupCost).toDouble();
    m_totalCost = properties.value(PlanKey::TotalCost).toDouble();
    m_planRows = properties.value(PlanKey::PlanRows).toDouble();
    m_hasActuals = properties.contains(PlanKey::ActualLoops);
    m_hasTiming = properties.contains(PlanKey::ActualTotalTime);
    m_actualStartup = properties.value(PlanKey::ActualStartupTime).toDouble();
    m_actualTotal = properties.value(PlanKey::ActualTotalTime).toDouble();
    m_actualRows = properties.value(PlanKey::ActualRows).toDouble();
    m_actualLoops = properties.value(PlanKey::ActualLoops).toDouble();
}

double PlanNode::number(QLatin1String key, double fallback) const
{
    const QJsonValue v = m_properties.value(key);
    if (v.isDouble())
        return v.toDouble();
    if (v.isString()) {
        bool ok = false;
        const double d = v.toString().toDouble(&ok);
        if (ok)
            return d;
    }
    return fallback;
}

int PlanNode::workerCount(QLatin1String key, int fallback) const
{
    // A pasted document may say anything; int() of a double beyond INT_MAX is undefined, and
    // the metrics add the leader to this count.
    constexpr double MaxWorkers = 262143; // PostgreSQL's MAX_BACKENDS
    const double count = number(key, fallback);
    if (!(count >= 0)) // negative, or NaN from the text "nan"
        return fallback;
    return int(std::min(count, MaxWorkers));
}

bool PlanNode::isSubplanChild() const
{
    const QString relationship = parentRelationship();
    return relationship == QLatin1String("InitPlan") || relationship == QLatin1String("SubPlan");
}

bool PlanNode::isCte() const
{
    return parentRelationship() == QLatin1String("InitPlan")
           && subplanName().startsWith(QLatin1String("CTE "));
}

bool PlanNode::isParallelAware() const
{
    return m_properties.value(PlanKey::ParallelAware).toBool();
}

QString PlanNode::displayName() const
{
    QString name = m_nodeType;
    const QString strategy = text(PlanKey::Strategy);
    if (m_nodeType == QLatin1String("Aggregate")) {
        if (strategy == QLatin1String("Sorted"))
            name = QStringLiteral("GroupAggregate");
        else if (strategy == QLatin1String("Hashed"))
            name = QStringLiteral("HashAggregate");
        else if (strategy == QLatin1String("Mixed"))
            name = QStringLiteral("MixedAggregate");
        const QString partial = text(PlanKey::PartialMode);
        if (!partial.isEmpty() && partial != QLatin1String("Simple"))
            name = partial + QLatin1Char(' ') + name;
    } else if (m_nodeType == QLatin1String("SetOp")) {
        name = strategy == QLatin1String("Hashed") ? QStringLiteral("HashSetOp")
                                                   : QStringLiteral("SetOp");
        if (has(PlanKey::Command))
            name += QLatin1Char(' ') + text(PlanKey::Command);
    } else if (m_nodeType == QLatin1String("ModifyTable")) {
        if (has(PlanKey::Operation))
            name = text(PlanKey::Operation);
    } else if (m_nodeType == QLatin1String("Foreign Scan")) {
        const QString operation = text(PlanKey::Operation);
        if (!operation.isEmpty() && operation != QLatin1String("Select"))
            name = QLatin1String("Foreign ") + operation;
    } else if (m_nodeType == QLatin1String("Custom Scan")) {
        if (has(PlanKey::CustomPlanProvider))
            name += QLatin1String(" (") + text(PlanKey::CustomPlanProvider) + QLatin1Char(')');
    } else if (m_nodeType == QLatin1String("Nested Loop")
               || m_nodeType == QLatin1String("Hash Join")
               || m_nodeType == QLatin1String("Merge Join")) {
        const QString join = text(PlanKey::JoinType);
        if (!join.isEmpty() && join != QLatin1String("Inner")) {
            const QString base = m_nodeType == QLatin1String("Nested Loop")
                                     ? m_nodeType
                                     : m_nodeType.left(m_nodeType.size() - 5); // drop " Join"
            name = base + QLatin1Char(' ') + join + QLatin1String(" Join");
        }
    } else if ((m_nodeType == QLatin1String("Index Scan")
                || m_nodeType == QLatin1String("Index Only Scan"))
               && text(PlanKey::ScanDirection) == QLatin1String("Backward")) {
        name += QLatin1String(" Backward");
    }
    if (m_properties.value(PlanKey::AsyncCapable).toBool())
        name.prepend(QLatin1String("Async "));
    if (isParallelAware())
        name.prepend(QLatin1String("Parallel "));
    return name;
}

QString PlanNode::relationLabel() const
{
    for (const QLatin1String key : {PlanKey::RelationName,
                                    PlanKey::CteName,
                                    PlanKey::FunctionName,
                                    PlanKey::TableFunctionName,
                                    PlanKey::TuplestoreName}) {
        const QString value = text(key);
        if (!value.isEmpty())
            return has(PlanKey::Schema) ? text(PlanKey::Schema) + QLatin1Char('.') + value : value;
    }
    return {};
}

QString PlanNode::target() const
{
    QString object;
    for (const QLatin1String key : {PlanKey::RelationName,
                                    PlanKey::CteName,
                                    PlanKey::FunctionName,
                                    PlanKey::TableFunctionName,
                                    PlanKey::TuplestoreName}) {
        if (has(key)) {
            object = quoted(text(key));
            if (has(PlanKey::Schema))
                object = quoted(text(PlanKey::Schema)) + QLatin1Char('.') + object;
            break;
        }
    }
    const QString alias = text(PlanKey::Alias);
    QString result = object;
    if (!alias.isEmpty() && (object.isEmpty() || alias != text(PlanKey::RelationName))) {
        const bool sameAsObject = alias == text(PlanKey::CteName)
                                  || alias == text(PlanKey::FunctionName)
                                  || alias == text(PlanKey::TuplestoreName)
                                  || alias == text(PlanKey::TableFunctionName);
        if (!sameAsObject || object.isEmpty())
            result += (result.isEmpty() ? QString() : QStringLiteral(" ")) + quoted(alias);
    }
    const QString index = text(PlanKey::IndexName);
    if (!index.isEmpty())
        result = result.isEmpty() ? quoted(index) : quoted(index) + QLatin1String(" on ") + result;
    return result;
}
