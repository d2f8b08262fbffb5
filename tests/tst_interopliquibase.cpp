// Round trips with the real Liquibase (npm "liquibase", 4.28, with its PostgreSQL JDBC driver
// reaching the sandbox's Unix socket through junixsocket; both found or installed by
// scripts/interop-tools) on the fixture's server: what Slipway applies, `liquibase status` sees
// as up to date and `liquibase rollback-count` rolls back; what Liquibase applies, slipway-cli
// status shows applied, its checksums equal to Slipway's; a changeset edited since is reported by
// Slipway and refused by Liquibase alike; and while Slipway migrates, Liquibase finds its lock
// taken. Label "interop": scripts/test installs the tools first; a missing tool fails the suite
// with the installer's reason.

#include "clirun.h"
#include "interoptools.h"
#include "migrationfixture.h"
#include "testsandbox.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QScopeGuard>
#include <QTest>
#include <QThread>

namespace {

using ToolRun = InteropTools::Run;

// Two changesets, the second outside a transaction with a multi-line rollback block.
const QByteArray changelog = "--liquibase formatted sql\n"
                             "\n"
                             "--changeset alice:1\n"
                             "--comment: Users\n"
                             "CREATE TABLE users (\n"
                             "\tid serial PRIMARY KEY,\n"
                             "\tname text\n"
                             ");\n"
                             "--rollback DROP TABLE users;\n"
                             "\n"
                             "--changeset bob:names runInTransaction:false labels:v2\n"
                             "-- an ordinary comment stays in the SQL\n"
                             "CREATE INDEX CONCURRENTLY users_name ON users (name);\n"
                             "/* liquibase rollback\n"
                             "DROP INDEX CONCURRENTLY users_name;\n"
                             "*/\n";

} // namespace

class TestInteropLiquibase : public MigrationFixture
{
    Q_OBJECT

    QString m_liquibase;

    // JDBC has no Unix sockets of its own: junixsocket's factory takes the socket file.
    QString jdbcUrl()
    {
        const QHash<QString, QString> pg = InteropTools::libpqEnvironment(m_conninfo);
        const QString port = pg.value(QStringLiteral("PGPORT"), QStringLiteral("5432"));
        return QStringLiteral("jdbc:postgresql://localhost:%1/%2?socketFactory=org.newsclub.net."
                              "unix.AFUNIXSocketFactory$FactoryArg&socketFactoryArg=%3/.s.PGSQL.%1")
            .arg(port, pg.value(QStringLiteral("PGDATABASE")), pg.value(QStringLiteral("PGHOST")));
    }

    QStringList liquibaseArguments(const QStringList &command)
    {
        return QStringList{QStringLiteral("--changelog-file=changelog.sql"),
                           QStringLiteral("--search-path=") + folder(),
                           QStringLiteral("--url=") + jdbcUrl(),
                           QStringLiteral("--username=postgres"),
                           QStringLiteral("--show-banner=false")}
               + command;
    }

    ToolRun liquibase(const QStringList &command)
    {
        return InteropTools::run(m_liquibase, liquibaseArguments(command));
    }

    TestSandbox::CliRun slipwayRun(const QStringList &arguments)
    {
        const TestSandbox::CliRun run = TestSandbox::runCli(arguments);
        if (run.exitCode != 0)
            qWarning().noquote() << run.out << run.err;
        return run;
    }

    QStringList slipway(const QString &verb) const
    {
        return InteropTools::slipway(verb, m_conninfo, folder());
    }

    QStringList slipwayStates() { return InteropTools::slipwayStates(m_conninfo, folder()); }

    bool relationExists(const QString &name)
    {
        return value(QStringLiteral("SELECT to_regclass('%1') IS NOT NULL").arg(name))
               == QLatin1String("t");
    }

    QStringList states(std::initializer_list<const char *> each) const
    {
        QStringList out{QStringLiteral("liquibase")};
        for (const char *state : each)
            out << QString::fromLatin1(state);
        return out;
    }

private slots:
    void initTestCase()
    {
        m_databasePrefix = QStringLiteral("interop_liquibase_");
        m_defaultTool.reset();
        QString error;
        QVERIFY2(!InteropTools::locate(QStringLiteral("junixsocket"), &error).isEmpty(),
                 qPrintable(error));
        m_liquibase = InteropTools::locate(QStringLiteral("liquibase"), &error);
        QVERIFY2(!m_liquibase.isEmpty(), qPrintable(error));
    }

    void init() { fresh(); }

    void appliedBySlipwaySeenByLiquibase()
    {
        file(QStringLiteral("changelog.sql"), changelog);
        QCOMPARE(slipwayRun(slipway(QStringLiteral("migrate"))).exitCode, 0);
        const ToolRun up = liquibase({QStringLiteral("status")});
        QVERIFY2(up.exitCode == 0 && up.output.contains(QStringLiteral("is up to date")),
                 qPrintable(up.output));
        // Liquibase rolls back what Slipway applied, from the rows Slipway wrote.
        const ToolRun back = liquibase(
            {QStringLiteral("rollback-count"), QStringLiteral("--count=1")});
        QVERIFY2(back.exitCode == 0, qPrintable(back.output));
        QVERIFY(!relationExists(QStringLiteral("users_name")));
        QCOMPARE(slipwayStates(), states({"applied", "pending"}));
        // And runs what is left as any update: Slipway's rows and Liquibase's side by side.
        const ToolRun update = liquibase({QStringLiteral("update")});
        QVERIFY2(update.exitCode == 0, qPrintable(update.output));
        QCOMPARE(value(QStringLiteral("SELECT string_agg(id || ':' || liquibase, ',' ORDER BY "
                                      "orderexecuted) FROM databasechangelog")),
                 QStringLiteral("1:slipway,names:4.28.0"));
        QCOMPARE(slipwayStates(), states({"applied", "applied"}));
    }

    void appliedByLiquibaseSeenBySlipway()
    {
        file(QStringLiteral("changelog.sql"), changelog);
        const ToolRun update = liquibase({QStringLiteral("update")});
        QVERIFY2(update.exitCode == 0, qPrintable(update.output));
        QVERIFY(relationExists(QStringLiteral("users_name")));
        // Same checksums: nothing changed, nothing to run.
        QCOMPARE(slipwayStates(), states({"applied", "applied"}));
        const TestSandbox::CliRun again = slipwayRun(slipway(QStringLiteral("migrate")));
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM databasechangelog")),
                 QStringLiteral("2"));
        // Slipway rolls back what Liquibase applied, as Liquibase would: the row goes.
        QStringList rollback = slipway(QStringLiteral("rollback"));
        rollback << QStringLiteral("--steps") << QStringLiteral("1");
        QCOMPARE(slipwayRun(rollback).exitCode, 0);
        QVERIFY(!relationExists(QStringLiteral("users_name")));
        const ToolRun pending = liquibase({QStringLiteral("status")});
        QVERIFY2(pending.output.contains(QStringLiteral("1 changeset has not been applied")),
                 qPrintable(pending.output));
    }

    void editedChangesetReportedByBoth()
    {
        file(QStringLiteral("changelog.sql"), changelog);
        QCOMPARE(liquibase({QStringLiteral("update")}).exitCode, 0);
        QByteArray edited = changelog;
        edited.replace("\tname text\n", "\tname text NOT NULL\n");
        file(QStringLiteral("changelog.sql"), edited);
        QCOMPARE(slipwayStates(), states({"checksum_mismatch", "applied"}));
        const ToolRun refused = liquibase({QStringLiteral("update")});
        QVERIFY2(refused.exitCode != 0
                     && refused.output.contains(QStringLiteral("changelog.sql::1::alice")),
                 qPrintable(refused.output));
    }

    void liquibaseWaitsWhileSlipwayMigrates()
    {
        // The changeset waits for an advisory lock this test holds: Slipway stays in its run,
        // holding Liquibase's lock row, until the test lets it go.
        file(QStringLiteral("changelog.sql"),
             "--liquibase formatted sql\n--changeset a:waits\nSELECT pg_advisory_lock(4242);\n"
             "SELECT pg_advisory_unlock(4242);\n--rollback SELECT 1;\n");
        m_db->execute(QStringLiteral("SELECT pg_advisory_lock(4242)"));
        QProcess slipwayProcess;
        slipwayProcess.start(TestSandbox::cliPath(),
                             slipway(QStringLiteral("migrate"))
                                 << QStringLiteral("--lock-timeout") << QStringLiteral("120"));
        QVERIFY(slipwayProcess.waitForStarted());
        const auto stop = qScopeGuard([&slipwayProcess] {
            slipwayProcess.kill();
            slipwayProcess.waitForFinished();
        });
        // Until Slipway holds Liquibase's lock row.
        const auto locked = [this] {
            return relationExists(QStringLiteral("databasechangeloglock"))
                   && value(QStringLiteral("SELECT locked FROM databasechangeloglock"))
                          == QLatin1String("t");
        };
        QDeadlineTimer deadline(20000);
        while (!deadline.hasExpired() && !locked() && slipwayProcess.state() == QProcess::Running)
            QThread::msleep(50);
        QCOMPARE(value(QStringLiteral("SELECT locked FROM databasechangeloglock")),
                 QStringLiteral("t"));
        // A global option: before the command.
        const ToolRun blocked = liquibase(
            {QStringLiteral("--changelog-lock-wait-time-in-minutes=0"), QStringLiteral("update")});
        QVERIFY2(blocked.exitCode != 0
                     && blocked.output.contains(QStringLiteral("Could not acquire change log lock"))
                     && blocked.output.contains(QStringLiteral("slipway, pid")),
                 qPrintable(blocked.output));
        m_db->execute(QStringLiteral("SELECT pg_advisory_unlock(4242)"));
        QVERIFY(slipwayProcess.waitForFinished(60000));
        QCOMPARE(slipwayProcess.exitCode(), 0);
        QCOMPARE(value(QStringLiteral("SELECT locked FROM databasechangeloglock")),
                 QStringLiteral("f"));
        const ToolRun up = liquibase({QStringLiteral("status")});
        QVERIFY2(up.output.contains(QStringLiteral("is up to date")), qPrintable(up.output));
    }
};

QTEST_GUILESS_MAIN(TestInteropLiquibase)
#include "tst_interopliquibase.moc"
