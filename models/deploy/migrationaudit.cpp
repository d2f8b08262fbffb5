#include "migrationaudit.h"

#include "db/conninfo.h"
#include "deployreport.h"
#include "migrations/migrationrun.h"

#include <QDir>
#include <QFileInfo>

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

QString MigrationAudit::targetName(bool sqlite, const QString &conninfo)
{
    if (sqlite)
        return QStringLiteral("sqlite:") + QDir::toNativeSeparators(QFileInfo(conninfo).absoluteFilePath());
    ConnInfo info;
    QString error;
    return ConnInfo::parse(conninfo, &info, &error) ? info.displayName()
                                                    : tr("(unreadable conninfo)");
}

AuditEntry MigrationAudit::entry(const Run &run, const MigrationRunResult &result)
{
    AuditEntry entry;
    entry.action = run.action;
    entry.origin = run.origin;
    entry.started = run.started.toUTC();
    entry.finished = QDateTime::currentDateTimeUtc();
    entry.user = DeployReport::currentUser();
    entry.connection = targetName(run.sqlite, run.conninfo);
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
