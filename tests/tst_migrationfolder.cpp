// Reading migration folders in the four dialects: folders written here in the layouts of
// golang-migrate, authelia and dbmate, the demo's seeds layout, and made-up folders for ordering
// and errors. The real third-party folders are read by the conformance suite tst_migrationcorpus.

#include "migrations/migrationfolder.h"
#include "sql/parsedscript.h"
#include "sql/statementkind.h"

#include "testfiles.h"
#include "testsandbox.h"

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

// golang-migrate's layout: <unix time>_<name>.up.sql / .down.sql, some without a down file.
void writeGolangMigrateFolder(const QString &dir)
{
    for (const char *name : {"1085649617_create_users_table",
                             "1185749658_add_city_to_users",
                             "1285849751_add_index_on_user_emails"}) {
        write(dir + QStringLiteral("/%1.up.sql").arg(QLatin1String(name)));
        write(dir + QStringLiteral("/%1.down.sql").arg(QLatin1String(name)));
    }
    write(dir + QStringLiteral("/1585849751_just_a_comment.up.sql"), "-- nothing to do\n");
    // 12… sorts after 9… as text; as numbers it is last.
    write(dir + QStringLiteral("/12885849751_later.up.sql"));
    write(dir + QStringLiteral("/985849751_earlier.up.sql"));
}

} // namespace

class TestMigrationFolder : public QObject
{
    Q_OBJECT

private slots:
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
        QTemporaryDir dir;
        writeGolangMigrateFolder(dir.path());
        const MigrationFolder folder = MigrationFolder::read(dir.path());
        QCOMPARE(folder.dialect(), MigrationFolder::Dialect::UpDown);
        QVERIFY2(folder.isValid(), qPrintable(folder.errors().join(QLatin1Char('\n'))));
        QCOMPARE(versions(folder),
                 (QStringList{QStringLiteral("985849751"),
                              QStringLiteral("1085649617"),
                              QStringLiteral("1185749658"),
                              QStringLiteral("1285849751"),
                              QStringLiteral("1585849751"),
                              QStringLiteral("12885849751")}));
        int withRollback = 0;
        for (const Migration &migration : folder.migrations())
            withRollback += migration.hasRollback() ? 1 : 0;
        QCOMPARE(withRollback, 3);
        QVERIFY(folder.migrations().at(1).downPath.endsWith(
            QLatin1String("1085649617_create_users_table.down.sql")));
    }

    void upDownDottedNames()
    {
        // Authelia's layout: V0001.Initial_Schema.up.sql, every migration with its down file.
        QTemporaryDir dir;
        const QStringList names{QStringLiteral("V0001.Initial_Schema"),
                                QStringLiteral("V0002.WebAuthn"),
                                QStringLiteral("V0010.Tenth_Change"),
                                QStringLiteral("V0009.Ninth_Change")};
        for (const QString &name : names) {
            write(dir.filePath(name + QStringLiteral(".up.sql")));
            write(dir.filePath(name + QStringLiteral(".down.sql")));
        }
        const MigrationFolder folder = MigrationFolder::read(dir.path());
        QCOMPARE(folder.dialect(), MigrationFolder::Dialect::UpDown);
        QVERIFY2(folder.isValid(), qPrintable(folder.errors().join(QLatin1Char('\n'))));
        QCOMPARE(folder.migrations().size(), 4);
        QCOMPARE(folder.migrations().first().description, QStringLiteral("Initial Schema"));
        QCOMPARE(folder.migrations().at(2).version.normalized(), QStringLiteral("9"));
        QCOMPARE(folder.migrations().last().version.normalized(), QStringLiteral("10"));
        for (const Migration &migration : folder.migrations())
            QVERIFY2(migration.hasRollback(), qPrintable(migration.upPath));
    }

    void dbmateSections()
    {
        QTemporaryDir dir;
        const QByteArray first = "-- migrate:up\n"
                                 "create table users (\n"
                                 "  id integer,\n"
                                 "  name text\n"
                                 ");\n"
                                 "\n"
                                 "-- migrate:down\n"
                                 "drop table users;\n";
        write(dir.filePath(QStringLiteral("20151129054053_create_users.sql")), first);
        write(dir.filePath(QStringLiteral("20200227231541_create_posts.sql")),
              "-- migrate:up\ncreate table posts (id bigint);\n-- migrate:down\ndrop table "
              "posts;\n");
        const MigrationFolder folder = MigrationFolder::read(dir.path());
        QCOMPARE(folder.dialect(), MigrationFolder::Dialect::Dbmate);
        QVERIFY2(folder.isValid(), qPrintable(folder.errors().join(QLatin1Char('\n'))));
        QCOMPARE(versions(folder),
                 (QStringList{QStringLiteral("20151129054053"), QStringLiteral("20200227231541")}));
        const Migration &migration = folder.migrations().first();
        QVERIFY(migration.sections && migration.hasRollback());
        QString up, down, error;
        QVERIFY(MigrationFolder::readUp(migration, &up, &error));
        QVERIFY(MigrationFolder::readDown(migration, &down, &error));
        // Same length and lines as the file, so findings point at the file's lines.
        QCOMPARE(up.size(), QString::fromUtf8(first).size());
        QCOMPARE(up.count(QLatin1Char('\n')), 8);
        QVERIFY(up.contains(QLatin1String("create table users")));
        QVERIFY(!up.contains(QLatin1String("drop table users")));
        QCOMPARE(up.indexOf(QLatin1String("create table users")),
                 first.indexOf("create table users"));
        QVERIFY(down.contains(QLatin1String("drop table users")));
        QVERIFY(!down.contains(QLatin1String("create table users")));
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

        QTemporaryDir golang;
        writeGolangMigrateFolder(golang.path());
        const MigrationFolder upDown = MigrationFolder::read(golang.path());
        const MigrationFolder::NewFiles timestamped = upDown.newMigration(
            QStringLiteral("add city"));
        QCOMPARE(timestamped.version.size(), 14);
        QVERIFY(
            timestamped.upPath.endsWith(timestamped.version + QStringLiteral("_add_city.up.sql")));
        QVERIFY(timestamped.downPath.endsWith(QLatin1String("_add_city.down.sql")));

        QTemporaryDir dbmateDir;
        write(dbmateDir.filePath(QStringLiteral("20151129054053_a.sql")),
              "-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n");
        const MigrationFolder dbmate = MigrationFolder::read(dbmateDir.path());
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
