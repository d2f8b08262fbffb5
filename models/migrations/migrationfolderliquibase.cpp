#include "migrationfolder.h"

#include "liquibasechangelog.h"
#include "sql/sqlscript.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>

#include <memory>

bool MigrationFolder::isLiquibaseChangelog(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return LiquibaseChangelog::isChangelog(QString::fromUtf8(file.read(4096)));
}

namespace {

// A changelog in `directory` or up to `depth` folders below it. The search is bounded, as a
// folder named by mistake (a project's root) must not cost a walk of the whole tree.
bool changelogWithin(const QString &directory, int depth)
{
    const QDir dir(directory);
    const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        if (MigrationFolder::isLiquibaseChangelog(dir.filePath(file)))
            return true;
    }
    if (depth == 0)
        return false;
    const QStringList folders = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &folder : folders) {
        if (changelogWithin(dir.filePath(folder), depth - 1))
            return true;
    }
    return false;
}

} // namespace

bool MigrationFolder::hasNestedLiquibaseChangelogs(const QString &directory)
{
    const QDir dir(directory);
    if (!dir.entryList({QStringLiteral("*.sql")}, QDir::Files).isEmpty())
        return false;
    const QStringList folders = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &folder : folders) {
        if (changelogWithin(dir.filePath(folder), 3))
            return true;
    }
    return false;
}

// Every .sql file of the folder and its subfolders in path order, as Liquibase's includeAll
// takes them; each must be a formatted SQL changelog. A changeset's FILENAME is its file's path
// relative to the folder (what Liquibase records when run from the folder) unless the changelog
// names a logicalFilePath. Versions are the changesets' positions, 1 to N: they order the
// migrations and name them in --target, while Liquibase itself knows a changeset by id, author
// and file.
void MigrationFolder::readLiquibase()
{
    const QDir dir(m_directory);
    QStringList files;
    QDirIterator it(m_directory,
                    {QStringLiteral("*.sql")},
                    QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files << dir.relativeFilePath(it.next());
    std::sort(files.begin(), files.end());
    LiquibaseChangelog::Properties properties;
    int position = 0;
    for (const QString &relative : std::as_const(files)) {
        const QString path = dir.filePath(relative);
        QString text;
        QString error;
        if (!SqlFile::read(path, &text, &error)) {
            m_errors << error;
            continue;
        }
        if (!LiquibaseChangelog::isChangelog(text)) {
            m_errors << tr("%1: line 1: expected --liquibase formatted sql (every .sql file of a "
                           "Liquibase folder is a changelog)")
                            .arg(QDir::toNativeSeparators(path));
            continue;
        }
        const LiquibaseChangelog::Parsed parsed = LiquibaseChangelog::parse(path,
                                                                            relative,
                                                                            text,
                                                                            properties);
        m_errors << parsed.errors;
        for (const LiquibaseChangeSet &changeSet : parsed.changeSets) {
            Migration migration;
            MigrationVersion::parse(QString::number(++position), &migration.version);
            migration.description = changeSet.comment.isEmpty()
                                        ? QStringLiteral("%1::%2").arg(changeSet.id,
                                                                       changeSet.author)
                                        : QStringLiteral("%1::%2 %3")
                                              .arg(changeSet.id,
                                                   changeSet.author,
                                                   changeSet.comment);
            migration.upPath = path;
            if (changeSet.hasRollback)
                migration.downPath = path;
            migration.changeSet = std::make_shared<const LiquibaseChangeSet>(changeSet);
            m_migrations << migration;
        }
    }
}
