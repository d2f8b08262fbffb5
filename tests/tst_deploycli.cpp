// slipway-cli deploy as a process: an unsigned manual item blocks it (exit 1, nothing applied);
// signed, it applies with --yes, writes the report and records the audit entry. The backup is
// restored into the private sandbox the command starts itself.

#include "clirun.h"
#include "db/pgconnection.h"
#include "db/conninfo.h"
#include "deploy/auditlog.h"
#include "testsandbox.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestDeployCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QStringList m_deployDirsBefore; // /tmp/slipway-deploy-* that were there before this suite

    static QStringList deployDirs()
    {
        return QDir(QStringLiteral("/tmp")).entryList({QStringLiteral("slipway-deploy-*")}, QDir::Dirs);
    }
    QString m_target;

    QString file(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile out(path);
        out.open(QIODevice::WriteOnly);
        out.write(text);
        return path;
    }

    QString historyCount()
    {
        PgConnection db(m_target);
        db.open();
        // The folder is golang-migrate's (NNN_name.up.sql): its one row, version and dirty flag.
        if (db.fetchAll(QStringLiteral("SELECT to_regclass('schema_migrations') IS NULL")).text(0, 0) == QLatin1String("t"))
            return QStringLiteral("none");
        return db.fetchAll(QStringLiteral("SELECT string_agg(version || ':' || dirty, ',') FROM schema_migrations")).text(0, 0);
    }

private slots:
    void initTestCase()
    {
        m_deployDirsBefore = deployDirs();
        QString error;
        const QString admin = TestSandbox::conninfo(QStringLiteral("postgres"), &error);
        QVERIFY2(!admin.isEmpty(), qPrintable(error));
        PgConnection server(admin);
        server.open();
        server.execute(QStringLiteral("DROP DATABASE IF EXISTS deploy_cli WITH (FORCE)"));
        server.execute(QStringLiteral("CREATE DATABASE deploy_cli"));
        m_target = TestSandbox::conninfo(QStringLiteral("deploy_cli"));
        PgConnection db(m_target);
        db.open();
        db.execute(QStringLiteral("CREATE TABLE items (id int PRIMARY KEY); INSERT INTO items SELECT generate_series(1, 500)"));
        file(QStringLiteral("migrations/001_label.up.sql"), "ALTER TABLE items ADD COLUMN label text;\n");
        file(QStringLiteral("migrations/001_label.down.sql"), "ALTER TABLE items DROP COLUMN label;\n");
        file(QStringLiteral("migrations/slipway-checklist.json"),
             R"({"name": "CLI test", "items": [
                 {"id": "backup", "title": "Backup verified", "kind": "backup"},
                 {"id": "rehearsal", "title": "Rollback rehearsed", "kind": "rehearsal"},
                 {"id": "approval", "title": "Approved", "kind": "manual"},
                 {"id": "smoke", "title": "Smoke test", "kind": "manual", "phase": "verify", "required": false}]})");
        qputenv("SLIPWAY_AUDIT_DB", m_dir.filePath(QStringLiteral("audit.sqlite")).toUtf8());
    }

    void unsignedItemBlocks()
    {
        const TestSandbox::CliRun run = TestSandbox::runCli({QStringLiteral("deploy"), QStringLiteral("--db"), m_target,
                                                             QStringLiteral("--dir"), m_dir.filePath(QStringLiteral("migrations")),
                                                             QStringLiteral("--yes"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 1);
        const QJsonObject result = QJsonDocument::fromJson(run.stdOut).object();
        QCOMPARE(result.value(QStringLiteral("go")).toBool(), false);
        QCOMPARE(result.value(QStringLiteral("outcome")).toString(), QStringLiteral("refused"));
        QCOMPARE(result.value(QStringLiteral("blockers")).toArray().first().toString(), QStringLiteral("Approved: not signed off"));
        // The automated checks did run and pass: the backup went through a private sandbox.
        for (const QJsonValue &item : result.value(QStringLiteral("items")).toArray()) {
            const QJsonObject object = item.toObject();
            if (object.value(QStringLiteral("kind")).toString() != QLatin1String("manual"))
                QVERIFY2(object.value(QStringLiteral("status")).toString() == QLatin1String("passed"),
                         qPrintable(object.value(QStringLiteral("summary")).toString() + run.err));
        }
        QCOMPARE(historyCount(), QStringLiteral("none"));
        QString error;
        const QList<AuditEntry> audit = AuditLog(m_dir.filePath(QStringLiteral("audit.sqlite"))).entries(&error);
        QCOMPARE(audit.size(), 1);
        QCOMPARE(audit.first().outcome, QStringLiteral("refused"));
    }

    void signedDeployApplies()
    {
        const QString report = m_dir.filePath(QStringLiteral("report.md"));
        const TestSandbox::CliRun run = TestSandbox::runCli({QStringLiteral("deploy"), QStringLiteral("--db"), m_target,
                                                             QStringLiteral("--dir"), m_dir.filePath(QStringLiteral("migrations")),
                                                             QStringLiteral("--sign"), QStringLiteral("approval=Ann: change 42"),
                                                             QStringLiteral("--yes"), QStringLiteral("--report"), report});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QCOMPARE(historyCount(), QStringLiteral("1:false"));
        QFile written(report);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(written.readAll());
        QVERIFY(text.contains(QStringLiteral("**Outcome:** applied")));
        QVERIFY(text.contains(QStringLiteral("signed by Ann")));
        QVERIFY(text.contains(QStringLiteral("- 001 label")));
        QString error;
        const QList<AuditEntry> audit = AuditLog(m_dir.filePath(QStringLiteral("audit.sqlite"))).entries(&error, true);
        QCOMPARE(audit.size(), 2);
        QCOMPARE(audit.first().outcome, QStringLiteral("applied"));
        QCOMPARE(audit.first().migrations, QStringList({QStringLiteral("001 label")}));
        QCOMPARE(audit.first().report, text);

        // Misuse is a usage error naming the problem.
        const TestSandbox::CliRun bad = TestSandbox::runCli({QStringLiteral("deploy"), QStringLiteral("--db"), m_target,
                                                             QStringLiteral("--dir"), m_dir.filePath(QStringLiteral("migrations")),
                                                             QStringLiteral("--sign"), QStringLiteral("backup=Ann: trust me")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("checked automatically")), qPrintable(bad.err));
    }

    // Refused deploys keep their work for a look; this suite's go with it.
    void cleanupTestCase()
    {
        for (const QString &name : deployDirs()) {
            if (!m_deployDirsBefore.contains(name))
                QDir(QStringLiteral("/tmp/") + name).removeRecursively();
        }
    }

    void workIsRemovedAfterSuccessUnlessKept()
    {
        const QStringList before = deployDirs();
        const QStringList arguments{QStringLiteral("deploy"), QStringLiteral("--db"), m_target,
                                    QStringLiteral("--dir"), m_dir.filePath(QStringLiteral("migrations")),
                                    QStringLiteral("--sign"), QStringLiteral("approval=Ann: change 43")};
        // A "go" without --yes succeeds: its dump and rehearsal server are gone afterwards.
        TestSandbox::CliRun run = TestSandbox::runCli(arguments);
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(!run.err.contains(QStringLiteral("kept")), qPrintable(run.err));
        QCOMPARE(deployDirs(), before);
        // --keep-work keeps them and says where and how big.
        run = TestSandbox::runCli(arguments + QStringList{QStringLiteral("--keep-work")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        const QRegularExpressionMatch kept
            = QRegularExpression(QStringLiteral("kept (/tmp/slipway-deploy-\\w+) \\(.*rehearsal server\\)")).match(run.err);
        QVERIFY2(kept.hasMatch(), qPrintable(run.err));
        QVERIFY(QFileInfo(kept.captured(1)).isDir());
        QVERIFY(QDir(kept.captured(1)).removeRecursively());
    }

    // The issue's rule for the CLI: a required manual item left unsigned refuses the deploy even
    // when the checklist marks it as not blocking.
    void requiredManualItemRefusesEvenWhenNotBlocking()
    {
        const QString checklist = file(QStringLiteral("soft-required.json"),
                                       R"({"name": "Soft", "items": [
                                           {"id": "approval", "title": "Approved", "kind": "manual"},
                                           {"id": "watch", "title": "Someone watches the dashboards", "kind": "manual", "blocking": false}]})");
        const TestSandbox::CliRun run = TestSandbox::runCli({QStringLiteral("deploy"), QStringLiteral("--db"), m_target,
                                                             QStringLiteral("--dir"), m_dir.filePath(QStringLiteral("migrations")),
                                                             QStringLiteral("--checklist"), checklist,
                                                             QStringLiteral("--sign"), QStringLiteral("approval=Ann: change 43"),
                                                             QStringLiteral("--yes"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 1);
        const QJsonObject result = QJsonDocument::fromJson(run.stdOut).object();
        QCOMPARE(result.value(QStringLiteral("outcome")).toString(), QStringLiteral("refused"));
        QCOMPARE(result.value(QStringLiteral("blockers")).toArray().size(), 1);
        QCOMPARE(result.value(QStringLiteral("blockers")).toArray().first().toString(),
                 QStringLiteral("Someone watches the dashboards: not signed off"));
    }

    // Four eyes from the command line: the code and the approval signed by one person (spelt
    // two ways) is refused, naming both items and the person; two people go.
    void oneSignerForTwoGroupedItemsIsRefused()
    {
        const QString checklist = file(QStringLiteral("four-eyes.json"),
                                       R"({"name": "Four eyes", "items": [
                                           {"id": "app-code", "title": "Application code tested", "kind": "manual"},
                                           {"id": "approval", "title": "Change approved", "kind": "manual"}],
                                           "distinctSigners": [["app-code", "approval"]]})");
        const QStringList base{QStringLiteral("deploy"), QStringLiteral("--db"), m_target, QStringLiteral("--dir"),
                               m_dir.filePath(QStringLiteral("migrations")), QStringLiteral("--checklist"), checklist,
                               QStringLiteral("--sign"), QStringLiteral("approval=Ann: ok")};
        const QString history = historyCount();
        const QString expected = QStringLiteral("\"Application code tested\" and \"Change approved\" are both signed off by ann; "
                                                "the checklist asks for different people");
        const TestSandbox::CliRun refused = TestSandbox::runCli(
            base + QStringList{QStringLiteral("--sign"), QStringLiteral("app-code=ann: done"), QStringLiteral("--yes"), QStringLiteral("--json")});
        QCOMPARE(refused.exitCode, 1);
        const QJsonObject result = QJsonDocument::fromJson(refused.stdOut).object();
        QCOMPARE(result.value(QStringLiteral("outcome")).toString(), QStringLiteral("refused"));
        QCOMPARE(result.value(QStringLiteral("blockers")).toArray(), QJsonArray({expected}));
        QCOMPARE(historyCount(), history);
        // People read the same line under "No-go:".
        const TestSandbox::CliRun text = TestSandbox::runCli(base + QStringList{QStringLiteral("--sign"), QStringLiteral("app-code=ann: done")});
        QCOMPARE(text.exitCode, 1);
        QVERIFY2(text.out.contains(QStringLiteral("No-go:\n  ") + expected), qPrintable(text.out + text.err));

        const TestSandbox::CliRun two = TestSandbox::runCli(base + QStringList{QStringLiteral("--sign"), QStringLiteral("app-code=Bob: done")});
        QVERIFY2(two.exitCode == 0, qPrintable(two.out + two.err));
        QVERIFY2(two.out.contains(QStringLiteral("Go.")), qPrintable(two.out));
    }

    // A checklist file that breaks the rule's format is an input error naming the file and the field.
    void badDistinctSignersIsAnInputError()
    {
        const QString checklist = file(QStringLiteral("four-eyes-of-one.json"),
                                       R"({"name": "One", "items": [{"id": "approval", "title": "Approved", "kind": "manual"}],
                                           "distinctSigners": [["approval", "app-code"]]})");
        const TestSandbox::CliRun run = TestSandbox::runCli({QStringLiteral("deploy"), QStringLiteral("--db"), m_target,
                                                             QStringLiteral("--dir"), m_dir.filePath(QStringLiteral("migrations")),
                                                             QStringLiteral("--checklist"), checklist});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QDir::toNativeSeparators(checklist) + QStringLiteral(": distinctSigners[0][1]: no item has the id \"app-code\"")),
                 qPrintable(run.err));
    }

    // A production target needs its database name typed, and the name is the one libpq connects
    // to even when the conninfo leaves dbname out (PGDATABASE here).
    void productionNeedsTheDatabaseName()
    {
        ConnInfo parsed;
        QString error;
        QVERIFY(ConnInfo::parse(m_target, &parsed, &error));
        parsed.remove(QStringLiteral("dbname"));
        const QByteArray oldDatabase = qgetenv("PGDATABASE");
        qputenv("PGDATABASE", "deploy_cli");
        const QString checklist = file(QStringLiteral("manual-only.json"),
                                       R"({"name": "Manual", "items": [{"id": "approval", "title": "Approved", "kind": "manual"}]})");
        const QStringList base{QStringLiteral("deploy"), QStringLiteral("--db"), parsed.toString(), QStringLiteral("--dir"),
                               m_dir.filePath(QStringLiteral("migrations")), QStringLiteral("--checklist"), checklist,
                               QStringLiteral("--production")};
        const TestSandbox::CliRun unconfirmed = TestSandbox::runCli(base);
        const TestSandbox::CliRun wrong = TestSandbox::runCli(base + QStringList{QStringLiteral("--confirm-database"), QStringLiteral("postgres")});
        const TestSandbox::CliRun confirmed = TestSandbox::runCli(base + QStringList{QStringLiteral("--confirm-database"), QStringLiteral("deploy_cli")});
        qputenv("PGDATABASE", oldDatabase);
        QCOMPARE(unconfirmed.exitCode, 2);
        QVERIFY2(unconfirmed.err.contains(QStringLiteral("--confirm-database")), qPrintable(unconfirmed.err));
        QCOMPARE(wrong.exitCode, 2);
        // Confirmed, it goes on to the checklist, which refuses for the unsigned approval.
        QCOMPARE(confirmed.exitCode, 1);
        QVERIFY2(confirmed.out.contains(QStringLiteral("Approved: not signed off")), qPrintable(confirmed.out + confirmed.err));
    }

    // Without SLIPWAY_AUDIT_DB the CLI records into the same audit database the window reads
    // (the user's Slipway data folder), whatever the program's name.
    void cliAndWindowShareTheAuditLog()
    {
        QTemporaryDir data;
        const QByteArray oldAudit = qgetenv("SLIPWAY_AUDIT_DB");
        qunsetenv("SLIPWAY_AUDIT_DB");
        qputenv("SLIPWAY_DATA_DIR", data.path().toUtf8());
        const QString expected = AuditLog::defaultPath();
        const TestSandbox::CliRun run = TestSandbox::runCli({QStringLiteral("deploy"), QStringLiteral("--db"), m_target,
                                                             QStringLiteral("--dir"), m_dir.filePath(QStringLiteral("migrations")),
                                                             QStringLiteral("--checklist"), file(QStringLiteral("one.json"),
                                                             R"({"name": "One", "items": [{"id": "approval", "title": "Approved", "kind": "manual"}]})")});
        qunsetenv("SLIPWAY_DATA_DIR");
        qputenv("SLIPWAY_AUDIT_DB", oldAudit);
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(expected, QDir(data.path()).filePath(QStringLiteral("audit.sqlite")));
        QString error;
        const QList<AuditEntry> entries = AuditLog(expected).entries(&error);
        QVERIFY2(entries.size() == 1, qPrintable(error + run.err));
        QCOMPARE(entries.first().outcome, QStringLiteral("refused"));
        // Without the override both programs use one folder that does not depend on their names.
        qunsetenv("SLIPWAY_AUDIT_DB");
        QVERIFY(AuditLog::defaultPath().endsWith(QStringLiteral("/slipway/audit.sqlite")));
        qputenv("SLIPWAY_AUDIT_DB", oldAudit);
    }

    // A Liquibase folder on a database Liquibase never touched: the rehearsal's rollback test
    // compares the schema before and after with Liquibase's two tables (created by the run,
    // left by the rollback as Liquibase leaves them) out of the comparison.
    void toolTablesStayOutOfTheRollbackTest()
    {
        QString error;
        PgConnection server(TestSandbox::conninfo(QStringLiteral("postgres"), &error));
        server.open();
        server.execute(QStringLiteral("DROP DATABASE IF EXISTS deploy_liquibase WITH (FORCE)"));
        server.execute(QStringLiteral("CREATE DATABASE deploy_liquibase"));
        const QString target = TestSandbox::conninfo(QStringLiteral("deploy_liquibase"));
        file(QStringLiteral("liquibase/changelog.sql"),
             "--liquibase formatted sql\n"
             "--changeset ann:1\nCREATE TABLE notes (id int PRIMARY KEY);\n"
             "--rollback DROP TABLE notes;\n");
        file(QStringLiteral("liquibase/slipway-checklist.json"),
             R"({"name": "Liquibase", "items": [
                 {"id": "backup", "title": "Backup verified", "kind": "backup"},
                 {"id": "rehearsal", "title": "Rollback rehearsed", "kind": "rehearsal"}]})");
        const TestSandbox::CliRun run = TestSandbox::runCli(
            {QStringLiteral("deploy"), QStringLiteral("--db"), target, QStringLiteral("--dir"),
             m_dir.filePath(QStringLiteral("liquibase")), QStringLiteral("--yes"),
             QStringLiteral("--json")});
        const QJsonObject result = QJsonDocument::fromJson(run.stdOut).object();
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + QString::fromUtf8(run.stdOut)));
        for (const QJsonValue &item : result.value(QStringLiteral("items")).toArray())
            QVERIFY2(item.toObject().value(QStringLiteral("status")).toString()
                         == QLatin1String("passed"),
                     qPrintable(item.toObject().value(QStringLiteral("summary")).toString()));
        PgConnection db(target);
        db.open();
        QCOMPARE(db.fetchAll(QStringLiteral("SELECT string_agg(id || ':' || exectype, ',') FROM "
                                            "databasechangelog"))
                     .text(0, 0),
                 QStringLiteral("1:EXECUTED"));
        server.execute(QStringLiteral("DROP DATABASE IF EXISTS deploy_liquibase WITH (FORCE)"));
    }

    void demoDatabaseEveryCheck()
    {
        // The demo shop (2.6 million rows) with its eleven migrations and the pre-migration
        // template: every automated check runs on real sizes, then the deploy applies.
        QString error;
        const QString admin = TestSandbox::conninfo(QStringLiteral("postgres"), &error);
        PgConnection server(admin);
        server.open();
        server.execute(QStringLiteral("DROP DATABASE IF EXISTS deploy_demo WITH (FORCE)"));
        server.execute(QStringLiteral("CREATE DATABASE deploy_demo"));
        const QString demo = TestSandbox::conninfo(QStringLiteral("deploy_demo"));
        QProcess psql;
        psql.setProcessChannelMode(QProcess::MergedChannels);
        psql.start(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                                            QStringLiteral("-d"), demo, QStringLiteral("-f"),
                                            QDir(TestSandbox::sourceDir()).filePath(QStringLiteral("resources/demo/demo.sql"))});
        QVERIFY(psql.waitForFinished(600000));
        QVERIFY2(psql.exitCode() == 0, psql.readAll().constData());
        const QString migrations = QDir(TestSandbox::sourceDir()).filePath(QStringLiteral("resources/demo/migrations"));
        TestSandbox::CliOptions options;
        options.timeoutMs = 900000;
        const TestSandbox::CliRun run = TestSandbox::runCli(
            {QStringLiteral("deploy"), QStringLiteral("--db"), demo, QStringLiteral("--dir"), migrations,
             QStringLiteral("--checklist"), QStringLiteral("pre-migration"),
             QStringLiteral("--sign"), QStringLiteral("app-code=Ann: release 2.4 tolerates both schemas"),
             QStringLiteral("--sign"), QStringLiteral("approval=Bob: CAB-118"),
             QStringLiteral("--sign"), QStringLiteral("monitoring=Cy: dashboard open"),
             QStringLiteral("--accept-lint"),
             QStringLiteral("require-concurrent-index-creation@migrations/V007__index_customers_loyalty_tier.sql:7=Ann: 200k rows, quiet hour"),
             QStringLiteral("--yes"), QStringLiteral("--json")},
            options);
        const QJsonObject result = QJsonDocument::fromJson(run.stdOut).object();
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + QString::fromUtf8(run.stdOut)));
        QCOMPARE(result.value(QStringLiteral("outcome")).toString(), QStringLiteral("applied"));
        QCOMPARE(result.value(QStringLiteral("applied")).toArray().size(), 11);
        QStringList kinds;
        for (const QJsonValue &item : result.value(QStringLiteral("items")).toArray()) {
            const QJsonObject object = item.toObject();
            const QString status = object.value(QStringLiteral("status")).toString();
            kinds << object.value(QStringLiteral("kind")).toString();
            QVERIFY2(status == QLatin1String("passed") || status == QLatin1String("warning") || status == QLatin1String("signed"),
                     qPrintable(object.value(QStringLiteral("id")).toString() + QStringLiteral(": ") + status + QStringLiteral(" ")
                                + object.value(QStringLiteral("summary")).toString()));
        }
        for (const QString &kind : {QStringLiteral("pending"), QStringLiteral("lint-clean"), QStringLiteral("backup"),
                                    QStringLiteral("rehearsal"), QStringLiteral("impact"), QStringLiteral("verify")})
            QVERIFY2(kinds.contains(kind), qPrintable(kind));
        PgConnection db(demo);
        db.open();
        QCOMPARE(db.fetchAll(QStringLiteral("SELECT count(*) FROM slipway.schema_history WHERE success")).text(0, 0), QStringLiteral("11"));
    }
};

QTEST_GUILESS_MAIN(TestDeployCli)
#include "tst_deploycli.moc"
