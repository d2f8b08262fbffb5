// Slipway's engine recording in another tool's history table, exactly as that tool writes it, on
// a real server: dbmate's schema_migrations (one varchar row per applied version) and
// golang-migrate's (one row: the newest version and its dirty flag). The expected rows and
// column types are the tools' own, from their sources (docs/history-tables.md §1 and §2), so
// the tool keeps working beside Slipway; Slipway's extra knowledge (checksums, progress) lives in
// slipway.tool_history and never in the tool's table.

#include "migrationfixture.h"

#include "migrations/flywayhistory.h"

#include "migrations/migrationtool.h"

#include <QTest>

namespace {

using State = MigrationStatusEntry::State;

QList<State> states(const MigrationRunResult &result)
{
    QList<State> out;
    for (const MigrationStatusEntry &entry : result.status)
        out << entry.state;
    return out;
}

} // namespace

class TestToolHistory : public MigrationFixture
{
    Q_OBJECT

    void dbmateFolder()
    {
        file(QStringLiteral("20240101000000_create_a.sql"),
             "-- migrate:up\nCREATE TABLE a (id bigint);\n-- migrate:down\nDROP TABLE a;\n");
        file(QStringLiteral("20240102000000_index_a.sql"),
             "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n"
             "-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY a_id;\n");
    }

    void golangFolder()
    {
        file(QStringLiteral("0001_create_g.up.sql"), "CREATE TABLE g (id bigint);\n");
        file(QStringLiteral("0001_create_g.down.sql"), "DROP TABLE g;\n");
        file(QStringLiteral("0002_add_n.up.sql"), "ALTER TABLE g ADD COLUMN n text;\n");
        file(QStringLiteral("0002_add_n.down.sql"), "ALTER TABLE g DROP COLUMN n;\n");
        file(QStringLiteral("0003_add_m.up.sql"), "ALTER TABLE g ADD COLUMN m text;\n");
        file(QStringLiteral("0003_add_m.down.sql"), "ALTER TABLE g DROP COLUMN m;\n");
    }

    // Flyway's table as Flyway 10 creates it on PostgreSQL, before any Slipway run.
    void createFlywayTable()
    {
        m_db->execute(QStringLiteral("CREATE TABLE flyway_schema_history (installed_rank INT NOT "
                                     "NULL PRIMARY KEY, version VARCHAR(50), description "
                                     "VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script "
                                     "VARCHAR(1000) NOT NULL, checksum INTEGER, installed_by "
                                     "VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL "
                                     "DEFAULT now(), execution_time INTEGER NOT NULL, success "
                                     "BOOLEAN NOT NULL)"));
    }

    QString golangRow()
    {
        const RowBatch rows = m_db->fetchAll(QStringLiteral(
            "SELECT string_agg(version || ':' || dirty, ',') FROM schema_migrations"));
        return rows.text(0, 0);
    }

    MigrationRunResult rollback(int steps)
    {
        MigrationRunOptions options;
        options.steps = steps;
        return run(&MigrationRunner::rollback, options);
    }

private slots:
    void initTestCase() { m_defaultTool.reset(); } // detection is what this suite tests
    void init() { fresh(); }

    void dbmateTableAsDbmateWritesIt()
    {
        dbmateFolder();
        const MigrationRunResult result = migrate();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.tool, MigrationTool::Dbmate);
        QCOMPARE(result.historyTable, QStringLiteral("schema_migrations"));
        // dbmate's own definition: version varchar(255), the primary key; nothing else.
        QCOMPARE(value(QStringLiteral(
                     "SELECT string_agg(column_name || ' ' || data_type || ' ' || "
                     "coalesce(character_maximum_length::text, ''), ',') "
                     "FROM information_schema.columns WHERE table_name = 'schema_migrations'")),
                 QStringLiteral("version character varying 255"));
        QCOMPARE(value(QStringLiteral("SELECT string_agg(version, ',' ORDER BY version) "
                                      "FROM schema_migrations")),
                 QStringLiteral("20240101000000,20240102000000"));
        QVERIFY(!tableExists(QStringLiteral("slipway.schema_history")));
        QCOMPARE(states(status()), (QList<State>{State::Applied, State::Applied}));
    }

    void dbmateEditedFileIsNoticed()
    {
        dbmateFolder();
        QVERIFY(migrate().ok());
        file(QStringLiteral("20240101000000_create_a.sql"),
             "-- migrate:up\nCREATE TABLE a (id bigint, x int);\n-- migrate:down\nDROP TABLE a;\n");
        QCOMPARE(states(status()), (QList<State>{State::ChecksumMismatch, State::Applied}));
    }

    // Rows dbmate wrote itself carry no checksum: applied, and only the rest runs.
    void dbmateRowsOfTheToolItself()
    {
        dbmateFolder();
        m_db->execute(QStringLiteral("CREATE TABLE a (id bigint)"));
        m_db->execute(
            QStringLiteral("CREATE TABLE schema_migrations (version varchar(255) PRIMARY KEY)"));
        m_db->execute(QStringLiteral("INSERT INTO schema_migrations VALUES ('20240101000000')"));
        QCOMPARE(states(status()), (QList<State>{State::Applied, State::Pending}));
        const MigrationRunResult result = migrate();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.done.size(), 1);
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM pg_indexes WHERE indexname = 'a_id'")),
                 QStringLiteral("1"));
    }

    void dbmateRollbackDeletesTheRow()
    {
        dbmateFolder();
        QVERIFY(migrate().ok());
        const MigrationRunResult result = rollback(1);
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(value(QStringLiteral("SELECT string_agg(version, ',') FROM schema_migrations")),
                 QStringLiteral("20240101000000"));
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM slipway.tool_history "
                                      "WHERE version = '20240102000000'")),
                 QStringLiteral("0"));
    }

    void golangMigrateKeepsOneRow()
    {
        golangFolder();
        const MigrationRunResult result = migrate();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.tool, MigrationTool::GolangMigrate);
        QCOMPARE(value(QStringLiteral(
                     "SELECT string_agg(column_name || ' ' || data_type || ' ' || is_nullable, ',' "
                     "ORDER BY ordinal_position) FROM information_schema.columns "
                     "WHERE table_name = 'schema_migrations'")),
                 QStringLiteral("version bigint NO,dirty boolean NO"));
        QCOMPARE(golangRow(), QStringLiteral("3:false"));
        QVERIFY(rollback(1).ok());
        QCOMPARE(golangRow(), QStringLiteral("2:false"));
        QCOMPARE(states(status()), (QList<State>{State::Applied, State::Applied, State::Pending}));
        QVERIFY(rollback(2).ok());
        QCOMPARE(golangRow(), QString()); // no row: golang-migrate's "no version"
        QVERIFY(!tableExists(QStringLiteral("g")));
    }

    // The tool stopped in version 2 and left it dirty: Slipway says so in the tool's words, runs
    // it again (the failed attempt ran in one implicit transaction) and clears the flag.
    void golangDirtyVersionRunsAgain()
    {
        golangFolder();
        m_db->execute(QStringLiteral("CREATE TABLE g (id bigint)"));
        m_db->execute(
            QStringLiteral("CREATE TABLE schema_migrations "
                           "(version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)"));
        m_db->execute(QStringLiteral("INSERT INTO schema_migrations VALUES (2, true)"));
        const MigrationRunResult before = status();
        QCOMPARE(states(before), (QList<State>{State::Applied, State::Failed, State::Pending}));
        QCOMPARE(before.status.at(1).history->toolState, QStringLiteral("dirty"));
        const MigrationRunResult result = migrate();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(golangRow(), QStringLiteral("3:false"));
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM information_schema.columns "
                                      "WHERE table_name = 'g' AND column_name IN ('n', 'm')")),
                 QStringLiteral("2"));
    }

    // Outside a transaction the version is dirty from the first statement to the last, as the
    // tool sets it; a failure part-way leaves it dirty, and Slipway's notes let migrate resume.
    void golangNonTransactionalResumes()
    {
        file(QStringLiteral("0001_create_g.up.sql"), "CREATE TABLE g (id bigint);\n");
        file(QStringLiteral("0002_index.up.sql"),
             "-- slipway:no-transaction\nCREATE INDEX CONCURRENTLY g_id ON g (id);\n"
             "INSERT INTO later (id) VALUES (1);\n");
        const MigrationRunResult failed = migrate();
        QVERIFY(!failed.ok());
        QCOMPARE(golangRow(), QStringLiteral("2:true"));
        QCOMPARE(value(QStringLiteral("SELECT statements_done FROM slipway.tool_history "
                                      "WHERE version = '0002'")),
                 QStringLiteral("1"));
        m_db->execute(QStringLiteral("CREATE TABLE later (id int)"));
        const MigrationRunResult resumed = migrate();
        QVERIFY2(resumed.ok(), qPrintable(resumed.message));
        QCOMPARE(golangRow(), QStringLiteral("2:false"));
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM later")), QStringLiteral("1"));
    }

    // Flyway's checksum against values computed outside Slipway (Python's zlib.crc32 over the
    // file's lines without terminators, as a signed int): BOM and line endings do not count.
    void flywayChecksum_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("checksum");
        QTest::newRow("one line") << QByteArray("CREATE TABLE f (id bigint);\n")
                                  << QStringLiteral("1377641460");
        QTest::newRow("BOM and CRLF") << QByteArray("\xEF\xBB\xBF"
                                                    "CREATE TABLE f (id bigint);\r\n")
                                      << QStringLiteral("1377641460");
        QTest::newRow("two lines, negative")
            << QByteArray("CREATE TABLE f (id bigint);\n\nALTER TABLE f ADD COLUMN n text;\n")
            << QStringLiteral("-209030829");
        QTest::newRow("no final newline") << QByteArray("SELECT 1;") << QStringLiteral("78787420");
    }

    void flywayChecksum()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, checksum);
        QCOMPARE(FlywayHistory::crc32Checksum(file), checksum);
    }

    // Flyway's table as Flyway writes it: its DDL, ranks from 1, dotted versions, CRC32 checksums.
    void flywayTableAsFlywayWritesIt()
    {
        createFlywayTable();
        // What Flyway 10 leaves after `flyway migrate` of V1__create_f.sql.
        m_db->execute(
            QStringLiteral("INSERT INTO flyway_schema_history VALUES (1, '1', 'create f', 'SQL', "
                           "'V1__create_f.sql', 1377641460, 'postgres', now(), 12, true)"));
        m_db->execute(QStringLiteral("CREATE TABLE f (id bigint)"));
        file(QStringLiteral("V1__create_f.sql"), "CREATE TABLE f (id bigint);\n");
        file(QStringLiteral("V1_1__add_n.sql"), "ALTER TABLE f ADD COLUMN n text;\n");
        file(QStringLiteral("R__view_f.sql"), "CREATE OR REPLACE VIEW vf AS SELECT 1 AS one;\n");
        QCOMPARE(states(status()), (QList<State>{State::Applied, State::Pending, State::Pending}));
        const MigrationRunResult result = migrate();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.tool, MigrationTool::Flyway);
        QCOMPARE(value(QStringLiteral(
                     "SELECT string_agg(concat_ws('|', installed_rank, version, description, type, "
                     "script, checksum, success), ',' ORDER BY installed_rank) "
                     "FROM flyway_schema_history")),
                 QStringLiteral("1|1|create f|SQL|V1__create_f.sql|1377641460|t,"
                                "2|1.1|add n|SQL|V1_1__add_n.sql|-1645314803|t,"
                                "3|view f|SQL|R__view_f.sql|1349798711|t"));
        QVERIFY(!tableExists(QStringLiteral("slipway.schema_history")));
        // An applied file edited since: Flyway's checksum no longer matches.
        file(QStringLiteral("V1__create_f.sql"), "CREATE TABLE f (id bigint, x int);\n");
        QCOMPARE(states(status()).first(), State::ChecksumMismatch);
    }

    void prismaFolder()
    {
        file(QStringLiteral("migration_lock.toml"),
             "# Please do not edit this file manually\nprovider = \"postgresql\"\n");
        file(QStringLiteral("20240101120000_create_p/migration.sql"),
             "CREATE TABLE p (id bigint);\n");
        file(QStringLiteral("20240101120000_create_p/down.sql"), "DROP TABLE p;\n");
        file(QStringLiteral("20240102120000_add_n/migration.sql"),
             "ALTER TABLE p ADD COLUMN n text;\n");
    }

    // Prisma's table as migrate deploy writes it: a uuid id, the SHA-256 of migration.sql as on
    // disk (computed with Python's hashlib.sha256 over the file's bytes), finished_at and one
    // applied step; a rollback marks the row rolled back and keeps it.
    void prismaTableAsPrismaWritesIt()
    {
        prismaFolder();
        const MigrationRunResult result = migrate();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.tool, MigrationTool::Prisma);
        QCOMPARE(
            value(QStringLiteral(
                "SELECT string_agg(concat_ws('|', migration_name, checksum, "
                "finished_at IS NOT NULL, applied_steps_count, rolled_back_at IS NULL, "
                "id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'), "
                "',' ORDER BY started_at, migration_name) FROM _prisma_migrations")),
            QStringLiteral("20240101120000_create_p|0401c9638b5668cdba8b4dc3a9a594ac9f63239ba6e0"
                           "ae311b4d5802072b5361|t|1|t|t,"
                           "20240102120000_add_n|64d8a57b0f0160193c1f8bb13d059a7626631a976bee91"
                           "c3e7fdaa6bccbd278b|t|1|t|t"));
        QVERIFY(!tableExists(QStringLiteral("slipway.schema_history")));
        // Rolled back as `prisma migrate resolve --rolled-back` marks it; pending again.
        file(QStringLiteral("20240102120000_add_n/down.sql"), "ALTER TABLE p DROP COLUMN n;\n");
        QVERIFY(rollback(1).ok());
        QCOMPARE(value(QStringLiteral("SELECT count(*) FILTER (WHERE rolled_back_at IS NOT NULL) "
                                      "|| '/' || count(*) FROM _prisma_migrations")),
                 QStringLiteral("1/2"));
        QCOMPARE(states(status()), (QList<State>{State::Applied, State::Pending}));
        QVERIFY(migrate().ok());
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM _prisma_migrations")),
                 QStringLiteral("3"));
    }

    // A checkout with CRLF line ends is not an edit to Prisma (script_matches_checksum tries the
    // file's line ends both ways); a changed statement still is.
    void prismaLineEndsAreNotAnEdit()
    {
        prismaFolder();
        QVERIFY(migrate().ok());
        file(QStringLiteral("20240101120000_create_p/migration.sql"),
             "CREATE TABLE p (id bigint);\r\n");
        QCOMPARE(states(status()), (QList<State>{State::Applied, State::Applied}));
        file(QStringLiteral("20240101120000_create_p/migration.sql"),
             "CREATE TABLE p (id bigint, x int);\r\n");
        QCOMPARE(states(status()), (QList<State>{State::ChecksumMismatch, State::Applied}));
    }

    // A row Prisma left neither finished nor rolled back: its P3009 state, in its own words.
    void prismaFailedMigrationIsShown()
    {
        prismaFolder();
        QVERIFY(migrate().ok());
        m_db->execute(QStringLiteral(
            "INSERT INTO _prisma_migrations (id, checksum, migration_name, logs) VALUES "
            "('00000000-0000-4000-8000-000000000001', 'x', '20240103120000_broken', 'boom')"));
        file(QStringLiteral("20240103120000_broken/migration.sql"), "SELECT 1/0;\n");
        const MigrationRunResult before = status();
        QCOMPARE(before.status.last().state, State::Failed);
        QCOMPARE(before.status.last().history->toolState, QStringLiteral("failed, P3009"));
    }

    void prismaProviderIsChecked()
    {
        prismaFolder();
        file(QStringLiteral("migration_lock.toml"), "provider = \"mysql\"\n");
        const MigrationRunResult result = migrate();
        QCOMPARE(result.outcome, MigrationRunResult::Outcome::InputError);
        QVERIFY2(result.message.contains(QStringLiteral("migration_lock.toml"))
                     && result.message.contains(QStringLiteral("mysql")),
                 qPrintable(result.message));
        QVERIFY(!tableExists(QStringLiteral("p")));
    }

    // The tools' own advisory locks: while golang-migrate (key from Python: CRC-32 of
    // "mig_golanglockisrespected\0public\0schema_migrations" times 1486364155, mod 2^32) or
    // Prisma (72707369) migrates, Slipway waits and then gives up, naming the tool.
    void golangLockIsRespected_data()
    {
        QTest::addColumn<qint64>("key");
        QTest::newRow("library caller") << qint64(4212223200);
        QTest::newRow("CLI, URL path") << qint64(1651382223);
    }

    void golangLockIsRespected()
    {
        QFETCH(qint64, key);
        golangFolder();
        PgConnection tool(m_conninfo);
        tool.open();
        tool.execute(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(key));
        MigrationRunOptions options;
        options.lockWaitSeconds = 1;
        const MigrationRunResult held = migrate(options);
        QCOMPARE(held.outcome, MigrationRunResult::Outcome::LockTimeout);
        QVERIFY2(held.message.contains(QStringLiteral("golang-migrate")), qPrintable(held.message));
        QVERIFY(!tableExists(QStringLiteral("g")));
        tool.execute(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(key));
        QVERIFY(migrate(options).ok());
    }

    void prismaLockIsRespected()
    {
        prismaFolder();
        PgConnection tool(m_conninfo);
        tool.open();
        tool.execute(QStringLiteral("SELECT pg_advisory_lock(72707369)"));
        MigrationRunOptions options;
        options.lockWaitSeconds = 1;
        const MigrationRunResult held = migrate(options);
        QCOMPARE(held.outcome, MigrationRunResult::Outcome::LockTimeout);
        QVERIFY2(held.message.contains(QStringLiteral("Prisma")), qPrintable(held.message));
        QVERIFY(!tableExists(QStringLiteral("p")));
    }

    // Flyway's advisory lock: "Flyway" (0x466C79776179) plus the Java hashCode of
    // "public"."flyway_schema_history", which Java's String.hashCode gives as 2125624436
    // (computed outside Slipway with python3: h = h * 31 + ord(c) over the text, as int32).
    void flywayLockIsRespected()
    {
        QCOMPARE(FlywayHistory::lockKey(QStringLiteral("public"),
                                        QStringLiteral("flyway_schema_history")),
                 Q_INT64_C(77433833903597));
        createFlywayTable();
        file(QStringLiteral("V1__create_f.sql"), "CREATE TABLE f (id bigint);\n");
        PgConnection tool(m_conninfo);
        tool.open();
        tool.execute(QStringLiteral("SELECT pg_advisory_lock(77433833903597)"));
        MigrationRunOptions options;
        options.lockWaitSeconds = 1;
        const MigrationRunResult held = migrate(options);
        QCOMPARE(held.outcome, MigrationRunResult::Outcome::LockTimeout);
        QVERIFY2(held.message.contains(QStringLiteral("Flyway")), qPrintable(held.message));
        QVERIFY(!tableExists(QStringLiteral("f")));
        tool.execute(QStringLiteral("SELECT pg_advisory_unlock(77433833903597)"));
        QVERIFY(migrate(options).ok());
    }

    // V2__x.sql.conf with executeInTransaction=false: statement by statement, as Flyway runs it;
    // the row is failed (success false, as Flyway leaves a failed script outside a transaction)
    // until the last statement, and migrate resumes where it stopped.
    void flywayScriptConfigOutsideTransaction()
    {
        createFlywayTable();
        file(QStringLiteral("V1__create_f.sql"), "CREATE TABLE f (id bigint);\n");
        file(QStringLiteral("V2__index_f.sql"),
             "CREATE INDEX CONCURRENTLY f_id ON f (id);\nINSERT INTO later VALUES (1);\n");
        file(QStringLiteral("V2__index_f.sql.conf"),
             "# Flyway script configuration\n"
             "executeInTransaction=false\n");
        const MigrationRunResult failed = migrate();
        QVERIFY(!failed.ok());
        QCOMPARE(value(QStringLiteral("SELECT string_agg(version || ':' || success, ',' ORDER BY "
                                      "installed_rank) FROM flyway_schema_history")),
                 QStringLiteral("1:true,2:false"));
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM pg_indexes WHERE indexname = 'f_id'")),
                 QStringLiteral("1"));
        m_db->execute(QStringLiteral("CREATE TABLE later (id int)"));
        const MigrationRunResult resumed = migrate();
        QVERIFY2(resumed.ok(), qPrintable(resumed.message));
        QCOMPARE(value(QStringLiteral("SELECT string_agg(version || ':' || success, ',' ORDER BY "
                                      "installed_rank) FROM flyway_schema_history")),
                 QStringLiteral("1:true,2:true"));
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM later")), QStringLiteral("1"));
    }

    void slipwayHistoryStaysSlipways()
    {
        dbmateFolder();
        MigrationRunOptions options;
        options.tool = MigrationTool::Slipway;
        QVERIFY(migrate(options).ok());
        QVERIFY(tableExists(QStringLiteral("slipway.schema_history")));
        QVERIFY(!tableExists(QStringLiteral("schema_migrations")));
        // Detected from then on: the database's history is Slipway's.
        QCOMPARE(status().tool, MigrationTool::Slipway);
    }

    // The folder's slipway.json names the tool when --tool does not; a typo in it is an error
    // naming the file, not a silent fallback to detection.
    void toolNamedInSlipwayJson()
    {
        dbmateFolder();
        file(QStringLiteral("slipway.json"), "{\"tool\": \"slipway\"}\n");
        QVERIFY(migrate().ok());
        QVERIFY(tableExists(QStringLiteral("slipway.schema_history")));
        QVERIFY(!tableExists(QStringLiteral("schema_migrations")));
        file(QStringLiteral("slipway.json"), "{\"tool\": \"dbmat\"}\n");
        const MigrationRunResult typo = status();
        QCOMPARE(typo.outcome, MigrationRunResult::Outcome::InputError);
        QVERIFY2(typo.message.contains(QStringLiteral("slipway.json"))
                     && typo.message.contains(QStringLiteral("\"tool\" must be one of")),
                 qPrintable(typo.message));
    }

    void anotherToolsTableIsRefused()
    {
        dbmateFolder();
        m_db->execute(
            QStringLiteral("CREATE TABLE schema_migrations "
                           "(version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)"));
        const MigrationRunResult result = migrate();
        QCOMPARE(result.outcome, MigrationRunResult::Outcome::InputError);
        QVERIFY2(result.message.contains(QStringLiteral("dbmate"))
                     && result.message.contains(QStringLiteral("golang-migrate")),
                 qPrintable(result.message));
        QVERIFY(!tableExists(QStringLiteral("a")));
        MigrationRunOptions options;
        options.tool = MigrationTool::Dbmate;
        const MigrationRunResult requested = migrate(options);
        QCOMPARE(requested.outcome, MigrationRunResult::Outcome::InputError);
        QVERIFY(!tableExists(QStringLiteral("a")));
    }
};

QTEST_GUILESS_MAIN(TestToolHistory)
#include "tst_toolhistory.moc"
