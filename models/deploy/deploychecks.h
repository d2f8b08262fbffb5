#pragma once

#include "deployreport.h"
#include "deploysession.h"
#include "lint/finding.h"
#include "migrations/migrationrun.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

class Connection;
class LocalCluster;
class MigrationRunner;

// The automated checks of a deploy checklist, each leaving evidence for the report:
//   pending    the migrations that will run, their lint findings and the dry run's lock report
//   lint-clean no error-level finding, or each one signed off with a reason
//   backup     pg_dump -Fc of the target, listed, restored into the rehearsal server, row counts equal
//   rehearsal  on that restored copy: up (timed), down (schema must equal the one before), up again
//   impact     touched tables with size and rows, locks by mode, expected duration, point of no return
//   verify     after applying: verify scripts (verify/*.sql, *.verify.sql), then ANALYZE touched tables
// Checks share what they found (findings, dry run, the restored copy), so later ones build on
// earlier ones. The rehearsal server is the one given, or a sandbox started in the work
// directory and stopped when this object goes. Blocking; run on a worker thread.
class DeployChecks
{
    Q_DECLARE_TR_FUNCTIONS(DeployChecks)

public:
    // percent is -1 while a step of unknown length runs (pg_dump: only the bytes written so far).
    using Progress = std::function<void(const QString &step, int percent)>;

    // workDirectory holds the dump and, without a rehearsal conninfo, the sandbox.
    DeployChecks(const DeployTarget &target,
                 QString workDirectory,
                 QString rehearsalConninfo = {},
                 MigrationRunOptions options = {});
    ~DeployChecks();

    void setProgress(Progress progress) { m_progress = std::move(progress); }
    // The database the backup is restored into on the rehearsal server (default slipway_rehearsal).
    void setRehearsalDatabase(const QString &name) { m_rehearsalDatabase = name; }
    // Thread-safe: stops a running check (pg_dump, pg_restore, the dry run and the rehearsal's
    // runs), or the execute step after its current statement.
    void requestStop();
    // A new request begins: forget a stop asked of the one before.
    void resetStop() { m_stop.store(false); }
    bool stopRequested() const { return m_stop.load(); }

    // Runs the check of that kind; lint sign-offs come from the session.
    CheckResult run(const QString &kind, const DeploySession &session);
    // Runs every automated item of the phase in checklist order and stores the results in the
    // session; `done` hears about each as it finishes.
    using ItemDone = std::function<void(const ChecklistItem &, const CheckResult &)>;
    using ItemStarted = std::function<void(const ChecklistItem &)>;
    void runPhase(DeploySession &session, ChecklistItem::Phase phase, const ItemDone &done = {},
                  const ItemStarted &started = {});
    // The execute step: applies the pending migrations to the target with the engine.
    DeployExecution apply(const std::function<void(const MigrationEvent &)> &events = {});

    CheckResult pending();
    CheckResult lintClean(const QHash<QString, SignOff> &signOffs);
    CheckResult backup();
    CheckResult rehearsal();
    CheckResult impact();
    CheckResult verify();

    // What the checks found, for the wizard and the report.
    const QList<Finding> &findings() const { return m_findings; }
    const QList<DryRunStatement> &dryRun() const { return m_dryRun; }
    QStringList pendingMigrations() const { return m_pending; }
    QString dumpPath() const { return m_dumpPath; }
    // The rehearsal's time per migration version, and the tables the migrations touch.
    const QHash<QString, qint64> &rehearsalTimes() const { return m_rehearsalMs; }
    QStringList touchedTables() const;

    // What the checks learned that later checks need (the verified backup, the rehearsal's
    // times, the touched tables), so a deploy resumed in a new session goes on from there.
    QJsonObject knowledge() const;
    void restoreKnowledge(const QJsonObject &knowledge);
    // How many migrations the pending check found, from knowledge(); -1 before it ran.
    static int pendingCount(const QJsonObject &knowledge);

private:
    class RunnerScope;

    bool loadPending(QString *error);
    // loadPending() for a check: false with `result` set to the failure.
    bool requirePending(CheckResult &result);
    QString rehearsalServer(QString *error);
    QString restoredConninfo(const QString &database) const;
    // A fresh copy of the restored backup for one rehearsal, so running it again starts from the
    // backup, not from what the last rehearsal left.
    bool cloneRestoredCopy(const QString &copy, QString *error);
    // The history table of the folder's tool on this database when it is not Slipway's; empty
    // otherwise, or when the tool cannot be told (the run that follows says why).
    QStringList toolBookkeeping(Connection &connection) const;
    CheckResult stopped(CheckResult result) const;
    void report(const QString &step, int percent) const;
    static CheckResult finish(CheckResult result, qint64 elapsedMs);

    DeployTarget m_target;
    QString m_workDirectory;
    QString m_rehearsalConninfo;
    QString m_rehearsalDatabase = QStringLiteral("slipway_rehearsal");
    MigrationRunOptions m_options;
    Progress m_progress;
    std::atomic<bool> m_stop{false};
    // The execute step's runner, for requestStop() from another thread; guarded by the mutex so
    // it cannot go away while being told to stop.
    std::mutex m_runnerMutex;
    MigrationRunner *m_activeRunner = nullptr;
    std::unique_ptr<LocalCluster> m_sandbox;

    bool m_pendingLoaded = false;
    QStringList m_pending; // "003 add customers loyalty tier"
    QStringList m_pendingFiles;
    QList<Finding> m_findings; // of the pending migrations
    QList<DryRunStatement> m_dryRun;
    QString m_dumpPath;
    bool m_backupVerified = false;
    QHash<QString, qint64> m_rehearsalMs; // by version
    QStringList m_touchedTables; // restored with the knowledge, before a dry run has run
};
