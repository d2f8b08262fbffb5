// Slipway's engine recording in another tool's history table, exactly as that tool writes it, on
// a real server: dbmate's schema_migrations (one varchar row per applied version) and
// golang-migrate's (one row: the newest version and its dirty flag). The expected rows and
// column types are the tools' own, from their sources (docs/history-tables.md §1 and §2), so
// the tool keeps working beside Slipway; Slipway's extra knowledge (checksums, progress) lives in
// slipway.tool_history and never in the tool's table.

#include "migrationfixture.h"

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
