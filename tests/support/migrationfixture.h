#pragma once

#include "db/pgconnection.h"
#include "migrations/migrationrunner.h"

#include <QObject>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>
#include <memory>
#include <optional>

// What the migration engine's suites share: a fresh database named after the running test, an
// empty migration folder, and a runner on a connection of its own per run, as a CLI process has.
// A base for the suites' QObject (they add Q_OBJECT and their slots).
class MigrationFixture : public QObject
{
protected:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<PgConnection> m_db; // the test's own session, for setup and checks
    QString m_conninfo;
    QStringList m_log; // the runner's event messages
    // Databases are named <prefix><test function>; suites running side by side use their own.
    QString m_databasePrefix = QStringLiteral("mig_");
    // The history a run records in when the test does not say: Slipway's own, so the engine's
    // suites check one table whatever the folder's layout; tst_toolhistory clears it to test
    // the detection itself.
    std::optional<MigrationTool> m_defaultTool = MigrationTool::Slipway;

    QString folder() const { return m_dir->path(); }
    void file(const QString &name, const QByteArray &text);
    // A fresh database "<prefix><test function>" and an empty folder; a failure fails the test.
    void fresh();

    MigrationRunResult run(const std::function<MigrationRunResult(MigrationRunner &)> &verb,
                           MigrationRunOptions options = {},
                           MigrationFolder::Dialect dialect = MigrationFolder::Dialect::Unknown);
    MigrationRunResult migrate(MigrationRunOptions options = {})
    {
        return run(&MigrationRunner::migrate, options);
    }
    MigrationRunResult status() { return run(&MigrationRunner::status); }

    QString value(const QString &sql) { return m_db->fetchAll(sql).text(0, 0); }
    bool tableExists(const QString &name);
    int historyRows();
};
