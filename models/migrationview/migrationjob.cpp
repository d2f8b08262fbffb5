#include "migrationjob.h"

#include "db/connectionworker.h"
#include "migrationruncontrol.h"
#include "migrations/migrationrunner.h"

MigrationJob::MigrationJob(ConnectionWorker *worker,
                           QString folder,
                           Kind kind,
                           MigrationRunOptions options,
                           QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_folder(std::move(folder))
    , m_kind(kind)
    , m_options(std::move(options))
    , m_control(std::make_shared<MigrationRunControl>())
{
    m_control->setReceiver(this);
}

MigrationJob::~MigrationJob()
{
    m_control->setReceiver(nullptr);
    if (m_running)
        m_control->requestStop();
}

bool MigrationJob::stopRequested() const
{
    return m_control->stopRequested();
}

void MigrationJob::start()
{
    if (!m_worker || m_running)
        return;
    m_running = true;
    // Notices of console queries carry their request id; call() jobs such as this one carry 0.
    connect(m_worker, &ConnectionWorker::noticeReceived, this, [this](const Notice &n, quint64 id) {
        if (m_running && id == 0)
            emit notice(n);
    });

    const std::shared_ptr<MigrationRunControl> control = m_control;
    // `job` is only dereferenced by functions the control posts to it, which Qt discards once
    // the job is gone; the worker thread never touches it.
    MigrationJob *job = this;
    const QString folder = m_folder;
    const Kind kind = m_kind;
    const MigrationRunOptions options = m_options;
    m_worker->call<MigrationRunResult>(
        this,
        [control, job, folder, kind, options](Connection &connection) {
            MigrationRunner runner(connection, folder, MigrationFolder::Dialect::Unknown, options);
            // Events arrive on this (the worker's) thread; a copy travels to the job's.
            runner.setEventSink([control, job](const MigrationEvent &event) {
                control->post([job, event] { emit job->progress(event); });
            });
            control->attach(&runner);
            struct Detach
            {
                MigrationRunControl *control;
                ~Detach() { control->detach(); }
            } detach{control.get()};
            switch (kind) {
            case Kind::Migrate:
            case Kind::DryRun:
                return runner.migrate();
            case Kind::Rollback:
                return runner.rollback();
            case Kind::Status:
                break;
            }
            return runner.status();
        },
        [this](MigrationRunResult result) {
            m_running = false;
            emit finished(result);
        },
        [this](const DbError &error) {
            m_running = false;
            emit failed(error);
        });
}

void MigrationJob::stop()
{
    m_control->requestStop();
}

void MigrationJob::cancelNow()
{
    m_control->requestStop();
    // Only while the run is on the worker: before that, the worker may be busy with a console's
    // query, which is not ours to cancel.
    if (m_control->isRunning() && m_worker)
        m_worker->cancel();
}
