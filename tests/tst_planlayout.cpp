#include "corpus.h"
#include "plancorpus.h"
#include "planfixtures.h"

#include "explain/plan.h"
#include "explain/plankeys.h"
#include "explain/planlayout.h"
#include "explain/planparser.h"

#include <QDir>
#include <QFile>
#include <QTest>

// The plan picture's geometry: a tidy tree (no overlaps, parents centred above their children,
// children in plan order), collapsing, and grouping of thousands of alike siblings.
class TestPlanLayout : public QObject
{
    Q_OBJECT

    static QJsonObject scan(const QString &relation)
    {
        return {{PlanKey::NodeType, QStringLiteral("Seq Scan")},
                {PlanKey::RelationName, relation},
                {PlanKey::Alias, relation},
                {PlanKey::TotalCost, 10.0},
                {PlanKey::PlanRows, 100.0}};
    }

    // Append over `partitions` scans, as a plan over a partitioned table looks.
    static Plan partitioned(int partitions)
    {
        Plan plan;
        const int root = plan.addNode(-1, {{PlanKey::NodeType, QStringLiteral("Aggregate")}});
        const int append = plan.addNode(root, {{PlanKey::NodeType, QStringLiteral("Append")}});
        for (int i = 0; i < partitions; ++i)
            plan.addNode(append, scan(QStringLiteral("events_%1").arg(i)));
        return plan;
    }

    // Checks what makes a tree tidy; returns the first problem.
    static QString untidy(const Plan &plan,
                          const PlanLayout &layout,
                          const PlanLayout::Options &options)
    {
        const QList<PlanLayout::Item> &items = layout.items();
        for (int i = 0; i < items.size(); ++i) {
            const PlanLayout::Item &item = items.at(i);
            if (!layout.bounds().contains(item.rect))
                return QStringLiteral("item %1 outside the bounds").arg(i);
            if (item.rect.width() != options.cardWidth || item.rect.height() != options.cardHeight)
                return QStringLiteral("item %1 has the wrong size").arg(i);
            if (item.children.isEmpty())
                continue;
            double previousRight = -1e9;
            int previousNode = -1;
            for (int child : item.children) {
                const QRectF &rect = items.at(child).rect;
                if (rect.top() < item.rect.bottom() + options.verticalGap - 1e-6)
                    return QStringLiteral("child %1 not below its parent %2").arg(child).arg(i);
                if (rect.left() < previousRight + options.horizontalGap - 1e-6)
                    return QStringLiteral("child %1 too close to its left sibling").arg(child);
                if (items.at(child).node <= previousNode)
                    return QStringLiteral("children of %1 out of plan order").arg(i);
                previousRight = rect.right();
                previousNode = items.at(child).node;
            }
            const double middle = (items.at(item.children.first()).rect.center().x()
                                   + items.at(item.children.last()).rect.center().x())
                                  / 2;
            if (std::abs(item.rect.center().x() - middle) > 1e-6)
                return QStringLiteral("item %1 not centred over its children").arg(i);
        }
        for (int i = 0; i < items.size(); ++i) {
            for (int j = i + 1; j < items.size(); ++j) {
                if (items.at(i).rect.intersects(items.at(j).rect))
                    return QStringLiteral("items %1 and %2 overlap").arg(i).arg(j);
            }
        }
        for (int node = 0; node < plan.size(); ++node) {
            const int item = layout.itemOf(node);
            if (item >= 0 && !items.at(item).isGroup() && items.at(item).node != node)
                return QStringLiteral("node %1 maps to the wrong item").arg(node);
        }
        return {};
    }

private slots:
    // Every plan of tests/data/plans lays out tidily; in the conformance run
    // (tst_planlayout_corpus) every third-party plan of $SLIPWAY_CORPUS/plans does.
    void plansAreTidy_data()
    {
        QTest::addColumn<QString>("path");
        if (Corpus::conformanceRun()) {
            if (Corpus::root().isEmpty())
                QSKIP("SLIPWAY_CORPUS unset: conformance run skipped (see scripts/fetch-corpus)");
            QString error;
            const QString plans = PlanCorpus::directory(&error);
            QVERIFY2(!plans.isEmpty(), qPrintable(error));
            const QStringList files = QDir(plans).entryList({QStringLiteral("pev2_*.txt"),
                                                             QStringLiteral("pev2_*.json")},
                                                            QDir::Files,
                                                            QDir::Name);
            QVERIFY(files.size() > 30);
            for (const QString &file : files) {
                if (!file.endsWith(QLatin1String(".expected-tree.json")))
                    QTest::newRow(qPrintable(file)) << QDir(plans).filePath(file);
            }
            return;
        }
        const QList<PlanFixtures::Entry> entries = PlanFixtures::index();
        QVERIFY(entries.size() >= 20);
        for (const PlanFixtures::Entry &entry : entries)
            QTest::newRow(qPrintable(entry.file)) << PlanFixtures::path(entry.file);
    }

    void plansAreTidy()
    {
        QFETCH(QString, path);
        QFile in(path);
        QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(path));
        Plan plan;
        PlanParseError error;
        QVERIFY2(PlanParser::parse(QString::fromUtf8(in.readAll()), &plan, &error),
                 qPrintable(error.toString()));
        const PlanLayout::Options options;
        const PlanLayout layout = PlanLayout::compute(plan, options);
        const QString problem = untidy(plan, layout, options);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        int shown = 0;
        for (const PlanLayout::Item &item : layout.items())
            shown += item.isGroup() ? int(item.members.size()) : 1;
        QCOMPARE(shown, plan.size());
        QCOMPARE(layout.edges().size(), layout.items().size() - 1);
    }

    void subtreesDoNotCollide()
    {
        // A wide subtree on the left must push its right-hand neighbour out of the way at every
        // level, not just at the top.
        Plan plan;
        const int root = plan.addNode(-1, {{PlanKey::NodeType, QStringLiteral("Hash Join")}});
        int left = plan.addNode(root, {{PlanKey::NodeType, QStringLiteral("Nested Loop")}});
        for (int i = 0; i < 3; ++i) {
            const int loop = plan.addNode(left,
                                          {{PlanKey::NodeType, QStringLiteral("Nested Loop")}});
            plan.addNode(loop, scan(QStringLiteral("a%1").arg(i)));
            plan.addNode(loop, {{PlanKey::NodeType, QStringLiteral("Index Scan")}});
        }
        const int right = plan.addNode(root, {{PlanKey::NodeType, QStringLiteral("Hash")}});
        const int deep = plan.addNode(right, {{PlanKey::NodeType, QStringLiteral("Nested Loop")}});
        plan.addNode(deep, scan(QStringLiteral("b")));
        plan.addNode(deep, {{PlanKey::NodeType, QStringLiteral("Materialize")}});
        const PlanLayout::Options options;
        const PlanLayout layout = PlanLayout::compute(plan, options);
        QVERIFY2(untidy(plan, layout, options).isEmpty(), qPrintable(untidy(plan, layout, options)));
        QVERIFY(layout.items().at(layout.itemOf(right)).rect.left()
                > layout.items().at(layout.itemOf(left)).rect.right());
    }

    void collapsedNodesHideTheirSubtree()
    {
        const Plan plan = partitioned(3);
        PlanLayout::Options options;
        options.collapsed = {1};
        const PlanLayout layout = PlanLayout::compute(plan, options);
        QCOMPARE(layout.items().size(), 2);
        QCOMPARE(layout.items().at(1).hiddenDescendants, 3);
        QCOMPARE(layout.itemOf(2), -1);
    }

    void alikeSiblingsAreGrouped()
    {
        const Plan plan = partitioned(3000);
        PlanLayout::Options options;
        const PlanLayout grouped = PlanLayout::compute(plan, options);
        QCOMPARE(grouped.items().size(), 3); // aggregate, append, one group
        const PlanLayout::Item &group = grouped.items().at(2);
        QVERIFY(group.isGroup());
        QCOMPARE(group.members.size(), 3000);
        QCOMPARE(grouped.itemOf(2500), 2);

        options.expandedGroups = {group.node};
        const PlanLayout expanded = PlanLayout::compute(plan, options);
        QCOMPARE(expanded.items().size(), 3002);
        QVERIFY2(untidy(plan, expanded, options).isEmpty(),
                 qPrintable(untidy(plan, expanded, options)));

        // Siblings that differ are never grouped, however many there are.
        Plan mixed;
        const int append = mixed.addNode(-1, {{PlanKey::NodeType, QStringLiteral("Append")}});
        for (int i = 0; i < 40; ++i)
            mixed.addNode(append,
                          {{PlanKey::NodeType,
                            i % 2 ? QStringLiteral("Seq Scan") : QStringLiteral("Index Scan")}});
        QCOMPARE(PlanLayout::compute(mixed, {}).items().size(), 41);
    }

    void tenThousandNodes()
    {
        // A deep and wide plan: 100 joins, each over 99 alike scans, laid out without groups.
        Plan plan;
        const int root = plan.addNode(-1, {{PlanKey::NodeType, QStringLiteral("Append")}});
        for (int j = 0; j < 100; ++j) {
            const int join = plan.addNode(root, {{PlanKey::NodeType, QStringLiteral("Append")}});
            for (int s = 0; s < 99; ++s)
                plan.addNode(join, scan(QStringLiteral("t%1_%2").arg(j).arg(s)));
        }
        QCOMPARE(plan.size(), 10001);
        PlanLayout::Options options;
        options.groupThreshold = std::numeric_limits<int>::max();
        const PlanLayout layout = PlanLayout::compute(plan, options);
        QCOMPARE(layout.items().size(), 10001);
        // Leaves of one row never overlap; the row is as wide as 9,900 cards and their gaps.
        double right = -1e9;
        for (const PlanLayout::Item &item : layout.items()) {
            if (item.rect.top() < 2 * (options.cardHeight + options.verticalGap) - 1)
                continue;
            QVERIFY2(item.rect.left() >= right + options.horizontalGap - 1e-6,
                     qPrintable(QStringLiteral("node %1 at %2, previous ends at %3")
                                    .arg(item.node)
                                    .arg(item.rect.left())
                                    .arg(right)));
            right = item.rect.right();
        }
        QVERIFY(std::abs(layout.bounds().width()
                         - (9900 * options.cardWidth + 9899 * options.horizontalGap))
                < 1e-3);
    }
};

QTEST_GUILESS_MAIN(TestPlanLayout)
#include "tst_planlayout.moc"
