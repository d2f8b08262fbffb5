#include "migrationlintcontext.h"

#include "lint/folderlinter.h"
#include "migrations/migrationfolder.h"
#include "migrations/migrationstatus.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSet>

#include <algorithm>

namespace {

QString cleanAbsolute(const QString &path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

// How many of the folder's migrations run before the script `fileName`: those before it for an
// up script, and its own up script too for a down script; -1 when it is none of them.
qsizetype migrationsBefore(const MigrationFolder &folder, const QString &fileName)
{
    const QString file = cleanAbsolute(fileName);
    const QList<Migration> &migrations = folder.migrations();
    for (qsizetype i = 0; i < migrations.size(); ++i) {
        const Migration &migration = migrations.at(i);
        if (cleanAbsolute(migration.upPath) == file)
            return i;
        if (migration.hasRollback() && !migration.sections
            && cleanAbsolute(migration.downPath) == file)
            return i + 1;
    }
    return -1;
}

// Size and time stand for the content: hashing every earlier file on each pause in typing is
// the cost the cache exists to avoid.
QString fileStamp(const QString &path)
{
    const QFileInfo info(path);
    return QStringLiteral("%1\t%2\t%3")
        .arg(path)
        .arg(info.size())
        .arg(info.lastModified().toMSecsSinceEpoch());
}

QString optionsKey(const LintOptions &options)
{
    QStringList excluded(options.excludedRules.cbegin(), options.excludedRules.cend());
    std::sort(excluded.begin(), excluded.end());
    return QStringLiteral("%1 %2 %3 %4 %5")
        .arg(options.pgVersion)
        .arg(options.assumeInTransaction ? 1 : 0)
        .arg(options.impactRowThreshold)
        .arg(excluded.join(QLatin1Char(',')),
             options.tool ? MigrationTools::name(*options.tool) : QString());
}

// Migrations the engine would not run again here (applied, even if changed since, or below
// the baseline): the live schema shows their effects.
QSet<QString> notToReplay(const QList<Migration> &migrations, const QList<HistoryRow> &history)
{
    const QHash<QString, QString> checksums = MigrationStatus::checksums(migrations, nullptr);
    QSet<QString> paths;
    for (const MigrationStatusEntry &entry :
         MigrationStatus::compute(migrations, checksums, history)) {
        if (entry.migration && !entry.needsRun())
            paths.insert(entry.migration->upPath);
    }
    return paths;
}

} // namespace

std::shared_ptr<const MigrationLintContext> MigrationLintContext::prepare(
    const Input &input, const std::shared_ptr<const MigrationLintContext> &previous)
{
    if (input.folder.isEmpty() || input.fileName.isEmpty())
        return nullptr;
    const MigrationFolder folder = MigrationFolder::read(input.folder);
    const qsizetype count = migrationsBefore(folder, input.fileName);
    if (count < 0)
        return nullptr;
    const QList<Migration> earlier = folder.migrations().mid(0, count);

    QStringList key = {cleanAbsolute(input.folder),
                       cleanAbsolute(input.fileName),
                       optionsKey(input.options),
                       QString::number(input.schemaGeneration)};
    for (const Migration &migration : earlier)
        key.append(fileStamp(migration.upPath));
    const QString joinedKey = key.join(QLatin1Char('\n'));
    if (previous && previous->m_key == joinedKey)
        return previous;

    std::shared_ptr<MigrationLintContext> context(
        new MigrationLintContext(input.options, input.schema));
    context->m_key = joinedKey;
    const QSet<QString> skipped = input.history ? notToReplay(earlier, *input.history)
                                                : QSet<QString>();
    const MigrationTool tool = MigrationTools::forFolder(folder);
    for (const Migration &migration : earlier) {
        if (skipped.contains(migration.upPath))
            continue;
        QString error;
        if (FolderLinter::lintUpScript(migration,
                                       context->m_linter,
                                       nullptr,
                                       nullptr,
                                       &error,
                                       tool))
            context->m_replayed.append(migration.upPath);
        else
            context->m_errors.append(error);
    }
    return context;
}
