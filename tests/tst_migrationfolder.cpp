// Reading migration folders in the four dialects: the corpus' real folders (golang-migrate,
// authelia, dbmate), the demo's seeds layout, and made-up folders for ordering and errors.

#include "migrations/migrationfolder.h"
#include "sql/parsedscript.h"
#include "sql/statementkind.h"

#include "testsandbox.h"
#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

using TestFiles::write;

QStringList versions(const MigrationFolder &folder)
{
    QStringList result;
    for (const Migration &migration : folder.migrations())
        result.append(migration.isRepeatable() ? QStringLiteral("R:") + migration.description
                                               : migration.version.text());
    return result;
}

QString corpus(const QString &path)
{
    return qEnvironmentVariable("SLIPWAY_CORPUS") + QStringLiteral("/migrations/") + path;
}

} // namespace

class TestMigrationFolder : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!QFile::exists(corpus(QStringLiteral("INDEX.tsv"))))
            QFAIL("SLIPWAY_CORPUS is not set or has no migrations/ folder");
    }

    void versionsCompareNumerically()
    {
        MigrationVersion a, b, c, d, e;
        QVERIFY(MigrationVersion::parse(QStringLiteral("1.10"), &a));
        QVERIFY(MigrationVersion::parse(QStringLiteral("1.9"), &b));
        QVERIFY(MigrationVersion::parse(QStringLiteral("0007"), &c));
        QVERIFY(MigrationVersion::parse(QStringLiteral("7"), &d));
        QVERIFY(MigrationVersion::parse(QStringLiteral("20250101090000"), &e));
        QVERIFY(b < a);
        QVERIFY(c == d);
        QCOMPARE(c.normalized(), QStringLiteral("7"));
        QVERIFY(d < e);
        MigrationVersion f, g;
        QVERIFY(MigrationVersion::parse(QStringLiteral("1"), &f));
        QVERIFY(MigrationVersion::parse(QStringLiteral("1_1"), &g));
        QVERIFY(f < g);
        QCOMPARE(g.normalized(), QStringLiteral("1.1"));
        QVERIFY(!MigrationVersion::parse(QStringLiteral("1a"), &f));
        QVERIFY(!MigrationVersion::parse(QString(), &f));
    }

    void flyway()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("V1__create_users.sql")));
        write(dir.filePath(QStringLiteral("V1.10__tenth.sql")));
        write(dir.filePath(QStringLiteral("V1.9__ninth.sql")));
        write(dir.filePath(QStringLiteral("U1__create_users.sql")));
        write(dir.filePath(QStringLiteral("R__refresh_views.sql")));
        write(dir.filePath(QStringLiteral("README.md")), "not a migration");
        QCOMPARE(MigrationFolder::detect(dir.path()), MigrationFolder::Dialect::Flyway);
        const MigrationFolder folder = MigrationFolder::read(dir.path());
        QVERIFY2(folder.isValid(), qPrintable(folder.errors().join(QLatin1Char('\n'))));
        QCOMPARE(versions(folder),
                 (QStringList{QStringLiteral("1"),
                              QStringLiteral("1.9"),
                              QStringLiteral("1.10"),
                              QStringLiteral("R:refresh views")}));
        QCOMPARE(folder.migrations().first().description, QStringLiteral("create users"));
        QVERIFY(
            folder.migrations().first().downPath.endsWith(QLatin1String("U1__create_users.sql")));
        QVERIFY(!folder.migrations().at(1).hasRollback());
    }

    void seedsLayout()
    {
        const QString demo = TestSandbox::sourceDir()
                             + QStringLiteral("/resources/demo/migrations");
        for (const QString &path : {demo, demo + QStringLiteral("/migrations")}) {
            QCOMPARE(MigrationFolder::detect(path), MigrationFolder::Dialect::Seeds);
            const MigrationFolder folder = MigrationFolder::read(path);
            QVERIFY2(folder.isValid(), qPrintable(folder.errors().join(QLatin1Char('\n'))));
            QCOMPARE(folder.migrations().size(), 11);
            for (int i = 0; i < 11; ++i) {
                const Migration &migration = folder.migrations().at(i);
                QCOMPARE(migration.version.normalized(), QString::number(i + 1));
                QVERIFY(migration.downPath.contains(
                    QStringLiteral("/rollback/R%1__").arg(i + 1, 3, 10, QLatin1Char('0'))));
            }
            QCOMPARE(folder.migrations().at(6).description,
                     QStringLiteral("index customers loyalty tier"));
        }
    }

    void upDownGolangMigrate()
    {
        const MigrationFolder folder = MigrationFolder::read(
            corpus(QStringLiteral("golang-migrate-example/migrations")));
        QCOMPARE(folder.dialect(), MigrationFolder::Dialect::UpDown);
        QVERIFY2(folder.isValid(), qPrintable(folder.errors().join(QLatin1Char('\n'))));
        QCOMPARE(folder.migrations().size(), 9);
        QCOMPARE(folder.migrations().first().version.text(), QStringLiteral("1085649617"));
        QCOMPARE(folder.migrations().last().version.text(), QStringLiteral("1885849751"));
        int withRollback = 0;
        for (const Migration &migration : folder.migrations())
            withRollback += migration.hasRollback() ? 1 : 0;
        QCOMPARE(withRollback, 5);
    }

    void upDownAuthelia()
    {
        // Authelia names its files V0001.Initial_Schema.up.sql.
        const MigrationFolder folder = MigrationFolder::read(
            corpus(QStringLiteral("authelia-postgres/migrations")));
        QCOMPARE(folder.dialect(), MigrationFolder::Dialect::UpDown);
        QVERIFY2(folder.isValid(), qPrintable(folder.errors().join(QLatin1Char('\n'))));
        QCOMPARE(folder.migrations().size(), 26);
        QCOMPARE(folder.migrations().first().description, QStringLiteral("Initial Schema"));
        for (const Migration &migration : folder.migrations())
            QVERIFY2(migration.hasRollback(), qPrintable(migration.upPath));
    }

    void dbmateSections()
    {
        const MigrationFolder folder = MigrationFolder::read(
            corpus(QStringLiteral("dbmate-testdata/migrations")));
        QCOMPARE(folder.dialect(), MigrationFolder::Dialect::Dbmate);
        QVERIFY2(folder.isValid(), qPrintable(folder.errors().join(QLatin1Char('\n'))));
        QCOMPARE(versions(folder),
                 (QStringList{QStringLiteral("20151129054053"), QStringLiteral("20200227231541")}));
        const Migration &first = folder.migrations().first();
        QVERIFY(first.sections && first.hasRollback());
        QString up, down, error;
        QVERIFY(MigrationFolder::readUp(first, &up, &error));
        QVERIFY(MigrationFolder::readDown(first, &down, &error));
        QFile file(first.upPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString whole = QString::fromUtf8(file.readAll());
        // Same length and lines as the file, so findings point at the file's lines.
        QCOMPARE(up.size(), whole.size());
        QCOMPARE(up.count(QLatin1Char('\n')), whole.count(QLatin1Char('\n')));
        QVERIFY(up.contains(QLatin1String("create table users")));
        QVERIFY(!up.contains(QLatin1String("drop table users")));
        QVERIFY(up.contains(QLatin1String("-- migrate:up")));
        QVERIFY(!up.contains(QLatin1String("migrate:down")));
        QVERIFY(down.contains(QLatin1String("drop table users")));
        QVERIFY(!down.contains(QLatin1String("create table")));
        QCOMPARE(down.indexOf(QLatin1String("drop table users")),
                 whole.indexOf(QLatin1String("drop table users")));
    }

    void errorsNameTheFiles()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("V1__a.sql")));
        write(dir.filePath(QStringLiteral("V01__b.sql")));
        write(dir.filePath(QStringLiteral("U2__c.sql")));
        write(dir.filePath(QStringLiteral("create_things.sql")));
        const MigrationFolder folder = MigrationFolder::read(dir.path(),
                                                             MigrationFolder::Dialect::Flyway);
        QVERIFY(!folder.isValid());
        const QString errors = folder.errors().join(QLatin1Char('\n'));
        QVERIFY2(errors.contains(QRegularExpression(QStringLiteral(
                     "V0?1__[ab]\\.sql and .*V0?1__[ab]\\.sql: both have version 1"))),
                 qPrintable(errors));
        QVERIFY2(errors.contains(
                     QLatin1String("U2__c.sql: rollback of version 2, which has no migration")),
                 qPrintable(errors));
        QVERIFY2(errors.contains(
                     QLatin1String("create_things.sql: the name fits no migration pattern")),
                 qPrintable(errors));

        QTemporaryDir dbmate;
        write(dbmate.filePath(QStringLiteral("20200101000000_ok.sql")),
              "-- migrate:up\nSELECT 1;\n");
        write(dbmate.filePath(QStringLiteral("20200102000000_no_marker.sql")), "SELECT 2;\n");
        const MigrationFolder broken = MigrationFolder::read(dbmate.path());
        QCOMPARE(broken.dialect(), MigrationFolder::Dialect::Dbmate);
        QVERIFY2(broken.errors()
                     .join(QLatin1Char('\n'))
                     .contains(QLatin1String(
                         "20200102000000_no_marker.sql: line 1: expected a -- migrate:up line")),
                 qPrintable(broken.errors().join(QLatin1Char('\n'))));

        QTemporaryDir empty;
        QVERIFY(!MigrationFolder::read(empty.path()).isValid());
        QVERIFY(!MigrationFolder::read(empty.filePath(QStringLiteral("nosuch"))).isValid());
    }

    void noTransactionMarkers()
    {
        QVERIFY(MigrationFolder::declaresNoTransaction(
            QStringLiteral("-- slipway:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (c);")));
        QVERIFY(MigrationFolder::declaresNoTransaction(
            QStringLiteral("-- migrate:up transaction:false\nSELECT 1;")));
        QVERIFY(!MigrationFolder::declaresNoTransaction(
            QStringLiteral("SELECT 1;\n-- slipway:no-transaction")));
        QVERIFY(
            !MigrationFolder::declaresNoTransaction(QStringLiteral("-- migrate:up\nSELECT 1;")));
    }

    void nonTransactionalStatements_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("reason");
        QTest::newRow("create index concurrently")
            << QStringLiteral("CREATE INDEX CONCURRENTLY i ON t (c)")
            << QStringLiteral("CREATE INDEX CONCURRENTLY");
        QTest::newRow("drop index concurrently") << QStringLiteral("DROP INDEX CONCURRENTLY i")
                                                 << QStringLiteral("DROP INDEX CONCURRENTLY");
        QTest::newRow("reindex concurrently") << QStringLiteral("REINDEX (CONCURRENTLY) TABLE t")
                                              << QStringLiteral("REINDEX CONCURRENTLY");
        QTest::newRow("detach concurrently")
            << QStringLiteral("ALTER TABLE t DETACH PARTITION p CONCURRENTLY")
            << QStringLiteral("DETACH PARTITION CONCURRENTLY");
        QTest::newRow("vacuum") << QStringLiteral("VACUUM ANALYZE t") << QStringLiteral("VACUUM");
        QTest::newRow("create database")
            << QStringLiteral("CREATE DATABASE d") << QStringLiteral("CREATE DATABASE");
        QTest::newRow("alter system") << QStringLiteral("ALTER SYSTEM SET work_mem = '8MB'")
                                      << QStringLiteral("ALTER SYSTEM");
        QTest::newRow("do with commit")
            << QStringLiteral("DO $$ BEGIN UPDATE t SET c = 1; COMMIT; END $$")
            << QStringLiteral("DO with COMMIT");
        QTest::newRow("create index") << QStringLiteral("CREATE INDEX i ON t (c)") << QString();
        QTest::newRow("analyze") << QStringLiteral("ANALYZE t") << QString();
        QTest::newRow("reindex (concurrently false)")
            << QStringLiteral("REINDEX (CONCURRENTLY false) TABLE t") << QString();
        QTest::newRow("do") << QStringLiteral("DO $$ BEGIN PERFORM 1; END $$") << QString();
    }

    void nonTransactionalStatements()
    {
        QFETCH(QString, sql);
        QFETCH(QString, reason);
        const ParsedScript parsed = ParsedScript::parse(sql);
        QCOMPARE(parsed.statements().size(), 1);
        QCOMPARE(StatementKind::nonTransactionalReason(parsed.statements().first().node), reason);
    }

    void newMigrationNames()
    {
        const QString demo = TestSandbox::sourceDir()
                             + QStringLiteral("/resources/demo/migrations");
        const MigrationFolder seeds = MigrationFolder::read(demo);
        const MigrationFolder::NewFiles next = seeds.newMigration(
            QStringLiteral("Add orders.note!"));
        QCOMPARE(next.version, QStringLiteral("012"));
        QCOMPARE(next.upPath, demo + QStringLiteral("/migrations/V012__add_orders_note.sql"));
        QCOMPARE(next.downPath, demo + QStringLiteral("/rollback/R012__add_orders_note.sql"));

        const MigrationFolder upDown = MigrationFolder::read(
            corpus(QStringLiteral("golang-migrate-example/migrations")));
        const MigrationFolder::NewFiles timestamped = upDown.newMigration(
            QStringLiteral("add city"));
        QCOMPARE(timestamped.version.size(), 14);
        QVERIFY(
            timestamped.upPath.endsWith(timestamped.version + QStringLiteral("_add_city.up.sql")));
        QVERIFY(timestamped.downPath.endsWith(QLatin1String("_add_city.down.sql")));

        const MigrationFolder dbmate = MigrationFolder::read(
            corpus(QStringLiteral("dbmate-testdata/migrations")));
        const MigrationFolder::NewFiles single = dbmate.newMigration(QStringLiteral("x"));
        QCOMPARE(single.upPath, single.downPath);

        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("V9__a.sql")));
        QCOMPARE(MigrationFolder::read(dir.path()).newMigration(QStringLiteral("b")).upPath,
                 dir.filePath(QStringLiteral("V10__b.sql")));
    }
};

QTEST_GUILESS_MAIN(TestMigrationFolder)
#include "tst_migrationfolder.moc"
