#include "constraintrules.h"

#include "lintnodes.h"
#include "statementcontext.h"

namespace {
constexpr char ForeignKey[] = "adding-foreign-key-constraint";
constexpr char NotValid[] = "constraint-missing-not-valid";
constexpr char Unique[] = "disallowed-unique-constraint";
constexpr char PrimaryKey[] = "adding-serial-primary-key-field";
} // namespace

QList<RuleInfo> ConstraintRules::rules() const
{
    using S = Finding::Severity;
    using C = RuleInfo::Category;
    return {
        {QString::fromLatin1(ForeignKey),
         S::Error,
         C::Locking,
         tr("Adding a validated foreign key blocks writes to both tables while every row is "
            "checked."),
         tr("SHARE ROW EXCLUSIVE lock on the table and on the referenced table during the "
            "validation scan."),
         tr("PostgreSQL checks every existing row against the referenced table before the "
            "statement ends; writes to both tables wait the whole time."),
         tr("ADD CONSTRAINT … FOREIGN KEY … NOT VALID, then VALIDATE CONSTRAINT in a later "
            "transaction: validation takes only SHARE UPDATE EXCLUSIVE, which lets writes "
            "through.")},
        {QString::fromLatin1(NotValid),
         S::Error,
         C::Locking,
         tr("A CHECK or foreign key constraint is validated while writes are blocked."),
         tr("ACCESS EXCLUSIVE (CHECK) or SHARE ROW EXCLUSIVE (foreign key) on the table while "
            "all rows are scanned; NOT VALID followed by VALIDATE in the same transaction keeps "
            "that lock through the scan."),
         tr("Validation reads the whole table. Done together with the ADD, or in the same "
            "transaction as a NOT VALID add, it runs under the ADD's strong lock."),
         tr("ADD CONSTRAINT … NOT VALID in one transaction, then ALTER TABLE … VALIDATE "
            "CONSTRAINT in a separate one.")},
        {QString::fromLatin1(Unique),
         S::Error,
         C::Locking,
         tr("Adding a UNIQUE or EXCLUDE constraint builds its index while the table is locked."),
         tr("ACCESS EXCLUSIVE lock on the table for the whole index build."),
         tr("The constraint's index is built inside the ALTER TABLE, so nothing can read or "
            "write the table until it is done."),
         tr("CREATE UNIQUE INDEX CONCURRENTLY, then ALTER TABLE … ADD CONSTRAINT … UNIQUE USING "
            "INDEX.")},
        {QString::fromLatin1(PrimaryKey),
         S::Error,
         C::Locking,
         tr("Adding a primary key builds its index while the table is locked."),
         tr("ACCESS EXCLUSIVE lock on the table for the index build (and a rewrite when a "
            "serial column is added)."),
         tr("Nothing can read or write the table until the primary key index is built; a new "
            "serial column also fills every row."),
         tr("CREATE UNIQUE INDEX CONCURRENTLY on the column, then ALTER TABLE … ADD CONSTRAINT "
            "… PRIMARY KEY USING INDEX.")},
    };
}

void ConstraintRules::checkConstraint(const StatementContext &context,
                                      const QString &table,
                                      const PgNode &constraint,
                                      const QString &column) const
{
    const std::string_view contype = constraint.field("contype").view();
    const QString name = constraint.field("conname").string();
    const bool notValid = constraint.field("skip_validation").boolean();
    const bool usingIndex = constraint.has("indexname");
    const QString what = name.isEmpty() ? (column.isEmpty() ? table : column) : name;

    if (contype == "CONSTR_FOREIGN" && !notValid) {
        const QString referenced = LintNodes::relationName(constraint.field("pktable"));
        context.report(ForeignKey,
                       tr("Foreign key %1 is validated while writes to %2 and %3 are blocked.")
                           .arg(what, table, referenced),
                       table);
        if (column.isEmpty()) {
            context.report(NotValid,
                           tr("Foreign key %1 on %2 is added without NOT VALID, so every row is "
                              "checked under lock.")
                               .arg(what, table),
                           table);
        }
    } else if (contype == "CONSTR_CHECK" && !notValid && column.isEmpty()) {
        context.report(NotValid,
                       tr("CHECK constraint %1 on %2 is added without NOT VALID, so every row is "
                          "checked under ACCESS EXCLUSIVE.")
                           .arg(what, table),
                       table);
    } else if ((contype == "CONSTR_UNIQUE" || contype == "CONSTR_EXCLUSION") && !usingIndex) {
        context.report(Unique,
                       tr("Constraint %1 on %2 builds its index while the table is locked.")
                           .arg(what, table),
                       table);
    } else if (contype == "CONSTR_PRIMARY" && !usingIndex) {
        context.report(PrimaryKey,
                       tr("The primary key on %1 builds its index while the table is locked.")
                           .arg(table),
                       table);
    }
}

void ConstraintRules::check(const StatementContext &context) const
{
    if (context.type() != "AlterTableStmt")
        return;
    const PgNode node = context.node();
    const QString table = LintNodes::relationName(node.field("relation"));
    const LintState &state = context.state();
    if (state.createdInThisMigration(table))
        return;
    for (const PgNode &command : node.field("cmds").list()) {
        const std::string_view subtype = command.field("subtype").view();
        const PgNode def = command.field("def");
        if (subtype == "AT_AddConstraint") {
            checkConstraint(context, table, def, {});
        } else if (subtype == "AT_AddColumn") {
            for (const PgNode &constraint : def.field("constraints").list())
                checkConstraint(context, table, constraint, def.field("colname").string());
        } else if (subtype == "AT_ValidateConstraint") {
            const QString name = command.field("name").string();
            const ConstraintFact *fact = state.constraint(name);
            if (fact && !fact->validated && state.inTransaction()
                && fact->transaction == state.transactionId()) {
                context.report(NotValid,
                               tr("VALIDATE CONSTRAINT %1 runs in the same transaction as its "
                                  "NOT VALID add, so %2 stays locked during the scan.")
                                   .arg(name, table),
                               table);
            }
        }
    }
}
