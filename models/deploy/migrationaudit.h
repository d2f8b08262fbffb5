#pragma once

#include "auditlog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

struct MigrationRunResult;

// The audit entry of a migrate, rollback, baseline or repair run, from the window's migrations
// panel or the CLI; deploys write their own. A run is recorded when it changed something or may
// have (it applied or undid migrations, or failed or stopped part-way); a dry run, a run with
// nothing to do and one refused before it started (bad input, another runner's lock) are not.
class MigrationAudit
{
    Q_DECLARE_TR_FUNCTIONS(MigrationAudit)

public:
    struct Run
    {
        QString action;  // migrate, rollback, baseline, repair
        QString origin;  // slipway or slipway-cli
        bool sqlite = false;
        QString conninfo; // SQLite: the file; shown by its display form, never its password
        QString folder;
        QDateTime started;
        bool dryRun = false; // never recorded: it changes nothing
    };

    static bool worthRecording(const Run &run, const MigrationRunResult &result);
    static AuditEntry entry(const Run &run, const MigrationRunResult &result);
    // Records the run when worthRecording; returns false with *error set when the write failed.
    static bool record(const Run &run, const MigrationRunResult &result, QString *error);
    // "ok", "failed", "input-error", "lock-timeout", "cancelled".
    static QString outcomeName(const MigrationRunResult &result);
};
