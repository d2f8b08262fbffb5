// Live state: every view of a window follows changes to its database without a manual Refresh.
// DatabaseChanges is announced by a console that commits DDL, by the migrations panel after a
// run, by a status read that finds history written elsewhere (here: slipway-cli), and by the
// deploy wizard; the schema tree reloads keeping what was open and current, and the migrations
// panel rereads. Offscreen, against a fresh database of the fixture's server, with the GUI thread
// forbidden to touch a database. Also: SchemaChangeTracker's reading of command tags.

#include "clirun.h"
#include "guitest.h"
#include "mainwindow.h"
#include "migrationactions.h"
#include "migrationspanel.h"
#include "schemadock.h"
#include "schemafixtures.h"
#include "sqlconsole.h"
#include "testsandbox.h"

#include "db/databasechanges.h"
#include "db/threadguard.h"
#include "migrationview/migrationlistmodel.h"
#include "schema/schematreemodel.h"

#include <QFile>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace GuiTest;

namespace {

const char Database[] = "slipway_live_state";

} // namespace

class TestLiveState : public QObject
{
    Q_OBJECT

    using Kind = SchemaNode::Kind;
    QString m_conninfo;
    QTemporaryDir m_folder;

    static QModelIndex waitFind(SchemaDock *dock, const QModelIndex &parent, Kind kind, const QString &name)
    {
        SchemaTreeModel *model = dock->model();
        if (!QTest::qWaitFor([&] { return model->find(parent, kind, name).isValid(); }, 10000))
            return {};
        return model->find(parent, kind, name);
    }

private slots:
    void initTestCase()
    {
        prepareApplication(QStringLiteral("tst_livestate"));
        qputenv("SLIPWAY_AUDIT_DB", m_folder.filePath(QStringLiteral("audit.sqlite")).toUtf8());
        QString error;
        if (!loadFixture(&error))
            QFAIL(qPrintable(error));
        // public ▸ Tables exists from the start (an empty schema has no Tables folder).
        const QString setup = m_folder.filePath(QStringLiteral("setup.sql"));
        QFile setupFile(setup);
        QVERIFY(setupFile.open(QIODevice::WriteOnly));
        setupFile.write("CREATE TABLE existing (id int);\n");
        setupFile.close();
        ThreadGuard::allowAllThreads();
        m_conninfo = SchemaFixtures::recreateDatabase(QString::fromLatin1(Database), {setup}, &error);
        ThreadGuard::forbidCurrentThread();
        QVERIFY2(!m_conninfo.isEmpty(), qPrintable(error));
        QFile file(m_folder.filePath(QStringLiteral("migrations/V001__create_sold.sql")));
        QVERIFY(QDir().mkpath(m_folder.filePath(QStringLiteral("migrations"))));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("CREATE TABLE sold (id int);\n");
    }

    void cleanup() { closeDialogs(); }

    void cleanupTestCase()
    {
        ThreadGuard::allowAllThreads();
        QString error;
        QVERIFY2(SchemaFixtures::dropDatabase(QString::fromLatin1(Database), &error), qPrintable(error));
    }

    void tagsTellWhenASchemaChangeIsVisible_data()
    {
        QTest::addColumn<QString>("tagList"); // separated by |
        QTest::addColumn<QList<bool>>("visible");
        QTest::newRow("autocommit DDL") << QStringLiteral("CREATE TABLE|SELECT 1|ALTER TABLE")
                                        << QList<bool>{true, false, true};
        QTest::newRow("committed") << QStringLiteral("BEGIN|DROP TABLE|INSERT 0 1|COMMIT")
                                   << QList<bool>{false, false, false, true};
        QTest::newRow("rolled back") << QStringLiteral("BEGIN|CREATE INDEX|ROLLBACK|SELECT 1")
                                     << QList<bool>{false, false, false, false};
        QTest::newRow("no DDL in it") << QStringLiteral("START TRANSACTION|UPDATE 3|COMMIT")
                                      << QList<bool>{false, false, false};
    }

    void tagsTellWhenASchemaChangeIsVisible()
    {
        QFETCH(QString, tagList);
        const QStringList tags = tagList.split(QLatin1Char('|'));
        QFETCH(QList<bool>, visible);
        SchemaChangeTracker tracker;
        for (int i = 0; i < tags.size(); ++i)
            QCOMPARE(tracker.finished(tags.at(i)), visible.at(i));
    }

    void viewsFollowChanges()
    {
        MainWindow window;
        window.show();
        window.openMigrationFolder(m_folder.filePath(QStringLiteral("migrations")));
        ConnectionProfile target = profile(QStringLiteral("live"));
        target.conninfo = m_conninfo;
        QVERIFY(connectWindow(window, target));
        SchemaDock *dock = window.schemaBrowser();
        MigrationsPanel *panel = window.migrationActions()->panel();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy() && panel->model()->rowCount() == 1, 20000);

        // The user has public ▸ Tables open.
        const QModelIndex schema = waitFind(dock, {}, Kind::Schema, QStringLiteral("public"));
        QVERIFY(schema.isValid());
        dock->tree()->expand(schema);
        QModelIndex tables = waitFind(dock, schema, Kind::Folder, QStringLiteral("Tables"));
        QVERIFY(tables.isValid());
        dock->tree()->expand(tables);
        dock->tree()->setCurrentIndex(tables);

        // 1. A console commits DDL: the tree shows the table, still open where it was.
        QSignalSpy changes(DatabaseChanges::instance(), &DatabaseChanges::changed);
        SqlConsole *console = window.currentConsole();
        QVERIFY(runAndWait(console, QStringLiteral("BEGIN")));
        QVERIFY(runAndWait(console, QStringLiteral("CREATE TABLE made_here (id int)")));
        QVERIFY(changes.isEmpty()); // not visible to anyone yet
        QVERIFY(runAndWait(console, QStringLiteral("COMMIT")));
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.first().at(1).value<DatabaseChanges::Source>(),
                 DatabaseChanges::Source::Console);
        QTRY_VERIFY_WITH_TIMEOUT(dock->model()
                                     ->find(dock->model()->find(dock->model()->find({}, Kind::Schema,
                                                                                  QStringLiteral("public")),
                                                                Kind::Folder, QStringLiteral("Tables")),
                                            Kind::Table, QStringLiteral("made_here"))
                                     .isValid(),
                                 10000);
        tables = dock->model()->find(dock->model()->find({}, Kind::Schema, QStringLiteral("public")),
                                     Kind::Folder, QStringLiteral("Tables"));
        QVERIFY(dock->tree()->isExpanded(tables));
        QCOMPARE(dock->tree()->currentIndex(), tables);

        // 2. slipway-cli applies the migration; the panel's next status read sees it and the tree
        //    follows.
        changes.clear();
        const TestSandbox::CliRun run = TestSandbox::runCli(
            {QStringLiteral("migrate"), QStringLiteral("--db"), m_conninfo, QStringLiteral("--dir"),
             m_folder.filePath(QStringLiteral("migrations"))});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        panel->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!changes.isEmpty(), 20000);
        QCOMPARE(changes.first().at(1).value<DatabaseChanges::Source>(),
                 DatabaseChanges::Source::StatusRead);
        QTRY_VERIFY_WITH_TIMEOUT(
            dock->model()
                ->find(dock->model()->find(dock->model()->find({}, Kind::Schema, QStringLiteral("public")),
                                           Kind::Folder, QStringLiteral("Tables")),
                       Kind::Table, QStringLiteral("sold"))
                .isValid(),
            10000);

        // 3. A deploy elsewhere (the wizard announces its target): the panel rereads by itself.
        QSignalSpy loaded(panel, &MigrationsPanel::statusLoaded);
        DatabaseChanges::instance()->announce(target.targetKey(), DatabaseChanges::Source::Deploy);
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 20000);
        // Another database's change is not ours.
        loaded.clear();
        DatabaseChanges::instance()->announce(QStringLiteral("someone@elsewhere:5432/other"),
                                              DatabaseChanges::Source::Deploy);
        QVERIFY(!panel->isBusy()); // a reread would have started at once
        QVERIFY(loaded.isEmpty());
    }

    void newConsolesTakeTheLowestFreeNumber()
    {
        MainWindow window;
        QCOMPARE(window.currentConsole()->title(), QStringLiteral("Console 1"));
        window.newConsole();
        window.newConsole();
        QCOMPARE(window.currentConsole()->title(), QStringLiteral("Console 3"));
        window.closeTab(1); // Console 2
        window.closeTab(1); // Console 3
        QCOMPARE(window.newConsole()->title(), QStringLiteral("Console 2"));
    }
};

QTEST_MAIN(TestLiveState)
#include "tst_livestate.moc"
