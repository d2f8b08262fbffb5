#include "testsandbox.h"

#include "db/localcluster.h"

#include <QDir>

namespace TestSandbox {

QString directory()
{
    return qEnvironmentVariable("SLIPWAY_TEST_SANDBOX");
}

QString conninfo(const QString &database, QString *error)
{
    const QString dir = directory();
    if (dir.isEmpty()) {
        if (error)
            *error = QStringLiteral("SLIPWAY_TEST_SANDBOX is not set; run the suite through ctest");
        return {};
    }
    LocalCluster cluster(dir);
    if (cluster.state() != LocalCluster::State::Running) {
        if (error)
            *error = QStringLiteral("the fixture's PostgreSQL server in %1 is not running").arg(dir);
        return {};
    }
    return cluster.conninfo(database);
}

QString cliPath()
{
    return qEnvironmentVariable("SLIPWAY_CLI");
}

QString sourceDir()
{
    return qEnvironmentVariable("SLIPWAY_SOURCE_DIR");
}

} // namespace TestSandbox
