// `slipway-cli lint` as users and CI run it: a real child process, real files and folders, real
// exit codes, and the fixture's PostgreSQL server for --db.

#include "db/pgconnection.h"

#include "clirun.h"
#include "schemafixtures.h"
#include "testsandbox.h"
#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Run = TestSandbox::CliRun;

// Every run here is `slipway-cli lint …`, from the folder the paths are relative to.
Run cli(const QStringList &arguments, const QString &workingDirectory = {})
{
    return TestSandbox::runCli(QStringList{QStringLiteral("lint")} + arguments,
                               {.workingDirectory = workingDirectory});
}

using TestFiles::write;

const QByteArray Timeouts = "SET lock_timeout = '2s';\nSET statement_timeout = '1min';\n";

} // namespace

class TestLintCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(TestSandbox::cliPath()), "SLIPWAY_CLI is not set");
    }

    void textOutputAndExitCodes()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("bad.sql")),
              Timeouts + "CREATE INDEX IF NOT EXISTS orders_total ON orders (total);\n");
        write(dir.filePath(QStringLiteral("warn.sql")),
              Timeouts + "CREATE TABLE IF NOT EXISTS t (id integer);\n");
        write(dir.filePath(QStringLiteral("clean.sql")),
              Timeouts + "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON orders (total);\n");

        Run run = cli({QStringLiteral("bad.sql")}, dir.path());
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(
            run.out.startsWith(QLatin1String(
                "bad.sql:3:1: error: CREATE INDEX orders_total on orders without CONCURRENTLY")),
            qPrintable(run.out));
        QVERIFY(run.out.contains(QLatin1String("[require-concurrent-index-creation]")));
        QVERIFY(run.out.contains(QLatin1String("1 file(s) checked, 1 error(s), 0 warning(s)")));

        run = cli({QStringLiteral("warn.sql")}, dir.path());
        QCOMPARE(run.exitCode, 0); // warnings only
        QVERIFY2(run.out.contains(QLatin1String(
                     "warning: t.id is a 32-bit int4; prefer bigint. [prefer-bigint-over-int]")),
                 qPrintable(run.out));

        run = cli({QStringLiteral("clean.sql"), QStringLiteral("warn.sql")}, dir.path());
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QLatin1String("2 file(s) checked, 0 error(s), 1 warning(s)")));
    }

    void jsonAndGithubFormats()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("m.sql")),
              Timeouts
                  + "ALTER TABLE users DROP COLUMN IF EXISTS legacy, ADD COLUMN IF NOT EXISTS doc "
                    "json;\n");
        Run run = cli({QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("m.sql")},
                      dir.path());
        QCOMPARE(run.exitCode, 1);
        const QJsonArray findings = QJsonDocument::fromJson(run.out.toUtf8()).array();
        QCOMPARE(findings.size(), 2);
        const QJsonObject first = findings.at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("file")).toString(), QStringLiteral("m.sql"));
        QCOMPARE(first.value(QStringLiteral("line")).toInt(), 3);
        QCOMPARE(first.value(QStringLiteral("column")).toInt(), 1);
        QCOMPARE(first.value(QStringLiteral("rule")).toString(), QStringLiteral("ban-drop-column"));
        QCOMPARE(first.value(QStringLiteral("severity")).toString(), QStringLiteral("error"));
        QVERIFY(first.value(QStringLiteral("message"))
                    .toString()
                    .contains(QLatin1String("users.legacy")));
        QCOMPARE(findings.at(1).toObject().value(QStringLiteral("rule")).toString(),
                 QStringLiteral("prefer-jsonb"));
        QCOMPARE(findings.at(1).toObject().value(QStringLiteral("severity")).toString(),
                 QStringLiteral("warning"));

        run = cli({QStringLiteral("--format"), QStringLiteral("github"), QStringLiteral("m.sql")},
                  dir.path());
        QCOMPARE(run.exitCode, 1);
        const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(
            lines.at(0).startsWith(QLatin1String(
                "::error file=m.sql,line=3,col=1,title=ban-drop-column::Dropping users.legacy")),
            qPrintable(lines.at(0)));
        QVERIFY(lines.at(1).startsWith(
            QLatin1String("::warning file=m.sql,line=3,col=1,title=prefer-jsonb::")));
    }

    void foldersAndTheirErrors()
    {
        const QString demo = TestSandbox::sourceDir()
                             + QStringLiteral("/resources/demo/migrations");
        Run run = cli({QStringLiteral("--format"), QStringLiteral("json"), demo});
        QCOMPARE(run.exitCode, 1);
        const QJsonArray findings = QJsonDocument::fromJson(run.out.toUtf8()).array();
        QStringList errors;
        for (const QJsonValue &value : findings) {
            const QJsonObject finding = value.toObject();
            if (finding.value(QStringLiteral("severity")).toString() == QLatin1String("error"))
                errors.append(
                    QFileInfo(finding.value(QStringLiteral("file")).toString()).fileName());
        }
        QCOMPARE(errors, QStringList{QStringLiteral("V007__index_customers_loyalty_tier.sql")});

        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("V1__a.sql")), "SELECT 1;\n");
        write(dir.filePath(QStringLiteral("V1__b.sql")), "SELECT 2;\n");
        run = cli({dir.path()});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("V1__a.sql and "))
                     && run.err.contains(QLatin1String("both have version 1")),
                 qPrintable(run.err));

        QTemporaryDir configured;
        write(configured.filePath(QStringLiteral("V1__a.sql")), "DROP TABLE t;\n");
        write(configured.filePath(QStringLiteral("slipway.json")),
              "{\n  \"exclude\": [\"ban-drop-tables\"]\n}\n");
        run = cli({configured.path()});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(
                     QStringLiteral("slipway.json:2: unknown rule \"ban-drop-tables\"")),
                 qPrintable(run.err));

        write(configured.filePath(QStringLiteral("slipway.json")),
              "{\"exclude\": [\"ban-drop-table\", \"missing-rollback\", \"require-lock-timeout\", "
              "\"require-statement-timeout\"]}");
        run = cli({configured.path()});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QLatin1String("1 file(s) checked, 0 error(s), 0 warning(s)")),
                 qPrintable(run.out));
    }

    void usageErrors()
    {
        Run run = cli({});
        QCOMPARE(run.exitCode, 2);
        run = cli({QStringLiteral("--format"), QStringLiteral("xml"), QStringLiteral("x.sql")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QLatin1String("--format")));
        run = cli({QStringLiteral("--pg-version"), QStringLiteral("10"), QStringLiteral("x.sql")});
        QCOMPARE(run.exitCode, 2);
        run = cli({QStringLiteral("/nonexistent/V1__x.sql")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QLatin1String("/nonexistent/V1__x.sql: no such file or folder")));
        run = cli({QStringLiteral("--explain"), QStringLiteral("no-such-rule")});
        QCOMPARE(run.exitCode, 2);
    }

    void explain()
    {
        const Run run = cli(
            {QStringLiteral("--explain"), QStringLiteral("adding-not-nullable-field")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.startsWith(QLatin1String("adding-not-nullable-field (error, locking)")));
        QVERIFY(run.out.contains(QLatin1String("Lock: ACCESS EXCLUSIVE")));
        QVERIFY(run.out.contains(QLatin1String("Why: ")));
        QVERIFY(run.out.contains(
            QStringLiteral("Instead: ADD CONSTRAINT … CHECK (column IS NOT NULL) NOT VALID")));
        const Run list = cli({QStringLiteral("--list-rules")});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(list.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size() >= 38);
    }

    void liveDatabaseImpact()
    {
        QString error;
        const QString conninfo
            = SchemaFixtures::recreateDatabase(QStringLiteral("slipway_lint_cli"), {}, &error);
        QVERIFY2(!conninfo.isEmpty(), qPrintable(error));
        {
            PgConnection connection(conninfo);
            connection.open();
            connection.execute(QStringLiteral("CREATE TABLE tiny (id bigint, c text); INSERT INTO "
                                              "tiny VALUES (1, 'a'); ANALYZE tiny;"));
        }
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("m.sql")),
              Timeouts + "CREATE INDEX tiny_c ON tiny (c);\n");
        const Run run = cli({QStringLiteral("--db"), conninfo, QStringLiteral("m.sql")}, dir.path());
        QCOMPARE(run.exitCode, 0); // the lock finding is only a warning on a one-row table
        QVERIFY2(run.out.contains(QLatin1String("m.sql:3:1: warning: CREATE INDEX tiny_c on tiny")),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(QLatin1String("    tiny: "))
                     && run.out.contains(QLatin1String("about 1 rows")),
                 qPrintable(run.out));

        const Run bad = cli({QStringLiteral("--db"),
                             QStringLiteral("host=/nonexistent dbname=x"),
                             QStringLiteral("m.sql")},
                            dir.path());
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains(QLatin1String("could not read the database")));
    }
};

QTEST_GUILESS_MAIN(TestLintCli)
#include "tst_lintcli.moc"
