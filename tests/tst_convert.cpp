// slipway-cli convert on a real server: a Flyway-layout folder written in every other tool's
// layout, read back by Slipway with the same SQL in the same order, applied to a fresh database
// through that tool's own history table, and the notes that say what did not move (a repeatable
// migration, dotted versions, a statement that must run outside a transaction where the tool
// runs one). An output folder that is not empty is refused with nothing written.

#include "clirun.h"
#include "migrationfixture.h"

#include "migrations/migrationconverter.h"
#include "migrations/migrationtool.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

// What the source folder's three versioned migrations run, as the files hold it.
const QByteArray createSql = "CREATE TABLE t (id int PRIMARY KEY);\n";
const QByteArray addSql = "ALTER TABLE t ADD COLUMN note text;\n";
const QByteArray indexSql = "CREATE INDEX CONCURRENTLY t_note ON t (note);\n";

QStringList filesUnder(const QString &directory)
{
    QStringList files;
    QDirIterator it(directory, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(directory).relativeFilePath(it.next());
    files.sort();
    return files;
}

} // namespace

class TestConvert : public MigrationFixture
{
    Q_OBJECT

    QTemporaryDir m_out;

    // Flyway's layout: a dotted version, an undo for each, the index alone in its file (it must
    // run outside a transaction) and a repeatable view.
    void flywayFolder()
    {
        file(QStringLiteral("V1__create_t.sql"), createSql);
        file(QStringLiteral("U1__create_t.sql"), "DROP TABLE t;\n");
        file(QStringLiteral("V1_1__add_note.sql"), addSql);
        file(QStringLiteral("U1_1__add_note.sql"), "ALTER TABLE t DROP COLUMN note;\n");
        file(QStringLiteral("V2__index_note.sql"), indexSql);
        file(QStringLiteral("U2__index_note.sql"), "DROP INDEX CONCURRENTLY t_note;\n");
        file(QStringLiteral("R__t_view.sql"), "CREATE OR REPLACE VIEW tv AS SELECT id FROM t;\n");
    }

    QString outFor(const QString &tool) const { return m_out.filePath(tool); }

    // The SQL of each versioned migration of a folder, markers and blank lines left out.
    static QStringList sqlOf(const MigrationFolder &folder)
    {
        QStringList out;
        for (const Migration &migration : folder.migrations()) {
            if (migration.isRepeatable())
                continue;
            QString text;
            QString error;
            if (!MigrationFolder::readUp(migration, &text, &error))
                return {error};
            QStringList lines;
            for (const QString &line : text.split(QLatin1Char('\n'))) {
                const QString trimmed = line.trimmed();
                if (!trimmed.isEmpty() && !trimmed.startsWith(QLatin1String("--"))
                    && trimmed != QLatin1String("BEGIN;") && trimmed != QLatin1String("COMMIT;"))
                    lines << trimmed;
            }
            out << lines.join(QLatin1Char('\n'));
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        m_databasePrefix = QStringLiteral("convert_");
        m_defaultTool.reset(); // each converted folder records in its own tool's table
    }
    void init() { fresh(); }

    void everyLayout_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::addColumn<QString>("table"); // the tool's history table, as a relation name
        QTest::addColumn<QStringList>("notes");
        const QString repeatable = QStringLiteral(
            "t view (repeatable) was left out: %1 has no repeatable migrations; run it again by "
            "hand when it changes");
        QTest::newRow("golang-migrate")
            << QStringLiteral("golang-migrate") << QStringLiteral("schema_migrations")
            << QStringList{repeatable.arg(QStringLiteral("golang-migrate")),
                           QStringLiteral("golang-migrate cannot spell these versions, so they are "
                                          "numbered in order: 1 as 0001, 1_1 as 0002, 2 as 0003")};
        QTest::newRow("dbmate") << QStringLiteral("dbmate") << QStringLiteral("schema_migrations")
                                << QStringList{repeatable.arg(QStringLiteral("dbmate")),
                                               QStringLiteral(
                                                   "dbmate cannot spell these versions, so they "
                                                   "are numbered in order: 1 as 0001, 1_1 as "
                                                   "0002, 2 as 0003")};
        QTest::newRow("prisma") << QStringLiteral("prisma") << QStringLiteral("_prisma_migrations")
                                << QStringList{repeatable.arg(QStringLiteral("Prisma")),
                                               QStringLiteral(
                                                   "Prisma cannot spell these versions, so they "
                                                   "are numbered in order: 1 as 20000101000000, "
                                                   "1_1 as 20000101000001, 2 as 20000101000002"),
                                               QStringLiteral(
                                                   "Prisma Migrate itself never rolls back: the "
                                                   "down.sql files are for slipway-cli rollback")};
        QTest::newRow("drizzle") << QStringLiteral("drizzle")
                                 << QStringLiteral("drizzle.__drizzle_migrations")
                                 << QStringList{QStringLiteral(
                                                    "2 index note must run outside a transaction, "
                                                    "but Drizzle's migrator runs every migration "
                                                    "in one transaction: drizzle-kit migrate will "
                                                    "fail on it"),
                                                repeatable.arg(QStringLiteral("Drizzle"))};
        QTest::newRow("liquibase")
            << QStringLiteral("liquibase") << QStringLiteral("databasechangelog")
            << QStringList{repeatable.arg(QStringLiteral("Liquibase"))};
        QTest::newRow("sqitch") << QStringLiteral("sqitch") << QStringLiteral("sqitch.changes")
                                << QStringList{repeatable.arg(QStringLiteral("Sqitch"))};
        QTest::newRow("flyway") << QStringLiteral("flyway")
                                << QStringLiteral("flyway_schema_history") << QStringList{};
    }

    void everyLayout()
    {
        QFETCH(QString, tool);
        QFETCH(QString, table);
        QFETCH(QStringList, notes);
        flywayFolder();
        const TestSandbox::CliRun run = TestSandbox::runCli({QStringLiteral("convert"),
                                                             QStringLiteral("--dir"),
                                                             folder(),
                                                             QStringLiteral("--to"),
                                                             tool,
                                                             QStringLiteral("--out"),
                                                             outFor(tool),
                                                             QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        const QJsonObject result = QJsonDocument::fromJson(run.stdOut).object();
        QStringList printed;
        for (const QJsonValue &note : result.value(QStringLiteral("notes")).toArray())
            printed << note.toString();
        QCOMPARE(printed, notes);

        // Slipway reads it back as that tool's folder, with the same SQL in the same order.
        const MigrationFolder converted = MigrationFolder::read(outFor(tool));
        QVERIFY2(converted.isValid(), qPrintable(converted.errors().join(QLatin1Char('\n'))));
        QCOMPARE(MigrationConverter::dialectFor(*MigrationTools::fromName(tool)),
                 converted.dialect());
        QCOMPARE(sqlOf(converted),
                 (QStringList{QString::fromUtf8(createSql).trimmed(),
                              QString::fromUtf8(addSql).trimmed(),
                              QString::fromUtf8(indexSql).trimmed()}));
        for (const Migration &migration : converted.migrations())
            QVERIFY2(migration.isRepeatable() || migration.hasRollback(),
                     qPrintable(migration.description));

        // And runs it, recorded in the tool's own table; then rolls it all back.
        MigrationRunOptions options;
        options.tool = MigrationTools::fromName(tool);
        MigrationRunner runner(*m_db, outFor(tool), MigrationFolder::Dialect::Unknown, options);
        const MigrationRunResult applied = runner.migrate();
        QVERIFY2(applied.ok(), qPrintable(applied.message));
        QVERIFY(tableExists(table));
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM pg_indexes WHERE indexname = "
                                      "'t_note'")),
                 QStringLiteral("1"));
        for (const MigrationStatusEntry &entry : applied.status)
            QCOMPARE(entry.state, MigrationStatusEntry::State::Applied);
        // Flyway's repeatable view stands on t; undo scripts do not cover repeatables.
        if (tool == QLatin1String("flyway"))
            m_db->execute(QStringLiteral("DROP VIEW tv"));
        MigrationRunOptions back = options;
        back.steps = 3;
        MigrationRunner rollback(*m_db, outFor(tool), MigrationFolder::Dialect::Unknown, back);
        const MigrationRunResult undone = rollback.rollback();
        QVERIFY2(undone.ok(), qPrintable(undone.message));
        QVERIFY(!tableExists(QStringLiteral("t")));
    }

    // A team moves from Flyway to Liquibase: the folder converted, then the history adopted
    // into databasechangelog, with Liquibase's checksums; no schema changes, Flyway's table as it
    // was, and the next migrate runs only what was pending.
    void adoptMovesTheHistory()
    {
        flywayFolder();
        QFile::remove(folder() + QStringLiteral("/R__t_view.sql"));
        MigrationRunOptions flyway;
        flyway.tool = MigrationTool::Flyway;
        flyway.target = QStringLiteral("1.1");
        MigrationRunner first(*m_db, folder(), MigrationFolder::Dialect::Unknown, flyway);
        QVERIFY(first.migrate().ok());
        const QString out = outFor(QStringLiteral("adopted"));
        QCOMPARE(TestSandbox::runCli({QStringLiteral("convert"),
                                      QStringLiteral("--dir"),
                                      folder(),
                                      QStringLiteral("--to"),
                                      QStringLiteral("liquibase"),
                                      QStringLiteral("--out"),
                                      out})
                     .exitCode,
                 0);
        const QString relations = QStringLiteral(
            "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relnamespace = "
            "'public'::regnamespace AND relkind IN ('r', 'i') AND relname NOT LIKE "
            "'databasechangelog%' AND relname NOT LIKE 'flyway%' AND relname <> "
            "'pk_databasechangeloglock'");
        const QString schemaBefore = value(relations);
        const QStringList adopt{QStringLiteral("adopt"),
                                QStringLiteral("--db"),
                                m_conninfo,
                                QStringLiteral("--dir"),
                                out,
                                QStringLiteral("--tool"),
                                QStringLiteral("liquibase"),
                                QStringLiteral("--from"),
                                QStringLiteral("flyway"),
                                QStringLiteral("--from-dir"),
                                folder()};
        const TestSandbox::CliRun run = TestSandbox::runCli(adopt);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        QCOMPARE(value(relations), schemaBefore);
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM flyway_schema_history")),
                 QStringLiteral("2"));
        // Liquibase's checksums of the converted changesets, computed with python3 as in
        // tst_liquibasehistory: md5("9:" + md5(SQL without whitespace bytes) + ":").
        QCOMPARE(value(QStringLiteral("SELECT string_agg(id || '|' || md5sum, ',' ORDER BY "
                                      "orderexecuted) FROM databasechangelog")),
                 QStringLiteral("create-t|9:022b83520343bc09493787a7507d1949,"
                                "add-note|9:abd3ab99c44628e935ade5f1cffc85c4"));
        MigrationRunOptions liquibase;
        liquibase.tool = MigrationTool::Liquibase;
        MigrationRunner next(*m_db, out, MigrationFolder::Dialect::Unknown, liquibase);
        const MigrationRunResult rest = next.migrate();
        QVERIFY2(rest.ok(), qPrintable(rest.message));
        QCOMPARE(rest.done.size(), 1);
        // Once the new table has rows, adopt refuses to write over them.
        const TestSandbox::CliRun again = TestSandbox::runCli(adopt);
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains(QStringLiteral("already has rows")), qPrintable(again.err));
    }

    void writesOnlyIntoAnEmptyFolder()
    {
        flywayFolder();
        QDir().mkpath(outFor(QStringLiteral("busy")));
        QFile keep(outFor(QStringLiteral("busy")) + QStringLiteral("/README"));
        QVERIFY(keep.open(QIODevice::WriteOnly));
        keep.close();
        const TestSandbox::CliRun run = TestSandbox::runCli({QStringLiteral("convert"),
                                                             QStringLiteral("--dir"),
                                                             folder(),
                                                             QStringLiteral("--to"),
                                                             QStringLiteral("dbmate"),
                                                             QStringLiteral("--out"),
                                                             outFor(QStringLiteral("busy"))});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("is not empty")), qPrintable(run.err));
        QCOMPARE(filesUnder(outFor(QStringLiteral("busy"))), QStringList{QStringLiteral("README")});
        const TestSandbox::CliRun unknown = TestSandbox::runCli({QStringLiteral("convert"),
                                                                 QStringLiteral("--dir"),
                                                                 folder(),
                                                                 QStringLiteral("--to"),
                                                                 QStringLiteral("rails"),
                                                                 QStringLiteral("--out"),
                                                                 outFor(QStringLiteral("rails"))});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(!QFileInfo::exists(outFor(QStringLiteral("rails"))));
    }
};

QTEST_GUILESS_MAIN(TestConvert)
#include "tst_convert.moc"
