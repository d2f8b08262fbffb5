#include "tooltransaction.h"

#include "migrations/liquibasechangelog.h"
#include "migrations/migrationfolder.h"
#include "sql/parsedscript.h"
#include "sql/statementkind.h"

#include <QRegularExpression>

namespace {

// dbmate reads the options of the up block's first line (pkg/dbmate/migration.go):
// `transaction` is true unless that line says transaction:false.
bool dbmateNoTransaction(const QString &text)
{
    static const QRegularExpression
        option(QStringLiteral("^--\\s*migrate:up\\b[^\\n]*\\btransaction:false\\b"),
               QRegularExpression::MultilineOption);
    return option.match(text).hasMatch();
}

bool opensTransaction(const PgNode &statement)
{
    const std::string_view kind = statement.field("kind").view();
    return statement.is("TransactionStmt")
           && (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START");
}

ToolTransaction::Mode flywayMode(const ParsedScript &parsed, int pgVersion, bool configured)
{
    using Mode = ToolTransaction::Mode;
    if (configured)
        return Mode::Autocommit;
    bool inside = false;
    bool outside = false;
    for (const ParsedStatement &statement : parsed.statements()) {
        if (!statement.ok())
            continue;
        if (ToolTransaction::flywayNonTransactional(statement.node, pgVersion))
            outside = true;
        else
            inside = true; // SET and BEGIN too: Flyway's parser calls them transactional
    }
    // Both kinds: Flyway refuses the migration (without `mixed`). Linted as in one transaction,
    // the non-transactional statements are the ones reported, with Flyway's own advice.
    return outside && !inside ? Mode::Autocommit : Mode::Explicit;
}

ToolTransaction::Mode slipwayMode(const QString &text, const ParsedScript &parsed)
{
    using Mode = ToolTransaction::Mode;
    if (MigrationFolder::declaresNoTransaction(text))
        return Mode::Autocommit;
    bool outside = false;
    for (const ParsedStatement &statement : parsed.statements()) {
        if (!statement.ok() || ToolTransaction::isNeutral(statement.node))
            continue;
        if (StatementKind::nonTransactionalReason(statement.node).isEmpty())
            return Mode::Explicit; // a statement of the transaction: the engine would open one
        outside = true;
    }
    return outside ? Mode::Autocommit : Mode::Explicit;
}

} // namespace

ToolTransaction::Run ToolTransaction::run(MigrationTool tool,
                                          const QString &text,
                                          const ParsedScript &parsed,
                                          int pgVersion,
                                          bool configuredNoTransaction)
{
    Run result;
    result.tool = tool;
    switch (tool) {
    case MigrationTool::Slipway:
        result.mode = slipwayMode(text, parsed);
        break;
    case MigrationTool::Flyway:
        result.mode = flywayMode(parsed, pgVersion, configuredNoTransaction);
        break;
    case MigrationTool::Prisma:
    case MigrationTool::GolangMigrate:
        result.mode = Mode::Implicit;
        break;
    case MigrationTool::Dbmate:
        result.mode = dbmateNoTransaction(text) ? Mode::Implicit : Mode::Explicit;
        break;
    case MigrationTool::Drizzle:
        result.mode = Mode::Explicit;
        break;
    case MigrationTool::Liquibase:
        result.mode = LiquibaseChangelog::declaresNoTransaction(text) ? Mode::Autocommit
                                                                      : Mode::Explicit;
        break;
    case MigrationTool::Sqitch: {
        result.mode = Mode::Autocommit;
        for (const ParsedStatement &statement : parsed.statements()) {
            if (statement.ok() && opensTransaction(statement.node)) {
                result.mode = Mode::Explicit;
                result.ownTransaction = true;
                break;
            }
        }
        break;
    }
    }
    return result;
}

bool ToolTransaction::flywayNonTransactional(const PgNode &statement, int pgVersion)
{
    const std::string_view type = statement.type();
    if (type == "CreatedbStmt" || type == "DropdbStmt" || type == "CreateTableSpaceStmt"
        || type == "DropTableSpaceStmt" || type == "CreateSubscriptionStmt"
        || type == "DropSubscriptionStmt" || type == "AlterSystemStmt")
        return true;
    // ^(CREATE|DROP)( UNIQUE)? INDEX CONCURRENTLY: not REINDEX … CONCURRENTLY nor DETACH
    // PARTITION … CONCURRENTLY, which Flyway runs in its transaction.
    if (type == "IndexStmt" && statement.field("concurrent").boolean())
        return true;
    if (type == "DropStmt" && statement.field("removeType").view() == "OBJECT_INDEX"
        && statement.field("concurrent").boolean())
        return true;
    if (type == "ReindexStmt") {
        const std::string_view kind = statement.field("kind").view();
        return kind == "REINDEX_OBJECT_SCHEMA" || kind == "REINDEX_OBJECT_DATABASE"
               || kind == "REINDEX_OBJECT_SYSTEM";
    }
    if (type == "VacuumStmt")
        return statement.field("is_vacuumcmd").boolean();
    if (type == "DiscardStmt")
        return statement.field("target").view() == "DISCARD_ALL";
    // Flyway asks the server's version; the linter's is the one assumed.
    if (type == "AlterEnumStmt" && !statement.has("oldVal"))
        return pgVersion < 12;
    return false;
}

bool ToolTransaction::isNeutral(const PgNode &statement)
{
    return statement.is("TransactionStmt") || statement.is("VariableShowStmt")
           || (statement.is("VariableSetStmt") && !statement.field("is_local").boolean());
}

QString ToolTransaction::nonTransactionalFix(const Run &run,
                                             const QString &statement,
                                             const PgNode &node,
                                             int pgVersion)
{
    if (run.ownTransaction)
        return tr("Sqitch runs the deploy script with psql, so the script's own BEGIN … COMMIT is "
                  "the transaction; move %1 after the COMMIT, or into a change of its own.")
            .arg(statement);
    switch (run.tool) {
    case MigrationTool::Prisma:
        return tr("Prisma sends migration.sql as one query string, which PostgreSQL runs as one "
                  "transaction; put %1 alone in a migration of its own.")
            .arg(statement);
    case MigrationTool::GolangMigrate:
        return tr("golang-migrate sends the file as one query string (unless the database URL "
                  "sets x-multi-statement=true), which PostgreSQL runs as one transaction; put %1 "
                  "alone in a migration of its own.")
            .arg(statement);
    case MigrationTool::Dbmate:
        if (run.mode == Mode::Implicit)
            return tr("dbmate sends the up section as one query string even with "
                      "transaction:false, which PostgreSQL runs as one transaction; put %1 alone "
                      "in a migration of its own.")
                .arg(statement);
        return tr("dbmate runs each migration in a transaction; put %1 alone in a migration of "
                  "its own whose up line reads -- migrate:up transaction:false.")
            .arg(statement);
    case MigrationTool::Drizzle:
        return tr("Drizzle's migrator runs every pending migration in one transaction and cannot "
                  "leave one out; run %1 outside the migrator.")
            .arg(statement);
    case MigrationTool::Liquibase:
        return tr("Liquibase runs each changeset in a transaction; put %1 in a changeset of its "
                  "own with runInTransaction:false on its --changeset line.")
            .arg(statement);
    case MigrationTool::Flyway:
        if (flywayNonTransactional(node, pgVersion))
            return tr("Flyway runs %1 outside a transaction only when no other statement of the "
                      "migration needs one, and refuses a migration that mixes both (unless "
                      "mixed=true); put it alone in a migration of its own.")
                .arg(statement);
        return tr("Flyway does not know that %1 cannot run in a transaction and runs the "
                  "migration in one; set executeInTransaction=false in the migration's .sql.conf "
                  "file.")
            .arg(statement);
    case MigrationTool::Sqitch:
    case MigrationTool::Slipway:
        break;
    }
    return {};
}

QString ToolTransaction::enumValueFix(const Run &run)
{
    if (run.ownTransaction)
        return tr("Sqitch runs the deploy script with psql, so the script's own BEGIN … COMMIT is "
                  "the transaction; use the new value after the COMMIT.");
    switch (run.tool) {
    case MigrationTool::Prisma:
        return tr("Prisma sends migration.sql as one query string, which PostgreSQL runs as one "
                  "transaction; use the new value in a later migration.");
    case MigrationTool::GolangMigrate:
        return tr("golang-migrate sends the file as one query string, which PostgreSQL runs as "
                  "one transaction; use the new value in a later migration.");
    case MigrationTool::Dbmate:
        if (run.mode == Mode::Implicit)
            return tr("dbmate sends the up section as one query string even with "
                      "transaction:false, which PostgreSQL runs as one transaction; use the new "
                      "value in a later migration.");
        return tr("dbmate runs each migration in a transaction; use the new value in a later "
                  "migration.");
    case MigrationTool::Drizzle:
        return tr("Drizzle's migrator runs every pending migration in one transaction, so a "
                  "later migration applied in the same run cannot use it either; apply the "
                  "migration that adds the value on its own first.");
    case MigrationTool::Liquibase:
        return tr("Liquibase runs each changeset in a transaction; use the new value in a later "
                  "changeset.");
    case MigrationTool::Flyway:
        return tr("Flyway runs the migration in one transaction; use the new value in a later "
                  "migration.");
    case MigrationTool::Sqitch:
    case MigrationTool::Slipway:
        break;
    }
    return tr("Use the new value in a later migration.");
}
