// Adopt, the MigrationRunner verb that moves a database's history from one tool's table to
// another's (after slipway-cli convert moved the folder), changing no schema.

#include "migrationrunner.h"

#include "db/connection.h"
#include "db/dberror.h"
#include "historystore.h"
#include "migrationlock.h"
#include "migrationstatus.h"
#include "owntransaction.h"

#include <QDir>

MigrationRunResult MigrationRunner::adopt(MigrationTool from, const QString &fromDirectory)
{
    using Outcome = MigrationRunResult::Outcome;
    using Cause = MigrationRunResult::Cause;
    MigrationRunResult result;
    if (!m_options.tool) {
        result.fail(Outcome::InputError,
                    Cause::Input,
                    tr("adopt needs --tool: the tool whose table takes the history over"));
        return result;
    }
    if (!checkSession(result))
        return result;
    // What is applied, in the old tool's table read with the old folder.
    MigrationRunOptions sourceOptions = m_options;
    sourceOptions.tool = from;
    MigrationRunner source(m_connection,
                           fromDirectory,
                           MigrationFolder::Dialect::Unknown,
                           sourceOptions);
    const MigrationRunResult before = source.status();
    if (!before.ok())
        return before;
    int applied = 0;
    bool gap = false;
    QStringList problems;
    for (const MigrationStatusEntry &entry : before.status) {
        using State = MigrationStatusEntry::State;
        if (entry.version.isEmpty())
            continue; // repeatables: the new tool re-runs them or has none
        if (entry.state == State::Applied && !gap)
            ++applied;
        else if (entry.state == State::Pending)
            gap = true;
        else
            problems << tr("%1 %2 is %3 in %4's history")
                            .arg(entry.version,
                                 entry.description,
                                 MigrationStatusEntry::stateName(entry.state),
                                 MigrationTools::title(from));
    }
    if (!problems.isEmpty()) {
        result.fail(Outcome::InputError,
                    Cause::History,
                    tr("Only a history whose applied migrations come first and match their files "
                       "moves; nothing was changed:\n%1")
                        .arg(problems.join(QLatin1Char('\n'))));
        return result;
    }

    MigrationLock runnerLock(m_connection);
    try {
        if (!lock(runnerLock, result))
            return result;
        m_folder = MigrationFolder::read(m_directory, m_dialect);
        if (!m_folder.isValid()) {
            result.fail(Outcome::InputError,
                        Cause::Input,
                        m_folder.errors().join(QLatin1Char('\n')));
            return result;
        }
        // Not resolve(): the database holds the old tool's table, which is the point.
        m_tool = *m_options.tool;
        m_store = HistoryStore::open(m_tool, m_connection, m_folder.migrations());
        HistoryStore &history = *m_store;
        result.tool = m_tool;
        result.historyTable = history.tableName();
        if (history.exists() && !history.read().isEmpty()) {
            result.fail(Outcome::InputError,
                        Cause::History,
                        tr("%1 already has rows; adopt only fills an empty history.")
                            .arg(history.tableName()));
            return result;
        }
        QList<const Migration *> versioned;
        for (const Migration &migration : m_folder.migrations()) {
            if (!migration.isRepeatable())
                versioned << &migration;
        }
        if (versioned.size() < applied) {
            result.fail(Outcome::InputError,
                        Cause::Input,
                        tr("%1 has %2 applied migrations, but %3 holds only %4: convert the "
                           "whole folder first (slipway-cli convert).")
                            .arg(MigrationTools::title(from))
                            .arg(applied)
                            .arg(QDir::toNativeSeparators(m_directory))
                            .arg(versioned.size()));
            return result;
        }
        QStringList errors;
        m_checksums = MigrationStatus::checksums(m_folder.migrations(),
                                                 &errors,
                                                 [&history](const Migration &migration,
                                                            const QByteArray &file) {
                                                     return history.checksum(migration, file);
                                                 });
        if (!errors.isEmpty()) {
            result.fail(Outcome::InputError, Cause::Input, errors.join(QLatin1Char('\n')));
            return result;
        }
        // All or nothing, and the old table stays as it was for the old tool or a look back.
        OwnTransaction transaction(m_connection);
        history.create();
        for (int i = 0; i < applied; ++i) {
            const Migration &migration = *versioned.at(i);
            HistoryRow row;
            row.version = migration.version.text();
            row.description = migration.description;
            row.type = QStringLiteral("SQL");
            row.script = QDir(m_folder.directory()).relativeFilePath(migration.upPath);
            row.checksum = m_checksums.value(migration.key());
            row.success = true;
            history.insert(row);
            result.done << QStringLiteral("%1 %2").arg(row.version, row.description);
        }
        transaction.commit();
        result.status = MigrationStatus::compute(m_folder.migrations(), m_checksums, history.read());
    } catch (const DbException &e) {
        databaseError(result, e);
    }
    return result;
}
