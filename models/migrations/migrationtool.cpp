#include "migrationtool.h"

#include "db/connection.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace {

bool truthy(const QString &value)
{
    return value == QLatin1String("t") || value == QLatin1String("1");
}

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

} // namespace

QString MigrationTools::name(MigrationTool tool)
{
    switch (tool) {
    case MigrationTool::Slipway:
        return QStringLiteral("slipway");
    case MigrationTool::GolangMigrate:
        return QStringLiteral("golang-migrate");
    case MigrationTool::Dbmate:
        return QStringLiteral("dbmate");
    }
    return {};
}

QString MigrationTools::title(MigrationTool tool)
{
    switch (tool) {
    case MigrationTool::Slipway:
        return QStringLiteral("Slipway");
    case MigrationTool::GolangMigrate:
        return QStringLiteral("golang-migrate");
    case MigrationTool::Dbmate:
        return QStringLiteral("dbmate");
    }
    return {};
}

QStringList MigrationTools::names()
{
    return {name(MigrationTool::Slipway),
            name(MigrationTool::GolangMigrate),
            name(MigrationTool::Dbmate)};
}

std::optional<MigrationTool> MigrationTools::fromName(const QString &text)
{
    for (MigrationTool tool :
         {MigrationTool::Slipway, MigrationTool::GolangMigrate, MigrationTool::Dbmate}) {
        if (name(tool) == text.trimmed().toLower())
            return tool;
    }
    return std::nullopt;
}

MigrationTool MigrationTools::forFolder(const MigrationFolder &folder)
{
    switch (folder.dialect()) {
    case MigrationFolder::Dialect::Dbmate:
        return MigrationTool::Dbmate;
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
    // schema_migrations is golang-migrate's when it has a dirty column, else dbmate's.
    const RowBatch found = connection.fetchAll(
        postgres
            ? QStringLiteral(
                "SELECT to_regclass('slipway.schema_history') IS NOT NULL, "
                "to_regclass('schema_migrations') IS NOT NULL, "
                "EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = "
                "to_regclass('schema_migrations') AND attname = 'dirty' AND NOT attisdropped)")
            : QStringLiteral("SELECT (SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' "
                             "AND name = 'slipway_schema_history'), "
                             "(SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' "
                             "AND name = 'schema_migrations'), "
                             "(SELECT count(*) > 0 FROM pragma_table_info('schema_migrations') "
                             "WHERE name = 'dirty')"));
    if (truthy(found.text(0, 0)))
        tools << MigrationTool::Slipway;
    if (truthy(found.text(0, 1)))
        tools << (truthy(found.text(0, 2)) ? MigrationTool::GolangMigrate : MigrationTool::Dbmate);
    return tools;
}

std::optional<MigrationTool> MigrationTools::resolve(Connection &connection,
                                                     const MigrationFolder &folder,
                                                     std::optional<MigrationTool> requested,
                                                     QString *error)
{
    const QList<MigrationTool> tables = present(connection);
    const MigrationTool folderTool = forFolder(folder);
    if (requested) {
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
