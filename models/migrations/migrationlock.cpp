#include "migrationlock.h"

#include "db/connection.h"
#include "logcategories.h"

#include <QDeadlineTimer>
#include <QThread>

#include <utility>

namespace {
// 'SLIP' and 'WAY ' as the two int4 keys: one lock per database, shared by every Slipway runner.
const char TryLock[] = "SELECT pg_try_advisory_lock(1397509456, 1463900448)";
const char Unlock[] = "SELECT pg_advisory_unlock(1397509456, 1463900448)";
} // namespace

MigrationLock::MigrationLock(Connection &connection)
    : m_connection(connection)
{}

MigrationLock::~MigrationLock()
{
    try {
        release();
    } catch (const DbException &e) {
        // A lost session took the lock with it; otherwise the lock stays until the session ends.
        if (e.error().connectionLost)
            qCDebug(lcMigrations) << "migration lock went with the session:" << e.error().message;
        else
            qCWarning(lcMigrations) << "could not release the migration lock:" << e.error().sqlState
                                    << e.error().message;
    } catch (const std::exception &e) {
        qCWarning(lcMigrations) << "could not release the migration lock:" << e.what();
    } catch (...) {
        // Connection is an interface: an implementation may throw anything, and nothing may
        // leave a destructor.
        qCWarning(lcMigrations) << "could not release the migration lock: non-standard exception";
    }
}

bool MigrationLock::acquire(int waitSeconds, const std::atomic<bool> *stop)
{
    if (m_held)
        return true;
    if (m_connection.engine() != Connection::Engine::PostgreSQL) {
        m_held = true;
        return true;
    }
    m_held = tryLock({}, waitSeconds, stop);
    return m_held;
}

bool MigrationLock::acquireToolKeys(const QList<qint64> &keys,
                                    int waitSeconds,
                                    const std::atomic<bool> *stop)
{
    if (keys.isEmpty() || m_connection.engine() != Connection::Engine::PostgreSQL)
        return true;
    if (!tryLock(keys, waitSeconds, stop))
        return false;
    m_toolKeys = keys;
    return true;
}

// Empty `keys`: Slipway's own lock; otherwise all of the given ones (each session lock is taken
// once; a key got before the deadline is let go again when another is not).
bool MigrationLock::tryLock(const QList<qint64> &keys,
                            int waitSeconds,
                            const std::atomic<bool> *stop)
{
    QDeadlineTimer deadline(qint64(qMax(0, waitSeconds)) * 1000);
    int pause = 50;
    QList<qint64> got;
    for (;;) {
        bool all = true;
        if (keys.isEmpty()) {
            all = m_connection.fetchAll(QLatin1String(TryLock)).text(0, 0) == QLatin1String("t");
        } else {
            for (const qint64 key : keys) {
                if (got.contains(key))
                    continue;
                if (m_connection.fetchAll(QStringLiteral("SELECT pg_try_advisory_lock($1)"), {key})
                        .text(0, 0)
                    == QLatin1String("t"))
                    got << key;
                else
                    all = false;
            }
        }
        if (all)
            return true;
        if (deadline.hasExpired() || (stop && stop->load())) {
            for (const qint64 key : std::as_const(got))
                m_connection.execute(QStringLiteral("SELECT pg_advisory_unlock($1)"), {key});
            return false;
        }
        QThread::msleep(qMin<qint64>(pause, qMax<qint64>(1, deadline.remainingTime())));
        pause = qMin(pause * 2, 500);
    }
}

void MigrationLock::release()
{
    const QList<qint64> toolKeys = std::exchange(m_toolKeys, {});
    const bool held = std::exchange(m_held, false);
    if (m_connection.engine() != Connection::Engine::PostgreSQL || !m_connection.isOpen())
        return;
    for (const qint64 key : toolKeys)
        m_connection.execute(QStringLiteral("SELECT pg_advisory_unlock($1)"), {key});
    if (held)
        m_connection.execute(QLatin1String(Unlock));
}
