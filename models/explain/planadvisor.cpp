#include "planadvisor.h"

#include "plan.h"
#include "plankeys.h"
#include "planmetrics.h"
#include "schema/sqlidentifier.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <pg_query.h>

namespace {

QString count(double value)
{
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return locale.toString(qint64(std::llround(value)));
}

QString milliseconds(double ms)
{
    return ms >= 1000 ? QLocale().toString(ms / 1000, 'f', 2) + QLatin1String(" s")
                      : QLocale().toString(ms, 'f', ms < 10 ? 3 : 1) + QLatin1String(" ms");
}

QString describe(const PlanNode &node)
{
    const QString target = node.target();
    return target.isEmpty() ? node.displayName()
                            : node.displayName() + QLatin1String(" on ") + target;
}

// The column a comparison side names, looking through casts: "(status)::text" → status.
QString columnOf(const QJsonObject &expression)
{
    QJsonObject e = expression;
    while (e.contains(QLatin1String("TypeCast")))
        e = e.value(QLatin1String("TypeCast")).toObject().value(QLatin1String("arg")).toObject();
    const QJsonArray fields
        = e.value(QLatin1String("ColumnRef")).toObject().value(QLatin1String("fields")).toArray();
    if (fields.isEmpty())
        return {};
    return fields.last()
        .toObject()
        .value(QLatin1String("String"))
        .toObject()
        .value(QLatin1String("sval"))
        .toString();
}

// True for what is fixed while the scan runs: constants, parameters, arrays of constants.
bool isConstant(const QJsonObject &expression)
{
    QJsonObject e = expression;
    while (e.contains(QLatin1String("TypeCast")))
        e = e.value(QLatin1String("TypeCast")).toObject().value(QLatin1String("arg")).toObject();
    if (e.contains(QLatin1String("A_Const")) || e.contains(QLatin1String("ParamRef")))
        return true;
    for (const char *array : {"A_ArrayExpr", "ArrayExpr"}) {
        if (e.contains(QLatin1String(array))) {
            for (const QJsonValue &element :
                 e.value(QLatin1String(array)).toObject().value(QLatin1String("elements")).toArray()) {
                if (!isConstant(element.toObject()))
                    return false;
            }
            return true;
        }
    }
    return false;
}

void collect(const QJsonObject &expression, QStringList *equality, QStringList *range)
{
    if (expression.contains(QLatin1String("BoolExpr"))) {
        const QJsonObject boolExpr = expression.value(QLatin1String("BoolExpr")).toObject();
        if (boolExpr.value(QLatin1String("boolop")).toString() != QLatin1String("AND_EXPR"))
            return; // an index on one branch of an OR does not serve the scan
        for (const QJsonValue &arg : boolExpr.value(QLatin1String("args")).toArray())
            collect(arg.toObject(), equality, range);
        return;
    }
    if (expression.contains(QLatin1String("NullTest"))) {
        const QJsonObject test = expression.value(QLatin1String("NullTest")).toObject();
        const QString column = columnOf(test.value(QLatin1String("arg")).toObject());
        if (!column.isEmpty()
            && test.value(QLatin1String("nulltesttype")).toString() == QLatin1String("IS_NULL"))
            equality->append(column);
        return;
    }
    const QJsonObject op = expression.value(QLatin1String("A_Expr")).toObject();
    if (op.isEmpty())
        return;
    const QString kind = op.value(QLatin1String("kind")).toString();
    const QJsonArray names = op.value(QLatin1String("name")).toArray();
    const QString name = names.isEmpty() ? QString()
                                         : names.last()
                                               .toObject()
                                               .value(QLatin1String("String"))
                                               .toObject()
                                               .value(QLatin1String("sval"))
                                               .toString();
    QJsonObject left = op.value(QLatin1String("lexpr")).toObject();
    QJsonObject right = op.value(QLatin1String("rexpr")).toObject();
    QString column = columnOf(left);
    if (column.isEmpty() || !isConstant(right)) {
        if (kind != QLatin1String("AEXPR_OP"))
            return;
        std::swap(left, right); // "5 < x" reads as "x > 5"; the kind of comparison is kept
        column = columnOf(left);
        if (column.isEmpty() || !isConstant(right))
            return;
    }
    if ((kind == QLatin1String("AEXPR_OP") || kind == QLatin1String("AEXPR_OP_ANY")
         || kind == QLatin1String("AEXPR_IN"))
        && name == QLatin1String("=")) {
        equality->append(column);
    } else if (kind == QLatin1String("AEXPR_OP")
               && (name == QLatin1String("<") || name == QLatin1String("<=")
                   || name == QLatin1String(">") || name == QLatin1String(">="))) {
        range->append(column);
    }
}

} // namespace

QStringList PlanAdvisor::indexableColumns(const QString &filter)
{
    const QByteArray sql = QByteArrayLiteral("SELECT 1 WHERE ") + filter.toUtf8();
    PgQueryParseResult result = pg_query_parse(sql.constData());
    QStringList equality;
    QStringList range;
    if (!result.error && result.parse_tree) {
        const QJsonArray statements = QJsonDocument::fromJson(QByteArray(result.parse_tree))
                                          .object()
                                          .value(QLatin1String("stmts"))
                                          .toArray();
        const QJsonObject where = statements.first()
                                      .toObject()
                                      .value(QLatin1String("stmt"))
                                      .toObject()
                                      .value(QLatin1String("SelectStmt"))
                                      .toObject()
                                      .value(QLatin1String("whereClause"))
                                      .toObject();
        collect(where, &equality, &range);
    }
    pg_query_free_parse_result(result);
    QStringList columns;
    for (const QString &column : std::as_const(equality)) {
        if (!columns.contains(column))
            columns.append(column);
    }
    // Only the first range column can use the index's order; more would not narrow the scan.
    for (const QString &column : std::as_const(range)) {
        if (!columns.contains(column)) {
            columns.append(column);
            break;
        }
    }
    return columns;
}

QString PlanAdvisor::indexSuggestion(const PlanNode &node)
{
    if (node.nodeType() != QLatin1String("Seq Scan") || !node.has(PlanKey::Filter)
        || !node.has(PlanKey::RelationName))
        return {};
    const QStringList columns = indexableColumns(node.text(PlanKey::Filter));
    if (columns.isEmpty())
        return {};
    QStringList quoted;
    for (const QString &column : columns)
        quoted << SqlIdentifier::quote(column);
    return QStringLiteral("CREATE INDEX CONCURRENTLY ON %1 (%2);")
        .arg(SqlIdentifier::qualified(node.text(PlanKey::Schema), node.text(PlanKey::RelationName)),
             quoted.join(QLatin1String(", ")));
}

double PlanAdvisor::removedShare(const PlanNode &node)
{
    const double removed = node.number(PlanKey::RowsRemovedByFilter);
    const double kept = node.actualRows();
    return removed + kept > 0 ? removed / (removed + kept) : 0;
}

QList<PlanFinding> PlanAdvisor::findings(const Plan &plan, const PlanMetrics &metrics)
{
    QList<PlanFinding> found;
    if (plan.isEmpty())
        return found;
    const int heaviest = metrics.heaviestNode();
    if (heaviest >= 0 && metrics.node(heaviest).exclusiveMs > 0) {
        const PlanMetrics::Node &m = metrics.node(heaviest);
        found.append({PlanFinding::Kind::HeaviestNode,
                      heaviest,
                      tr("%1 takes the most time: %2 of its own (%3 % of the total).")
                          .arg(describe(plan.node(heaviest)), milliseconds(m.exclusiveMs))
                          .arg(QLocale().toString(m.percent, 'f', 1)),
                      {}});
    }
    const int misestimated = metrics.biggestMisestimateNode();
    if (misestimated >= 0 && metrics.node(misestimated).misestimate >= 10) {
        const PlanNode &node = plan.node(misestimated);
        const PlanMetrics::Node &m = metrics.node(misestimated);
        found.append({PlanFinding::Kind::Misestimate,
                      misestimated,
                      (m.estimate == PlanMetrics::Estimate::Under
                           ? tr("%1 returned %2 rows where %3 were estimated (%4× under); "
                                "fresh statistics (ANALYZE) or extended statistics may help.")
                           : tr("%1 returned %2 rows where %3 were estimated (%4× over); "
                                "fresh statistics (ANALYZE) or extended statistics may help."))
                          .arg(describe(node), count(node.actualRows()), count(node.planRows()))
                          .arg(QLocale().toString(m.misestimate, 'f', m.misestimate < 100 ? 1 : 0)),
                      {}});
    }
    for (const PlanNode &node : plan.nodes()) {
        const bool sortSpill = node.text(PlanKey::SortSpaceType) == QLatin1String("Disk");
        const bool hashSpill = node.number(PlanKey::HashBatches) > 1;
        const bool aggSpill = node.number(PlanKey::HashAggBatches) > 1
                              || node.number(PlanKey::DiskUsage) > 0;
        if (sortSpill || hashSpill || aggSpill) {
            const double diskKb = sortSpill ? node.number(PlanKey::SortSpaceUsed)
                                            : node.number(PlanKey::DiskUsage);
            // In memory a sort or hash needs about twice what it wrote to disk.
            const double neededMb
                = std::max(4.0,
                           std::pow(2.0, std::ceil(std::log2(std::max(1.0, 2 * diskKb / 1024)))));
            QString message;
            if (sortSpill)
                message = tr("%1 spilled to disk (%2 kB).").arg(describe(node), count(diskKb));
            else if (hashSpill)
                message = tr("%1 split its hash table into %2 batches on disk.")
                              .arg(describe(node), count(node.number(PlanKey::HashBatches)));
            else
                message = tr("%1 spilled to disk in %2 batches (%3 kB).")
                              .arg(describe(node),
                                   count(node.number(PlanKey::HashAggBatches)),
                                   count(diskKb));
            found.append(
                {PlanFinding::Kind::DiskSpill,
                 node.id(),
                 message + QLatin1Char(' ') + tr("More work_mem would keep it in memory."),
                 hashSpill ? QString() : QStringLiteral("SET work_mem = '%1MB';").arg(neededMb)});
        }
        const double share = removedShare(node);
        if (share > 0.9
            && node.number(PlanKey::RowsRemovedByFilter) * std::max(1.0, node.actualLoops())
                   >= 1000) {
            found.append(
                {PlanFinding::Kind::FilterRemovesMost,
                 node.id(),
                 tr("%1 reads %2 rows to keep %3: its filter removes %4 % of them.")
                     .arg(describe(node),
                          count((node.number(PlanKey::RowsRemovedByFilter) + node.actualRows())
                                * std::max(1.0, node.actualLoops())),
                          count(node.actualRows() * std::max(1.0, node.actualLoops())))
                     .arg(QLocale().toString(100 * share, 'f', 1)),
                 {}});
            const QString index = indexSuggestion(node);
            if (!index.isEmpty())
                found.append({PlanFinding::Kind::IndexSuggestion,
                              node.id(),
                              tr("An index on the filtered columns would let %1 skip the rows it "
                                 "throws away.")
                                  .arg(node.text(PlanKey::RelationName)),
                              index});
        }
    }
    return found;
}
