// Widget tests of the schema browser inside the main window, offscreen, against the fixture's
// server, with the GUI thread forbidden to touch a database: expanding, the object panel, the
// filter, context actions that open consoles, and the index health window.

#include "indexhealthdialog.h"
#include "mainwindow.h"
#include "migrationfolderdock.h"
#include "objectpanel.h"
#include "planactions.h"
#include "schemadock.h"
#include "sqlconsole.h"
#include "sqleditor.h"

#include "db/demodatabase.h"
#include "db/localcluster.h"
#include "db/resulttablemodel.h"
#include "db/threadguard.h"
#include "guitest.h"
#include "schema/schematreemodel.h"
#include "schemafixtures.h"
#include "testsandbox.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QSplitter>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace GuiTest;

class TestSchemaDock : public QObject
{
    Q_OBJECT

    using Kind = SchemaNode::Kind;

    QString m_kinds;
    QString m_demo;

    ConnectionProfile profileFor(const QString &conninfo, const QString &name)
    {
        ConnectionProfile p = profile(name);
        p.conninfo = conninfo;
        return p;
    }

    // Expands through the view, as a user clicking the arrows does.
    static QModelIndex expandPath(SchemaDock *dock, const QList<QPair<Kind, QString>> &steps)
    {
        SchemaTreeModel *model = dock->model();
        QModelIndex at;
        for (const auto &step : steps) {
            if (at.isValid())
                dock->tree()->expand(at);
            if (!QTest::qWaitFor([&] { return model->find(at, step.first, step.second).isValid(); },
                                 10000))
                return {};
            at = model->find(at, step.first, step.second);
        }
        return at;
    }

    static bool select(SchemaDock *dock, const QModelIndex &index)
    {
        QSignalSpy loaded(dock->objectPanel(), &ObjectPanel::loaded);
        dock->tree()->setCurrentIndex(index);
        dock->tree()->scrollTo(index);
        return QTest::qWaitFor([&] { return !loaded.isEmpty(); }, 10000);
    }

    // Triggers a context menu action by name and returns the console it opened.
    static SqlConsole *trigger(MainWindow &window, const QModelIndex &index, const QString &action)
    {
        const int before = window.tabs()->count();
        std::unique_ptr<QMenu> menu(window.schemaBrowser()->contextMenu(index, nullptr));
        QAction *chosen = menu->findChild<QAction *>(action);
        if (!chosen)
            return nullptr;
        chosen->trigger();
        if (action == QLatin1String("copyName"))
            return nullptr;
        if (!QTest::qWaitFor([&] { return window.tabs()->count() > before; }, 10000))
            return nullptr;
        return window.currentConsole();
    }

    static bool waitRun(SqlConsole *console)
    {
        QSignalSpy finished(console, &SqlConsole::executionFinished);
        if (!console->isRunning())
            return false;
        return QTest::qWaitFor([&] { return !finished.isEmpty(); }, 20000)
               && finished.first().first().toBool();
    }

private slots:
    void initTestCase()
    {
        prepareApplication(QStringLiteral("tst_schemadock"));
        QString error;
        if (!loadFixture(&error))
            QFAIL(qPrintable(error));
        // Setting up databases is the one thing this test does on its own thread.
        ThreadGuard::allowAllThreads();
        m_kinds = SchemaFixtures::recreateDatabase(QStringLiteral("slipway_schema_dock_kinds"),
                                                   {SchemaFixtures::allKindsScript()},
                                                   &error);
        LocalCluster cluster(TestSandbox::directory());
        m_demo = DemoDatabase::ensure(cluster);
        ThreadGuard::forbidCurrentThread();
        QVERIFY2(!m_kinds.isEmpty(), qPrintable(error));
    }

    void cleanup() { closeDialogs(); }

    void cleanupTestCase()
    {
        ThreadGuard::allowAllThreads();
        QString error;
        QVERIFY2(SchemaFixtures::dropDatabase(QStringLiteral("slipway_schema_dock_kinds"), &error),
                 qPrintable(error));
    }

    void emptyUntilConnected()
    {
        MainWindow window;
        window.show();
        SchemaDock *dock = window.schemaBrowser();
        QVERIFY(dock);
        QCOMPARE(window.schemaDock()->widget(), dock);
        QCOMPARE(dock->model()->rowCount(), 0);
        QVERIFY(!dock->filterEdit()->isEnabled());
        QVERIFY(!dock->healthAction()->isEnabled());
    }

    void expandSchemaAndShowTableDdl()
    {
        MainWindow window;
        window.show();
        SchemaDock *dock = window.schemaBrowser();
        QAbstractItemModelTester tester(dock->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(connectWindow(window, profileFor(m_kinds, QStringLiteral("kinds"))));
        const QModelIndex parent = expandPath(dock,
                                              {{Kind::Schema, QStringLiteral("kinds")},
                                               {Kind::Folder, QStringLiteral("Tables")},
                                               {Kind::Table, QStringLiteral("parent")}});
        QVERIFY(parent.isValid());
        QVERIFY(dock->tree()->isExpanded(parent.parent()));
        QVERIFY(select(dock, parent));
        ObjectPanel *panel = dock->objectPanel();
        QVERIFY2(panel->ddlEditor()->text().startsWith(
                     QStringLiteral("CREATE TABLE kinds.parent (")),
                 qPrintable(panel->ddlEditor()->text()));
        QVERIFY(panel->ddlEditor()->isReadOnly());
        QVERIFY(panel->propertiesView()->topLevelItemCount() > 3);
        QCOMPARE(panel->propertiesView()->topLevelItem(0)->text(1), QStringLiteral("kinds.parent"));
        QVERIFY(panel->statisticsView()->topLevelItemCount() > 5);
        QVERIFY(panel->dependentsView()->topLevelItemCount() >= 2);
        panel->tabs()->setCurrentIndex(ObjectPanel::DependenciesTab);
        QVERIFY(saveShot(window, QStringLiteral("schemadock-kinds.png")));
    }

    void contextActionsOpenConsoles()
    {
        MainWindow window;
        window.show();
        SchemaDock *dock = window.schemaBrowser();
        QVERIFY(connectWindow(window, profileFor(m_kinds, QStringLiteral("kinds"))));
        const QString odd = QStringLiteral("Odd \"Names\"");
        const QModelIndex quoted = expandPath(dock,
                                              {{Kind::Schema, odd},
                                               {Kind::Folder, QStringLiteral("Tables")},
                                               {Kind::Table,
                                                QStringLiteral("Table \"Quoted\" Name")}});
        QVERIFY(quoted.isValid());

        trigger(window, quoted, QStringLiteral("copyName"));
        QCOMPARE(QApplication::clipboard()->text(),
                 QStringLiteral("\"Odd \"\"Names\"\"\".\"Table \"\"Quoted\"\" Name\""));

        // The quoted name really reaches the table: the SELECT runs.
        SqlConsole *select = trigger(window, quoted, QStringLiteral("selectRows"));
        QVERIFY(select);
        QCOMPARE(select->editor()->text(),
                 QStringLiteral("SELECT *\nFROM \"Odd \"\"Names\"\"\".\"Table \"\"Quoted\"\" "
                                "Name\"\nLIMIT 100;\n"));
        QVERIFY(waitRun(select));
        QCOMPARE(select->resultModel()->columnCount(), 5);
        QCOMPARE(window.tabs()->tabText(window.tabs()->currentIndex()),
                 QStringLiteral("Table \"Quoted\" Name"));

        // EXPLAIN opens the plan viewer on a SELECT of the table (console, then the plan tab).
        const int plansBefore = int(window.planActions()->planTabs().size());
        SqlConsole *plan = trigger(window, quoted, QStringLiteral("explain"));
        QVERIFY(plan);
        QVERIFY(plan->editor()->text().startsWith(QStringLiteral("SELECT *\nFROM \"Odd \"\"Names\"\"\".")));
        QTRY_COMPARE_WITH_TIMEOUT(int(window.planActions()->planTabs().size()), plansBefore + 1, 15000);

        SqlConsole *ddl = trigger(window, quoted, QStringLiteral("openDdl"));
        QVERIFY(ddl);
        QVERIFY2(ddl->editor()->text().startsWith(QStringLiteral(
                     "CREATE TABLE \"Odd \"\"Names\"\"\".\"Table \"\"Quoted\"\" Name\" (\n"
                     "    \"select\" integer NOT NULL,")),
                 qPrintable(ddl->editor()->text()));
        QVERIFY(!ddl->isRunning()); // DDL is shown, never run by itself

        // Folders have no name to copy and no rows to select.
        std::unique_ptr<QMenu> folderMenu(dock->contextMenu(quoted.parent(), nullptr));
        QVERIFY(!folderMenu->findChild<QAction *>(QStringLiteral("selectRows")));
        QVERIFY(!folderMenu->findChild<QAction *>(QStringLiteral("copyName")));
        QVERIFY(folderMenu->findChild<QAction *>(QStringLiteral("refresh")));
    }

    void filterNarrowsAndExpands()
    {
        MainWindow window;
        window.show();
        SchemaDock *dock = window.schemaBrowser();
        QVERIFY(connectWindow(window, profileFor(m_kinds, QStringLiteral("kinds"))));
        QTRY_VERIFY(dock->model()->rowCount() >= 3);
        QTest::keyClicks(dock->filterEdit(), QStringLiteral("events*"));
        SchemaTreeModel *model = dock->model();
        QTRY_COMPARE_WITH_TIMEOUT(model->filterText(), QStringLiteral("events*"), 5000);
        // Only the schema with a match is left, opened down to the match.
        QTRY_VERIFY_WITH_TIMEOUT(model
                                     ->find(model->find(model->find({},
                                                                    Kind::Schema,
                                                                    QStringLiteral("kinds")),
                                                        Kind::Folder,
                                                        QStringLiteral("Tables")),
                                            Kind::PartitionedTable,
                                            QStringLiteral("events"))
                                     .isValid(),
                                 10000);
        QVERIFY(!model->find({}, Kind::Schema, QStringLiteral("Odd \"Names\"")).isValid());
        const QModelIndex kinds = model->find({}, Kind::Schema, QStringLiteral("kinds"));
        QVERIFY(dock->tree()->isExpanded(kinds));
        QCOMPARE(model->rowCount(kinds), 1);
        dock->filterEdit()->clear();
        QTRY_VERIFY_WITH_TIMEOUT(model->find({}, Kind::Schema, QStringLiteral("Odd \"Names\""))
                                     .isValid(),
                                 10000);
    }

    void indexHealthOpensFixes()
    {
        MainWindow window;
        window.show();
        SchemaDock *dock = window.schemaBrowser();
        QVERIFY(connectWindow(window, profileFor(m_demo, QStringLiteral("demo"))));
        dock->healthAction()->trigger();
        IndexHealthDialog *dialog = dock->healthDialog();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isChecking(), 20000);
        QVERIFY2(dialog->findings().size() >= 4, qPrintable(dialog->statusLabel()->text()));
        // Unused indexes are judged from counters: the window says since when they run.
        QVERIFY(dialog->statisticsPeriod().isValid());
        QVERIFY2(dialog->statusLabel()->text().contains(dialog->statisticsPeriod().describe())
                     && dialog->statusLabel()->text().contains(
                         QStringLiteral("an index is judged unused over that period only")),
                 qPrintable(dialog->statusLabel()->text()));
        QTreeWidget *view = dialog->findingsView();
        QTreeWidgetItem *fk = nullptr;
        for (int i = 0; i < view->topLevelItemCount(); ++i) {
            if (view->topLevelItem(i)->text(1) == QLatin1String("shop.order_items_product_id_fkey"))
                fk = view->topLevelItem(i);
        }
        QVERIFY(fk);
        view->setCurrentItem(fk);
        QVERIFY(saveShot(*dialog, QStringLiteral("schemadock-health.png")));
        const int tabs = window.tabs()->count();
        dialog->openFixButton()->click();
        QTRY_COMPARE(window.tabs()->count(), tabs + 1);
        QVERIFY2(window.currentConsole()->editor()->text().contains(
                     QStringLiteral("CREATE INDEX CONCURRENTLY ON shop.order_items (product_id);")),
                 qPrintable(window.currentConsole()->editor()->text()));
        QVERIFY(!window.currentConsole()->isRunning());
    }

    // The picture for the README: the demo shop's orders table with its DDL.
    void screenshot()
    {
        MainWindow window; // at its default 1280×800, as a user first sees it
        window.show();
        SchemaDock *dock = window.schemaBrowser();
        QVERIFY(connectWindow(window, profileFor(m_demo, QStringLiteral("demo shop"))));
        window.migrationDock()->hide(); // the picture is about the schema dock
        window.resizeDocks({window.schemaDock()}, {560}, Qt::Horizontal);
        if (auto *splitter = dock->findChild<QSplitter *>(QStringLiteral("schemaSplitter")))
            splitter->setSizes({430, 330});
        const QModelIndex orders = expandPath(dock,
                                              {{Kind::Schema, QStringLiteral("shop")},
                                               {Kind::Folder, QStringLiteral("Tables")},
                                               {Kind::PartitionedTable, QStringLiteral("orders")}});
        QVERIFY(orders.isValid());
        dock->tree()->expand(orders);
        QTRY_VERIFY(dock->model()->rowCount(orders) > 0);
        const QModelIndex columns = dock->model()->find(orders,
                                                        Kind::Folder,
                                                        QStringLiteral("Columns"));
        dock->tree()->expand(columns);
        dock->tree()->expand(dock->model()->find(orders, Kind::Folder, QStringLiteral("Indexes")));
        QVERIFY(select(dock, orders));
        // The partitioned table's figures are its partitions' (five in the demo).
        const QList<QTreeWidgetItem *> live
            = dock->objectPanel()->statisticsView()->findItems(QStringLiteral("Live rows"),
                                                               Qt::MatchExactly);
        QCOMPARE(live.size(), 1);
        QVERIFY2(live.first()->text(1).endsWith(QStringLiteral(", the sum of its 5 partitions")),
                 qPrintable(live.first()->text(1)));
        SqlConsole *console = window.consoles().first();
        window.tabs()->setCurrentWidget(console);
        QVERIFY(
            runAndWait(console, QStringLiteral("SELECT * FROM shop.orders ORDER BY id LIMIT 50;")));
        QVERIFY(saveShot(window, QStringLiteral("schema-browser.png")));
    }
};

QTEST_MAIN(TestSchemaDock)
#include "tst_schemadock.moc"
