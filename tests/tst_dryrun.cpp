// The honest dry run: every pending migration in one transaction that is rolled back, statements
// PostgreSQL refuses in a transaction rehearsed through their in-transaction equivalent (with the
// real statement's lock reported), what cannot be rehearsed listed by name, and the figures and
// exit codes (0 all passed, 1 a failure, 4 something not rehearsed) that follow the worst; the
// engine against the fixture's server and slipway-cli as a child process.

#include "clirun.h"
#include "migrationfixture.h"
#include "sql/dryrunequivalent.h"
#include "sql/parsedscript.h"
#include "sql/statementkind.h"
#include "testsandbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestDryRun : public MigrationFixture
{
    Q_OBJECT

    QStringList cliArguments(const QStringList &more = {}) const
    {
        return QStringList{QStringLiteral("migrate"), QStringLiteral("--dry-run"),
                           QStringLiteral("--db"), m_conninfo, QStringLiteral("--dir"),
                           folder()}
               + more;
    }

private slots:
    void initTestCase()
    {
        QString error;
        const QString conninfo = TestSandbox::conninfo(QStringLiteral("postgres"), &error);
        QVERIFY2(!conninfo.isEmpty(), qPrintable(error));
    }

    void equivalentStatements_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("expected"); // simplified; empty: no equivalent
        QTest::newRow("create index") << "CREATE INDEX CONCURRENTLY i ON t (a)"
                                      << "CREATE INDEX i ON t (a)";
        QTest::newRow("names and strings keep the word")
            << "create unique index concurrently if not exists \"concurrently\" on t (a) "
               "where b <> 'concurrently' /* concurrently */"
            << "create unique index if not exists \"concurrently\" on t (a) where b <> "
               "'concurrently' /* concurrently */";
        QTest::newRow("comment before") << "/* CONCURRENTLY */ CREATE INDEX CONCURRENTLY ON t (a)"
                                        << "/* CONCURRENTLY */ CREATE INDEX ON t (a)";
        QTest::newRow("drop index") << "DROP INDEX CONCURRENTLY IF EXISTS i"
                                    << "DROP INDEX IF EXISTS i";
        QTest::newRow("reindex word") << "REINDEX INDEX CONCURRENTLY i" << "REINDEX INDEX i";
        QTest::newRow("reindex list alone") << "REINDEX (CONCURRENTLY) TABLE t" << "REINDEX TABLE t";
        QTest::newRow("reindex list first") << "REINDEX (CONCURRENTLY, VERBOSE) INDEX i"
                                            << "REINDEX (VERBOSE) INDEX i";
        QTest::newRow("reindex list last with value")
            << "REINDEX (VERBOSE, CONCURRENTLY true) INDEX i" << "REINDEX (VERBOSE) INDEX i";
        QTest::newRow("reindex schema stays refused") << "REINDEX SCHEMA CONCURRENTLY public" << "";
        QTest::newRow("detach") << "ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY"
                                << "ALTER TABLE p DETACH PARTITION p1";
        QTest::newRow("vacuum") << "VACUUM t" << "";
        QTest::newRow("create database") << "CREATE DATABASE x" << "";
    }

    void equivalentStatements()
    {
        QFETCH(QString, sql);
        QFETCH(QString, expected);
        const ParsedScript parsed = ParsedScript::parse(sql);
        QCOMPARE(parsed.statements().size(), 1);
        QVERIFY(parsed.statements().first().ok());
        const QString reason = StatementKind::nonTransactionalReason(parsed.statements().first().node);
        QVERIFY2(!reason.isEmpty(), "the statement must be one PostgreSQL refuses in a transaction");
        QCOMPARE(DryRunEquivalent::of(sql, reason).simplified(), expected);
    }

    void reindexSchemaRunsOutsideATransaction()
    {
        // PostgreSQL: "REINDEX SCHEMA cannot run inside a transaction block".
        const ParsedScript parsed = ParsedScript::parse(QStringLiteral("REINDEX SCHEMA public"));
        QCOMPARE(StatementKind::nonTransactionalReason(parsed.statements().first().node),
                 QStringLiteral("REINDEX SCHEMA"));
    }

    void dryRunReportsLocksAndChangesNothing()
    {
        fresh();
        m_db->execute(QStringLiteral("CREATE TABLE accounts (id int PRIMARY KEY, name text)"));
        file(QStringLiteral("V1__add_col.sql"), "ALTER TABLE accounts ADD COLUMN email text;\nINSERT INTO accounts VALUES (1, 'a', 'e');\n");
        file(QStringLiteral("V2__idx.sql"), "CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);\n");
        file(QStringLiteral("V3__uses_col.sql"), "UPDATE accounts SET email = lower(email);\n");
        MigrationRunOptions options;
        options.dryRun = true;
        const MigrationRunResult result = migrate(options);
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.dryRun.size(), 4);
        const DryRunStatement &alter = result.dryRun.at(0);
        QCOMPARE(alter.line, 1);
        QVERIFY(alter.locks.contains(qMakePair(QStringLiteral("public.accounts"), QStringLiteral("AccessExclusiveLock"))));
        QCOMPARE(result.dryRun.at(1).rowsAffected, 1);
        // V2 runs as CREATE INDEX (no CONCURRENTLY) and reports the real statement's lock.
        const DryRunStatement &index = result.dryRun.at(2);
        QVERIFY(index.outsideTransaction);
        QCOMPARE(index.rehearsal, DryRunStatement::Rehearsal::Equivalent);
        QCOMPARE(index.rehearsedAs.simplified(),
                 QStringLiteral("CREATE INDEX accounts_email ON accounts (email)"));
        QVERIFY(index.note.contains(QStringLiteral("SHARE UPDATE EXCLUSIVE")));
        QVERIFY(index.locks.contains(qMakePair(QStringLiteral("public.accounts"),
                                               QStringLiteral("ShareUpdateExclusiveLock"))));
        for (const auto &lock : index.locks)
            QCOMPARE(lock.second, QStringLiteral("ShareUpdateExclusiveLock"));
        // V3 sees V1's column: one transaction for the whole dry run.
        QVERIFY2(!result.dryRun.at(3).failed, qPrintable(result.dryRun.at(3).note));
        QCOMPARE(result.dryRun.at(3).rowsAffected, 1);
        // V1 already holds ACCESS EXCLUSIVE on accounts; the UPDATE (its own transaction in the real
        // run) is shown needing it, marked as held from earlier.
        QVERIFY(result.dryRun.at(3).locks.contains(
            qMakePair(QStringLiteral("public.accounts"), QStringLiteral("AccessExclusiveLock (held from earlier)"))));
        // Nothing stayed: no column, no row, no history table.
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM information_schema.columns WHERE column_name = 'email'")), QStringLiteral("0"));
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM accounts")), QStringLiteral("0"));
        QVERIFY(!tableExists(QStringLiteral("slipway.schema_history")));
        QVERIFY(!tableExists(QStringLiteral("accounts_email")));
        const DryRunSummary summary = DryRunSummary::of(result.dryRun);
        QCOMPARE(summary.passed, 4);
        QCOMPARE(summary.failed, 0);
        QVERIFY(summary.notRehearsed.isEmpty());
        QCOMPARE(result.exitCode(), 0);
    }

    void failuresOfEquivalentsAreFailures()
    {
        fresh();
        m_db->execute(QStringLiteral("CREATE TABLE people (id int, email text);"
                                     "INSERT INTO people VALUES (1, 'a'), (2, 'a')"));
        // The real CREATE UNIQUE INDEX CONCURRENTLY would fail on the duplicate (and leave an
        // INVALID index behind); the dry run finds it.
        file(QStringLiteral("V1__unique_email.sql"),
             "CREATE UNIQUE INDEX CONCURRENTLY people_email ON people (email);\n");
        file(QStringLiteral("V2__later.sql"), "CREATE TABLE later (id int);\n");
        const MigrationRunResult result = migrate({.dryRun = true});
        QCOMPARE(result.outcome, MigrationRunResult::Outcome::Failed);
        QCOMPARE(result.cause, MigrationRunResult::Cause::DryRunFailed);
        QCOMPARE(result.exitCode(), 1);
        QVERIFY(result.dryRun.first().failed);
        QVERIFY2(result.dryRun.first().note.contains(QStringLiteral("23505")),
                 qPrintable(result.dryRun.first().note));
        // One failure does not hide the rest.
        QVERIFY(!result.dryRun.last().failed);
        const DryRunSummary summary = DryRunSummary::of(result.dryRun);
        QCOMPARE(summary.failed, 1);
        QCOMPARE(summary.passed, 1);
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM pg_indexes WHERE indexname = 'people_email'")),
                 QStringLiteral("0"));
    }

    void whatCannotBeRehearsedIsListed()
    {
        fresh();
        m_db->execute(QStringLiteral("CREATE TABLE logs (id int)"));
        file(QStringLiteral("V1__vacuum.sql"), "VACUUM (ANALYZE) logs;\n");
        file(QStringLiteral("V2__col.sql"), "ALTER TABLE logs ADD COLUMN at timestamptz;\n");
        const MigrationRunResult result = migrate({.dryRun = true});
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.dryRun.size(), 2);
        QCOMPARE(result.dryRun.first().rehearsal, DryRunStatement::Rehearsal::NotRehearsed);
        QVERIFY(result.dryRun.first().note.contains(QStringLiteral("VACUUM")));
        const DryRunSummary summary = DryRunSummary::of(result.dryRun);
        QCOMPARE(summary.passed, 1);
        QCOMPARE(summary.notRehearsed.size(), 1);
        QVERIFY2(summary.notRehearsed.first().startsWith(QStringLiteral("1 vacuum (V1__vacuum.sql:1)")),
                 qPrintable(summary.notRehearsed.first()));
        QCOMPARE(result.exitCode(), 4);
    }

    void transactionControlOfANoTransactionMigrationIsNotSent()
    {
        fresh();
        // BEGIN … COMMIT inside a migration that runs statement by statement: sent, the COMMIT
        // would commit the dry run itself.
        file(QStringLiteral("V1__batch.sql"),
             "-- slipway:no-transaction\n"
             "BEGIN;\n"
             "CREATE TABLE batch (id int);\n"
             "COMMIT;\n"
             "CREATE INDEX CONCURRENTLY batch_id ON batch (id);\n"
             "SAVEPOINT half;\n");
        const MigrationRunResult result = migrate({.dryRun = true});
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.dryRun.size(), 5);
        using R = DryRunStatement::Rehearsal;
        QCOMPARE(result.dryRun.at(0).rehearsal, R::TransactionControl);
        QCOMPARE(result.dryRun.at(1).rehearsal, R::Ran);
        QCOMPARE(result.dryRun.at(2).rehearsal, R::TransactionControl);
        QCOMPARE(result.dryRun.at(3).rehearsal, R::Equivalent); // sees the table of line 3
        QVERIFY2(!result.dryRun.at(3).failed, qPrintable(result.dryRun.at(3).note));
        QCOMPARE(result.dryRun.at(4).rehearsal, R::NotRehearsed);
        QCOMPARE(result.exitCode(), 4);
        QVERIFY(!tableExists(QStringLiteral("batch")));
    }

    void cliExitCodesAndSummary()
    {
        fresh();
        m_db->execute(QStringLiteral("CREATE TABLE logs (id int)"));
        file(QStringLiteral("V1__idx.sql"), "CREATE INDEX CONCURRENTLY logs_id ON logs (id);\n");
        TestSandbox::CliRun run = TestSandbox::runCli(cliArguments());
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(QStringLiteral("Dry run: 1 passed, 0 failed, 0 not rehearsed")),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("rehearsed as: CREATE INDEX logs_id ON logs (id)")),
                 qPrintable(run.out));

        file(QStringLiteral("V2__vacuum.sql"), "VACUUM logs;\n");
        run = TestSandbox::runCli(cliArguments());
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.out.contains(QStringLiteral("not rehearsed: 2 vacuum (V2__vacuum.sql:1)")),
                 qPrintable(run.out));
        run = TestSandbox::runCli(cliArguments({QStringLiteral("--json")}));
        QCOMPARE(run.exitCode, 4);
        const QJsonObject summary = QJsonDocument::fromJson(run.stdOut)
                                        .object()
                                        .value(QStringLiteral("dry_run_summary"))
                                        .toObject();
        QCOMPARE(summary.value(QStringLiteral("passed")).toInt(), 1);
        QCOMPARE(summary.value(QStringLiteral("not_rehearsed")).toArray().size(), 1);

        file(QStringLiteral("V3__bad.sql"), "ALTER TABLE nosuch ADD COLUMN x int;\n");
        run = TestSandbox::runCli(cliArguments());
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("Dry run: 1 passed, 1 failed, 1 not rehearsed")),
                 qPrintable(run.out));

        run = TestSandbox::runCli({QStringLiteral("migrate"), QStringLiteral("--help")});
        QVERIFY2(run.out.contains(QStringLiteral("4 --dry-run")), qPrintable(run.out));
        // Nothing of any of it stayed.
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM pg_indexes WHERE indexname = 'logs_id'")),
                 QStringLiteral("0"));
    }
};

QTEST_GUILESS_MAIN(TestDryRun)
#include "tst_dryrun.moc"
