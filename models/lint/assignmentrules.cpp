#include "assignmentrules.h"

#include "lintnodes.h"
#include "statementcontext.h"

#include <QHash>
#include <QSet>

namespace {
constexpr char DuplicateColumn[] = "ban-duplicate-column-assignments";

// Columns of an UPDATE's SET or an INSERT's column list, as PostgreSQL checks them: a column
// assigned whole may appear once; assignments to parts of it (a.x = 1, a[2] = 3) may repeat but
// not next to a whole one. Returns each column that breaks that, once.
QStringList repeatedTargets(const QList<PgNode> &targets)
{
    QHash<QString, int> whole;
    QHash<QString, int> partial;
    QStringList repeated;
    for (const PgNode &target : targets) {
        const QString name = target.field("name").string();
        if (name.isEmpty())
            continue;
        (target.has("indirection") ? partial : whole)[name] += 1;
        const int count = whole.value(name);
        if ((count > 1 || (count == 1 && partial.value(name) > 0)) && !repeated.contains(name))
            repeated.append(name);
    }
    return repeated;
}

// The name PostgreSQL gives a select-list entry without AS (FigureColname in parse_target.c):
// the column, field or function named, a few key words, or "?column?". Empty where the name
// depends on more than the parse tree shows (a star, SQL value functions, a scalar subquery),
// which is then left out of the comparison.
QString implicitName(const PgNode &value)
{
    const std::string_view type = value.type();
    if (type == "ColumnRef") {
        const QList<PgNode> fields = value.field("fields").list();
        return !fields.isEmpty() && fields.last().is("String") ? fields.last().string() : QString();
    }
    if (type == "A_Indirection") {
        QString field;
        for (const PgNode &step : value.field("indirection").list()) {
            if (step.is("String"))
                field = step.string();
        }
        return field.isEmpty() ? implicitName(value.field("arg")) : field;
    }
    if (type == "FuncCall") {
        const QList<PgNode> names = value.field("funcname").list();
        return names.isEmpty() ? QString() : names.last().string();
    }
    if (type == "TypeCast") {
        const QString inner = implicitName(value.field("arg"));
        if (!inner.isEmpty() && inner != QLatin1String("?column?"))
            return inner;
        const QList<PgNode> names = value.field("typeName").field("names").list();
        return names.isEmpty() ? QString() : names.last().string();
    }
    if (type == "CollateClause")
        return implicitName(value.field("arg"));
    if (type == "A_Expr")
        return value.field("kind").view() == "AEXPR_NULLIF" ? QStringLiteral("nullif")
                                                            : QStringLiteral("?column?");
    if (type == "SubLink") {
        const std::string_view kind = value.field("subLinkType").view();
        if (kind == "EXISTS_SUBLINK")
            return QStringLiteral("exists");
        if (kind == "ARRAY_SUBLINK")
            return QStringLiteral("array");
        return {};
    }
    if (type == "MinMaxExpr")
        return value.field("op").view() == "IS_GREATEST" ? QStringLiteral("greatest")
                                                         : QStringLiteral("least");
    static const QHash<QByteArray, QString> keywords{
        {"GroupingFunc", QStringLiteral("grouping")},
        {"CaseExpr", QStringLiteral("case")},
        {"A_ArrayExpr", QStringLiteral("array")},
        {"RowExpr", QStringLiteral("row")},
        {"CoalesceExpr", QStringLiteral("coalesce")},
        {"A_Const", QStringLiteral("?column?")},
        {"BoolExpr", QStringLiteral("?column?")},
        {"NullTest", QStringLiteral("?column?")},
        {"BooleanTest", QStringLiteral("?column?")},
        {"ParamRef", QStringLiteral("?column?")},
    };
    return keywords.value(QByteArray(type.data(), qsizetype(type.size())));
}

// The column names a query gives a view or a new table: `aliases` first (CREATE VIEW v (a, b),
// CREATE TABLE t (a, b) AS), then the select list's own names. A UNION takes its names from its
// first branch.
QStringList queryColumnNames(const PgNode &select, const QList<PgNode> &aliases)
{
    PgNode first = select;
    while (!first.isNull() && first.field("op").view() != "SETOP_NONE" && first.has("larg"))
        first = first.field("larg");
    QStringList names;
    const QList<PgNode> targets = first.field("targetList").list();
    for (int i = 0; i < targets.size(); ++i) {
        const PgNode target = targets.at(i);
        if (i < aliases.size())
            names.append(aliases.at(i).string());
        else if (target.has("name"))
            names.append(target.field("name").string());
        else
            names.append(implicitName(target.field("val")));
    }
    for (int i = int(targets.size()); i < aliases.size(); ++i)
        names.append(aliases.at(i).string());
    return names;
}

QStringList repeatedNames(const QStringList &names)
{
    QSet<QString> seen;
    QStringList repeated;
    for (const QString &name : names) {
        if (name.isEmpty())
            continue;
        if (seen.contains(name) && !repeated.contains(name))
            repeated.append(name);
        seen.insert(name);
    }
    return repeated;
}

QStringList columnDefNames(const PgNode &createStmt)
{
    QStringList names;
    for (const PgNode &element : createStmt.field("tableElts").list()) {
        if (element.is("ColumnDef"))
            names.append(element.field("colname").string());
    }
    return names;
}

} // namespace

QList<RuleInfo> AssignmentRules::rules() const
{
    return {
        {QString::fromLatin1(DuplicateColumn),
         Finding::Severity::Error,
         RuleInfo::Category::Breaking,
         tr("A column is named twice where PostgreSQL allows it once."),
         tr("None: PostgreSQL rejects the statement when it runs, and the migration fails."),
         tr("The statement parses, so nothing looks wrong until it runs: UPDATE … SET a = 1, "
            "a = 2 fails with \"multiple assignments to same column\", INSERT INTO t (a, a) and "
            "a table or view with two columns of one name with \"specified more than once\". "
            "Which value was meant is anyone's guess."),
         tr("Name each column once; give computed view and SELECT INTO columns distinct "
            "aliases.")},
    };
}

void AssignmentRules::reportDuplicates(const StatementContext &context,
                                       const QStringList &names,
                                       const QString &where) const
{
    for (const QString &name : names) {
        context.report(DuplicateColumn,
                       tr("Column %1 is named twice in %2; PostgreSQL rejects the statement.")
                           .arg(name, where));
    }
}

void AssignmentRules::check(const StatementContext &context) const
{
    const PgNode node = context.node();
    const std::string_view type = context.type();
    if (type == "UpdateStmt") {
        const QString table = LintNodes::relationName(node.field("relation"));
        reportDuplicates(context,
                         repeatedTargets(node.field("targetList").list()),
                         tr("UPDATE %1 … SET").arg(table));
    } else if (type == "InsertStmt") {
        const QString table = LintNodes::relationName(node.field("relation"));
        reportDuplicates(context,
                         repeatedTargets(node.field("cols").list()),
                         tr("the column list of INSERT INTO %1").arg(table));
        reportDuplicates(context,
                         repeatedTargets(node.field("onConflictClause").field("targetList").list()),
                         tr("ON CONFLICT DO UPDATE SET"));
    } else if (type == "MergeStmt") {
        const QString table = LintNodes::relationName(node.field("relation"));
        for (const PgNode &when : node.field("mergeWhenClauses").list()) {
            const bool insert = when.field("commandType").view() == "CMD_INSERT";
            reportDuplicates(context,
                             repeatedTargets(when.field("targetList").list()),
                             insert ? tr("MERGE INTO %1 … INSERT").arg(table)
                                    : tr("MERGE INTO %1 … UPDATE SET").arg(table));
        }
    } else if (type == "CreateStmt" || type == "CreateForeignTableStmt") {
        const PgNode create = type == "CreateStmt" ? node : node.field("base");
        reportDuplicates(context,
                         repeatedNames(columnDefNames(create)),
                         tr("CREATE TABLE %1")
                             .arg(LintNodes::relationName(create.field("relation"))));
    } else if (type == "ViewStmt") {
        reportDuplicates(context,
                         repeatedNames(
                             queryColumnNames(node.field("query"), node.field("aliases").list())),
                         tr("CREATE VIEW %1").arg(LintNodes::relationName(node.field("view"))));
    } else if (type == "CreateTableAsStmt") {
        const PgNode into = node.field("into");
        reportDuplicates(context,
                         repeatedNames(
                             queryColumnNames(node.field("query"), into.field("colNames").list())),
                         tr("CREATE TABLE %1 AS").arg(LintNodes::relationName(into.field("rel"))));
    } else if (type == "SelectStmt" && node.has("intoClause")) {
        const PgNode into = node.field("intoClause");
        reportDuplicates(context,
                         repeatedNames(queryColumnNames(node, into.field("colNames").list())),
                         tr("SELECT … INTO %1").arg(LintNodes::relationName(into.field("rel"))));
    }
}
