// Baseline and repair of MigrationRunner: the two verbs that change only the history table.

#include "migrationrunner.h"

#include "db/connection.h"
#include "historystore.h"
#include "migrationlock.h"
#include "owntransaction.h"
#include "schemahistory.h"

MigrationRunResult MigrationRunner::baseline(const QString &version, bool fromFlyway)
{
    using Outcome = MigrationRunResult::Outcome;
    using Cause = MigrationRunResult::Cause;
    MigrationRunResult result;
    MigrationVersion parsed;
    if (!fromFlyway && !MigrationVersion::parse(version, &parsed)) {
        result.fail(
            Outcome::InputError,
            Cause::Input,
            tr("baseline needs --version VERSION (digits separated by . or _), or --from-flyway"));
        return result;
    }
    if (!checkSession(result))
        return result;
    if (fromFlyway)
        m_options.tool = MigrationTool::Slipway; // adopting Flyway's rows into Slipway's table
    MigrationLock runnerLock(m_connection);
    try {
        if (!lock(runnerLock, result) || !load(result, true) || !lockTool(runnerLock, result))
            return result;
        if (m_tool != MigrationTool::Slipway) {
            result.fail(Outcome::InputError,
                        Cause::History,
                        tr("baseline starts Slipway's own history; this folder records in %1's "
                           "table %2, where the tool's own commands set a starting version.")
                            .arg(MigrationTools::title(m_tool), result.historyTable));
            return result;
        }
        SchemaHistory history(m_connection);
        if (!m_history.isEmpty()) {
            result.fail(Outcome::Failed,
                        Cause::History,
                        tr("%1 already has %n row(s); baseline only starts an empty history.",
                           nullptr,
                           int(m_history.size()))
                            .arg(history.tableName()));
            return result;
        }
        // All or nothing: a failure leaves the history as it was and the session idle.
        OwnTransaction transaction(m_connection);
        if (fromFlyway) {
            const int copied = history.adoptFlyway();
            if (copied == 0) {
                result.fail(Outcome::Failed,
                            Cause::History,
                            tr("There is no flyway_schema_history table (or it is empty) in the "
                               "search path."));
                return result;
            }
            // Flyway's CRC32 cannot be compared with our SHA-256: the files as they are now are
            // taken as the ones Flyway applied.
            for (const HistoryRow &row : history.read()) {
                for (const Migration &migration : m_folder.migrations()) {
                    MigrationVersion recorded;
                    if (!migration.isRepeatable() && MigrationVersion::parse(row.version, &recorded)
                        && recorded == migration.version)
                        history.updateChecksum(row.rank, m_checksums.value(migration.key()));
                    else if (migration.isRepeatable() && row.version.isEmpty()
                             && row.description == migration.description)
                        history.updateChecksum(row.rank, m_checksums.value(migration.key()));
                }
            }
            result.done << tr("Adopted %n row(s) of flyway_schema_history.", nullptr, copied);
        } else {
            history.create();
            HistoryRow row;
            row.version = version;
            row.description = QStringLiteral("<< baseline >>");
            row.type = QStringLiteral("BASELINE");
            row.script = QStringLiteral("<< baseline >>");
            history.insert(row);
            result.done << tr("Baseline at version %1.").arg(version);
        }
        transaction.commit();
        result.status = MigrationStatus::compute(m_folder.migrations(), m_checksums, history.read());
    } catch (const DbException &e) {
        result.done.clear(); // rolled back: nothing of it was done
        databaseError(result, e);
    }
    return result;
}

MigrationRunResult MigrationRunner::repair()
{
    MigrationRunResult result;
    if (!checkSession(result))
        return result;
    MigrationLock runnerLock(m_connection);
    try {
        if (!lock(runnerLock, result) || !load(result, true) || !lockTool(runnerLock, result))
            return result;
        HistoryStore &history = this->history();
        // All or nothing: a failure leaves the history as it was and the session idle.
        OwnTransaction transaction(m_connection);
        for (const MigrationStatusEntry &entry : std::as_const(result.status)) {
            if (entry.state == MigrationStatusEntry::State::Failed) {
                history.remove(entry.history->rank);
                result.done << tr("Removed the failed row of %1 %2.")
                                   .arg(entry.version, entry.description);
            } else if (entry.state == MigrationStatusEntry::State::ChecksumMismatch) {
                history.updateChecksum(entry.history->rank, entry.checksum);
                result.done << tr("Accepted the current checksum of %1 %2.")
                                   .arg(entry.version, entry.description);
            }
        }
        transaction.commit();
        result.status = MigrationStatus::compute(m_folder.migrations(), m_checksums, history.read());
    } catch (const DbException &e) {
        result.done.clear(); // rolled back: nothing of it was done
        databaseError(result, e);
    }
    return result;
}
