#include "toolrules.h"

#include "lintnodes.h"
#include "statementcontext.h"
#include "tooltransaction.h"

#include "sql/statementkind.h"

#include <QSet>

namespace {
constexpr char NonTransactional[] = "ban-non-transactional-statement-in-transaction";
constexpr char EnumValueUse[] = "ban-new-enum-value-use-in-transaction";

// Reported by IndexRules as ban-concurrent-index-creation-in-transaction.
bool isConcurrentForm(const QString &reason)
{
    return reason.contains(QLatin1String("CONCURRENTLY"));
}

// Why PostgreSQL refuses the statement in a transaction block, with DISCARD ALL, which
// StatementKind leaves out because Slipway's engine never meets it in a migration but Flyway's
// parser knows it.
QString refusalReason(const PgNode &statement)
{
    const QString reason = StatementKind::nonTransactionalReason(statement);
    if (!reason.isEmpty())
        return reason;
    if (statement.is("DiscardStmt") && statement.field("target").view() == "DISCARD_ALL")
        return QStringLiteral("DISCARD ALL");
    return {};
}
} // namespace

QList<RuleInfo> ToolRules::rules() const
{
    using S = Finding::Severity;
    using C = RuleInfo::Category;
    return {
        {QString::fromLatin1(NonTransactional),
         S::Error,
         C::Transaction,
         tr("A statement PostgreSQL refuses inside a transaction block runs in the one the "
            "migration tool opens."),
         tr("None: PostgreSQL rejects the statement (ERROR: … cannot run inside a transaction "
            "block) and the migration fails."),
         tr("VACUUM, CREATE DATABASE, ALTER SYSTEM, REINDEX SCHEMA, CLUSTER without a table, a "
            "DO block that commits and DISCARD ALL manage transactions themselves. A tool that "
            "wraps the file in BEGIN … COMMIT, or sends it as one query string (which PostgreSQL "
            "runs as one implicit transaction), makes them fail."),
         tr("Run the statement in a migration of its own that the tool runs outside a "
            "transaction (the finding names the tool's setting), or outside the migrations.")},
        {QString::fromLatin1(EnumValueUse),
         S::Error,
         C::Transaction,
         tr("A value added to an enum is used before the transaction that added it commits."),
         tr("None: PostgreSQL rejects the statement (ERROR: unsafe use of new value … of enum "
            "type; before PostgreSQL 12, ALTER TYPE … ADD VALUE cannot run inside a transaction "
            "block at all)."),
         tr("A new enum value cannot be used until the transaction that added it has committed. "
            "A tool that runs the whole file in one transaction (BEGIN … COMMIT, or one query "
            "string) fails at the first statement that uses it. The check matches string "
            "literals equal to the new value in the same transaction."),
         tr("Add the value in one migration and use it in a later one that runs in a separate "
            "transaction (or in a file the tool runs statement by statement).")},
    };
}

QString ToolRules::withToolFix(const StatementContext &context,
                               const QString &message,
                               const QString &statement)
{
    const LintState &state = context.state();
    const ToolTransaction::Run *run = state.toolRun();
    // Slipway's engine, a plain script, or the script's own BEGIN in a file the tool runs
    // statement by statement: the message and the rule's advice say it all.
    if (!run || (!run->ownTransaction && !state.toolTransactionOpen()))
        return message;
    const QString fix = ToolTransaction::nonTransactionalFix(*run,
                                                             statement,
                                                             context.node(),
                                                             context.pgVersion());
    return fix.isEmpty() ? message : message + QLatin1Char(' ') + fix;
}

void ToolRules::check(const StatementContext &context) const
{
    checkNonTransactional(context);
    checkEnumValues(context);
}

void ToolRules::checkNonTransactional(const StatementContext &context) const
{
    // As for CONCURRENTLY: in a file Slipway's engine refuses (such a statement next to ones of
    // a transaction), the finding says why, as if it ran in the transaction the others need.
    const LintState &state = context.state();
    if (!state.refusesNonTransactional())
        return;
    const QString reason = refusalReason(context.node());
    if (reason.isEmpty() || isConcurrentForm(reason))
        return;
    context.report(NonTransactional,
                   withToolFix(context,
                               tr("%1 runs inside a transaction block; PostgreSQL will reject "
                                  "it.")
                                   .arg(reason),
                               reason));
}

void ToolRules::checkEnumValues(const StatementContext &context) const
{
    const LintState &state = context.state();
    const PgNode node = context.node();
    if (context.type() == "AlterEnumStmt") {
        // Before PostgreSQL 12 the statement itself cannot run in a transaction block.
        if (!node.has("oldVal") && context.pgVersion() < 12 && state.refusesNonTransactional()) {
            const QString statement = QStringLiteral("ALTER TYPE … ADD VALUE");
            context.report(EnumValueUse,
                           withToolFix(context,
                                       tr("ALTER TYPE %1 ADD VALUE '%2' runs inside a "
                                          "transaction block, which PostgreSQL refuses before "
                                          "version 12.")
                                           .arg(LintNodes::dottedName(node.field("typeName")),
                                                node.field("newVal").string()),
                                       statement));
        }
        return;
    }
    QSet<QString> reported;
    node.walk([&](const PgNode &child) {
        if (!child.is("A_Const") || !child.has("sval"))
            return true;
        const QString label = child.field("sval").field("sval").string();
        const LintState::NewEnumValue *value = state.newEnumValueInTransaction(label);
        if (!value || reported.contains(label))
            return true;
        reported.insert(label);
        const QString message
            = value->earlierFile
                  ? tr("'%1' was added to %2 by an earlier migration that runs in the same "
                       "transaction; PostgreSQL refuses a new enum value until that transaction "
                       "commits (unsafe use of new value).")
                        .arg(label, value->type)
                  : tr("'%1' was added to %2 earlier in this transaction; PostgreSQL refuses a "
                       "new enum value until that transaction commits (unsafe use of new value).")
                        .arg(label, value->type);
        const ToolTransaction::Run *run = state.toolRun();
        context.report(EnumValueUse,
                       message + QLatin1Char(' ')
                           + ToolTransaction::enumValueFix(run ? *run : ToolTransaction::Run()));
        return true;
    });
}
