#pragma once

#include "migrationfolder.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

class Connection;

// Whose history table a folder's migrations are recorded in. Slipway runs every migration with
// its own engine; the tool decides only the bookkeeping, which Slipway writes exactly as the tool
// does, so the team's tool keeps working beside it (see docs/history-tables.md).
enum class MigrationTool {
    Slipway,       // slipway.schema_history
    Flyway,        // flyway_schema_history
    GolangMigrate, // schema_migrations(version bigint, dirty boolean), one row
    Dbmate,        // schema_migrations(version varchar(255)), a row per applied migration
    Drizzle,       // drizzle.__drizzle_migrations(id, hash, created_at)
    Prisma,        // _prisma_migrations, a row per attempt
    Liquibase,     // databasechangelog, a row per changeset, and databasechangeloglock
    Sqitch,        // the sqitch registry schema: projects, changes, tags, dependencies, events
};

class MigrationTools
{
    Q_DECLARE_TR_FUNCTIONS(MigrationTools)

public:
    static QString name(
        MigrationTool tool); // "slipway", "golang-migrate", "dbmate": --tool, slipway.json
    static QString title(
        MigrationTool tool); // "golang-migrate", "dbmate", "Slipway": shown to the user
    static std::optional<MigrationTool> fromName(const QString &name);
    static QStringList names();

    // The tool a folder layout belongs to when nothing else says: golang-migrate's and dbmate's file
    // names are theirs alone; the Flyway-style and seeds layouts are Slipway's own.
    static MigrationTool forFolder(const MigrationFolder &folder);

    // The tools whose history table is in the database (PostgreSQL: in the search path; the
    // Slipway table in schema slipway). Runs on the connection's thread.
    static QList<MigrationTool> present(Connection &connection);

    // The tool to record in: `requested` (--tool, slipway.json) wins when given; otherwise the tool
    // whose table the database already holds, else the folder's. A database holding the table of
    // a tool other than the folder's (and no Slipway history) is an error naming both, as is a
    // requested tool whose table is absent while another tool's is there. On error returns nullopt
    // and sets *error.
    static std::optional<MigrationTool> resolve(Connection &connection,
                                                const MigrationFolder &folder,
                                                std::optional<MigrationTool> requested,
                                                QString *error);
};
