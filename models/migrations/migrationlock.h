#pragma once

#include <QCoreApplication>

#include <QList>

#include <atomic>

class Connection;

// One runner per database. On PostgreSQL a session-level advisory lock, taken by polling
// pg_try_advisory_lock between short sleeps: a blocking pg_advisory_lock would sit inside a
// statement, and a CREATE INDEX CONCURRENTLY of the runner that holds the lock waits for every
// open transaction, that statement included — a deadlock. The lock belongs to the session, so a
// killed runner releases it when its connection goes. SQLite needs nothing here: each migration
// runs under BEGIN IMMEDIATE, which already lets one writer in at a time.
class MigrationLock
{
    Q_DECLARE_TR_FUNCTIONS(MigrationLock)

public:
    explicit MigrationLock(Connection &connection);
    ~MigrationLock(); // releases the lock if held
    MigrationLock(const MigrationLock &) = delete;
    MigrationLock &operator=(const MigrationLock &) = delete;

    // False when waitSeconds passed (or stop was set) without getting the lock.
    bool acquire(int waitSeconds, const std::atomic<bool> *stop = nullptr);
    // Also the tool's own advisory locks (HistoryStore::toolLockKeys), taken the same way once
    // the runner knows whose history it writes; released with the runner's lock.
    bool acquireToolKeys(const QList<qint64> &keys,
                         int waitSeconds,
                         const std::atomic<bool> *stop = nullptr);
    void release();
    bool isHeld() const { return m_held; }

private:
    Connection &m_connection;
    bool tryLock(const QList<qint64> &keys, int waitSeconds, const std::atomic<bool> *stop);

    bool m_held = false;
    QList<qint64> m_toolKeys; // held
};
