#include "linttarget.h"

#include "migrations/migrationscript.h"
#include "sql/parsedscript.h"
#include "sql/statementkind.h"

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

// Statements that say nothing about where the script must run: transaction control (the engine
// handles or refuses it) and session settings and SHOW, which work inside and outside a
// transaction (SET LOCAL does not, so it counts as a statement of the transaction).
bool isNeutral(const PgNode &node)
{
    return node.is("TransactionStmt") || node.is("VariableShowStmt")
           || (node.is("VariableSetStmt") && !node.field("is_local").boolean());
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
            return target;
        }
    }
    return target;
}

LintTarget LintTarget::upScript(const QString &folderDirectory, const Migration &migration)
{
    LintTarget target;
    target.m_role = Role::Up;
    target.m_fileName = migration.upPath;
    target.m_folder = folderDirectory;
    target.m_migration = migration;
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

bool LintTarget::engineRunsInTransaction(const QString &path,
                                         const QString &text,
                                         const QString &baseDirectory,
                                         const ParsedScript &parsed)
{
    const MigrationScript script = MigrationScript::prepare(path, text, baseDirectory);
    if (script.isValid())
        return !script.runsOutsideTransaction();
    if (MigrationFolder::declaresNoTransaction(text))
        return false;
    bool outside = false;
    for (const ParsedStatement &statement : parsed.statements()) {
        if (!statement.ok() || isNeutral(statement.node))
            continue;
        if (StatementKind::nonTransactionalReason(statement.node).isEmpty())
            return true; // a statement of the transaction: the engine would open one
        outside = true;
    }
    return !outside;
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
