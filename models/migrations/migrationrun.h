#pragma once

#include "migrationscript.h"
#include "migrationstatus.h"
#include "migrationtool.h"

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

#include <optional>
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
    // Whose history table to record in (--tool, slipway.json); unset: detected (MigrationTools).
    std::optional<MigrationTool> tool;
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
    // How the dry run tried the statement. One PostgreSQL refuses in a transaction runs as its
    // in-transaction equivalent where there is one (CREATE INDEX for CREATE INDEX CONCURRENTLY:
    // `rehearsedAs`, with the real statement's lock in `locks`); otherwise it is not rehearsed.
    enum class Rehearsal {
        Ran,
        Equivalent,
        NotRehearsed,
        // BEGIN or COMMIT of a migration that runs outside a transaction: the dry run's own
        // transaction stands in for it.
        TransactionControl,
    };
    Rehearsal rehearsal = Rehearsal::Ran;
    bool outsideTransaction = false; // the real run executes it outside a transaction
    QString rehearsedAs;
    QString note; // the real statement's documented lock when not run as written; or the error
    bool failed = false;
    // The failure may only be because an earlier statement was not rehearsed (say, the table a
    // VACUUM-free migration expected another tool to create).
    bool mayFollowFromSkipped = false;

    bool wasRun() const { return rehearsal == Rehearsal::Ran || rehearsal == Rehearsal::Equivalent; }
};

// The dry run in three figures: its summary line and the CLI's exit code follow the worst.
struct DryRunSummary
{
    int passed = 0;
    int failed = 0;
    QStringList notRehearsed; // "V007 vacuum orders (V007__vacuum_orders.sql:3): VACUUM"

    static DryRunSummary of(const QList<DryRunStatement> &statements);
    bool complete() const { return failed == 0 && notRehearsed.isEmpty(); }
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
    // What stopped a run that did not succeed, for callers to act on without reading the message
    // (which is translated). None while the outcome is Ok.
    enum class Cause {
        None,
        // The folder, a file, a script or an option cannot be used (InputError).
        Input,
        // Applied files changed or went missing, or a pending one is out of order.
        Validation,
        // A migration that stopped part-way has changed since, so it is not resumed.
        ChangedAfterFailure,
        // Rollback chose a migration without a down script.
        NoRollbackScript,
        // The connection has a transaction of its own open, or failed.
        SessionBusy,
        // The history table could not be read, or is not one baseline may start.
        History,
        // Another runner held the lock, or another backend was still running the statement a
        // resume stopped at (LockTimeout); or a stop came while waiting.
        Lock,
        // A migration failed; its MigrationFailed event carried this same message.
        MigrationFailed,
        // Statements failed in the dry run; they are in dryRun.
        DryRunFailed,
        // Stopped on request between statements or migrations.
        Stopped,
        // Any other database error.
        Database,
    };
    Outcome outcome = Outcome::Ok;
    Cause cause = Cause::None;
    QString message;        // what went wrong, naming file and line where there is one
    QStringList done;       // "V003 add customers loyalty tier" for each migration applied/undone
    QList<DryRunStatement> dryRun;
    QList<MigrationStatusEntry> status;
    MigrationTool tool = MigrationTool::Slipway; // whose history table the run used
    QString historyTable;                        // empty when it never got that far
    // What the tool would say of its history as a whole beyond the rows (Liquibase's lock row
    // held by another process), or empty.
    QString toolNotice;

    bool ok() const { return outcome == Outcome::Ok; }
    void fail(Outcome failed, Cause why, const QString &text)
    {
        outcome = failed;
        cause = why;
        message = text;
    }
    // The CLI's exit codes: 0 ok, 1 failed (or cancelled), 2 input error, 3 lock wait timed out,
    // 4 a dry run whose statements all passed but some could not be rehearsed.
    int exitCode() const
    {
        switch (outcome) {
        case Outcome::Ok:
            return DryRunSummary::of(dryRun).notRehearsed.isEmpty() ? 0 : 4;
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
