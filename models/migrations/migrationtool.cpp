#include "migrationtool.h"

#include "db/connection.h"
#include "sqlbool.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace {

// golang-migrate's file names: <digits>_<title>.up.sql (its source/parse.go); the up-down layout
// also takes V0001.Name.up.sql, which golang-migrate does not.
bool golangMigrateNames(const MigrationFolder &folder)
{
    static const QRegularExpression name(QStringLiteral("^[0-9]+_.*\\.(up|down)\\.sql$"));
    for (const Migration &migration : folder.migrations()) {
        for (const QString &path : {migration.upPath, migration.downPath}) {
            if (!path.isEmpty() && !name.match(QFileInfo(path).fileName()).hasMatch())
                return false;
        }
    }
    return true;
}

struct Known
{
    MigrationTool tool;
    const char *name;  // --tool, slipway.json
    const char *title; // as the tool spells itself
    bool supported;    // Slipway reads and writes its table (HistoryStore::open)
};

const Known KnownTools[] = {
    {MigrationTool::Slipway, "slipway", "Slipway", true},
    {MigrationTool::Flyway, "flyway", "Flyway", true},
    {MigrationTool::GolangMigrate, "golang-migrate", "golang-migrate", true},
    {MigrationTool::Dbmate, "dbmate", "dbmate", true},
    {MigrationTool::Drizzle, "drizzle", "Drizzle", true},
    {MigrationTool::Prisma, "prisma", "Prisma", true},
    {MigrationTool::Liquibase, "liquibase", "Liquibase", true},
    {MigrationTool::Sqitch, "sqitch", "Sqitch", true},
};

} // namespace

QString MigrationTools::name(MigrationTool tool)
{
    for (const Known &known : KnownTools) {
        if (known.tool == tool)
            return QString::fromLatin1(known.name);
    }
    return {};
}

QString MigrationTools::title(MigrationTool tool)
{
    for (const Known &known : KnownTools) {
        if (known.tool == tool)
            return QString::fromLatin1(known.title);
    }
    return {};
}

QStringList MigrationTools::names()
{
    QStringList out;
    for (const Known &known : KnownTools) {
        if (known.supported)
            out << QString::fromLatin1(known.name);
    }
    return out;
}

std::optional<MigrationTool> MigrationTools::fromName(const QString &text)
{
    for (const Known &known : KnownTools) {
        if (known.supported && QLatin1String(known.name) == text.trimmed().toLower())
            return known.tool;
    }
    return std::nullopt;
}

MigrationTool MigrationTools::forFolder(const MigrationFolder &folder)
{
    switch (folder.dialect()) {
    case MigrationFolder::Dialect::Dbmate:
        return MigrationTool::Dbmate;
    case MigrationFolder::Dialect::Prisma:
        return MigrationTool::Prisma;
    case MigrationFolder::Dialect::Drizzle:
        return MigrationTool::Drizzle;
    case MigrationFolder::Dialect::Liquibase:
        return MigrationTool::Liquibase;
    case MigrationFolder::Dialect::Sqitch:
        return MigrationTool::Sqitch;
    case MigrationFolder::Dialect::UpDown:
        return golangMigrateNames(folder) ? MigrationTool::GolangMigrate : MigrationTool::Slipway;
    default:
        return MigrationTool::Slipway;
    }
}

QList<MigrationTool> MigrationTools::present(Connection &connection)
{
    QList<MigrationTool> tools;
    const bool postgres = connection.engine() == Connection::Engine::PostgreSQL;
    // One row of flags: slipway, schema_migrations, its dirty column (golang-migrate's when it
    // has one, else dbmate's), flyway, drizzle, prisma. Drizzle keeps its table in schema drizzle; SQLite
    // has no schemas.
    const auto table = [postgres](const char *name) {
        return postgres ? QStringLiteral("to_regclass('%1') IS NOT NULL").arg(QLatin1String(name))
                        : QStringLiteral("(SELECT count(*) > 0 FROM sqlite_master WHERE type = "
                                         "'table' AND name = '%1')")
                              .arg(QString::fromLatin1(name).section(QLatin1Char('.'), -1));
    };
    const QString dirty = postgres ? QStringLiteral(
                              "EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = "
                              "to_regclass('schema_migrations') AND attname = 'dirty' "
                              "AND NOT attisdropped)")
                                   : QStringLiteral("(SELECT count(*) > 0 FROM pragma_table_info("
                                                    "'schema_migrations') WHERE name = 'dirty')");
    const RowBatch found = connection.fetchAll(
        QStringLiteral("SELECT %1, %2, %3, %4, %5, %6, %7, %8")
            .arg(postgres ? table("slipway.schema_history") : table("slipway_schema_history"),
                 table("schema_migrations"),
                 dirty,
                 table("flyway_schema_history"),
                 table("drizzle.__drizzle_migrations"),
                 table("_prisma_migrations"),
                 table("databasechangelog"),
                 table("sqitch.changes")));
    if (sqlTrue(found.text(0, 0)))
        tools << MigrationTool::Slipway;
    if (sqlTrue(found.text(0, 1)))
        tools << (sqlTrue(found.text(0, 2)) ? MigrationTool::GolangMigrate : MigrationTool::Dbmate);
    if (sqlTrue(found.text(0, 3)))
        tools << MigrationTool::Flyway;
    if (sqlTrue(found.text(0, 4)))
        tools << MigrationTool::Drizzle;
    if (sqlTrue(found.text(0, 5)))
        tools << MigrationTool::Prisma;
    if (sqlTrue(found.text(0, 6)))
        tools << MigrationTool::Liquibase;
    if (sqlTrue(found.text(0, 7)))
        tools << MigrationTool::Sqitch;
    return tools;
}

std::optional<MigrationTool> MigrationTools::resolve(Connection &connection,
                                                     const MigrationFolder &folder,
                                                     std::optional<MigrationTool> requested,
                                                     QString *error)
{
    const QList<MigrationTool> tables = present(connection);
    const MigrationTool folderTool = forFolder(folder);
    const bool postgres = connection.engine() == Connection::Engine::PostgreSQL;
    // Only dbmate's and golang-migrate's tables are read and written on SQLite too.
    for (MigrationTool tool : {MigrationTool::Flyway,
                               MigrationTool::Prisma,
                               MigrationTool::Drizzle,
                               MigrationTool::Liquibase,
                               MigrationTool::Sqitch}) {
        const bool wanted = requested ? *requested == tool
                                      : (tables.contains(tool) || folderTool == tool)
                                            && !tables.contains(MigrationTool::Slipway);
        if (!postgres && wanted) {
            *error = tr("Slipway keeps %1's history table on PostgreSQL only; run with --tool "
                        "slipway to record this SQLite file's migrations in Slipway's own table.")
                         .arg(title(tool));
            return std::nullopt;
        }
    }
    // Prisma's lock file names the database its migrations are written for.
    if (folder.dialect() == MigrationFolder::Dialect::Prisma) {
        QString lockError;
        const QString provider = MigrationFolder::prismaProvider(folder.directory(), &lockError);
        if (!lockError.isEmpty()) {
            *error = lockError;
            return std::nullopt;
        }
        if (postgres && !provider.isEmpty() && provider != QLatin1String("postgresql")
            && provider != QLatin1String("postgres")) {
            *error = tr("%1 names the provider \"%2\": these migrations are written for another "
                        "database than PostgreSQL.")
                         .arg(QDir::toNativeSeparators(
                                  QDir(folder.directory())
                                      .filePath(QStringLiteral("migration_lock.toml"))),
                              provider);
            return std::nullopt;
        }
    }
    if (requested) {
        // Slipway's own table may start beside another tool's (baseline --from-flyway adopts
        // Flyway's rows into it).
        if (*requested == MigrationTool::Slipway)
            return requested;
        // Asked for one tool while the database keeps its history in another's table only.
        if (!tables.isEmpty() && !tables.contains(*requested)) {
            *error = tr("This database keeps its migration history in %1's table, not %2's; "
                        "run with --tool %3 (or remove --tool) to use it.")
                         .arg(title(tables.first()), title(*requested), name(tables.first()));
            return std::nullopt;
        }
        return requested;
    }
    // A database Slipway already records in stays Slipway's: that is where its history is.
    if (tables.contains(MigrationTool::Slipway))
        return MigrationTool::Slipway;
    if (tables.isEmpty() || tables.contains(folderTool))
        return folderTool;
    // V1__name.sql is Slipway's own layout and Flyway's: Flyway's table decides.
    if (folder.dialect() == MigrationFolder::Dialect::Flyway
        && tables.contains(MigrationTool::Flyway))
        return MigrationTool::Flyway;
    *error = tr("The folder %1 is laid out for %2, but this database keeps its migration "
                "history in %3's table. Name the tool with --tool %4 (or %5), or check that "
                "this is the right folder for this database.")
                 .arg(QDir::toNativeSeparators(folder.directory()),
                      title(folderTool),
                      title(tables.first()),
                      name(tables.first()),
                      name(folderTool));
    return std::nullopt;
}
