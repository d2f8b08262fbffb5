// Linting whole migration folders: the demo's seeds layout, missing rollbacks in every dialect,
// transaction detection per migration, and slipway.json.

#include "lint/folderlinter.h"
#include "lint/linter.h"
#include "lint/projectconfig.h"
#include "migrations/migrationfolder.h"

#include "testfiles.h"
#include "testsandbox.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

using TestFiles::write;

QList<Finding> lintFolder(const QString &path, const LintOptions &options = {})
{
    const MigrationFolder folder = MigrationFolder::read(path);
    if (!folder.isValid())
        qWarning("%s", qPrintable(folder.errors().join(QLatin1Char('\n'))));
    Linter linter(options);
    QStringList errors;
    const QList<Finding> findings = FolderLinter::lint(folder, linter, &errors);
    if (!errors.isEmpty())
        qWarning("%s", qPrintable(errors.join(QLatin1Char('\n'))));
    return findings;
}

QStringList describe(const QList<Finding> &findings, const QStringList &ignore = {})
{
    QStringList result;
    for (const Finding &finding : findings) {
        if (!ignore.contains(finding.rule))
            result.append(QStringLiteral("%1:%2 %3")
                              .arg(QFileInfo(finding.file).fileName())
                              .arg(finding.line)
                              .arg(finding.rule));
    }
    return result;
}

const QStringList Timeouts{QStringLiteral("require-lock-timeout"),
                           QStringLiteral("require-statement-timeout")};

} // namespace

class TestLintFolder : public QObject
{
    Q_OBJECT

private slots:
    void demoMigrations()
    {
        // The demo shows one risky migration (V007); the others follow the safe patterns and
        // draw no finding: timeouts set first; V005/V006 add a NOT VALID check, validate it,
        // then SET NOT NULL; V008 builds its index CONCURRENTLY and so runs outside a
        // transaction; V004 commits between batches.
        const QList<Finding> findings = lintFolder(TestSandbox::sourceDir()
                                                   + QStringLiteral("/resources/demo/migrations"));
        QCOMPARE(
            describe(findings),
            QStringList{QStringLiteral(
                "V007__index_customers_loyalty_tier.sql:7 require-concurrent-index-creation")});
        for (const Finding &finding : findings) {
            if (finding.rule == QLatin1String("require-concurrent-index-creation")) {
                QCOMPARE(finding.severity, Finding::Severity::Error);
                QCOMPARE(finding.table, QStringLiteral("customers"));
            }
        }
    }

    void missingRollback()
    {
        QTemporaryDir flyway;
        write(flyway.filePath(QStringLiteral("V1__create.sql")), "CREATE TABLE t (id bigint);\n");
        write(flyway.filePath(QStringLiteral("V2__column.sql")),
              "ALTER TABLE t ADD COLUMN c text;\n");
        write(flyway.filePath(QStringLiteral("U2__column.sql")), "ALTER TABLE t DROP COLUMN c;\n");
        write(flyway.filePath(QStringLiteral("R__view.sql")),
              "CREATE OR REPLACE VIEW v AS SELECT 1;\n");
        const QList<Finding> findings = lintFolder(flyway.path());
        QCOMPARE(describe(findings, Timeouts),
                 QStringList{QStringLiteral("V1__create.sql:1 missing-rollback")});
        const auto missing = std::find_if(findings.cbegin(), findings.cend(), [](const Finding &f) {
            return f.rule == QLatin1String("missing-rollback");
        });
        QVERIFY(missing != findings.cend());
        QCOMPARE(missing->severity, Finding::Severity::Warning);
        QVERIFY2(missing->message.contains(QLatin1String("create")), qPrintable(missing->message));

        // dbmate: a down section with nothing to run is no rollback.
        QTemporaryDir dbmate;
        write(dbmate.filePath(QStringLiteral("20240101000000_a.sql")),
              "-- migrate:up\nCREATE TABLE a (id bigint);\n\n-- migrate:down\nDROP TABLE a;\n");
        write(
            dbmate.filePath(QStringLiteral("20240102000000_b.sql")),
            "-- migrate:up\nCREATE TABLE b (id bigint);\n\n-- migrate:down\n-- nothing to undo\n");
        QCOMPARE(describe(lintFolder(dbmate.path()), Timeouts),
                 QStringList{QStringLiteral("20240102000000_b.sql:1 missing-rollback")});
    }

    void missingRollbackSuppressedInUpFile()
    {
        // A migration that is deliberately one-way says so in its up script.
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("V1__seed.sql")),
              "-- slipway-ignore-file missing-rollback: reference data, never rolled back\n"
              "CREATE TABLE t (id bigint);\n");
        write(dir.filePath(QStringLiteral("V2__more.sql")),
              "-- squawk-ignore-file prefer-robust-stmts\nCREATE TABLE u (id bigint);\n");
        write(dir.filePath(QStringLiteral("V3__all.sql")),
              "CREATE TABLE v (id bigint);\n-- slipway-ignore-file\n");
        // Only the up script's own directive counts, and only for the rule it names.
        QCOMPARE(describe(lintFolder(dir.path()), Timeouts),
                 QStringList{QStringLiteral("V2__more.sql:1 missing-rollback")});
    }

    void upDownFolders()
    {
        // Findings in a dbmate file point at the file's own lines (sections are blanked, not cut).
        QTemporaryDir dbmateDir;
        write(dbmateDir.filePath(QStringLiteral("20151129054053_test_migration.sql")),
              "-- migrate:up\n"
              "create table users (\n"
              "  id integer,\n"
              "  name varchar(255)\n"
              ");\n"
              "\n"
              "-- migrate:down\n"
              "drop table users;\n");
        QStringList rules = describe(lintFolder(dbmateDir.path()), Timeouts);
        QVERIFY2(rules.contains(
                     QStringLiteral("20151129054053_test_migration.sql:2 prefer-bigint-over-int")),
                 qPrintable(rules.join(QLatin1Char('\n'))));
        QVERIFY2(!rules.join(QLatin1Char(' ')).contains(QLatin1String(":8 ")),
                 qPrintable(rules.join(QLatin1Char('\n')))); // the down section is not linted

        // golang-migrate's layout: the concurrent index runs alone, outside a transaction; an up
        // file without its down file misses a rollback.
        QTemporaryDir golangDir;
        write(golangDir.filePath(QStringLiteral("1085649617_create_users_table.up.sql")),
              "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
        write(golangDir.filePath(QStringLiteral("1085649617_create_users_table.down.sql")),
              "DROP TABLE users;\n");
        write(golangDir.filePath(QStringLiteral("1285849751_add_index_on_user_emails.up.sql")),
              "CREATE UNIQUE INDEX CONCURRENTLY users_email_index ON users (email);\n");
        write(golangDir.filePath(QStringLiteral("1285849751_add_index_on_user_emails.down.sql")),
              "DROP INDEX CONCURRENTLY users_email_index;\n");
        write(golangDir.filePath(QStringLiteral("1585849751_just_a_comment.up.sql")),
              "-- Only a comment.\n");
        rules = describe(lintFolder(golangDir.path()), Timeouts);
        QVERIFY2(!rules.join(QLatin1Char(' '))
                      .contains(QLatin1String("ban-concurrent-index-creation-in-transaction")),
                 qPrintable(rules.join(QLatin1Char('\n'))));
        QVERIFY2(rules.contains(
                     QStringLiteral("1585849751_just_a_comment.up.sql:1 missing-rollback")),
                 qPrintable(rules.join(QLatin1Char('\n'))));
        QCOMPARE(rules.filter(QStringLiteral("missing-rollback")).size(), 1);
    }

    void migrationsRunInTransactions()
    {
        // Each migration runs in a transaction, so VALIDATE next to its NOT VALID add is caught
        // and prefer-robust-stmts stays quiet; a marked file runs without one. A concurrent
        // index next to a statement of the transaction is refused by the engine, and the lint
        // says why.
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("V1__check.sql")),
              "ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0) NOT VALID;\n"
              "ALTER TABLE orders VALIDATE CONSTRAINT positive;\n");
        write(dir.filePath(QStringLiteral("U1__check.sql")),
              "ALTER TABLE orders DROP CONSTRAINT positive;\n");
        write(dir.filePath(QStringLiteral("V2__check.sql")),
              "-- slipway:no-transaction\n"
              "ALTER TABLE orders ADD CONSTRAINT positive2 CHECK (total > 0) NOT VALID;\n"
              "ALTER TABLE orders VALIDATE CONSTRAINT positive2;\n");
        write(dir.filePath(QStringLiteral("U2__check.sql")),
              "ALTER TABLE orders DROP CONSTRAINT positive2;\n");
        write(dir.filePath(QStringLiteral("V3__mixed.sql")),
              "ALTER TABLE orders ADD COLUMN f text;\n"
              "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_f ON orders (f);\n");
        write(dir.filePath(QStringLiteral("U3__mixed.sql")),
              "ALTER TABLE orders DROP COLUMN IF EXISTS f;\n");
        QCOMPARE(
            describe(lintFolder(dir.path()),
                     Timeouts + QStringList{QStringLiteral("prefer-robust-stmts")}),
            (QStringList{QStringLiteral("V1__check.sql:2 constraint-missing-not-valid"),
                         QStringLiteral(
                             "V3__mixed.sql:2 ban-concurrent-index-creation-in-transaction")}));
    }

    void projectConfig()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("slipway.json")),
              "{\n  \"exclude\": [\"require-lock-timeout\", \"prefer-timestamptz\"],\n  "
              "\"pg_version\": 11,\n"
              "  \"impact_threshold\": 500,\n  \"assume_in_transaction\": true\n}\n");
        ProjectConfig config;
        QString error;
        QVERIFY2(ProjectConfig::load(dir.path(), &config, &error), qPrintable(error));
        LintOptions options;
        config.applyTo(&options);
        QCOMPARE(options.pgVersion, 11);
        QCOMPARE(options.impactRowThreshold, 500);
        QVERIFY(options.assumeInTransaction);
        QVERIFY(options.excludedRules.contains(QStringLiteral("prefer-timestamp-tz")));

        write(dir.filePath(QStringLiteral("V1__a.sql")),
              "SET statement_timeout = '1s';\nCREATE TABLE t (at timestamp);\nALTER TABLE t2 ALTER "
              "COLUMN c SET NOT NULL;\n");
        write(dir.filePath(QStringLiteral("U1__a.sql")), "DROP TABLE t;\n");
        // PostgreSQL 11: no validated-check shortcut; excluded rules stay quiet.
        QCOMPARE(describe(lintFolder(dir.path(), options)),
                 QStringList{QStringLiteral("V1__a.sql:3 adding-not-nullable-field")});

        QTemporaryDir empty;
        QVERIFY(ProjectConfig::load(empty.path(), &config, &error));
        QVERIFY(config.excludedRules.isEmpty());
    }

    void projectConfigErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("broken json") << QByteArray("{\n  \"exclude\": [\"a\",\n}\n")
                                     << QStringLiteral("slipway.json:3: invalid JSON");
        QTest::newRow("unknown rule")
            << QByteArray("{\n  \"pg_version\": 14,\n  \"exclude\": [\"no-such-rule\"]\n}")
            << QStringLiteral("slipway.json:3: unknown rule \"no-such-rule\"");
        QTest::newRow("bad version")
            << QByteArray("{\"pg_version\": 9}")
            << QStringLiteral(
                   "slipway.json:1: \"pg_version\" must be a major version from 11 to 17");
        QTest::newRow("unknown key")
            << QByteArray("{\n\n \"exclude_rules\": []}")
            << QStringLiteral("slipway.json:3: unknown setting \"exclude_rules\"");
        QTest::newRow("not an object")
            << QByteArray("[]") << QStringLiteral("slipway.json:1: expected a JSON object");
    }

    void projectConfigErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("slipway.json")), json);
        ProjectConfig config;
        QString error;
        QVERIFY(!ProjectConfig::load(dir.path(), &config, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(error.startsWith(dir.path()));
    }
};

QTEST_GUILESS_MAIN(TestLintFolder)
#include "tst_lintfolder.moc"
