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

// "rule@line" of each finding of a `--format json` run.
QStringList jsonFindings(const Run &run)
{
    QStringList result;
    for (const QJsonValue &value : QJsonDocument::fromJson(run.out.toUtf8()).array()) {
        const QJsonObject finding = value.toObject();
        result.append(QStringLiteral("%1@%2")
                          .arg(finding.value(QStringLiteral("rule")).toString())
                          .arg(finding.value(QStringLiteral("line")).toInt()));
    }
    return result;
}

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
        QVERIFY(run.out.contains(QLatin1String("1 file checked, 1 error, 0 warnings")));

        run = cli({QStringLiteral("warn.sql")}, dir.path());
        QCOMPARE(run.exitCode, 0); // warnings only
        QVERIFY2(run.out.contains(QLatin1String(
                     "warning: t.id is a 32-bit int4; prefer bigint. [prefer-bigint-over-int]")),
                 qPrintable(run.out));

        run = cli({QStringLiteral("clean.sql"), QStringLiteral("warn.sql")}, dir.path());
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QLatin1String("2 files checked, 0 errors, 1 warning")));
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
        QVERIFY2(run.out.contains(QLatin1String("1 file checked, 0 errors, 0 warnings")),
                 qPrintable(run.out));
    }

    void pgVersionChangesVerdicts()
    {
        // SET NOT NULL after a validated CHECK (c IS NOT NULL) skips its scan from PostgreSQL 12
        // on; on 11 it still scans the table under ACCESS EXCLUSIVE.
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("m.sql")),
              Timeouts
                  + "ALTER TABLE t ADD CONSTRAINT t_c_nn CHECK (c IS NOT NULL) NOT VALID;\n"
                    "ALTER TABLE t VALIDATE CONSTRAINT t_c_nn;\n"
                    "ALTER TABLE t ALTER COLUMN c SET NOT NULL;\n");
        const QString setNotNull = QStringLiteral("adding-not-nullable-field@5");
        auto lintAs = [&](const QString &version) {
            QStringList arguments{QStringLiteral("--format"), QStringLiteral("json")};
            if (!version.isEmpty())
                arguments << QStringLiteral("--pg-version") << version;
            return cli(arguments + QStringList{QStringLiteral("m.sql")}, dir.path());
        };
        Run run = lintAs(QStringLiteral("11"));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(jsonFindings(run).contains(setNotNull), qPrintable(run.out));
        run = lintAs(QStringLiteral("12"));
        QVERIFY2(!jsonFindings(run).contains(setNotNull), qPrintable(run.out));
        QCOMPARE(run.exitCode, 0);
        run = lintAs({}); // the default, 15
        QVERIFY2(!jsonFindings(run).contains(setNotNull), qPrintable(run.out));
    }

    void pgVersionOptionBeatsProjectFile()
    {
        // The template's pattern over two migrations: the NOT VALID check, then VALIDATE and
        // SET NOT NULL. slipway.json says PostgreSQL 11, where that still scans.
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("slipway.json")),
              "{\"pg_version\": 11, \"exclude\": [\"missing-rollback\"]}\n");
        write(dir.filePath(QStringLiteral("V1__check.sql")),
              Timeouts + "ALTER TABLE t ADD CONSTRAINT t_c_nn CHECK (c IS NOT NULL) NOT VALID;\n");
        write(dir.filePath(QStringLiteral("V2__not_null.sql")),
              Timeouts
                  + "ALTER TABLE t VALIDATE CONSTRAINT t_c_nn;\n"
                    "ALTER TABLE t ALTER COLUMN c SET NOT NULL;\n");
        const QString setNotNull = QStringLiteral("adding-not-nullable-field@4");
        Run run = cli({QStringLiteral("--format"), QStringLiteral("json"), dir.path()});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(jsonFindings(run).contains(setNotNull), qPrintable(run.out));

        for (const QString &version : {QStringLiteral("12"), QStringLiteral("15")}) {
            run = cli({QStringLiteral("--format"),
                       QStringLiteral("json"),
                       QStringLiteral("--pg-version"),
                       version,
                       dir.path()});
            QVERIFY2(!jsonFindings(run).contains(setNotNull), qPrintable(version + run.out));
            QCOMPARE(run.exitCode, 0);
        }
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
        // Performance advice: a warning of its own category, no lock hazard.
        const Run wide = cli(
            {QStringLiteral("--explain"), QStringLiteral("index-too-many-columns")});
        QCOMPARE(wide.exitCode, 0);
        QVERIFY2(wide.out.startsWith(
                     QLatin1String("index-too-many-columns (warning, performance)")),
                 qPrintable(wide.out));
        QVERIFY(wide.out.contains(QLatin1String("Lock: None beyond what CREATE INDEX")));
        QVERIFY(wide.out.contains(QLatin1String("Instead: Index the two or three most selective")));
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

    // A partitioned table holds no rows itself and autovacuum never analyzes it, but a lock on it
    // is a lock on every partition: their rows decide, and the lock stays an error.
    void liveDatabaseImpactOfAPartitionedTable()
    {
        QString error;
        const QString conninfo = SchemaFixtures::recreateDatabase(QStringLiteral(
                                                                      "slipway_lint_cli_parts"),
                                                                  {},
                                                                  &error);
        QVERIFY2(!conninfo.isEmpty(), qPrintable(error));
        {
            PgConnection connection(conninfo);
            connection.open();
            connection.execute(QStringLiteral(
                "CREATE TABLE parts (id bigint, c text) PARTITION BY RANGE (id);"
                "CREATE TABLE parts_1 PARTITION OF parts FOR VALUES FROM (0) TO (6000);"
                "CREATE TABLE parts_2 PARTITION OF parts FOR VALUES FROM (6000) TO (20000);"
                "INSERT INTO parts SELECT g, 'x' FROM generate_series(1, 12000) g;"
                "ANALYZE parts_1; ANALYZE parts_2;"));
        }
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("m.sql")),
              Timeouts + "CREATE INDEX parts_c ON parts (c);\n");
        const Run run = cli({QStringLiteral("--db"), conninfo, QStringLiteral("m.sql")}, dir.path());
        QCOMPARE(run.exitCode, 1); // 12,000 rows: above the default threshold of 10,000
        QVERIFY2(run.out.contains(QLatin1String("m.sql:3:1: error: ")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QLatin1String("    parts: "))
                     && run.out.contains(QLatin1String("about 12,000 rows")),
                 qPrintable(run.out));
        QVERIFY2(SchemaFixtures::dropDatabase(QStringLiteral("slipway_lint_cli_parts"), &error),
                 qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestLintCli)
#include "tst_lintcli.moc"
