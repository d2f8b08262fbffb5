// F7 and Shift+F7 from an SQL console of the main window against the fixture's PostgreSQL
// server, offscreen, with the GUI thread forbidden to touch a database: plan tabs open, ANALYZE
// of a write is rolled back, errors mark the editor, and a before / after index pair compares.

#include "explain/plandiff.h"
#include "explain/plankeys.h"
#include "guitest.h"
#include "mainwindow.h"
#include "messagespane.h"
#include "migrationfolderdock.h"
#include "planactions.h"
#include "plancomparewidget.h"
#include "plandetailspanel.h"
#include "planfixtures.h"
#include "planscene.h"
#include "planview.h"
#include "planwidget.h"
#include "sqlconsole.h"
#include "sqleditor.h"
#include "testsandbox.h"

#include "db/resulttablemodel.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QTabWidget>
#include <QTest>

using namespace GuiTest;

class TestPlanWindow : public QObject
{
    Q_OBJECT

    static constexpr const char *Database = "slipway_plan_gui";

    static ConnectionProfile databaseProfile()
    {
        ConnectionProfile p = profile(QStringLiteral("plans"));
        p.conninfo = TestSandbox::conninfo(QString::fromLatin1(Database));
        return p;
    }

    static bool explainAndWait(MainWindow &window,
                               const QString &sql,
                               bool analyze,
                               int expectedTabs)
    {
        SqlConsole *console = window.currentConsole();
        console->editor()->setText(sql);
        console->editor()->setCursorCharIndex(0);
        (analyze ? window.planActions()->explainAnalyzeAction()
                 : window.planActions()->explainAction())
            ->trigger();
        const bool opened = QTest::qWaitFor(
            [&] { return window.planActions()->planTabs().size() == expectedTabs; }, 30000);
        if (!opened)
            qWarning("no plan tab; console messages:\n%s",
                     qPrintable(console->messages()->toPlainText()));
        return opened;
    }

    static QStringList tabTexts(MainWindow &window)
    {
        QStringList texts;
        for (int i = 0; i < window.tabs()->count(); ++i)
            texts << window.tabs()->tabText(i);
        return texts;
    }

    static QString tabText(MainWindow &window, QWidget *page)
    {
        return window.tabs()->tabText(window.tabs()->indexOf(page));
    }

    static QString firstCell(SqlConsole *console)
    {
        return console->resultModel()->rowCount() > 0 ? console->resultModel()->text(0, 0)
                                                      : QString();
    }

private slots:
    void initTestCase()
    {
        prepareApplication(QStringLiteral("tst_planwindow"));
        QString error;
        if (!loadFixture(&error))
            QFAIL(qPrintable(error));
        MainWindow window;
        QVERIFY(connectWindow(window, profile()));
        SqlConsole *console = window.currentConsole();
        QVERIFY(runAndWait(console,
                           QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)")
                               .arg(QLatin1String(Database))));
        QVERIFY(
            runAndWait(console, QStringLiteral("CREATE DATABASE %1").arg(QLatin1String(Database))));
    }

    void cleanup() { closeDialogs(); }

    void explainOpensPlanTabs()
    {
        MainWindow window;
        window.resize(1500, 950);
        window.show();
        QVERIFY(connectWindow(window, databaseProfile()));
        SqlConsole *console = window.currentConsole();
        for (const char *sql :
             {"DROP TABLE IF EXISTS items",
              "CREATE TABLE items (id int PRIMARY KEY, owner int NOT NULL, v int NOT NULL)",
              "INSERT INTO items SELECT g, g % 500, 1 FROM generate_series(1, 50000) g",
              "ANALYZE items"})
            QVERIFY(runAndWait(console, QString::fromLatin1(sql)));
        QVERIFY(window.planActions()->explainAction()->isEnabled());

        QVERIFY(explainAndWait(window,
                               QStringLiteral("SELECT * FROM items WHERE owner = 7;"),
                               false,
                               1));
        PlanWidget *estimates = window.planActions()->planTabs().at(0);
        QCOMPARE(window.tabs()->currentWidget(), estimates);
        QVERIFY(!estimates->plan().hasActuals());
        QCOMPARE(estimates->plan().root().nodeType(), QStringLiteral("Seq Scan"));
        QCOMPARE(estimates->plan().root().text(PlanKey::RelationName), QStringLiteral("items"));
        QVERIFY(estimates->summaryLabel()->text().contains(QStringLiteral("no ANALYZE")));

        window.tabs()->setCurrentWidget(console);
        QVERIFY(
            explainAndWait(window, QStringLiteral("SELECT * FROM items WHERE owner = 7"), true, 2));
        PlanWidget *analyzed = window.planActions()->planTabs().at(1);
        QVERIFY(analyzed->plan().hasActuals());
        QCOMPARE(analyzed->plan().root().actualRows(), 100.0);
        QVERIFY(analyzed->plan().root().number(QLatin1String("Shared Hit Blocks")) > 0); // BUFFERS
        QVERIFY(!analyzed->summaryLabel()->text().contains(QStringLiteral("rolled back")));
        // The Seq Scan throws away 99.8 % of the rows: an index is suggested.
        bool suggested = false;
        QStringList statements;
        for (const PlanFinding &finding : analyzed->findings()) {
            statements << finding.sql;
            suggested = suggested
                        || finding.sql
                               == QLatin1String("CREATE INDEX CONCURRENTLY ON items (owner);");
        }
        QVERIFY2(suggested, qPrintable(statements.join(QLatin1Char('\n'))));
        QVERIFY(saveShot(window, QStringLiteral("planwindow-analyze.png")));

        // Plan tabs close without questions; consoles stay.
        const int tabs = window.tabs()->count();
        window.closeTab(window.tabs()->indexOf(estimates));
        QTRY_COMPARE(window.tabs()->count(), tabs - 1);
    }

    // Two plans of the same statement or file are told apart by their tab and in the compare
    // picker, which lists plan titles.
    void planTabsNeverShareATitle()
    {
        MainWindow window;
        window.show();
        PlanActions *actions = window.planActions();
        const QString text = PlanFixtures::read(QStringLiteral("merge.txt"));
        const QString file = PlanFixtures::path(QStringLiteral("ctes.txt"));
        PlanWidget *first = actions->openPlan(text, QStringLiteral("orders"));
        PlanWidget *second = actions->openPlan(text, QStringLiteral("orders"));
        PlanWidget *third = actions->openPlan(text, QStringLiteral("orders"));
        PlanWidget *fromFile = actions->openPlanFile(file);
        PlanWidget *fromFileAgain = actions->openPlanFile(file);
        QVERIFY(first && second && third && fromFile && fromFileAgain);
        QCOMPARE(tabText(window, first), QStringLiteral("Plan: orders"));
        QCOMPARE(tabText(window, second), QStringLiteral("Plan: orders (2)"));
        QCOMPARE(second->title(), QStringLiteral("orders (2)"));
        QCOMPARE(tabText(window, third), QStringLiteral("Plan: orders (3)"));
        QCOMPARE(tabText(window, fromFile), QStringLiteral("Plan: ctes.txt"));
        QCOMPARE(tabText(window, fromFileAgain), QStringLiteral("Plan: ctes.txt (2)"));

        // A closed tab's name is free again; the others keep theirs.
        window.closeTab(window.tabs()->indexOf(second));
        QTRY_COMPARE(actions->planTabs().size(), 4);
        PlanWidget *again = actions->openPlan(text, QStringLiteral("orders"));
        QCOMPARE(again->title(), QStringLiteral("orders (2)"));
        QCOMPARE(tabText(window, third), QStringLiteral("Plan: orders (3)"));

        // A file dropped on a plan tab renames it, never onto another tab's name.
        QVERIFY(first->loadFile(file));
        QCOMPARE(tabText(window, first), QStringLiteral("Plan: ctes.txt (3)"));
        QStringList texts = tabTexts(window);
        QCOMPARE(texts.removeDuplicates(), 0);
    }

    void analyzeOfAWriteIsRolledBack()
    {
        MainWindow window;
        window.show();
        QVERIFY(connectWindow(window, databaseProfile()));
        SqlConsole *console = window.currentConsole();
        QVERIFY(runAndWait(console, QStringLiteral("SELECT sum(v) FROM items")));
        const QString before = firstCell(console);
        QCOMPARE(before, QStringLiteral("50000"));

        QVERIFY(explainAndWait(window,
                               QStringLiteral("UPDATE items SET v = v + 1 WHERE owner < 100"),
                               true,
                               1));
        PlanWidget *plan = window.planActions()->planTabs().at(0);
        QCOMPARE(plan->plan().root().nodeType(), QStringLiteral("ModifyTable"));
        QCOMPARE(plan->plan().root().text(PlanKey::Operation), QStringLiteral("Update"));
        QVERIFY(plan->summaryLabel()->text().contains(QStringLiteral("rolled back")));

        window.tabs()->setCurrentWidget(console);
        QVERIFY(runAndWait(console, QStringLiteral("SELECT sum(v) FROM items")));
        QCOMPARE(firstCell(console), before);

        // Inside an open transaction the rollback goes to a savepoint and the transaction stays.
        QVERIFY(runAndWait(console, QStringLiteral("BEGIN")));
        QVERIFY(runAndWait(console, QStringLiteral("UPDATE items SET v = 2 WHERE id = 1")));
        QVERIFY(explainAndWait(window, QStringLiteral("DELETE FROM items"), true, 2));
        window.tabs()->setCurrentWidget(console);
        QVERIFY(runAndWait(console, QStringLiteral("SELECT count(*) FROM items")));
        QCOMPARE(firstCell(console), QStringLiteral("50000"));
        QVERIFY(runAndWait(console, QStringLiteral("SELECT v FROM items WHERE id = 1")));
        QCOMPARE(firstCell(console), QStringLiteral("2"));
        QVERIFY(runAndWait(console, QStringLiteral("ROLLBACK")));
    }

    void explainErrorMarksTheEditor()
    {
        MainWindow window;
        window.show();
        QVERIFY(connectWindow(window, databaseProfile()));
        SqlConsole *console = window.currentConsole();
        const QString sql = QStringLiteral("  SELECT id FROM items WHERE nosuchcolumn = 1");
        console->editor()->setText(sql);
        console->editor()->setCursorCharIndex(5);
        window.planActions()->explainAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(console->messages()->toPlainText().contains(
                                     QStringLiteral("nosuchcolumn")),
                                 30000);
        QVERIFY(window.planActions()->planTabs().isEmpty());
        // The caret lands on the unknown column in the editor, not in the EXPLAIN around it.
        QCOMPARE(console->editor()->cursorCharIndex(),
                 int(sql.indexOf(QLatin1String("nosuchcolumn"))));
    }

    void beforeAndAfterAnIndexCompare()
    {
        MainWindow window;
        window.resize(1500, 950);
        window.show();
        QVERIFY(connectWindow(window, databaseProfile()));
        SqlConsole *console = window.currentConsole();
        QVERIFY(runAndWait(console, QStringLiteral("DROP INDEX IF EXISTS items_owner")));
        const QString query = QStringLiteral(
            "SELECT owner, count(*) FROM items WHERE owner BETWEEN 10 AND 12 GROUP BY owner");
        QVERIFY(explainAndWait(window, query, true, 1));
        window.tabs()->setCurrentWidget(console);
        QVERIFY(runAndWait(console, QStringLiteral("CREATE INDEX items_owner ON items (owner)")));
        QVERIFY(runAndWait(console, QStringLiteral("ANALYZE items")));
        QVERIFY(explainAndWait(window, query, true, 2));
        const QList<PlanWidget *> plans = window.planActions()->planTabs();
        // The same statement twice: two tabs that can be told apart.
        QVERIFY2(tabText(window, plans.at(0)) != tabText(window, plans.at(1)),
                 qPrintable(tabTexts(window).join(QLatin1String(" | "))));
        QCOMPARE(plans.at(1)->title(), plans.at(0)->title() + QStringLiteral(" (2)"));
        PlanCompareWidget *compare = window.planActions()->compare(plans.at(0), plans.at(1));
        QCOMPARE(window.tabs()->currentWidget(), compare);

        const PlanDiff &diff = compare->diff();
        QVERIFY(diff.timed());
        QVERIFY2(diff.speedup() > 1.5, qPrintable(QString::number(diff.speedup())));
        QVERIFY(compare->summaryLabel()->text().contains(QStringLiteral("faster")));
        // The Seq Scan before meets the index scan that replaced it.
        int seqScan = -1;
        for (const PlanNode &node : plans.at(0)->plan().nodes()) {
            if (node.nodeType() == QLatin1String("Seq Scan"))
                seqScan = node.id();
        }
        QVERIFY(seqScan >= 0);
        const int replacement = diff.matchOfBefore(seqScan);
        QVERIFY(replacement >= 0);
        const PlanNode &scan = plans.at(1)->plan().node(replacement);
        QCOMPARE(scan.text(PlanKey::RelationName), QStringLiteral("items"));
        QVERIFY2(scan.nodeType() != QLatin1String("Seq Scan"), qPrintable(scan.nodeType()));
        QVERIFY(diff.worse().isEmpty() || diff.worse().first().after != replacement);
        // Selecting the scan before selects its replacement after.
        compare->beforeScene()->selectNode(seqScan);
        QCOMPARE(compare->afterScene()->selectedNode(), replacement);
        QVERIFY(saveShot(window, QStringLiteral("planwindow-compare.png")));
    }

    // The picture for docs/screenshots/explain.png: a shop query with a CTE, a correlated
    // SubPlan, joins and a sort, after Shift+F7 in a window of the default size, with the
    // heaviest node selected.
    void screenshot()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(connectWindow(window, databaseProfile()));
        window.schemaDock()->hide();
        window.migrationDock()->hide();
        SqlConsole *console = window.currentConsole();
        for (const char *sql :
             {"DROP TABLE IF EXISTS order_lines, orders, customers",
              "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, city text NOT NULL)",
              "INSERT INTO customers SELECT g, 'customer ' || g, 'city ' || g % 40 FROM "
              "generate_series(1, 20000) g",
              "CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES "
              "customers, placed date NOT NULL, "
              "status text NOT NULL)",
              "INSERT INTO orders SELECT g, 1 + g % 20000, date '2025-01-01' + g % 365, CASE WHEN "
              "g % 9 = 0 THEN 'open' "
              "ELSE 'shipped' END FROM generate_series(1, 120000) g",
              "CREATE TABLE order_lines (order_id int NOT NULL, product int NOT NULL, amount "
              "numeric NOT NULL)",
              "INSERT INTO order_lines SELECT 1 + g % 120000, g % 500, (g % 97) + 0.5 FROM "
              "generate_series(1, 360000) g",
              "CREATE INDEX ON order_lines (order_id)",
              "ANALYZE"})
            QVERIFY(runAndWait(console, QString::fromLatin1(sql)));
        const QString query = QStringLiteral(
            "WITH open_orders AS MATERIALIZED (\n"
            "  SELECT o.id, o.customer_id FROM orders o WHERE o.status = 'open' AND o.placed > "
            "date '2025-03-01')\n"
            "SELECT c.city, count(*) AS orders, sum(l.amount) AS revenue,\n"
            "       (SELECT count(*) FROM orders x WHERE x.customer_id = min(c.id)) AS "
            "first_customer_orders\n"
            "FROM open_orders oo\n"
            "JOIN customers c ON c.id = oo.customer_id\n"
            "JOIN order_lines l ON l.order_id = oo.id\n"
            "GROUP BY c.city ORDER BY revenue DESC LIMIT 10");
        QVERIFY(explainAndWait(window, query, true, 1));
        PlanWidget *plan = window.planActions()->planTabs().first();
        QVERIFY(plan->plan().size() >= 10);
        // First drawn at the default window size: fitted but readable. Then the heaviest node is
        // picked in the grid, which brings its card into view at the same zoom.
        QVERIFY(plan->view()->autoFit());
        const double fitted = plan->view()->zoom();
        QVERIFY(fitted >= PlanView::ReadableZoom);
        plan->selectNode(plan->metrics().heaviestNode());
        QCOMPARE(plan->view()->zoom(), fitted);
        QVERIFY(saveShot(window, QStringLiteral("explain.png")));
    }

    void cleanupTestCase()
    {
        MainWindow window;
        if (connectWindow(window, profile()))
            runAndWait(window.currentConsole(),
                       QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)")
                           .arg(QLatin1String(Database)));
    }
};

QTEST_MAIN(TestPlanWindow)
#include "tst_planwindow.moc"
