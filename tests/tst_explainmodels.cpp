#include "planfixtures.h"

#include "explain/plan.h"
#include "explain/plandiff.h"
#include "explain/plandiffmodel.h"
#include "explain/planmetrics.h"
#include "explain/plannodesmodel.h"
#include "explain/planparser.h"
#include "explain/planstatsmodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSortFilterProxyModel>
#include <QTest>

// The grid, statistics and comparison models over the project's own plans (tests/data/plans),
// each under QAbstractItemModelTester, with their contents and sort order checked.
class TestExplainModels : public QObject
{
    Q_OBJECT

private slots:
    void nodesModel()
    {
        const Plan plan = PlanFixtures::load(QStringLiteral("many-ctes.json"));
        const PlanMetrics metrics = PlanMetrics::compute(plan);
        PlanNodesModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setPlan(&plan, &metrics);
        QCOMPARE(model.rowCount(), 38); // "Node Type" keys in the file
        QCOMPARE(model.columnCount(), int(PlanNodesModel::ColumnCount));
        QCOMPARE(model.index(0, PlanNodesModel::Node).data().toString(), plan.root().displayName());
        QCOMPARE(model.index(3, PlanNodesModel::SelfTime).data(PlanNodesModel::SortRole).toDouble(),
                 metrics.node(3).exclusiveMs);

        QSortFilterProxyModel sorted;
        sorted.setSourceModel(&model);
        sorted.setSortRole(PlanNodesModel::SortRole);
        sorted.sort(PlanNodesModel::SelfTime, Qt::DescendingOrder);
        QCOMPARE(sorted.index(0, 0).data(PlanNodesModel::NodeIdRole).toInt(),
                 metrics.heaviestNode());
        for (int row = 1; row < sorted.rowCount(); ++row) {
            QVERIFY(sorted.index(row - 1, PlanNodesModel::SelfTime)
                        .data(PlanNodesModel::SortRole)
                        .toDouble()
                    >= sorted.index(row, PlanNodesModel::SelfTime)
                           .data(PlanNodesModel::SortRole)
                           .toDouble());
        }
        model.setPlan(nullptr, nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void statsModel()
    {
        const Plan plan = PlanFixtures::load(QStringLiteral("many-ctes.json"));
        const PlanMetrics metrics = PlanMetrics::compute(plan);
        PlanStatsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPlan(&plan, &metrics);

        // Per table: every relation read, its scans counted and their self time summed.
        QHash<QString, int> scans;
        QHash<QString, double> time;
        for (const PlanNode &node : plan.nodes()) {
            if (!node.relationLabel().isEmpty()) {
                ++scans[node.relationLabel()];
                time[node.relationLabel()] += metrics.node(node.id()).exclusiveMs;
            }
        }
        QCOMPARE(model.rowCount(), int(scans.size()));
        QVERIFY(model.rowCount() >= 7); // the file's seven "Relation Name"s at least
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString name = model.index(row, PlanStatsModel::Name).data().toString();
            QCOMPARE(model.index(row, PlanStatsModel::Nodes).data().toInt(), scans.value(name));
            QVERIFY(std::abs(model.index(row, PlanStatsModel::SelfTime)
                                 .data(PlanStatsModel::SortRole)
                                 .toDouble()
                             - time.value(name))
                    < 1e-9);
            if (row > 0)
                QVERIFY(model.index(row - 1, PlanStatsModel::SelfTime)
                            .data(PlanStatsModel::SortRole)
                            .toDouble()
                        >= model.index(row, PlanStatsModel::SelfTime)
                               .data(PlanStatsModel::SortRole)
                               .toDouble());
        }

        model.setGrouping(PlanStatsModel::Grouping::ByNodeType);
        int nodes = 0;
        for (int row = 0; row < model.rowCount(); ++row)
            nodes += model.index(row, PlanStatsModel::Nodes).data().toInt();
        QCOMPARE(nodes, plan.size());
        QCOMPARE(model.headerData(PlanStatsModel::Name, Qt::Horizontal).toString(),
                 QStringLiteral("Node type"));
    }

    void diffModel()
    {
        // The simple join in JSON and in text is one plan (two runs): everything matches.
        const Plan json = PlanFixtures::load(QStringLiteral("simple-join.json"));
        const Plan text = PlanFixtures::load(QStringLiteral("simple-join.txt"));
        const PlanMetrics jsonMetrics = PlanMetrics::compute(json);
        const PlanMetrics textMetrics = PlanMetrics::compute(text);
        const PlanDiff same = PlanDiff::compare(json, jsonMetrics, text, textMetrics);
        QCOMPARE(same.entries().size(), 6);
        for (const PlanDiff::Entry &entry : same.entries()) {
            QCOMPARE(entry.before, entry.after);
            QCOMPARE(same.matchOfBefore(entry.before), entry.after);
        }

        PlanDiffModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDiff(&json, &text, same);
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.index(0, PlanDiffModel::Node).data().toString(), QStringLiteral("Sort"));
        // The Hash Join's actual rows in simple-join.txt.
        QCOMPARE(model.index(2, PlanDiffModel::AfterRows).data(PlanDiffModel::SortRole).toDouble(),
                 1344.0);

        // Against another query the match falls apart gracefully: new and gone nodes.
        const Plan other = PlanFixtures::load(QStringLiteral("missing-index-ascii.txt"));
        const PlanMetrics otherMetrics = PlanMetrics::compute(other);
        const PlanDiff different = PlanDiff::compare(json, jsonMetrics, other, otherMetrics);
        model.setDiff(&json, &other, different);
        int gone = 0;
        int added = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            gone += model.index(row, 0).data(PlanDiffModel::AfterNodeRole).toInt() < 0;
            added += model.index(row, 0).data(PlanDiffModel::BeforeNodeRole).toInt() < 0;
        }
        QVERIFY(gone > 0 && added > 0);
        QCOMPARE(model.rowCount(), json.size() + other.size() - (model.rowCount() - gone - added));
        model.setDiff(nullptr, nullptr, {});
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestExplainModels)
#include "tst_explainmodels.moc"
