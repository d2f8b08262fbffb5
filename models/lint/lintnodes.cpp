#include "lintnodes.h"

#include "sql/pgoptions.h"

namespace LintNodes {

QString relationName(const PgNode &rangeVar)
{
    return rangeVar.field("relname").string();
}

bool isTemporary(const PgNode &rangeVar)
{
    return rangeVar.field("relpersistence").view() == "t";
}

QStringList referencedColumns(const PgNode &node)
{
    QStringList columns;
    node.walk([&columns](const PgNode &child) {
        if (child.is("ColumnRef")) {
            const QList<PgNode> fields = child.field("fields").list();
            if (!fields.isEmpty() && fields.last().is("String"))
                columns.append(fields.last().string());
            return false;
        }
        if (child.is("IndexElem") && child.has("name"))
            columns.append(child.field("name").string());
        return true;
    });
    return columns;
}

QString notNullCheckColumn(const PgNode &constraint)
{
    const PgNode test = constraint.field("raw_expr");
    if (!test.is("NullTest") || test.field("nulltesttype").view() != "IS_NOT_NULL")
        return {};
    const QStringList columns = referencedColumns(test.field("arg"));
    return columns.size() == 1 ? columns.first() : QString();
}

PgNode columnConstraint(const PgNode &columnDef, const char *contype)
{
    for (const PgNode &constraint : columnDef.field("constraints").list()) {
        if (constraint.field("contype").view() == contype)
            return constraint;
    }
    return {};
}

bool isSchemaChange(std::string_view statementType)
{
    static constexpr std::string_view notSchemaChanges[]
        = {"SelectStmt",         "InsertStmt",      "UpdateStmt",       "DeleteStmt",
           "MergeStmt",          "VariableSetStmt", "VariableShowStmt", "TransactionStmt",
           "ExplainStmt",        "PrepareStmt",     "ExecuteStmt",      "DeallocateStmt",
           "DeclareCursorStmt",  "FetchStmt",       "ClosePortalStmt",  "ListenStmt",
           "NotifyStmt",         "UnlistenStmt",    "DiscardStmt",      "CheckPointStmt",
           "CopyStmt",           "DoStmt",          "CallStmt",         "LoadStmt",
           "ConstraintsSetStmt", "CreatedbStmt",    "DropdbStmt",       "AlterSystemStmt",
           "PLAssignStmt"};
    if (statementType.empty())
        return false;
    for (const std::string_view other : notSchemaChanges) {
        if (statementType == other)
            return false;
    }
    return true;
}

bool isConcurrentIndexChange(const PgNode &statement)
{
    const std::string_view type = statement.type();
    if (type == "IndexStmt")
        return statement.field("concurrent").boolean();
    if (type == "DropStmt")
        return statement.field("removeType").view() == "OBJECT_INDEX"
               && statement.field("concurrent").boolean();
    if (type == "ReindexStmt")
        return PgOptions::hasOn(statement.field("params"), "concurrently");
    return false;
}

QString dottedName(const PgNode &names)
{
    QStringList parts;
    for (const PgNode &part : names.list())
        parts.append(part.string());
    return parts.join(QLatin1Char('.'));
}

} // namespace LintNodes
