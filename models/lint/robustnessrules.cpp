#include "robustnessrules.h"

#include "lintnodes.h"
#include "statementcontext.h"

namespace {
constexpr char Robust[] = "prefer-robust-stmts";
constexpr char TooLong[] = "identifier-too-long";
} // namespace

QList<RuleInfo> RobustnessRules::rules() const
{
    using S = Finding::Severity;
    using C = RuleInfo::Category;
    return {
        {QString::fromLatin1(Robust),
         S::Warning,
         C::Style,
         tr("A statement outside a transaction cannot be re-run after a partial failure."),
         tr("Unchanged."),
         tr("When a migration that is not wrapped in a transaction fails half way, re-running it "
            "stops at the first statement that already took effect (relation already exists)."),
         tr("Use IF [NOT] EXISTS (CREATE TABLE/INDEX IF NOT EXISTS, ADD COLUMN IF NOT EXISTS, "
            "DROP … IF EXISTS), drop a constraint IF EXISTS before adding it, or run the file in "
            "a transaction.")},
        {QString::fromLatin1(TooLong),
         S::Warning,
         C::Style,
         tr("An identifier is longer than 63 bytes and PostgreSQL will truncate it."),
         tr("Unchanged."),
         tr("PostgreSQL silently cuts names to 63 bytes (NAMEDATALEN), so two long names can "
            "collide and the object ends up with a name nobody wrote."),
         tr("Choose a name of at most 63 bytes (multi-byte characters count for several).")},
    };
}

void RobustnessRules::checkRobust(const StatementContext &context) const
{
    const LintState &state = context.state();
    // One statement is atomic on its own: it either happened or it can be run again.
    if (state.sqlStatementCount() <= 1)
        return;
    const PgNode node = context.node();
    const std::string_view type = context.type();
    const bool inTransaction = state.inTransaction();
    // Messages are built only for a finding: tr() is a lookup, and most statements pass.
    const auto ifExists = [](const QString &what) {
        return tr("%1 has no IF EXISTS: after a partial failure the migration cannot be run "
                  "again.")
            .arg(what);
    };
    const auto ifNotExists = [](const QString &what) {
        return tr("%1 has no IF NOT EXISTS: after a partial failure the migration cannot be run "
                  "again.")
            .arg(what);
    };
    const auto noTransaction = [](const QString &what) {
        return tr("%1 runs outside a transaction: after a partial failure the migration cannot "
                  "be run again.")
            .arg(what);
    };

    if (type == "AlterTableStmt" && !inTransaction) {
        const QString table = LintNodes::relationName(node.field("relation"));
        for (const PgNode &command : node.field("cmds").list()) {
            const std::string_view subtype = command.field("subtype").view();
            const QString name = command.field("name").string();
            const bool missingOk = command.field("missing_ok").boolean();
            QString message;
            if (subtype == "AT_DropConstraint") {
                if (!missingOk)
                    message = ifExists(tr("DROP CONSTRAINT %1").arg(name));
            } else if (subtype == "AT_AddColumn") {
                if (!missingOk)
                    message = ifNotExists(
                        tr("ADD COLUMN %1").arg(command.field("def").field("colname").string()));
            } else if (subtype == "AT_DropColumn") {
                if (!missingOk)
                    message = ifExists(tr("DROP COLUMN %1").arg(name));
            } else if (subtype == "AT_ValidateConstraint") {
                if (!state.wasDropped(name))
                    message = noTransaction(tr("VALIDATE CONSTRAINT %1").arg(name));
            } else if (subtype == "AT_AddConstraint") {
                const QString constraint = command.field("def").field("conname").string();
                if (!state.wasDropped(constraint) || state.addedBackAfterDrop(constraint))
                    message = noTransaction(tr("ADD CONSTRAINT %1").arg(constraint));
            } else {
                message = noTransaction(tr("ALTER TABLE %1").arg(table));
            }
            if (!message.isEmpty())
                context.report(Robust, message, table);
        }
    } else if (type == "IndexStmt") {
        const QString index = node.field("idxname").string();
        // An unnamed concurrent index gets a fresh name each time, so it never collides. A named
        // one is meant to run outside a transaction (Slipway's engine refuses it next to other
        // statements until it is moved out), so it must be re-runnable there; in a file another
        // tool wraps in one transaction it cannot run at all, which is reported instead.
        const bool concurrent = node.field("concurrent").boolean() && !state.toolRun();
        if (!node.field("if_not_exists").boolean() && !index.isEmpty()
            && (concurrent || !inTransaction))
            context.report(Robust,
                           ifNotExists(tr("CREATE INDEX %1").arg(index)),
                           LintNodes::relationName(node.field("relation")));
    } else if (type == "CreateStmt" && !inTransaction && !node.field("if_not_exists").boolean()) {
        const PgNode relation = node.field("relation");
        const bool dropsItself = LintNodes::isTemporary(relation)
                                 && node.field("oncommit").view() == "ONCOMMIT_DROP";
        if (!dropsItself)
            context.report(Robust,
                           ifNotExists(
                               tr("CREATE TABLE %1").arg(LintNodes::relationName(relation))));
    } else if (type == "DropStmt" && !inTransaction && !node.field("missing_ok").boolean()) {
        const std::string_view removeType = node.field("removeType").view();
        QString what;
        if (removeType == "OBJECT_INDEX")
            what = QStringLiteral("DROP INDEX");
        else if (removeType == "OBJECT_TABLE")
            what = QStringLiteral("DROP TABLE");
        else if (removeType == "OBJECT_TYPE")
            what = QStringLiteral("DROP TYPE");
        if (!what.isEmpty())
            context.report(Robust, ifExists(what));
    }
}

void RobustnessRules::checkIdentifiers(const StatementContext &context) const
{
    // The parser has already cut long names to 63 bytes; the text still has them as written.
    const SqlStatement &statement = context.statement();
    const SqlScript &script = context.script();
    QStringList seen;
    for (const PsqlScanner::Span &span : script.longIdentifiers()) {
        if (span.start < statement.byteStart || span.start >= statement.byteEnd())
            continue;
        const QString name = QString::fromUtf8(script.utf8().mid(span.start, span.length));
        if (seen.contains(name))
            continue;
        seen.append(name);
        context.report(TooLong,
                       tr("\"%1\" is %2 bytes long; PostgreSQL will cut it to 63.")
                           .arg(name)
                           .arg(span.length));
    }
}

void RobustnessRules::check(const StatementContext &context) const
{
    checkRobust(context);
    checkIdentifiers(context);
}
