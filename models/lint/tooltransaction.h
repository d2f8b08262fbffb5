#pragma once

#include "migrations/migrationtool.h"

#include <QCoreApplication>
#include <QString>

class ParsedScript;
class PgNode;

// How a migration tool itself runs one migration file on PostgreSQL, read from the tool and the
// file's text. Slipway runs every folder with its own engine, but the team's tool runs the same
// files in CI and production, and each tool runs a file its own way; the linter follows the
// tool, so a migration that works in Slipway but fails (or cannot be re-run) under the tool is
// reported. Pure functions; thread-safe.
//
// What each tool does, read in its source:
// - Flyway: flyway/flyway flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/
//   database/postgresql/PostgreSQLParser.java (detectCanExecuteInTransaction) marks CREATE/DROP
//   [UNIQUE] INDEX CONCURRENTLY, REINDEX SCHEMA/DATABASE/SYSTEM, VACUUM, DISCARD ALL,
//   CREATE/DROP DATABASE/TABLESPACE/SUBSCRIPTION, ALTER SYSTEM and (before PostgreSQL 12)
//   ALTER TYPE … ADD VALUE as non-transactional; every other statement, SET included, is
//   transactional. flyway-core/src/main/java/org/flywaydb/core/internal/sqlscript/
//   ParserSqlScript.java (addStatement) refuses a script holding both kinds unless `mixed` is
//   set. A migration of non-transactional statements only, or with executeInTransaction=false in
//   its V….sql.conf, runs statement by statement; any other in one transaction.
// - Prisma Migrate: prisma/prisma-engines schema-engine/connectors/sql-schema-connector/src/
//   flavour/postgres/connection.rs (apply_migration_script) sends migration.sql with one
//   client.simple_query(script): PostgreSQL runs a multi-statement query string as one implicit
//   transaction block.
// - golang-migrate: golang-migrate/migrate database/postgres/postgres.go (Run, runStatement)
//   sends the whole file with one conn.ExecContext(ctx, query) and no arguments (lib/pq's simple
//   query protocol), unless the URL sets x-multi-statement=true, which the files do not say.
// - dbmate: amacneil/dbmate pkg/dbmate/db.go (Migrate, execMigration) runs tx.Exec(up) inside
//   doTransaction unless the up line says transaction:false; then the same single Exec (lib/pq,
//   pkg/driver/postgres/postgres.go opens sql.Open("postgres", …)) runs on the connection
//   without a transaction, still one query string.
// - Drizzle: drizzle-team/drizzle-orm drizzle-orm/src/pg-core/dialect.ts (PgDialect.migrate)
//   runs every pending migration's statements in ONE session.transaction.
// - Liquibase: liquibase/liquibase liquibase-standard/src/main/java/liquibase/changelog/
//   ChangeSet.java sets autocommit to !runInTransaction for the changeset; its statements are
//   sent one by one.
// - Sqitch: sqitchers/sqitch lib/App/Sqitch/Engine/pg.pm (run_file) runs a deploy script with
//   `psql --file` and ON_ERROR_STOP=1, without --single-transaction: every statement commits on
//   its own unless the script has its own BEGIN … COMMIT.
//
// Timeouts: no finding of require-lock-timeout or require-statement-timeout is moot inside one
// transaction. Both are about the file's first schema change; a lock waited for inside a
// transaction is held (and queued behind) until the commit, so they apply in every mode.
class ToolTransaction
{
    Q_DECLARE_TR_FUNCTIONS(ToolTransaction)

public:
    enum class Mode {
        Explicit,   // BEGIN … COMMIT around the whole file
        Implicit,   // the whole file as one query string: one implicit transaction block
        Autocommit, // statement by statement, each committing on its own
    };

    // How one file runs under one tool.
    struct Run
    {
        MigrationTool tool = MigrationTool::Slipway;
        Mode mode = Mode::Explicit;
        // The transaction is the script's own BEGIN … COMMIT (Sqitch's psql), which the linter
        // reads statement by statement; the tool opens none.
        bool ownTransaction = false;

        bool toolOpensTransaction() const { return mode != Mode::Autocommit && !ownTransaction; }
    };

    // `text`: what the tool runs (dbmate's up section, one changeset's lines, the file
    // otherwise), parsed as `parsed`. `pgVersion`: the major version the linter assumes (Flyway
    // decides ALTER TYPE … ADD VALUE by it). `configuredNoTransaction`: Flyway's V….sql.conf
    // beside the file sets executeInTransaction=false (MigrationFolder::configuredNoTransaction).
    // For MigrationTool::Slipway this is the engine's rule read from the parsed text, for a file
    // MigrationScript cannot prepare (LintTarget asks MigrationScript first).
    static Run run(MigrationTool tool,
                   const QString &text,
                   const ParsedScript &parsed,
                   int pgVersion,
                   bool configuredNoTransaction = false);

    // Whether Flyway's PostgreSQL parser runs the statement outside a transaction.
    static bool flywayNonTransactional(const PgNode &statement, int pgVersion);
    // Statements that say nothing about where a script must run for Slipway's engine:
    // transaction control, SHOW and session-level SET (SET LOCAL needs a transaction).
    static bool isNeutral(const PgNode &statement);

    // What to do about `statement` ("CREATE INDEX CONCURRENTLY"), which PostgreSQL refuses in
    // the transaction the tool runs the file in: one sentence naming the tool and the fix.
    // `node` is the statement (Flyway's advice depends on whether its parser knows it).
    static QString nonTransactionalFix(const Run &run,
                                       const QString &statement,
                                       const PgNode &node,
                                       int pgVersion);
    // What to do about a new enum value used in the transaction that added it, under the tool.
    static QString enumValueFix(const Run &run);
};
