#include "demodatabase.h"

#include "localcluster.h"
#include "pgconnection.h"

#include <QFile>

namespace {

const QString ScriptResource = QStringLiteral(":/demo/demo.sql");
// SQLSTATE duplicate_database: another process created it between our check and our CREATE.
const char DuplicateDatabase[] = "42P04";
// Session-level advisory lock, taken in the maintenance database, that serialises ensure() across
// processes (test suites run side by side, the CLI, the GUI): without it two callers both see no
// schema shop, both load the script, and the second fails on the first one's objects. The key is
// "SlipwayD" in ASCII, unlikely to collide with anyone else's lock.
constexpr qint64 DemoLockKey = 0x536c697077617944;

bool hasRow(Connection &connection, const QString &sql)
{
    return connection.fetchAll(sql).rowCount() > 0;
}

QString readScript()
{
    QFile file(ScriptResource);
    if (!file.open(QIODevice::ReadOnly)) {
        throw DemoDatabase::Error(
            DemoDatabase::tr("This build has no demo script (%1).").arg(ScriptResource));
    }
    return QString::fromUtf8(file.readAll());
}

} // namespace

DemoDatabase::Error::Error(const QString &message)
    : std::runtime_error(message.toStdString())
{}

qint64 DemoDatabase::setupLockKey()
{
    return DemoLockKey;
}

QString DemoDatabase::ensure(const LocalCluster &cluster, const Progress &progress)
{
    const auto report = [&progress](const QString &line) {
        if (progress)
            progress(line);
    };
    if (cluster.state() != LocalCluster::State::Running) {
        throw Error(
            tr("The sandbox in %1 is not running; start it first.").arg(cluster.directory()));
    }
    const QString name = databaseName();
    const QString conninfo = cluster.conninfo(name);
    try {
        // The lock is held until `server` closes: on return, and when a step below throws.
        PgConnection server(cluster.conninfo());
        server.open();
        if (!hasRow(server,
                    QStringLiteral("SELECT 1 WHERE pg_try_advisory_lock(%1)").arg(DemoLockKey))) {
            report(tr("Waiting for another process that is setting up %1").arg(name));
            server.execute(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(DemoLockKey));
        }
        // Checked only under the lock: a load that finished while we waited is seen here.
        if (!hasRow(server,
                    QStringLiteral("SELECT 1 FROM pg_database WHERE datname = '%1'").arg(name))) {
            report(tr("Creating database %1").arg(name));
            try {
                server.execute(QStringLiteral("CREATE DATABASE %1").arg(name));
            } catch (const DbException &e) {
                // A caller that does not take the lock (an older build) may have created it.
                if (e.error().sqlState != QLatin1String(DuplicateDatabase))
                    throw;
            }
        }

        PgConnection demo(conninfo);
        demo.open();
        // Schema shop is the script's first object, and the script runs as one implicit
        // transaction (one simple-query string without BEGIN/COMMIT), so its presence means a
        // complete load; a failed load leaves nothing behind and the next call tries again.
        if (hasRow(demo, QStringLiteral("SELECT 1 FROM pg_namespace WHERE nspname = 'shop'"))) {
            report(tr("Database %1 is already loaded").arg(name));
            return conninfo;
        }
        const QString script = readScript();
        report(tr("Loading the demo data into %1 (this takes a while)").arg(name));
        demo.execute(script);
    } catch (const DbException &e) {
        throw Error(
            tr("Could not set up the demo database %1:\n%2").arg(name, e.error().toDisplayString()));
    }
    return conninfo;
}
