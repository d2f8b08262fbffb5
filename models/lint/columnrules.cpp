#include "columnrules.h"

#include "lintnodes.h"
#include "statementcontext.h"
#include "typechange.h"
#include "volatility.h"

namespace {
constexpr char WithDefault[] = "adding-field-with-default";
constexpr char Required[] = "adding-required-field";
constexpr char NotNullable[] = "adding-not-nullable-field";
constexpr char TypeChanged[] = "changing-column-type";
constexpr char DropColumn[] = "ban-drop-column";
constexpr char DropNotNull[] = "ban-drop-not-null";
constexpr char RenameColumn[] = "renaming-column";

bool isSerial(const TypeSpec &type)
{
    static const QStringList serials{QStringLiteral("serial"),
                                     QStringLiteral("serial2"),
                                     QStringLiteral("serial4"),
                                     QStringLiteral("serial8"),
                                     QStringLiteral("smallserial"),
                                     QStringLiteral("bigserial")};
    return serials.contains(type.name);
}
} // namespace

QList<RuleInfo> ColumnRules::rules() const
{
    using S = Finding::Severity;
    using C = RuleInfo::Category;
    return {
        {QString::fromLatin1(WithDefault),
         S::Error,
         C::Locking,
         tr("Adding a column whose default must be computed per row rewrites the table."),
         tr("ACCESS EXCLUSIVE lock on the table for the whole rewrite."),
         tr("Since PostgreSQL 11 a constant or STABLE default (now()) is stored once and the ADD "
            "is instant. A VOLATILE default (random(), clock_timestamp(), gen_random_uuid(), a "
            "serial's nextval()), a stored generated column or an identity column makes "
            "PostgreSQL write every row, and before 11 any default did."),
         tr("Add the column without a default (or with a constant one), set the default with "
            "ALTER COLUMN … SET DEFAULT for new rows, and backfill existing rows in batches.")},
        {QString::fromLatin1(Required),
         S::Error,
         C::Breaking,
         tr("Adding a NOT NULL column without a default fails on a table that has rows."),
         tr("ACCESS EXCLUSIVE lock briefly; then the statement fails."),
         tr("Existing rows would get NULL in a NOT NULL column, so PostgreSQL rejects the ALTER "
            "as soon as the table is not empty."),
         tr("Add the column with a constant DEFAULT, or add it nullable, backfill it, and set "
            "NOT NULL safely afterwards.")},
        {QString::fromLatin1(NotNullable),
         S::Error,
         C::Locking,
         tr("SET NOT NULL scans the whole table while reads and writes are blocked."),
         tr("ACCESS EXCLUSIVE lock on the table during the scan."),
         tr("PostgreSQL checks every row for NULL before the statement ends. From PostgreSQL 12 "
            "it skips the scan when a validated CHECK (column IS NOT NULL) constraint already "
            "proves it."),
         tr("ADD CONSTRAINT … CHECK (column IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT in a "
            "later transaction; then SET NOT NULL (instant on 12+) and drop the CHECK.")},
        {QString::fromLatin1(TypeChanged),
         S::Error,
         C::Locking,
         tr("Changing a column's type can rewrite the table and rebuild its indexes."),
         tr("ACCESS EXCLUSIVE lock on the table for the rewrite or the validation scan."),
         tr("Unless the new type is binary-compatible (varchar to text, a longer varchar, a "
            "wider numeric), PostgreSQL rewrites every row and rebuilds every index on the "
            "table; CHECK constraints on the column are checked again over all rows."),
         tr("Add a new column with the new type, write to both, backfill in batches, switch "
            "readers, then drop the old column (expand and contract).")},
        {QString::fromLatin1(DropColumn),
         S::Error,
         C::Breaking,
         tr("Dropping a column breaks code that still reads or writes it."),
         tr("ACCESS EXCLUSIVE lock on the table (brief: the column is only marked dropped)."),
         tr("Running application versions that select or insert the column fail at once, and "
            "the data is gone."),
         tr("First deploy code that no longer uses the column, then drop it in a later "
            "migration.")},
        {QString::fromLatin1(DropNotNull),
         S::Error,
         C::Breaking,
         tr("Dropping NOT NULL lets NULLs in that running code does not expect."),
         tr("ACCESS EXCLUSIVE lock on the table (brief)."),
         tr("Readers written for a NOT NULL column can fail on the first NULL, and the change is "
            "hard to undo once NULLs exist."),
         tr("Make sure every reader handles NULL before dropping the constraint.")},
        {QString::fromLatin1(RenameColumn),
         S::Error,
         C::Breaking,
         tr("Renaming a column breaks code that uses the old name."),
         tr("ACCESS EXCLUSIVE lock on the table (brief)."),
         tr("Every running query and application version using the old name fails as soon as "
            "the rename commits."),
         tr("Expand and contract: add the new column, write both, backfill, move readers, then "
            "drop the old column; or put a view with the old name in front.")},
    };
}

void ColumnRules::checkAddColumn(const StatementContext &context,
                                 const QString &table,
                                 const PgNode &column) const
{
    const QString name = column.field("colname").string();
    const TypeSpec type = TypeSpec::fromNode(column.field("typeName"));
    const PgNode defaultValue = LintNodes::columnConstraint(column, "CONSTR_DEFAULT");
    const PgNode generated = LintNodes::columnConstraint(column, "CONSTR_GENERATED");
    const PgNode identity = LintNodes::columnConstraint(column, "CONSTR_IDENTITY");
    const bool notNull = !LintNodes::columnConstraint(column, "CONSTR_NOTNULL").isNull();
    const QString where = QStringLiteral("%1.%2").arg(table, name);

    if (!generated.isNull()) {
        context.report(WithDefault,
                       tr("Stored generated column %1 is computed for every row: the table is "
                          "rewritten.")
                           .arg(where),
                       table);
    } else if (!identity.isNull()) {
        context.report(WithDefault,
                       tr("Identity column %1 gets a value in every row: the table is "
                          "rewritten.")
                           .arg(where),
                       table);
    } else if (isSerial(type)) {
        context.report(WithDefault,
                       tr("%1 column %2 takes nextval() for every row: the table is rewritten.")
                           .arg(type.name, where),
                       table);
    } else if (!defaultValue.isNull()) {
        // Every supported version (11 and later) stores a non-volatile default once instead of
        // writing it into every row.
        if (Volatility::isVolatileDefault(defaultValue.field("raw_expr"),
                                          context.state().schema())) {
            context.report(WithDefault,
                           tr("The default of %1 is volatile and computed for every row: the "
                              "table is rewritten.")
                               .arg(where),
                           table);
        }
    }

    if (notNull && defaultValue.isNull() && generated.isNull() && identity.isNull()
        && !isSerial(type)) {
        context.report(Required,
                       tr("%1 is NOT NULL without a default: the ALTER fails if %2 has rows.")
                           .arg(where, table),
                       table);
    }
}

void ColumnRules::checkTypeChange(const StatementContext &context,
                                  const QString &table,
                                  const QString &column,
                                  const PgNode &def) const
{
    const TypeSpec to = TypeSpec::fromNode(def.field("typeName"));
    const QString where = QStringLiteral("%1.%2").arg(table, column);
    const KnownSchema &schema = context.state().schema();
    const KnownTable *known = schema.table(table);
    const KnownColumn *current = known ? known->column(column) : nullptr;
    if (!current) {
        context.report(TypeChanged,
                       tr("Changing %1 to %2 may rewrite %3 and rebuild its indexes (its "
                          "current type is not known here).")
                           .arg(where, to.toString(), table),
                       table);
        return;
    }
    const bool usingExpression = def.has("raw_default");
    TypeChange::ColumnFacts facts;
    facts.indexed = known->isIndexed(column);
    facts.inCheck = known->isInCheck(column);
    if (!usingExpression
        && TypeChange::isRewriteFree(current->type, to, facts, context.pgVersion(), schema.timeZone))
        return;
    QString reason;
    if (facts.inCheck)
        reason = tr("a CHECK constraint uses the column and is checked again over all rows");
    else if (usingExpression)
        reason = tr("the USING expression is evaluated for every row");
    else
        reason = tr("the types are not binary-compatible");
    context.report(TypeChanged,
                   tr("Changing %1 from %2 to %3 rewrites or rescans %4: %5.")
                       .arg(where, current->type.toString(), to.toString(), table, reason),
                   table);
}

void ColumnRules::check(const StatementContext &context) const
{
    const PgNode node = context.node();
    const LintState &state = context.state();
    if (context.type() == "RenameStmt") {
        if (node.field("renameType").view() == "OBJECT_COLUMN") {
            const QString table = LintNodes::relationName(node.field("relation"));
            if (!state.createdInThisMigration(table)) {
                context.report(RenameColumn,
                               tr("Renaming %1.%2 to %3 breaks code that uses the old name.")
                                   .arg(table,
                                        node.field("subname").string(),
                                        node.field("newname").string()),
                               table);
            }
        }
        return;
    }
    if (context.type() != "AlterTableStmt")
        return;
    const QString table = LintNodes::relationName(node.field("relation"));
    if (state.createdInThisMigration(table))
        return;
    for (const PgNode &command : node.field("cmds").list()) {
        const std::string_view subtype = command.field("subtype").view();
        const QString column = command.field("name").string();
        const QString where = QStringLiteral("%1.%2").arg(table, column);
        if (subtype == "AT_AddColumn") {
            checkAddColumn(context, table, command.field("def"));
        } else if (subtype == "AT_AlterColumnType") {
            checkTypeChange(context, table, column, command.field("def"));
        } else if (subtype == "AT_SetNotNull") {
            if (context.pgVersion() < 12 || !state.hasValidatedNotNullCheck(table, column)) {
                context.report(NotNullable,
                               context.pgVersion() < 12
                                   ? tr("SET NOT NULL on %1 scans %2 under ACCESS EXCLUSIVE "
                                        "(before PostgreSQL 12 even a validated CHECK does not "
                                        "help).")
                                         .arg(where, table)
                                   : tr("SET NOT NULL on %1 scans %2 under ACCESS EXCLUSIVE: no "
                                        "validated CHECK (%3 IS NOT NULL) was found.")
                                         .arg(where, table, column),
                               table);
            }
        } else if (subtype == "AT_DropColumn") {
            context.report(DropColumn,
                           tr("Dropping %1 breaks code that still uses it and loses its data.")
                               .arg(where),
                           table);
        } else if (subtype == "AT_DropNotNull") {
            context.report(DropNotNull,
                           tr("Dropping NOT NULL from %1 lets NULLs reach code that does not "
                              "expect them.")
                               .arg(where),
                           table);
        }
    }
}
