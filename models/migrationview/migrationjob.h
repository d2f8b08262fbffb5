#pragma once

#include "db/dberror.h"
#include "migrations/migrationrun.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class ConnectionWorker;
class MigrationRunControl;

// One run of the migration engine for the GUI: status, migrate, dry run or rollback of a folder,
// on the connection's worker thread through ConnectionWorker::call. The engine's progress events
// and the server's notices during the run come back as signals on this object's (the GUI)
// thread, then finished() or failed() ends it. stop() asks the engine to stop after the current
// statement; cancelNow() also cancels that statement on the server. Deleting the job while it
// runs lets the run stop on its own and report to nobody. Created and used on the GUI thread.
class MigrationJob : public QObject
{
    Q_OBJECT

public:
    enum class Kind { Status, Migrate, DryRun, Rollback };

    MigrationJob(ConnectionWorker *worker,
                 QString folder,
                 Kind kind,
                 MigrationRunOptions options = {},
                 QObject *parent = nullptr);
    ~MigrationJob() override;

    Kind kind() const { return m_kind; }
    void start();
    void stop();
    void cancelNow();
    bool stopRequested() const;

signals:
    void progress(const MigrationEvent &event);
    void notice(const Notice &notice);
    void finished(const MigrationRunResult &result);
    void failed(const DbError &error);

private:
    QPointer<ConnectionWorker> m_worker;
    QString m_folder;
    Kind m_kind;
    MigrationRunOptions m_options;
    std::shared_ptr<MigrationRunControl> m_control;
    bool m_running = false;
};
