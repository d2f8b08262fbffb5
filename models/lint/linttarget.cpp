#include "linttarget.h"

#include "migrations/migrationscript.h"
#include "sql/parsedscript.h"

#include <QDir>
#include <QFileInfo>

namespace {

QString cleanAbsolute(const QString &path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

// The seeds layout keeps its scripts one level below the folder's root.
bool isSeedsSubfolder(const QDir &directory)
{
    return directory.dirName() == QLatin1String("migrations")
           || directory.dirName() == QLatin1String("rollback");
}

// Layouts whose scripts lie one folder below the folder's root: Prisma's
// <timestamp>_<name>/migration.sql and Sqitch's deploy/<change>.sql.
bool scriptsOneLevelDown(const QString &directory)
{
    const MigrationFolder::Dialect dialect = MigrationFolder::detect(directory);
    return dialect == MigrationFolder::Dialect::Prisma
           || dialect == MigrationFolder::Dialect::Sqitch;
}

} // namespace

LintTarget LintTarget::locate(const QString &fileName,
                              const QString &folder,
                              MigrationFolder::Dialect dialect)
{
    LintTarget target;
    target.m_fileName = fileName;
    if (fileName.isEmpty())
        return target;
    const QString file = cleanAbsolute(fileName);
    QStringList candidates;
    if (!folder.isEmpty()) {
        candidates.append(folder);
    } else {
        QDir directory = QFileInfo(file).absoluteDir();
        if (isSeedsSubfolder(directory)) {
            // The root first: the engine, `lint FOLDER` and the editor read the folder there.
            QDir parent = directory;
            if (parent.cdUp())
                candidates.append(parent.absolutePath());
        }
        candidates.append(directory.absolutePath());
        QDir parent = directory;
        if (!isSeedsSubfolder(directory) && parent.cdUp()
            && scriptsOneLevelDown(parent.absolutePath()))
            candidates.append(parent.absolutePath());
    }
    for (const QString &candidate : std::as_const(candidates)) {
        if (dialect == MigrationFolder::Dialect::Unknown
            && MigrationFolder::detect(candidate) == MigrationFolder::Dialect::Unknown)
            continue;
        // A folder with errors elsewhere (a duplicate version) still says what this file is.
        const MigrationFolder migrations = MigrationFolder::read(candidate, dialect);
        for (const Migration &migration : migrations.migrations()) {
            Role role = Role::Script;
            if (cleanAbsolute(migration.upPath) == file)
                role = Role::Up;
            else if (migration.hasRollback() && !migration.sections
                     && cleanAbsolute(migration.downPath) == file)
                role = Role::Down;
            if (role == Role::Script)
                continue;
            target.m_role = role;
            target.m_folder = migrations.directory();
            target.m_migration = migration;
            target.m_tool = MigrationTools::forFolder(migrations);
            return target;
        }
    }
    return target;
}

LintTarget LintTarget::upScript(const QString &folderDirectory,
                                const Migration &migration,
                                MigrationTool tool)
{
    LintTarget target;
    target.m_role = Role::Up;
    target.m_fileName = migration.upPath;
    target.m_folder = folderDirectory;
    target.m_migration = migration;
    target.m_tool = tool;
    return target;
}

QString LintTarget::configDirectory() const
{
    if (!m_folder.isEmpty())
        return m_folder;
    return m_fileName.isEmpty() ? QString() : QFileInfo(m_fileName).absolutePath();
}

QString LintTarget::scriptText(const QString &fileText) const
{
    return m_role == Role::Up && m_migration.sections ? MigrationFolder::upSection(fileText)
                                                      : fileText;
}

std::optional<bool> LintTarget::inTransaction(const QString &text, const ParsedScript &parsed) const
{
    if (!isMigration())
        return std::nullopt;
    return engineRunsInTransaction(m_fileName, text, m_folder, parsed);
}

std::optional<ToolTransaction::Run> LintTarget::toolRun(const QString &text,
                                                        const ParsedScript &parsed,
                                                        const LintOptions &options) const
{
    const MigrationTool runner = tool(options);
    if (!isMigration() || runner == MigrationTool::Slipway)
        return std::nullopt;
    const bool configured = runner == MigrationTool::Flyway
                            && MigrationFolder::configuredNoTransaction(m_fileName);
    return ToolTransaction::run(runner, text, parsed, options.pgVersion, configured);
}

bool LintTarget::engineRunsInTransaction(const QString &path,
                                         const QString &text,
                                         const QString &baseDirectory,
                                         const ParsedScript &parsed)
{
    const MigrationScript script = MigrationScript::prepare(path, text, baseDirectory);
    if (script.isValid())
        return !script.runsOutsideTransaction();
    // The engine's rule read from the parsed text (the version only matters to Flyway).
    return ToolTransaction::run(MigrationTool::Slipway, text, parsed, LintOptions::DefaultPgVersion)
               .mode
           != ToolTransaction::Mode::Autocommit;
}

QString LintTarget::folderOf(const QString &scriptPath)
{
    const QDir directory = QFileInfo(scriptPath).absoluteDir();
    if (isSeedsSubfolder(directory)) {
        QDir parent = directory;
        if (parent.cdUp()
            && MigrationFolder::detect(parent.absolutePath()) == MigrationFolder::Dialect::Seeds)
            return parent.absolutePath();
    }
    return directory.absolutePath();
}
