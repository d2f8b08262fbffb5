#include "migrationaudit.h"

#include "db/connectionprofile.h"
#include "deployreport.h"
#include "migrations/migrationrun.h"

#include <QDir>

bool MigrationAudit::worthRecording(const Run &run, const MigrationRunResult &result)
{
    if (run.dryRun)
        return false;
    switch (result.outcome) {
    case MigrationRunResult::Outcome::Ok:
        return !result.done.isEmpty();
    case MigrationRunResult::Outcome::Failed:
    case MigrationRunResult::Outcome::Cancelled:
        return true;
    case MigrationRunResult::Outcome::InputError:
    case MigrationRunResult::Outcome::LockTimeout:
        break;
    }
    return false;
}

QString MigrationAudit::outcomeName(const MigrationRunResult &result)
{
    switch (result.outcome) {
    case MigrationRunResult::Outcome::Ok:
        return QStringLiteral("ok");
    case MigrationRunResult::Outcome::Failed:
        return QStringLiteral("failed");
    case MigrationRunResult::Outcome::InputError:
        return QStringLiteral("input-error");
    case MigrationRunResult::Outcome::LockTimeout:
        return QStringLiteral("lock-timeout");
    case MigrationRunResult::Outcome::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

AuditEntry MigrationAudit::entry(const Run &run, const MigrationRunResult &result)
{
    AuditEntry entry;
    entry.action = run.action;
    entry.origin = run.origin;
    entry.started = run.started.toUTC();
    entry.finished = QDateTime::currentDateTimeUtc();
    entry.user = DeployReport::currentUser();
    entry.connection = ConnectionProfile::targetKey(run.sqlite ? Connection::Engine::SQLite
                                                               : Connection::Engine::PostgreSQL,
                                                    run.conninfo);
    entry.folder = QDir::toNativeSeparators(run.folder);
    entry.outcome = outcomeName(result);
    entry.migrations = result.done;
    entry.message = result.message;
    return entry;
}

bool MigrationAudit::record(const Run &run, const MigrationRunResult &result, QString *error)
{
    if (!worthRecording(run, result))
        return true;
    return AuditLog().record(entry(run, result), error) > 0;
}
