#pragma once

#include "migrationscript.h"
#include "migrationstatus.h"

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>

// What a run of the engine may do; the CLI options map one to one.
struct MigrationRunOptions
{
    QString target;         // migrate: up to and including; rollback: down to, not including
    int steps = 0;          // rollback: this many newest migrations
    bool dryRun = false;    // run in a transaction that is rolled back, and report locks
    bool allowOutOfOrder = false;
    int lockWaitSeconds = 60;   // for the runner lock
    int lockTimeoutMs = 5000;   // lock_timeout of every migration statement
    int statementTimeoutMs = 0; // statement_timeout; 0 leaves the server's setting
    int lockRetries = 3;        // a transactional migration that hit lock_timeout runs again
    MigrationScript::Variables variables; // psql variables (--var NAME=VALUE)
};

// One statement of a dry run: what it did and which locks it took.
struct DryRunStatement
{
    QString version;
    QString description;
    QString file;
    int line = 0;
    QString sql;
    qint64 elapsedMs = 0;
    qint64 rowsAffected = -1;
    QList<QPair<QString, QString>> locks; // relation, lock mode (new with this statement)
    bool outsideTransaction = false;      // listed, not run: PostgreSQL refuses it in a transaction
    QString note;                         // the documented lock for those; or the error
    bool failed = false;
    // The failure may only be because an earlier migration that runs outside a transaction was
    // listed, not run (say, the index it creates concurrently is missing).
    bool mayFollowFromSkipped = false;
};

// Progress for the log and the GUI. Delivered on the runner's thread.
struct MigrationEvent
{
    enum class Kind { Log, MigrationStarted, StatementFinished, MigrationFinished, MigrationFailed };
    Kind kind = Kind::Log;
    QString version;
    QString description;
    QString message;
    int statementIndex = 0; // 1-based, StatementFinished
    int statementCount = 0;
    qint64 elapsedMs = 0;
};

struct MigrationRunResult
{
    enum class Outcome { Ok, Failed, InputError, LockTimeout, Cancelled };
    Outcome outcome = Outcome::Ok;
    QString message;        // what went wrong, naming file and line where there is one
    QStringList done;       // "V003 add customers loyalty tier" for each migration applied/undone
    QList<DryRunStatement> dryRun;
    QList<MigrationStatusEntry> status;

    bool ok() const { return outcome == Outcome::Ok; }
    // The CLI's exit codes: 0 ok, 1 failed (or cancelled), 2 input error, 3 lock wait timed out.
    int exitCode() const
    {
        switch (outcome) {
        case Outcome::Ok:
            return 0;
        case Outcome::InputError:
            return 2;
        case Outcome::LockTimeout:
            return 3;
        case Outcome::Failed:
        case Outcome::Cancelled:
            break;
        }
        return 1;
    }
};

Q_DECLARE_METATYPE(MigrationEvent)
Q_DECLARE_METATYPE(MigrationRunResult)
