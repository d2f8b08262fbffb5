#include "migrationruncontrol.h"

#include "migrations/migrationrunner.h"

#include <QMutexLocker>

void MigrationRunControl::attach(MigrationRunner *runner)
{
    QMutexLocker locker(&m_mutex);
    m_runner = runner;
    if (m_runner && m_stop)
        m_runner->requestStop();
}

void MigrationRunControl::detach()
{
    QMutexLocker locker(&m_mutex);
    m_runner = nullptr;
}

bool MigrationRunControl::isRunning() const
{
    QMutexLocker locker(&m_mutex);
    return m_runner != nullptr;
}

void MigrationRunControl::requestStop()
{
    // Under the mutex so the runner cannot be destroyed between the check and the call.
    QMutexLocker locker(&m_mutex);
    m_stop = true;
    if (m_runner)
        m_runner->requestStop();
}

bool MigrationRunControl::stopRequested() const
{
    QMutexLocker locker(&m_mutex);
    return m_stop;
}

void MigrationRunControl::setReceiver(QObject *receiver)
{
    QMutexLocker locker(&m_mutex);
    m_receiver = receiver;
}

void MigrationRunControl::post(std::function<void()> function)
{
    // Posting under the mutex: the receiver detaches under it too before it is destroyed, and
    // Qt drops events still queued for a destroyed object.
    QMutexLocker locker(&m_mutex);
    if (m_receiver)
        QMetaObject::invokeMethod(m_receiver, std::move(function), Qt::QueuedConnection);
}
