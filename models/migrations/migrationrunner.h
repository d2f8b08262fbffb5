#pragma once

#include "migrationfolder.h"
#include "migrationrun.h"

#include <QCoreApplication>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

class Connection;
class DbException;
class MigrationExecutor;
class MigrationLock;
class HistoryStore;

// The migration engine: status, validate, migrate, rollback, baseline and repair of one folder
// against one database, on the calling thread (a ConnectionWorker's in the GUI, main in the CLI).
// Every run reads and checks the whole folder first, prepares every script it will run, and only
// then changes anything: a bad name, a bad script or a changed file stops it before the first
// statement. A transactional migration commits together with its history row or not at all; a
// non-transactional one records each finished statement so the next run resumes where it stopped
// (and refuses to resume a file that changed since). The runner sends BEGIN/COMMIT/ROLLBACK on the
// session itself, so the verbs that change anything want an idle session of their own and refuse
// one with a transaction open; whatever fails, they leave it idle.
class MigrationRunner
{
    Q_DECLARE_TR_FUNCTIONS(MigrationRunner)

public:
    using EventSink = std::function<void(const MigrationEvent &)>;

    MigrationRunner(Connection &connection,
                    QString directory,
                    MigrationFolder::Dialect dialect = MigrationFolder::Dialect::Unknown,
                    MigrationRunOptions options = {});
    ~MigrationRunner();

    void setEventSink(EventSink sink) { m_events = std::move(sink); }
    // Thread-safe: stop after the statement that is running (a transaction in progress rolls back).
    void requestStop() { m_stop.store(true); }

    MigrationRunResult status();
    MigrationRunResult validate();
    MigrationRunResult migrate();
    MigrationRunResult rollback();
    MigrationRunResult baseline(const QString &version, bool fromFlyway);
    MigrationRunResult repair();
    // Moves the history of `from`'s table (read with the folder `fromDirectory`) into the table
    // of options.tool for this runner's folder: the first N migrations of this folder recorded as
    // applied, where N migrations come first as applied in the old table. Nothing else changes;
    // the old table stays. Refused when the target table has rows (historyadoption.cpp).
    MigrationRunResult adopt(MigrationTool from, const QString &fromDirectory);

private:
    struct Job
    {
        MigrationStatusEntry entry;
        MigrationScript script;
        bool down = false;
        QString path; // the script's file
    };
    bool load(MigrationRunResult &result, bool needHistory);
    bool prepare(const QList<MigrationStatusEntry> &entries, bool down, QList<Job> &jobs, MigrationRunResult &result);
    bool checkApplied(MigrationRunResult &result);
    static bool changedAfterFailure(const MigrationStatusEntry &entry);
    bool checkSession(MigrationRunResult &result);
    static void databaseError(MigrationRunResult &result, const DbException &e);
    bool lock(MigrationLock &lock, MigrationRunResult &result);
    bool lockTool(MigrationLock &lock, MigrationRunResult &result);
    bool lockToolTable(MigrationRunResult &result);
    bool reloadHistory(MigrationRunResult &result);
    void releaseToolTable();
    // Runs the prepared jobs in order (or dry-runs them), stopping at the first failure.
    void runJobs(const QList<Job> &jobs, const QString &nothingToDo, MigrationRunResult &result);
    bool runTransactional(MigrationExecutor &executor, HistoryStore &history, const Job &job, MigrationRunResult &result);
    bool runOutside(MigrationExecutor &executor, HistoryStore &history, const Job &job, MigrationRunResult &result);
    void dryRun(MigrationExecutor &executor, const QList<Job> &jobs, MigrationRunResult &result);
    QString prepareRehearsal(const MigrationStep &step,
                             MigrationExecutor &executor,
                             DryRunStatement &statement);
    static void useRealLockMode(DryRunStatement &statement, const QString &reason);
    static void addHeldLocks(DryRunStatement &statement,
                             const QList<QPair<QString, QString>> &held,
                             const QStringList &relations);
    void emitEvent(MigrationEvent::Kind kind, const Job &job, const QString &message = {}, int index = 0, qint64 ms = 0);
    QString label(const Job &job) const;
    QString relativePath(const QString &path) const;

    Connection &m_connection;
    QString m_directory;
    MigrationFolder::Dialect m_dialect;
    MigrationRunOptions m_options;
    EventSink m_events;
    std::atomic<bool> m_stop{false};

    // The history table of the resolved tool: one store per run, opened by load(), since a
    // store's ranks are valid only for the instance that read them.
    HistoryStore &history();

    MigrationTool m_tool = MigrationTool::Slipway;
    MigrationFolder m_folder;
    QList<HistoryRow> m_history;
    QHash<QString, QString> m_checksums;
    std::unique_ptr<HistoryStore> m_store;
    bool m_toolTableLocked = false; // the tool's lock row is ours until releaseToolTable()
};
