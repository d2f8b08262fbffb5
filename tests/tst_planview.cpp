#include "guitest.h"
#include "planfixtures.h"

#include "explain/plankeys.h"
#include "explain/planmetrics.h"
#include "explain/plannodesmodel.h"
#include "plandetailspanel.h"
#include "planminimap.h"
#include "plannodeitem.h"
#include "planscene.h"
#include "planview.h"
#include "planwidget.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

// The plan tab offscreen: load one of the project's plans (tests/data/plans), click a card, read its details; collapse, search,
// the grid, fitting to the pane and the zoom shown, and a look at the result (screenshots next to
// the test binary).
class TestPlanView : public QObject
{
    Q_OBJECT

    static QPoint viewPoint(PlanWidget &widget, int node)
    {
        const QRectF card = widget.scene()->cardRect(node);
        widget.view()->centerOnNode(node);
        // A point on the card's title, away from the percent badge and the tags.
        return widget.view()->mapFromScene(card.topLeft() + QPointF(40, 14));
    }

    // PlanPainter draws a card's name, target and figures from this level of detail on.
    static constexpr double LabelsDrawn = 0.55;

    static QRect viewportRect(const PlanView &view) { return view.viewport()->rect(); }

    // Where the scene rectangle lands in the viewport.
    static QRect onScreen(const PlanView &view, const QRectF &sceneRect)
    {
        return view.mapFromScene(sceneRect).boundingRect();
    }

    // Resizes a shown top-level view and waits until its viewport has the new size.
    static bool resizeAndWait(PlanView &view, const QSize &size)
    {
        view.resize(size);
        return QTest::qWaitFor([&] { return view.size() == size; });
    }

    // A viewport point over the background (no card, no minimap), for dragging.
    static QPoint backgroundPoint(const PlanView &view)
    {
        const QRect room = viewportRect(view);
        for (int y = room.bottom() - 4; y > room.top(); y -= 8) {
            for (int x = room.left() + 4; x < room.right(); x += 8) {
                const QPoint at(x, y);
                if (!view.itemAt(at) && !view.minimap()->geometry().contains(at))
                    return at;
            }
        }
        return {};
    }

private slots:
    void initTestCase() { GuiTest::prepareApplication(QStringLiteral("tst_planview")); }

    void smallPaneStaysReadableAndRefits()
    {
        const Plan plan = PlanFixtures::load(QStringLiteral("merge.txt"));
        const PlanMetrics metrics = PlanMetrics::compute(plan);
        PlanScene scene;
        PlanView view;
        view.setPlanScene(&scene);
        view.resize(500, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        scene.setPlan(&plan, &metrics);
        view.fitToView(); // as a new plan tab does

        // Drawn the first time in a small pane: not a cluster of unlabelled blocks but readable
        // cards, the root in view and clear of the minimap, the rest a scroll away.
        const QRectF whole = scene.layout().bounds();
        QVERIFY2(view.zoom() >= LabelsDrawn, qPrintable(QString::number(view.zoom())));
        QTRY_VERIFY(view.verticalScrollBar()->isVisible()); // shown on the next layout pass
        const QRect root = onScreen(view, scene.cardRect(0));
        QVERIFY2(viewportRect(view).contains(root),
                 qPrintable(QStringLiteral("%1,%2 %3×%4")
                                .arg(root.x())
                                .arg(root.y())
                                .arg(root.width())
                                .arg(root.height())));
        QVERIFY(!view.minimap()->isVisible() || !view.minimap()->geometry().intersects(root));
        QVERIFY(GuiTest::saveShot(view, QStringLiteral("planview-small-pane.png")));
        const double small = view.zoom();

        // The pane grows and nobody has zoomed or panned: the picture follows, the whole plan
        // in view and larger than before.
        QVERIFY(resizeAndWait(view, QSize(1300, 1000)));
        QTRY_VERIFY(view.zoom() > small);
        QVERIFY(viewportRect(view).contains(onScreen(view, whole)));
        QVERIFY(GuiTest::saveShot(view, QStringLiteral("planview-large-pane.png")));

        // A zoom by hand sticks: a resize keeps it.
        view.zoomIn();
        const double chosen = view.zoom();
        QVERIFY(resizeAndWait(view, QSize(900, 700)));
        QCOMPARE(view.zoom(), chosen);
        // "Fit" turns following the pane back on.
        view.fitToView();
        const double fitted = view.zoom();
        QVERIFY(fitted < chosen);
        QVERIFY(viewportRect(view).contains(onScreen(view, whole)));
        QVERIFY(resizeAndWait(view, QSize(1300, 1000)));
        QTRY_VERIFY(view.zoom() > fitted);

        // So does a pan by hand, here dragging the background of a small pane.
        QVERIFY(resizeAndWait(view, QSize(500, 300)));
        QTRY_COMPARE(view.zoom(), small);
        const QPoint from = backgroundPoint(view);
        QVERIFY(!from.isNull());
        const int scrolled = view.verticalScrollBar()->value();
        QTest::mousePress(view.viewport(), Qt::LeftButton, {}, from);
        QTest::mouseMove(view.viewport(), from - QPoint(0, 60));
        QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, from - QPoint(0, 60));
        QVERIFY(view.verticalScrollBar()->value() > scrolled);
        QVERIFY(resizeAndWait(view, QSize(600, 360)));
        QCOMPARE(view.zoom(), small);
        // Not fitted again, which would bring the root back to the top.
        QVERIFY(view.verticalScrollBar()->value() > view.verticalScrollBar()->minimum());
        // And the keyboard's scrolling too.
        view.fitToView();
        QTest::keyClick(&view, Qt::Key_Down);
        QVERIFY(resizeAndWait(view, QSize(1300, 1000)));
        QCOMPARE(view.zoom(), small);
    }

    void zoomLevelIsShown()
    {
        PlanWidget widget;
        widget.resize(1200, 800);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        QVERIFY(widget.loadText(PlanFixtures::read(QStringLiteral("ctes.txt"))));
        auto *zoom = widget.findChild<QLabel *>(QStringLiteral("planZoom"));
        QVERIFY(zoom);
        PlanView *view = widget.view();
        const auto shown = [view] { return QStringLiteral("%1 %").arg(qRound(view->zoom() * 100)); };
        QCOMPARE(zoom->text(), shown()); // fitted on load

        view->zoomIn();
        QCOMPARE(zoom->text(), shown());
        const QString zoomedIn = zoom->text();
        auto *actualSize = widget.findChild<QToolButton *>(QStringLiteral("planActualSize"));
        QVERIFY(actualSize);
        actualSize->click();
        QCOMPARE(zoom->text(), QStringLiteral("100 %"));
        auto *fit = widget.findChild<QToolButton *>(QStringLiteral("planFit"));
        QVERIFY(fit);
        fit->click();
        QCOMPARE(zoom->text(), shown());
        QVERIFY(zoom->text() != QStringLiteral("100 %"));
        QVERIFY(fit->isChecked()); // the picture follows the pane
        view->zoomIn();
        QCOMPARE(zoom->text(), zoomedIn);
        QVERIFY(!fit->isChecked());
        QVERIFY(GuiTest::saveShot(widget, QStringLiteral("planview-zoom.png")));
    }

    void clickANodeShowsItsDetails()
    {
        PlanWidget widget;
        widget.resize(1500, 950);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        QString error;
        QVERIFY2(widget.loadText(PlanFixtures::read(QStringLiteral("merge.txt")), &error),
                 qPrintable(error));
        QCOMPARE(widget.plan().size(), 8);
        QVERIFY(widget.summaryLabel()->text().contains(QStringLiteral("170.544")));

        // Node 5: Bitmap Index Scan on stock_move_item_idx (shared hit=23 read=17).
        const int node = 5;
        QTest::mouseClick(widget.view()->viewport(), Qt::LeftButton, {}, viewPoint(widget, node));
        QCOMPARE(widget.scene()->selectedNode(), node);
        PlanDetailsPanel *details = widget.details();
        QCOMPARE(details->node(), node);
        QCOMPARE(details->titleLabel()->text(), QStringLiteral("Bitmap Index Scan"));
        QCOMPARE(details->valueOf(QStringLiteral("Index Name")),
                 QStringLiteral("stock_move_item_idx"));
        QCOMPARE(details->valueOf(QStringLiteral("Index Cond")),
                 QStringLiteral("(item_id <= 2000)"));
        QCOMPARE(details->valueOf(QStringLiteral("Shared Read Blocks")), QStringLiteral("17"));

        // Node 3: HashAggregate, 17,619 groups estimated, 2,000 found: 8.81× fewer.
        QTest::mouseClick(widget.view()->viewport(), Qt::LeftButton, {}, viewPoint(widget, 3));
        QCOMPARE(details->node(), 3);
        QCOMPARE(details->titleLabel()->text(), QStringLiteral("HashAggregate"));
        QCOMPARE(details->valueOf(QStringLiteral("Misestimate")),
                 QStringLiteral("8.81× fewer rows than estimated"));
        QVERIFY(GuiTest::saveShot(widget, QStringLiteral("planview-selected.png")));

        // Clicking the background clears the selection and shows the plan's summary again.
        QTest::mouseClick(widget.view()->viewport(), Qt::LeftButton, {}, QPoint(3, 3));
        QCOMPARE(details->node(), -1);
        QCOMPARE(details->valueOf(QStringLiteral("Execution time")), QStringLiteral("170.544 ms"));
    }

    void doubleClickCollapsesAndExpands()
    {
        PlanWidget widget;
        widget.resize(1400, 900);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        QVERIFY(widget.loadText(PlanFixtures::read(QStringLiteral("ctes.txt"))));
        const int total = widget.plan().size();
        QCOMPARE(int(widget.scene()->layout().items().size()), total);
        const int node = 1; // has a subtree
        QVERIFY(!widget.plan().node(node).children().isEmpty());
        QTest::mouseDClick(widget.view()->viewport(), Qt::LeftButton, {}, viewPoint(widget, node));
        QVERIFY(widget.scene()->isCollapsed(node));
        const PlanNodeItem *collapsed = widget.scene()->itemForNode(node);
        QVERIFY(collapsed);
        QVERIFY(collapsed->layoutItem().hiddenDescendants > 0);
        QCOMPARE(int(widget.scene()->layout().items().size()),
                 total - collapsed->layoutItem().hiddenDescendants);
        QVERIFY(GuiTest::saveShot(widget, QStringLiteral("planview-collapsed.png")));
        QTest::mouseDClick(widget.view()->viewport(), Qt::LeftButton, {}, viewPoint(widget, node));
        QVERIFY(!widget.scene()->isCollapsed(node));
        QCOMPARE(int(widget.scene()->layout().items().size()), total);
        // Selecting a node hidden under a collapsed one opens the way to it.
        widget.scene()->setCollapsed(0, true);
        QCOMPARE(widget.scene()->layout().items().size(), 1);
        widget.selectNode(total - 1);
        QCOMPARE(widget.scene()->selectedNode(), total - 1);
        QVERIFY(widget.scene()->itemForNode(total - 1));
    }

    void searchGridAndHeat()
    {
        PlanWidget widget;
        widget.resize(1400, 900);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        QVERIFY(widget.loadText(PlanFixtures::read(QStringLiteral("many-ctes.json"))));
        QTest::keyClicks(widget.searchField(), QStringLiteral("CTE Scan"));
        int matched = 0;
        int scans = 0;
        for (const PlanNode &node : widget.plan().nodes())
            scans += node.nodeType() == QLatin1String("CTE Scan");
        for (QGraphicsItem *item : widget.scene()->items()) {
            if (auto *card = dynamic_cast<PlanNodeItem *>(item))
                matched += card->isMatched();
        }
        QCOMPARE(scans, 10); // "Node Type": "CTE Scan" in the file
        QCOMPARE(matched, scans);
        QTest::keyClick(widget.searchField(), Qt::Key_Return);
        QCOMPARE(widget.plan().node(widget.scene()->selectedNode()).nodeType(),
                 QStringLiteral("CTE Scan"));

        // The grid is sorted by self time, slowest first; picking a row selects that node.
        QTableView *grid = widget.grid();
        QCOMPARE(grid->model()->rowCount(), widget.plan().size());
        const int slowest = grid->model()->index(0, 0).data(PlanNodesModel::NodeIdRole).toInt();
        QCOMPARE(slowest, widget.metrics().heaviestNode());
        grid->selectRow(3);
        const int picked = grid->model()->index(3, 0).data(PlanNodesModel::NodeIdRole).toInt();
        QCOMPARE(widget.scene()->selectedNode(), picked);
        QCOMPARE(widget.details()->node(), picked);

        widget.heatChooser()->setCurrentIndex(1); // rows
        QCOMPARE(widget.scene()->heat(), PlanHeat::Rows);
        QVERIFY(GuiTest::saveShot(widget, QStringLiteral("planview-many-ctes.png")));
    }

    void pasteOfBrokenTextExplainsWhy()
    {
        PlanWidget widget;
        QString error;
        QVERIFY(!widget.loadText(
            QStringLiteral("Limit  (cost=0.00..1.00 rows=1 width=4)\n  ->  Seq Scan on t  (cost=0"),
            &error));
        QVERIFY2(error.startsWith(QStringLiteral("line 2")), qPrintable(error));
        QVERIFY(!widget.hasPlan());
    }
};

QTEST_MAIN(TestPlanView)
#include "tst_planview.moc"
