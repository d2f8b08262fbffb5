// The migration engine against the fixture's PostgreSQL server: states, validation, all-or-nothing
// transactional migrations, resumable non-transactional ones, retries on lock_timeout,
// rollback, the four dialects, baseline and Flyway adoption, psql features and SQLite; what the
// runner refuses (a changed file to resume, a session with its own transaction) and that errors
// leave the session idle and the history as it was. Dry runs: tst_dryrun.

#include "db/pgconnection.h"
#include "db/sqliteconnection.h"
#include "migrationfixture.h"
#include "migrations/migrationrunner.h"
#include "schemafixtures.h"
#include "testsandbox.h"
#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <thread>

namespace {

using State = MigrationStatusEntry::State;

using TestFiles::write;

QHash<QString, QString> states(const MigrationRunResult &result)
{
    QHash<QString, QString> byVersion;
    for (const MigrationStatusEntry &entry : result.status)
        byVersion.insert(entry.version.isEmpty() ? QStringLiteral("R:") + entry.description : entry.version,
                         MigrationStatusEntry::stateName(entry.state));
    return byVersion;
}

} // namespace

class TestMigrationEngine : public MigrationFixture
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString error;
        const QString conninfo = TestSandbox::conninfo(QStringLiteral("postgres"), &error);
        QVERIFY2(!conninfo.isEmpty(), qPrintable(error));
    }

    void appliesInOrderWithHistory()
    {
        fresh();
        file(QStringLiteral("V1.10__third.sql"), "CREATE TABLE c (id int REFERENCES b);\n");
        file(QStringLiteral("V1__first.sql"), "CREATE TABLE a (id int PRIMARY KEY);\n");
        file(QStringLiteral("V1.9__second.sql"), "CREATE TABLE b (id int PRIMARY KEY REFERENCES a);\n");
        const MigrationRunResult result = migrate();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.done.size(), 3);
        QVERIFY(result.done.at(2).startsWith(QStringLiteral("1.10 ")));
        QCOMPARE(value(QStringLiteral("SELECT string_agg(version, ',' ORDER BY installed_rank) FROM slipway.schema_history")),
                 QStringLiteral("1,1.9,1.10"));
        QCOMPARE(value(QStringLiteral("SELECT bool_and(success) AND bool_and(installed_by = current_user) "
                                      "AND bool_and(length(checksum) = 64) FROM slipway.schema_history")),
                 QStringLiteral("t"));
        // Nothing left to do: a second run changes nothing.
        QVERIFY(migrate().done.isEmpty());
        QCOMPARE(historyRows(), 3);
    }

    void everyStatusState()
    {
        fresh();
        file(QStringLiteral("V1__one.sql"), "CREATE TABLE one (id int);\n");
        file(QStringLiteral("V2__two.sql"), "CREATE TABLE two (id int);\n");
        file(QStringLiteral("V4__four.sql"), "CREATE TABLE four (id int);\n");
        file(QStringLiteral("V5__five.sql"), "-- slipway:no-transaction\nCREATE TABLE five (id int);\nSELECT 1/0;\n");
        QCOMPARE(migrate().outcome, MigrationRunResult::Outcome::Failed); // V5 fails part-way
        file(QStringLiteral("V2__two.sql"), "CREATE TABLE two (id bigint);\n"); // tampered
        file(QStringLiteral("V3__three.sql"), "CREATE TABLE three (id int);\n"); // older than V5
        file(QStringLiteral("V6__six.sql"), "CREATE TABLE six (id int);\n");
        QVERIFY(QFile::remove(m_dir->filePath(QStringLiteral("V4__four.sql"))));
        const QHash<QString, QString> found = states(status());
        QCOMPARE(found.value(QStringLiteral("1")), QStringLiteral("applied"));
        QCOMPARE(found.value(QStringLiteral("2")), QStringLiteral("checksum_mismatch"));
        QCOMPARE(found.value(QStringLiteral("3")), QStringLiteral("out_of_order"));
        QCOMPARE(found.value(QStringLiteral("4")), QStringLiteral("missing_file"));
        QCOMPARE(found.value(QStringLiteral("5")), QStringLiteral("failed"));
        QCOMPARE(found.value(QStringLiteral("6")), QStringLiteral("pending"));
    }

    void tamperedFileRefusesEverything()
    {
        fresh();
        file(QStringLiteral("V1__one.sql"), "CREATE TABLE one (id int);\n");
        QVERIFY(migrate().ok());
        file(QStringLiteral("V1__one.sql"), "CREATE TABLE one (id int, extra int);\n");
        file(QStringLiteral("V2__two.sql"), "CREATE TABLE two (id int);\n");
        const MigrationRunResult refused = migrate();
        QCOMPARE(refused.outcome, MigrationRunResult::Outcome::Failed);
        QCOMPARE(refused.exitCode(), 1);
        QVERIFY2(refused.message.contains(QStringLiteral("changed since it was applied")), qPrintable(refused.message));
        QVERIFY(!tableExists(QStringLiteral("two")));
        QCOMPARE(run(&MigrationRunner::validate).outcome, MigrationRunResult::Outcome::Failed);
        // repair accepts the reviewed file; then the rest applies.
        QVERIFY(run(&MigrationRunner::repair).ok());
        QVERIFY(migrate().ok());
        QVERIFY(tableExists(QStringLiteral("two")));
    }

    void failingTransactionalMigrationLeavesNothing()
    {
        fresh();
        file(QStringLiteral("V1__base.sql"), "CREATE TABLE base (id int);\n");
        file(QStringLiteral("V2__broken.sql"),
             "CREATE TABLE half (id int);\nINSERT INTO base VALUES (1);\nINSERT INTO nowhere VALUES (1);\n");
        const MigrationRunResult failed = migrate();
        QCOMPARE(failed.outcome, MigrationRunResult::Outcome::Failed);
        QVERIFY2(failed.message.contains(QStringLiteral("V2__broken.sql:3")), qPrintable(failed.message));
        QVERIFY2(failed.message.contains(QStringLiteral("nowhere")), qPrintable(failed.message));
        QVERIFY(!tableExists(QStringLiteral("half")));
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM base")), QStringLiteral("0"));
        QCOMPARE(historyRows(), 1); // V1 only; no row for the failed V2
        QCOMPARE(states(status()).value(QStringLiteral("2")), QStringLiteral("pending"));
        file(QStringLiteral("V2__broken.sql"), "CREATE TABLE half (id int);\nINSERT INTO base VALUES (1);\n");
        QVERIFY(migrate().ok());
        QVERIFY(tableExists(QStringLiteral("half")));
    }

    void concurrentIndexAndResumeAfterFailure()
    {
        fresh();
        file(QStringLiteral("V1__table.sql"),
             "CREATE TABLE items (id int, code text);\nCREATE TABLE audit (n int);\n"
             "INSERT INTO items SELECT g, 'c' || (g % 100) FROM generate_series(1, 1000) g;\n");
        // Statement 1 runs once; statement 2 fails (duplicates) and leaves an INVALID index.
        file(QStringLiteral("V2__unique_code.sql"),
             "-- slipway:no-transaction\nINSERT INTO audit VALUES (1);\n"
             "CREATE UNIQUE INDEX CONCURRENTLY items_code_key ON items (code);\n"
             "INSERT INTO audit VALUES (3);\n");
        const MigrationRunResult failed = migrate();
        QCOMPARE(failed.outcome, MigrationRunResult::Outcome::Failed);
        QVERIFY2(failed.message.contains(QStringLiteral("V2__unique_code.sql:3")), qPrintable(failed.message));
        QCOMPARE(value(QStringLiteral("SELECT NOT indisvalid FROM pg_index WHERE indexrelid = 'items_code_key'::regclass")),
                 QStringLiteral("t"));
        QCOMPARE(value(QStringLiteral("SELECT statements_done || '/' || statements_total || ' ' || success "
                                      "FROM slipway.schema_history WHERE version = '2'")),
                 QStringLiteral("1/3 false"));
        m_db->execute(QStringLiteral("UPDATE items SET code = 'u' || id"));
        const MigrationRunResult resumed = migrate();
        QVERIFY2(resumed.ok(), qPrintable(resumed.message));
        QVERIFY2(m_log.join(QLatin1Char('\n')).contains(QStringLiteral("Dropped the INVALID index")), qPrintable(m_log.join(QLatin1Char('\n'))));
        QVERIFY2(m_log.join(QLatin1Char('\n')).contains(QStringLiteral("Resuming")), qPrintable(m_log.join(QLatin1Char('\n'))));
        QCOMPARE(value(QStringLiteral("SELECT indisvalid FROM pg_index WHERE indexrelid = 'items_code_key'::regclass")),
                 QStringLiteral("t"));
        QCOMPARE(value(QStringLiteral("SELECT string_agg(n::text, ',' ORDER BY n) FROM audit")), QStringLiteral("1,3"));
        QCOMPARE(states(status()).value(QStringLiteral("2")), QStringLiteral("applied"));
    }

    // A runner killed during CREATE INDEX CONCURRENTLY leaves its server backend building the
    // index. Here a second session plays that backend: its build waits behind a third session's
    // ROW EXCLUSIVE lock while the history says the migration stopped before that statement. The
    // resume waits for it (and gives up at --lock-wait, touching nothing), then finds the index
    // VALID and equal to the statement and records the statement as done instead of failing with
    // "already exists". A VALID index of that name that differs stops the resume, naming it.
    void resumeWaitsForOrphanedIndexBuild()
    {
        fresh();
        file(QStringLiteral("V1__table.sql"),
             "CREATE TABLE items (id int, code text);\nCREATE TABLE audit (n int);\n"
             "INSERT INTO items SELECT g, 'c' || g FROM generate_series(1, 1000) g;\n");
        QVERIFY(migrate().ok());
        const QByteArray build = "CREATE INDEX CONCURRENTLY items_code ON items (code)";
        file(QStringLiteral("V2__index.sql"),
             "-- slipway:no-transaction\nINSERT INTO audit VALUES (1);\n" + build
                 + ";\nINSERT INTO audit VALUES (3);\n");
        // Stop the first run at the index: lock_timeout while the table is locked.
        MigrationRunOptions quick;
        quick.lockTimeoutMs = 100;
        m_db->begin();
        m_db->execute(QStringLiteral("LOCK TABLE items IN ACCESS EXCLUSIVE MODE"));
        const MigrationRunResult stopped = migrate(quick);
        m_db->rollback();
        QCOMPARE(stopped.outcome, MigrationRunResult::Outcome::Failed);
        QCOMPARE(value(QStringLiteral("SELECT statements_done || '/' || statements_total || ' ' || "
                                      "success FROM slipway.schema_history WHERE version = '2'")),
                 QStringLiteral("1/3 false"));

        // The orphan: its build creates the INVALID index, then waits for the writer's lock.
        m_db->begin();
        m_db->execute(QStringLiteral("LOCK TABLE items IN ROW EXCLUSIVE MODE"));
        QString orphanError;
        std::thread orphan([&] {
            PgConnection connection(m_conninfo);
            connection.open();
            try {
                connection.execute(QString::fromUtf8(build));
            } catch (const DbException &e) {
                orphanError = e.error().toDisplayString();
            }
        });
        PgConnection watch(m_conninfo);
        watch.open();
        const QString orphanWaits = QStringLiteral(
            "SELECT count(*) FROM pg_stat_activity WHERE query LIKE "
            "'CREATE INDEX CONCURRENTLY items_code%' AND wait_event_type = 'Lock'");
        QTRY_COMPARE_WITH_TIMEOUT(watch.fetchAll(orphanWaits).text(0, 0),
                                  QStringLiteral("1"),
                                  10000);

        MigrationRunOptions brief;
        brief.lockWaitSeconds = 1;
        const MigrationRunResult gaveUp = migrate(brief);
        QCOMPARE(gaveUp.outcome, MigrationRunResult::Outcome::LockTimeout);
        QCOMPARE(gaveUp.exitCode(), 3);
        QVERIFY2(gaveUp.message.contains(QStringLiteral("still running this statement")),
                 qPrintable(gaveUp.message));
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM pg_index WHERE indexrelid = "
                                      "'items_code'::regclass AND NOT indisvalid")),
                 QStringLiteral("1")); // the orphan's index was left alone

        MigrationRunOptions patient;
        patient.lockWaitSeconds = 30;
        MigrationRunResult resumed;
        std::thread runner([&] { resumed = migrate(patient); });
        QTest::qWait(1500);
        m_db->rollback(); // the orphan's build goes on and finishes
        orphan.join();
        runner.join();
        QVERIFY2(orphanError.isEmpty(), qPrintable(orphanError));
        QVERIFY2(resumed.ok(), qPrintable(resumed.message));
        const QString log = m_log.join(QLatin1Char('\n'));
        QVERIFY2(log.contains(QStringLiteral("Waiting for an earlier run to finish")),
                 qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("already exists and is VALID")), qPrintable(log));
        QCOMPARE(value(QStringLiteral(
                     "SELECT indisvalid FROM pg_index WHERE indexrelid = 'items_code'::regclass")),
                 QStringLiteral("t"));
        QCOMPARE(value(QStringLiteral("SELECT string_agg(n::text, ',' ORDER BY n) FROM audit")),
                 QStringLiteral("1,3"));
        QCOMPARE(states(status()).value(QStringLiteral("2")), QStringLiteral("applied"));

        // A VALID index of the statement's name on other columns is not taken for it.
        file(QStringLiteral("V3__id.sql"), "CREATE INDEX CONCURRENTLY items_id ON items (id);\n");
        m_db->begin();
        m_db->execute(QStringLiteral("LOCK TABLE items IN ACCESS EXCLUSIVE MODE"));
        QCOMPARE(migrate(quick).outcome, MigrationRunResult::Outcome::Failed);
        m_db->rollback();
        m_db->execute(QStringLiteral("CREATE INDEX items_id ON items (code)"));
        const MigrationRunResult different = migrate();
        QCOMPARE(different.outcome, MigrationRunResult::Outcome::Failed);
        QVERIFY2(different.message.contains(
                     QStringLiteral("differs from what the statement creates")),
                 qPrintable(different.message));
        m_db->execute(QStringLiteral("DROP INDEX items_id"));
        const MigrationRunResult rebuilt = migrate();
        QVERIFY2(rebuilt.ok(), qPrintable(rebuilt.message));
        QCOMPARE(value(QStringLiteral("SELECT pg_get_indexdef('items_id'::regclass)")),
                 QStringLiteral("CREATE INDEX items_id ON public.items USING btree (id)"));
    }

    void resumeRefusesChangedFile()
    {
        fresh();
        const QByteArray original
            = "-- slipway:no-transaction\nCREATE TABLE IF NOT EXISTS a (id int);\n"
              "CREATE TABLE IF NOT EXISTS b (id int);\nSELECT 1/0;\nCREATE TABLE c (id int);\n";
        file(QStringLiteral("V1__split.sql"), original);
        QCOMPARE(migrate().outcome, MigrationRunResult::Outcome::Failed); // 2 of 4 done
        const QString before = value(QStringLiteral(
            "SELECT statements_done || ' ' || checksum FROM slipway.schema_history"));
        // A statement inserted before the failed one: resuming at statement 3 would skip it.
        file(QStringLiteral("V1__split.sql"),
             "-- slipway:no-transaction\nCREATE TABLE IF NOT EXISTS a (id int);\nCREATE TABLE "
             "early (id int);\n"
             "CREATE TABLE IF NOT EXISTS b (id int);\nCREATE TABLE c (id int);\n");
        const MigrationRunResult refused = migrate();
        QCOMPARE(refused.outcome, MigrationRunResult::Outcome::Failed);
        QCOMPARE(refused.cause, MigrationRunResult::Cause::ChangedAfterFailure);
        QCOMPARE(refused.exitCode(), 1);
        QVERIFY2(refused.message.contains(QStringLiteral("V1__split.sql")),
                 qPrintable(refused.message));
        QVERIFY2(refused.message.contains(QStringLiteral("slipway-cli repair")),
                 qPrintable(refused.message));
        QVERIFY(!tableExists(QStringLiteral("early")));
        QVERIFY(!tableExists(QStringLiteral("c")));
        QCOMPARE(value(QStringLiteral(
                     "SELECT statements_done || ' ' || checksum FROM slipway.schema_history")),
                 before);
        QCOMPARE(run(&MigrationRunner::validate).cause,
                 MigrationRunResult::Cause::ChangedAfterFailure);
        // The way out the message names: repair clears the failed attempt, then the file runs whole.
        const MigrationRunResult repaired = run(&MigrationRunner::repair);
        QVERIFY2(repaired.ok(), qPrintable(repaired.message));
        const MigrationRunResult applied = migrate();
        QVERIFY2(applied.ok(), qPrintable(applied.message));
        QVERIFY(tableExists(QStringLiteral("early")));
        QVERIFY(tableExists(QStringLiteral("c")));

        // With no statement done nothing is skipped: the changed file runs from its first one.
        fresh();
        file(QStringLiteral("V1__first_fails.sql"),
             "-- slipway:no-transaction\nSELECT 1/0;\nCREATE TABLE d (id int);\n");
        QCOMPARE(migrate().outcome, MigrationRunResult::Outcome::Failed);
        file(QStringLiteral("V1__first_fails.sql"),
             "-- slipway:no-transaction\nSELECT 1;\nCREATE TABLE d (id int);\n");
        const MigrationRunResult resumed = migrate();
        QVERIFY2(resumed.ok(), qPrintable(resumed.message));
        QCOMPARE(states(status()).value(QStringLiteral("1")), QStringLiteral("applied"));
    }

    void historyKeepsUserTextExactly()
    {
        fresh();
        // QString::arg() chained over SQL holding these names would replace the %1 and %2 in them.
        const QString transactional = QStringLiteral("V1__50%1_off_o'neil%2.sql");
        const QString outside = QStringLiteral("V2__%1_back\\slash_'%3'.sql");
        file(transactional, "CREATE TABLE t (id int);\n");
        file(outside, "-- slipway:no-transaction\nCREATE INDEX CONCURRENTLY t_id ON t (id);\n");
        const MigrationRunResult result = migrate();
        QVERIFY2(result.ok(), qPrintable(result.message));
        const RowBatch rows = m_db->fetchAll(
            QStringLiteral("SELECT script, description, success, statements_done FROM "
                           "slipway.schema_history ORDER BY installed_rank"));
        QCOMPARE(rows.rowCount(), 2);
        QCOMPARE(rows.text(0, 0), transactional);
        QCOMPARE(rows.text(0, 1), QStringLiteral("50%1 off o'neil%2"));
        QCOMPARE(rows.text(1, 0), outside);
        QCOMPARE(rows.text(1, 1), QStringLiteral("%1 back\\slash '%3'"));
        QCOMPARE(rows.text(1, 2), QStringLiteral("t"));
        QCOMPARE(rows.text(1, 3), QStringLiteral("1"));
        QCOMPARE(states(status()).value(QStringLiteral("2")), QStringLiteral("applied"));
        QVERIFY2(m_log.join(QLatin1Char('\n'))
                     .contains(QStringLiteral("Applying 1 50%1 off o'neil%2")),
                 qPrintable(m_log.join(QLatin1Char('\n'))));

        // The same through SQLite's history table.
        auto sqliteDir = std::make_unique<QTemporaryDir>();
        write(sqliteDir->filePath(QStringLiteral("m/") + transactional),
              "CREATE TABLE t (id int);\n");
        SqliteConnection sqlite(sqliteDir->filePath(QStringLiteral("app.db")),
                                SqliteConnection::OpenMode::CreateIfMissing);
        sqlite.open();
        MigrationRunner runner(sqlite, sqliteDir->filePath(QStringLiteral("m")));
        const MigrationRunResult local = runner.migrate();
        QVERIFY2(local.ok(), qPrintable(local.message));
        const RowBatch row = sqlite.fetchAll(
            QStringLiteral("SELECT script, description FROM slipway_schema_history"));
        QCOMPARE(row.text(0, 0), transactional);
        QCOMPARE(row.text(0, 1), QStringLiteral("50%1 off o'neil%2"));
    }

    void runnerRefusesSessionWithTransaction()
    {
        fresh();
        file(QStringLiteral("V1__t.sql"), "CREATE TABLE t (id int);\n");
        PgConnection session(m_conninfo);
        session.open();
        session.execute(QStringLiteral("CREATE TABLE mine (id int)"));
        session.begin();
        session.execute(QStringLiteral("INSERT INTO mine VALUES (1)"));
        auto verbs = [this](Connection &connection) {
            QList<MigrationRunResult> results;
            MigrationRunOptions options;
            results << MigrationRunner(connection,
                                       folder(),
                                       MigrationFolder::Dialect::Unknown,
                                       options)
                           .migrate();
            options.dryRun = true;
            results << MigrationRunner(connection,
                                       folder(),
                                       MigrationFolder::Dialect::Unknown,
                                       options)
                           .migrate();
            options.dryRun = false;
            options.steps = 1;
            results << MigrationRunner(connection,
                                       folder(),
                                       MigrationFolder::Dialect::Unknown,
                                       options)
                           .rollback();
            results << MigrationRunner(connection, folder()).baseline(QStringLiteral("1"), false);
            results << MigrationRunner(connection, folder()).repair();
            return results;
        };
        for (const MigrationRunResult &result : verbs(session)) {
            QCOMPARE(result.outcome, MigrationRunResult::Outcome::Failed);
            QCOMPARE(result.cause, MigrationRunResult::Cause::SessionBusy);
            QVERIFY2(result.message.contains(QStringLiteral("transaction open")),
                     qPrintable(result.message));
        }
        // The user's transaction is untouched: still open, its row not committed, nothing applied.
        QCOMPARE(session.transactionState(), Connection::TransactionState::InTransaction);
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM mine")), QStringLiteral("0"));
        QVERIFY(!tableExists(QStringLiteral("slipway.schema_history")));
        session.commit();
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM mine")), QStringLiteral("1"));

        // A failed transaction is refused the same way and stays for its owner to roll back.
        session.begin();
        QVERIFY_THROWS_EXCEPTION(DbException, session.execute(QStringLiteral("SELECT 1/0")));
        QCOMPARE(session.transactionState(), Connection::TransactionState::Failed);
        for (const MigrationRunResult &result : verbs(session))
            QCOMPARE(result.cause, MigrationRunResult::Cause::SessionBusy);
        QCOMPARE(session.transactionState(), Connection::TransactionState::Failed);
        session.rollback();
        QVERIFY(MigrationRunner(session, folder()).migrate().ok());
        QVERIFY(tableExists(QStringLiteral("t")));
    }

    void baselineAndRepairRollBackOnError()
    {
        fresh();
        file(QStringLiteral("V1__t.sql"), "CREATE TABLE t (id int);\n");
        file(QStringLiteral("V2__fails.sql"),
             "-- slipway:no-transaction\nCREATE TABLE u (id int);\nSELECT 1/0;\n");
        QCOMPARE(migrate().outcome, MigrationRunResult::Outcome::Failed);
        file(QStringLiteral("V1__t.sql"), "CREATE TABLE t (id bigint);\n"); // a checksum to accept
        // The history table refuses every change: repair's first write fails.
        m_db->execute(
            QStringLiteral("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN "
                           "RAISE EXCEPTION 'history is frozen'; END$$;"
                           "CREATE TRIGGER frozen BEFORE UPDATE OR DELETE ON "
                           "slipway.schema_history FOR EACH ROW EXECUTE FUNCTION refuse()"));
        const QString before = value(QStringLiteral(
            "SELECT string_agg(version || success || checksum, ',' ORDER BY installed_rank) "
            "FROM slipway.schema_history"));
        PgConnection session(m_conninfo);
        session.open();
        const MigrationRunResult repair = MigrationRunner(session, folder()).repair();
        QCOMPARE(repair.outcome, MigrationRunResult::Outcome::Failed);
        QVERIFY2(repair.message.contains(QStringLiteral("history is frozen")),
                 qPrintable(repair.message));
        QVERIFY(repair.done.isEmpty());
        QCOMPARE(session.transactionState(), Connection::TransactionState::Idle);
        QCOMPARE(
            value(QStringLiteral(
                "SELECT string_agg(version || success || checksum, ',' ORDER BY installed_rank) "
                "FROM slipway.schema_history")),
            before);

        // Baseline: the history row breaks a rule, so its insert (or Flyway's copy) fails.
        fresh();
        file(QStringLiteral("V1__t.sql"), "CREATE TABLE t (id int);\n");
        m_db->execute(
            QStringLiteral("CREATE SCHEMA slipway;"
                           "CREATE TABLE slipway.schema_history (installed_rank integer PRIMARY "
                           "KEY, version text, "
                           "description text NOT NULL, type text NOT NULL CHECK (type <> "
                           "'BASELINE'), script text NOT NULL, "
                           "checksum text, installed_by text NOT NULL DEFAULT current_user, "
                           "installed_on timestamptz NOT NULL DEFAULT now(), "
                           "execution_ms bigint NOT NULL DEFAULT 0, success boolean NOT NULL, "
                           "statements_done integer, statements_total integer);"
                           "CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, "
                           "version varchar(50), "
                           "description varchar(200) NOT NULL, type varchar(20) NOT NULL, script "
                           "varchar(1000) NOT NULL, "
                           "checksum int, installed_by varchar(100) NOT NULL, installed_on "
                           "timestamp NOT NULL DEFAULT now(), "
                           "execution_time int NOT NULL, success boolean NOT NULL);"
                           "INSERT INTO flyway_schema_history VALUES (1, '1', '<< Flyway Baseline "
                           ">>', 'BASELINE', 'V1', NULL, 'flyway', now(), 0, true)"));
        PgConnection other(m_conninfo);
        other.open();
        for (const bool fromFlyway : {false, true}) {
            const MigrationRunResult result = MigrationRunner(other, folder())
                                                  .baseline(QStringLiteral("1"), fromFlyway);
            QCOMPARE(result.outcome, MigrationRunResult::Outcome::Failed);
            QVERIFY2(result.message.contains(QStringLiteral("23514")), qPrintable(result.message));
            QVERIFY(result.done.isEmpty());
            QCOMPARE(other.transactionState(), Connection::TransactionState::Idle);
            QCOMPARE(historyRows(), 0);
        }
    }

    void unreadableHistoryIsAnError()
    {
        fresh();
        file(QStringLiteral("V1__t.sql"), "CREATE TABLE t (id int);\n");
        // A history table with other columns, made by hand or by another tool.
        m_db->execute(
            QStringLiteral("CREATE SCHEMA slipway; CREATE TABLE slipway.schema_history (id int)"));
        const QList<MigrationRunResult> results{status(),
                                                run(&MigrationRunner::validate),
                                                migrate()};
        for (const MigrationRunResult &result : results) {
            QCOMPARE(result.outcome, MigrationRunResult::Outcome::Failed);
            QCOMPARE(result.cause, MigrationRunResult::Cause::History);
            QVERIFY2(result.message.contains(QStringLiteral("slipway.schema_history")),
                     qPrintable(result.message));
            QVERIFY2(result.message.contains(QStringLiteral("installed_rank")),
                     qPrintable(result.message));
        }
        QVERIFY(!tableExists(QStringLiteral("t")));
    }

    void lockTimeoutIsRetried()
    {
        fresh();
        file(QStringLiteral("V1__t.sql"), "CREATE TABLE busy (id int);\n");
        QVERIFY(migrate().ok());
        file(QStringLiteral("V2__alter.sql"), "ALTER TABLE busy ADD COLUMN note text;\n");
        // Another session holds the table for about a second; lock_timeout is 100 ms, so the first
        // attempt or two fail with 55P03 and a later one gets through.
        PgConnection blocker(m_conninfo);
        blocker.open();
        blocker.begin();
        blocker.execute(QStringLiteral("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE"));
        std::thread release([&blocker] {
            std::this_thread::sleep_for(std::chrono::milliseconds(1200));
        });
        MigrationRunOptions options;
        options.lockTimeoutMs = 100;
        MigrationRunResult result;
        std::thread runner([&] { result = migrate(options); });
        release.join();
        blocker.rollback(); // on its own thread, as a Connection must be
        runner.join();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QVERIFY2(m_log.join(QLatin1Char('\n')).contains(QStringLiteral("trying again")), qPrintable(m_log.join(QLatin1Char('\n'))));

        // With no retries left the failure says what happened.
        file(QStringLiteral("V3__alter.sql"), "ALTER TABLE busy ADD COLUMN more text;\n");
        blocker.begin();
        blocker.execute(QStringLiteral("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE"));
        options.lockRetries = 0;
        const MigrationRunResult failed = migrate(options);
        blocker.rollback();
        QCOMPARE(failed.outcome, MigrationRunResult::Outcome::Failed);
        QVERIFY2(failed.message.contains(QStringLiteral("55P03")), qPrintable(failed.message));
    }

    void rollbackStepsAndTarget()
    {
        fresh();
        for (int v = 1; v <= 4; ++v) {
            file(QStringLiteral("%1_t%1.up.sql").arg(v), QStringLiteral("CREATE TABLE t%1 (id int);\n").arg(v).toUtf8());
            file(QStringLiteral("%1_t%1.down.sql").arg(v), QStringLiteral("DROP TABLE t%1;\n").arg(v).toUtf8());
        }
        QVERIFY(migrate().ok());
        MigrationRunOptions options;
        options.steps = 1;
        QVERIFY(run(&MigrationRunner::rollback, options).ok());
        QVERIFY(!tableExists(QStringLiteral("t4")));
        QVERIFY(tableExists(QStringLiteral("t3")));
        options.steps = 0;
        options.target = QStringLiteral("1");
        const MigrationRunResult down = run(&MigrationRunner::rollback, options);
        QVERIFY2(down.ok(), qPrintable(down.message));
        QCOMPARE(down.done.size(), 2);
        QVERIFY(down.done.first().startsWith(QStringLiteral("3 ")));
        QVERIFY(tableExists(QStringLiteral("t1")));
        QVERIFY(!tableExists(QStringLiteral("t2")));
        QCOMPARE(historyRows(), 1);
        // A migration without a down script stops the rollback before anything runs.
        QVERIFY(migrate().ok());
        QVERIFY(QFile::remove(m_dir->filePath(QStringLiteral("3_t3.down.sql"))));
        options.target = QStringLiteral("1");
        const MigrationRunResult refused = run(&MigrationRunner::rollback, options);
        QCOMPARE(refused.outcome, MigrationRunResult::Outcome::Failed);
        QCOMPARE(refused.cause, MigrationRunResult::Cause::NoRollbackScript);
        QVERIFY2(refused.message.contains(QStringLiteral("has no rollback script")), qPrintable(refused.message));
        QVERIFY(tableExists(QStringLiteral("t4")));
    }

    void dbmateSectionsAndRepeatables()
    {
        fresh();
        file(QStringLiteral("20250101090000_create_notes.sql"),
             "-- migrate:up\nCREATE TABLE notes (id int);\n\n-- migrate:down\nDROP TABLE notes;\n");
        file(QStringLiteral("20250102090000_idx.sql"),
             "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY notes_id ON notes (id);\n"
             "-- migrate:down\nDROP INDEX notes_id;\n");
        QVERIFY2(migrate().ok(), qPrintable(m_log.join(QLatin1Char('\n'))));
        QVERIFY(tableExists(QStringLiteral("notes_id")));
        MigrationRunOptions options;
        options.steps = 2;
        QVERIFY(run(&MigrationRunner::rollback, options).ok());
        QVERIFY(!tableExists(QStringLiteral("notes")));

        fresh();
        file(QStringLiteral("V1__t.sql"), "CREATE TABLE t (id int);\n");
        file(QStringLiteral("R__view.sql"), "CREATE OR REPLACE VIEW v AS SELECT id FROM t;\n");
        QVERIFY(migrate().ok());
        QCOMPARE(states(status()).value(QStringLiteral("R:view")), QStringLiteral("applied"));
        file(QStringLiteral("R__view.sql"), "CREATE OR REPLACE VIEW v AS SELECT id, id * 2 AS twice FROM t;\n");
        QCOMPARE(states(status()).value(QStringLiteral("R:view")), QStringLiteral("pending"));
        const MigrationRunResult again = migrate();
        QVERIFY(again.ok());
        QCOMPARE(again.done.size(), 1);
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM information_schema.columns WHERE table_name = 'v'")), QStringLiteral("2"));
        QCOMPARE(historyRows(), 2); // the repeatable keeps one row
    }

    void malformedFolderRunsNothing()
    {
        fresh();
        file(QStringLiteral("V1__ok.sql"), "CREATE TABLE ok (id int);\n");
        file(QStringLiteral("V1__again.sql"), "CREATE TABLE again (id int);\n");
        const MigrationRunResult result = migrate();
        QCOMPARE(result.outcome, MigrationRunResult::Outcome::InputError);
        QCOMPARE(result.exitCode(), 2);
        QVERIFY2(result.message.contains(QStringLiteral("V1__again.sql")), qPrintable(result.message));
        QVERIFY(!tableExists(QStringLiteral("ok")));

        fresh();
        file(QStringLiteral("V1__ok.sql"), "CREATE TABLE ok (id int);\n");
        file(QStringLiteral("V2__bad_meta.sql"), "SELECT 1;\n\\gexec\n");
        const MigrationRunResult meta = migrate();
        QCOMPARE(meta.outcome, MigrationRunResult::Outcome::InputError);
        QVERIFY2(meta.message.contains(QStringLiteral("V2__bad_meta.sql:2")), qPrintable(meta.message));
        QVERIFY(!tableExists(QStringLiteral("ok")));
    }

    void baselineAndFlywayAdoption()
    {
        fresh();
        for (int v = 1; v <= 3; ++v)
            file(QStringLiteral("V%1__t%1.sql").arg(v), QStringLiteral("CREATE TABLE t%1 (id int);\n").arg(v).toUtf8());
        QVERIFY(run([](MigrationRunner &r) { return r.baseline(QStringLiteral("2"), false); }).ok());
        QHash<QString, QString> found = states(status());
        QCOMPARE(found.value(QStringLiteral("1")), QStringLiteral("below_baseline"));
        QCOMPARE(found.value(QStringLiteral("3")), QStringLiteral("pending"));
        QVERIFY(migrate().ok());
        QVERIFY(!tableExists(QStringLiteral("t1")));
        QVERIFY(tableExists(QStringLiteral("t3")));
        QCOMPARE(run([](MigrationRunner &r) { return r.baseline(QStringLiteral("5"), false); }).outcome,
                 MigrationRunResult::Outcome::Failed);

        fresh();
        for (int v = 1; v <= 3; ++v)
            file(QStringLiteral("V%1__t%1.sql").arg(v), QStringLiteral("CREATE TABLE t%1 (id int);\n").arg(v).toUtf8());
        // Flyway 9's table, with V1 and V2 applied by Flyway.
        m_db->execute(QStringLiteral(
            "CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50), "
            "description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, "
            "checksum int, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(), "
            "execution_time int NOT NULL, success boolean NOT NULL);"
            "INSERT INTO flyway_schema_history VALUES (1, '1', 't1', 'SQL', 'V1__t1.sql', 12345, 'flyway', now(), 5, true),"
            "(2, '2', 't2', 'SQL', 'V2__t2.sql', -678, 'flyway', now(), 7, true);"
            "CREATE TABLE t1 (id int); CREATE TABLE t2 (id int);"));
        const MigrationRunResult adopted = run([](MigrationRunner &r) { return r.baseline(QString(), true); });
        QVERIFY2(adopted.ok(), qPrintable(adopted.message));
        found = states(adopted);
        QCOMPARE(found.value(QStringLiteral("1")), QStringLiteral("applied"));
        QCOMPARE(found.value(QStringLiteral("2")), QStringLiteral("applied"));
        QCOMPARE(found.value(QStringLiteral("3")), QStringLiteral("pending"));
        QVERIFY(migrate().ok());
        QVERIFY(tableExists(QStringLiteral("t3")));
        QCOMPARE(value(QStringLiteral("SELECT installed_by FROM slipway.schema_history WHERE version = '1'")), QStringLiteral("flyway"));
    }

    void psqlFeatures()
    {
        fresh();
        file(QStringLiteral("lib/colours.sql"), "CREATE TABLE :\"table\" (id int, name text);\n");
        file(QStringLiteral("V1__colours.sql"),
             "\\set ON_ERROR_STOP on\n\\set table colours\n\\echo creating :table\n\\i lib/colours.sql\n"
             "COPY colours (id, name) FROM stdin;\n1\tred\n2\tgreen\n\\.\n"
             "INSERT INTO colours VALUES (3, :'third');\n");
        MigrationRunOptions options;
        options.variables.insert(QStringLiteral("third"), QStringLiteral("o'range"));
        const MigrationRunResult result = migrate(options);
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(value(QStringLiteral("SELECT string_agg(name, ',' ORDER BY id) FROM colours")), QStringLiteral("red,green,o'range"));
        QVERIFY2(m_log.contains(QStringLiteral("creating colours")), qPrintable(m_log.join(QLatin1Char('\n'))));
    }

    void sqliteFile()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        const QString path = m_dir->filePath(QStringLiteral("app.db"));
        file(QStringLiteral("m/1_users.up.sql"), "CREATE TABLE users (id integer PRIMARY KEY, name text);\n");
        file(QStringLiteral("m/1_users.down.sql"), "DROP TABLE users;\n");
        file(QStringLiteral("m/2_seed.up.sql"), "INSERT INTO users (name) VALUES ('ann');\nINSERT INTO users (name) VALUES ('bob');\n");
        file(QStringLiteral("m/2_seed.down.sql"), "DELETE FROM users;\n");
        file(QStringLiteral("m/3_broken.up.sql"), "INSERT INTO users (name) VALUES ('cy');\nINSERT INTO nowhere VALUES (1);\n");
        file(QStringLiteral("m/3_broken.down.sql"), "SELECT 1;\n");
        SqliteConnection connection(path, SqliteConnection::OpenMode::CreateIfMissing);
        connection.open();
        MigrationRunner runner(connection, m_dir->filePath(QStringLiteral("m")));
        const MigrationRunResult result = runner.migrate();
        QCOMPARE(result.outcome, MigrationRunResult::Outcome::Failed);
        QCOMPARE(result.done.size(), 2);
        QCOMPARE(connection.fetchAll(QStringLiteral("SELECT count(*) FROM users")).text(0, 0), QStringLiteral("2"));
        // golang-migrate's file names: its one-row table, as its SQLite driver keeps it.
        QCOMPARE(result.tool, MigrationTool::GolangMigrate);
        QCOMPARE(connection.fetchAll(QStringLiteral("SELECT version || ':' || dirty FROM schema_migrations")).text(0, 0),
                 QStringLiteral("2:0"));
        QHash<QString, QString> found = states(runner.status());
        QCOMPARE(found.value(QStringLiteral("2")), QStringLiteral("applied"));
        QCOMPARE(found.value(QStringLiteral("3")), QStringLiteral("pending"));
        MigrationRunOptions options;
        options.target = QStringLiteral("0");
        MigrationRunner back(connection, m_dir->filePath(QStringLiteral("m")), MigrationFolder::Dialect::Unknown, options);
        QVERIFY(back.rollback().ok());
        QCOMPARE(connection.fetchAll(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'users'")).text(0, 0),
                 QStringLiteral("0"));
    }
};

QTEST_GUILESS_MAIN(TestMigrationEngine)
#include "tst_migrationengine.moc"
