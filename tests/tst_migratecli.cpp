// slipway-cli status / migrate / rollback / validate as real processes: exit codes, JSON, the
// runner lock (a second runner times out with exit 3), kill -9 in the middle of a migration, four
// runners at once, and the demo's migrations up, all the way down and up again.

#include "clirun.h"
#include "db/pgconnection.h"
#include "migrationfixture.h"
#include "schemafixtures.h"
#include "testsandbox.h"
#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TestMigrateCli : public MigrationFixture
{
    Q_OBJECT

public:
    TestMigrateCli() { m_databasePrefix = QStringLiteral("cli_"); }

private:
    QStringList args(const QString &verb, const QStringList &more = {}) const
    {
        return QStringList{verb, QStringLiteral("--db"), m_conninfo, QStringLiteral("--dir"), m_dir->path()} + more;
    }

    QProcess *startCli(const QStringList &arguments)
    {
        auto *process = new QProcess(this);
        process->setProgram(TestSandbox::cliPath());
        process->setArguments(arguments);
        process->start();
        return process;
    }

private slots:
    void initTestCase()
    {
        QString error;
        const QString conninfo = TestSandbox::conninfo(QStringLiteral("postgres"), &error);
        QVERIFY2(!conninfo.isEmpty(), qPrintable(error));
    }

    void statusJsonAndExitCodes()
    {
        fresh();
        file(QStringLiteral("V001__create_customers.sql"), "CREATE TABLE customers (id int);\n");
        file(QStringLiteral("V002__create_orders.sql"), "CREATE TABLE orders (id int);\n");
        TestSandbox::CliRun run = TestSandbox::runCli(args(QStringLiteral("migrate"), {QStringLiteral("--target"), QStringLiteral("1")}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("Applying 001 create customers")), qPrintable(run.out));

        run = TestSandbox::runCli(args(QStringLiteral("status"), {QStringLiteral("--json")}));
        QCOMPARE(run.exitCode, 0);
        const QJsonArray migrations = QJsonDocument::fromJson(run.stdOut).object().value(QStringLiteral("migrations")).toArray();
        QCOMPARE(migrations.size(), 2);
        const QJsonObject first = migrations.at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("version")).toString(), QStringLiteral("001"));
        QCOMPARE(first.value(QStringLiteral("description")).toString(), QStringLiteral("create customers"));
        QCOMPARE(first.value(QStringLiteral("state")).toString(), QStringLiteral("applied"));
        QCOMPARE(first.value(QStringLiteral("checksum")).toString().size(), 64);
        QVERIFY(!first.value(QStringLiteral("installed_on")).toString().isEmpty());
        QVERIFY(first.value(QStringLiteral("execution_ms")).isDouble());
        QCOMPARE(migrations.at(1).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("pending"));

        // 1: validation failure (a tampered file).
        file(QStringLiteral("V001__create_customers.sql"), "CREATE TABLE customers (id bigint);\n");
        run = TestSandbox::runCli(args(QStringLiteral("migrate")));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("changed since it was applied")), qPrintable(run.err));
        QCOMPARE(value(QStringLiteral("SELECT to_regclass('orders') IS NULL")), QStringLiteral("t"));
        QCOMPARE(TestSandbox::runCli(args(QStringLiteral("validate"))).exitCode, 1);
        QCOMPARE(TestSandbox::runCli(args(QStringLiteral("repair"))).exitCode, 0);
        QCOMPARE(TestSandbox::runCli(args(QStringLiteral("validate"))).exitCode, 0);

        // 2: usage and input errors.
        QCOMPARE(TestSandbox::runCli(args(QStringLiteral("rollback"))).exitCode, 2);
        QCOMPARE(TestSandbox::runCli(args(QStringLiteral("migrate"), {QStringLiteral("--dialect"), QStringLiteral("liquibase")})).exitCode, 2);
        file(QStringLiteral("oops.sql"), "SELECT 1;\n");
        run = TestSandbox::runCli(args(QStringLiteral("migrate")));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("oops.sql")), qPrintable(run.err));
    }

    void historyReadErrorsExitOne()
    {
        fresh();
        file(QStringLiteral("V1__t.sql"), "CREATE TABLE t (id int);\n");
        // A history table with other columns, made by hand or by another tool: reading it fails.
        m_db->execute(
            QStringLiteral("CREATE SCHEMA slipway; CREATE TABLE slipway.schema_history (id int)"));
        for (const QString &verb :
             {QStringLiteral("status"), QStringLiteral("validate"), QStringLiteral("migrate")}) {
            const TestSandbox::CliRun run = TestSandbox::runCli(args(verb));
            QVERIFY2(run.exitCode == 1,
                     qPrintable(verb + QLatin1Char(' ') + QString::number(run.exitCode) + run.err));
            QVERIFY2(run.err.contains(QStringLiteral("slipway-cli ") + verb + QStringLiteral(": ")),
                     qPrintable(run.err));
            QVERIFY2(run.err.contains(QStringLiteral("slipway.schema_history")),
                     qPrintable(run.err));
            QVERIFY2(run.err.contains(QStringLiteral("installed_rank")), qPrintable(run.err));
        }
        const TestSandbox::CliRun json = TestSandbox::runCli(
            args(QStringLiteral("status"), {QStringLiteral("--json")}));
        QCOMPARE(json.exitCode, 1);
        const QJsonObject root = QJsonDocument::fromJson(json.stdOut).object();
        QCOMPARE(root.value(QStringLiteral("ok")).toBool(true), false);
        QVERIFY(root.value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("installed_rank")));
        QCOMPARE(value(QStringLiteral("SELECT to_regclass('t') IS NULL")), QStringLiteral("t"));
    }

    void changedFileIsNotResumed()
    {
        fresh();
        file(QStringLiteral("V1__split.sql"),
             "-- slipway:no-transaction\nCREATE TABLE a (id int);\nSELECT 1/0;\nCREATE TABLE b (id "
             "int);\n");
        QCOMPARE(TestSandbox::runCli(args(QStringLiteral("migrate"))).exitCode, 1);
        file(QStringLiteral("V1__split.sql"),
             "-- slipway:no-transaction\nCREATE TABLE a (id int);\nCREATE TABLE b (id int);\n");
        for (const QString &verb : {QStringLiteral("migrate"), QStringLiteral("validate")}) {
            const TestSandbox::CliRun run = TestSandbox::runCli(args(verb));
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains(QStringLiteral("V1__split.sql")), qPrintable(run.err));
            QVERIFY2(run.err.contains(QStringLiteral("slipway-cli repair")), qPrintable(run.err));
        }
        QCOMPARE(value(QStringLiteral("SELECT to_regclass('b') IS NULL")), QStringLiteral("t"));
    }

    void secondRunnerTimesOutOnTheLock()
    {
        fresh();
        file(QStringLiteral("V1__t.sql"), "CREATE TABLE t (id int);\n");
        PgConnection holder(m_conninfo);
        holder.open();
        QCOMPARE(holder.fetchAll(QStringLiteral("SELECT pg_try_advisory_lock(1397509456, 1463900448)")).text(0, 0), QStringLiteral("t"));
        const TestSandbox::CliRun run = TestSandbox::runCli(args(QStringLiteral("migrate"), {QStringLiteral("--lock-wait"), QStringLiteral("1")}));
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(QStringLiteral("holds the lock")), qPrintable(run.err));
        holder.close(); // the lock goes with the session
        QCOMPARE(TestSandbox::runCli(args(QStringLiteral("migrate"), {QStringLiteral("--lock-wait"), QStringLiteral("5")})).exitCode, 0);
    }

    void killedRunnerLeavesNothingToClean()
    {
        fresh();
        file(QStringLiteral("V1__base.sql"), "CREATE TABLE base (id int);\n");
        file(QStringLiteral("V2__slow.sql"), "CREATE TABLE slow (id int);\nSELECT pg_sleep(30);\n");
        QProcess *runner = startCli(args(QStringLiteral("migrate")));
        // Wait until the server runs the sleep, then kill the runner without a chance to clean up.
        QTRY_VERIFY_WITH_TIMEOUT(value(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%'")) == QLatin1String("1"),
                                 30000);
        runner->kill();
        QVERIFY(runner->waitForFinished(10000));
        // client_connection_check_interval ends the orphaned statement within about a second.
        QTRY_VERIFY_WITH_TIMEOUT(value(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%'")) == QLatin1String("0"),
                                 15000);
        QCOMPARE(value(QStringLiteral("SELECT to_regclass('slow') IS NULL")), QStringLiteral("t"));
        QCOMPARE(value(QStringLiteral("SELECT string_agg(version, ',') FROM slipway.schema_history")), QStringLiteral("1"));
        // No lock, no dirty flag: the next run just works.
        file(QStringLiteral("V2__slow.sql"), "CREATE TABLE slow (id int);\nSELECT pg_sleep(0.1);\n");
        const TestSandbox::CliRun run = TestSandbox::runCli(args(QStringLiteral("migrate"), {QStringLiteral("--lock-wait"), QStringLiteral("5")}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(value(QStringLiteral("SELECT to_regclass('slow') IS NOT NULL")), QStringLiteral("t"));
    }

    void fourRunnersApplyEachMigrationOnce()
    {
        fresh();
        m_db->execute(QStringLiteral("CREATE TABLE applied (version int)"));
        for (int v = 1; v <= 12; ++v)
            file(QStringLiteral("V%1__step.sql").arg(v),
                 QStringLiteral("CREATE TABLE step_%1 (id int);\nINSERT INTO applied VALUES (%1);\nSELECT pg_sleep(0.05);\n")
                     .arg(v).toUtf8());
        file(QStringLiteral("V13__idx.sql"), "CREATE INDEX CONCURRENTLY applied_version ON applied (version);\n");
        QList<QProcess *> runners;
        for (int i = 0; i < 4; ++i)
            runners << startCli(args(QStringLiteral("migrate"), {QStringLiteral("--lock-wait"), QStringLiteral("60")}));
        for (QProcess *runner : std::as_const(runners)) {
            QVERIFY(runner->waitForFinished(120000));
            QVERIFY2(runner->exitCode() == 0, runner->readAllStandardError().constData());
        }
        QCOMPARE(value(QStringLiteral("SELECT count(*) || '/' || count(DISTINCT version) FROM applied")), QStringLiteral("12/12"));
        QCOMPARE(value(QStringLiteral("SELECT count(*) || '/' || count(DISTINCT version) FROM slipway.schema_history")),
                 QStringLiteral("13/13"));
    }

    void demoMigrationsUpDownUp()
    {
        fresh();
        // The whole demo (about 15 s to load), so the backfill and the index builds meet real sizes.
        QFile demo(QDir(TestSandbox::sourceDir()).filePath(QStringLiteral("resources/demo/demo.sql")));
        QVERIFY(demo.open(QIODevice::ReadOnly));
        QProcess psql;
        psql.setProcessChannelMode(QProcess::MergedChannels);
        psql.start(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                                            QStringLiteral("-d"), m_conninfo, QStringLiteral("-f"), demo.fileName()});
        QVERIFY(psql.waitForFinished(600000));
        QVERIFY2(psql.exitCode() == 0, psql.readAll().constData());
        const QString dir = QDir(TestSandbox::sourceDir()).filePath(QStringLiteral("resources/demo/migrations"));
        auto cli = [&](const QStringList &more) {
            return TestSandbox::runCli(QStringList{more.first(), QStringLiteral("--db"), m_conninfo, QStringLiteral("--dir"), dir} + more.mid(1));
        };
        TestSandbox::CliRun run = cli({QStringLiteral("migrate")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM slipway.schema_history WHERE success")), QStringLiteral("11"));
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM shop.customers WHERE loyalty_tier IS NULL")), QStringLiteral("0"));
        run = cli({QStringLiteral("rollback"), QStringLiteral("--target"), QStringLiteral("0")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM slipway.schema_history")), QStringLiteral("0"));
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM information_schema.columns WHERE column_name = 'loyalty_tier'")),
                 QStringLiteral("0"));
        run = cli({QStringLiteral("migrate")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        run = cli({QStringLiteral("status"), QStringLiteral("--json")});
        for (const QJsonValue &migration : QJsonDocument::fromJson(run.stdOut).object().value(QStringLiteral("migrations")).toArray())
            QCOMPARE(migration.toObject().value(QStringLiteral("state")).toString(), QStringLiteral("applied"));
    }
};

QTEST_GUILESS_MAIN(TestMigrateCli)
#include "tst_migratecli.moc"
