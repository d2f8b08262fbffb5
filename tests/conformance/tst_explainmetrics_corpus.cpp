#include "corpus.h"
#include "plancorpus.h"
#include "planfixtures.h"

#include "explain/plan.h"
#include "explain/planadvisor.h"
#include "explain/plankeys.h"
#include "explain/planmetrics.h"
#include "explain/planparser.h"

#include <QTest>

// Conformance: metrics and findings on third-party plans ($SLIPWAY_CORPUS/plans, from pev2),
// against figures worked out by hand from the plan text (each expectation says how). The core
// suite tst_explainmetrics does the same on the project's own plans.
class TestExplainMetricsCorpus : public QObject
{
    Q_OBJECT

    static int find(const Plan &plan, const QString &type, const QString &alias = {})
    {
        return PlanFixtures::findNode(plan, type, alias);
    }

    static bool near(double a, double b) { return std::abs(a - b) < 1e-6; }

private slots:
    void initTestCase()
    {
        QString plans;
        SLIPWAY_REQUIRE_CORPUS(plans, QStringLiteral("plans"));
    }

    void exclusiveIsWhatChildrenDoNotAccountFor()
    {
        // Nested Loop 1.915 ms, its scans 0.082 and 1.830 ms: 0.003 ms of its own.
        const Plan plan = PlanCorpus::load(QStringLiteral("pev2_test-psql-frame-ascii-text.txt"));
        const PlanMetrics m = PlanMetrics::compute(plan);
        QVERIFY(near(m.node(0).inclusiveMs, 1.915));
        QVERIFY(near(m.node(0).exclusiveMs, 0.003));
        QVERIFY(near(m.node(1).exclusiveMs, 0.082));
        QVERIFY(near(m.node(2).exclusiveMs, 1.830));
        QVERIFY(near(m.totalMs(), 1.925)); // the execution time
        QVERIFY(near(m.node(2).percent, 100 * 1.830 / 1.925));
        QCOMPARE(m.heaviestNode(), 2);
    }

    void loopsMultiplyAndCteRunsInsideItsScan()
    {
        // CTE Scan on acl_row: 0.650 ms × 4379 loops = 2846.350 ms, of which its CTE (Result,
        // 0.607 × 4379 = 2658.053 ms) ran inside it: 188.297 ms of its own. The Nested Loop
        // above: 2999.096 − 147.879 − 2846.350 = 4.867 ms.
        const Plan plan = PlanCorpus::load(QStringLiteral("pev2_test-cte-exclusive-time-01.txt"));
        const PlanMetrics m = PlanMetrics::compute(plan);
        const int scan = find(plan, QStringLiteral("CTE Scan"));
        const int cte = find(plan, QStringLiteral("Result"));
        QVERIFY(scan >= 0 && cte >= 0);
        QVERIFY(plan.node(cte).isCte());
        QVERIFY(near(m.node(scan).inclusiveMs, 2846.35));
        QVERIFY(near(m.node(cte).inclusiveMs, 2658.053));
        QVERIFY(near(m.node(scan).exclusiveMs, 188.297));
        QVERIFY(near(m.node(0).exclusiveMs, 4.867));
        QVERIFY(near(m.node(find(plan, QStringLiteral("Hash"))).exclusiveMs, 121.0 - 54.564));
    }

    void cteSharedByTwoScansIsSplitByTheirTime()
    {
        // CTE init (Append, 302.649 ms) is read by two scans of 102.402 and 200.256 ms: each
        // is charged its share of the CTE by time and keeps a few microseconds of its own.
        const Plan plan = PlanCorpus::load(QStringLiteral("pev2_sample-single-cte-append.txt"));
        const PlanMetrics m = PlanMetrics::compute(plan);
        QList<int> scans;
        for (const PlanNode &node : plan.nodes()) {
            if (node.nodeType() == QLatin1String("CTE Scan"))
                scans.append(node.id());
        }
        QCOMPARE(scans.size(), 2);
        const double total = 102.402 + 200.256;
        QVERIFY(near(m.node(scans.at(0)).exclusiveMs, 102.402 - 302.649 * 102.402 / total));
        QVERIFY(near(m.node(scans.at(1)).exclusiveMs, 200.256 - 302.649 * 200.256 / total));
        QVERIFY(near(m.node(0).exclusiveMs, 302.675 - 102.409 - 200.256));
        double sum = 0;
        for (int id = 0; id < plan.size(); ++id)
            sum += m.node(id).exclusiveMs;
        QVERIFY(near(sum, 302.675));
    }

    void initPlanIsChargedToItsConsumer()
    {
        // InitPlan 3 ((InitPlan 3).col1, 0.053 ms) is first needed by the filter of Seq Scan on
        // ta1: 486.444 − 0.053 ms. CTE tbl (an INSERT nobody reads) runs after the main plan,
        // so the Merge node keeps 7798.122 − 7733.331 ms.
        const Plan plan = PlanCorpus::load(QStringLiteral("pev2_sample-merge-all-options.txt"));
        const PlanMetrics m = PlanMetrics::compute(plan);
        const int scan = find(plan, QStringLiteral("Seq Scan"), QStringLiteral("ta_1"));
        QVERIFY(scan >= 0);
        QVERIFY(near(m.node(scan).exclusiveMs, 486.444 - 0.053));
        QVERIFY(near(m.node(0).exclusiveMs, 7798.122 - 7733.331));
        for (int id = 0; id < plan.size(); ++id)
            QVERIFY(m.node(id).exclusiveMs >= 0);
        // The Sort estimated 333 rows and produced 489,127: 1468.85× under.
        QCOMPARE(m.biggestMisestimateNode(), find(plan, QStringLiteral("Sort")));
        QCOMPARE(m.node(m.biggestMisestimateNode()).estimate, PlanMetrics::Estimate::Under);
        QVERIFY(near(m.node(m.biggestMisestimateNode()).misestimate, 489127.0 / 333.0));
    }

    void parallelTimesArePerProcess()
    {
        // Gather Merge launched 4 workers; with the leader 5 processes ran each node below it,
        // 5 loops in all: per-loop average × 5 loops ÷ 5 processes.
        const Plan plan = PlanCorpus::load(QStringLiteral("pev2_sample-parallel-4-workers.txt"));
        const PlanMetrics m = PlanMetrics::compute(plan);
        const int scan = find(plan, QStringLiteral("Parallel Seq Scan"));
        QCOMPARE(m.node(scan).processes, 5);
        QVERIFY(near(m.node(scan).inclusiveMs, 4901.063));
        QCOMPARE(m.node(0).processes, 1);
        for (int id = 0; id < plan.size(); ++id)
            QVERIFY(m.node(id).exclusiveMs >= 0);
        // Finalize GroupAggregate: 7 estimated, 1 produced.
        QCOMPARE(m.node(1).estimate, PlanMetrics::Estimate::Over);
        QVERIFY(near(m.node(1).misestimate, 7.0));
    }

    void exclusiveBuffers()
    {
        // Delete: shared hit=5000000 read=22124 dirtied=22124 written=7338 over a Seq Scan with
        // read=22124 written=7338: the Delete itself hit 5,000,000 and dirtied 22,124.
        const Plan plan = PlanCorpus::load(QStringLiteral("pev2_test-dbeaver-text.txt"));
        const PlanMetrics m = PlanMetrics::compute(plan);
        const PlanBuffers own = m.node(0).exclusiveBuffers;
        QCOMPARE(own.value(PlanBuffers::SharedHit), 5000000.0);
        QCOMPARE(own.value(PlanBuffers::SharedRead), 0.0);
        QCOMPARE(own.value(PlanBuffers::SharedDirtied), 22124.0);
        QCOMPARE(own.value(PlanBuffers::SharedWritten), 0.0);
        QCOMPARE(m.node(1).exclusiveBuffers.value(PlanBuffers::SharedRead), 22124.0);
    }

    void estimatesOnlyPlan()
    {
        const Plan plan = PlanCorpus::load(QStringLiteral("pev2_test-from-text-25.txt"));
        const PlanMetrics m = PlanMetrics::compute(plan);
        QVERIFY(!m.hasTiming());
        QCOMPARE(m.heaviestNode(), -1);
        QCOMPARE(m.biggestMisestimateNode(), -1);
        // Unique 12081.81 over Sort 11816.60: 265.21 of its own cost.
        QVERIFY(near(m.node(0).exclusiveCost, 12081.81 - 11816.60));
    }

    void findings()
    {
        const Plan plan = PlanCorpus::load(QStringLiteral("pev2_test-psql-frame-ascii-text.txt"));
        const PlanMetrics m = PlanMetrics::compute(plan);
        const QList<PlanFinding> found = PlanAdvisor::findings(plan, m);
        QStringList indexes;
        int filters = 0;
        for (const PlanFinding &finding : found) {
            if (finding.kind == PlanFinding::Kind::IndexSuggestion)
                indexes << finding.sql;
            filters += finding.kind == PlanFinding::Kind::FilterRemovesMost;
        }
        // Both scans drop 99.9 % of their rows (1231 of 1232, 13205 of 13220).
        QCOMPARE(filters, 2);
        QCOMPARE(indexes,
                 (QStringList{QStringLiteral("CREATE INDEX CONCURRENTLY ON users (username);"),
                              QStringLiteral("CREATE INDEX CONCURRENTLY ON part_0 (added_by);")}));
        QCOMPARE(found.first().kind, PlanFinding::Kind::HeaviestNode);
        QCOMPARE(found.first().node, 2);

        // A sort that wrote 141,936 kB to disk needs about twice that in memory: 512 MB.
        const Plan spill = PlanCorpus::load(
            QStringLiteral("pev2_sample-buffers-cte-mergejoin-jit.txt"));
        const QList<PlanFinding> spilled = PlanAdvisor::findings(spill, PlanMetrics::compute(spill));
        QStringList settings;
        for (const PlanFinding &finding : spilled) {
            if (finding.kind == PlanFinding::Kind::DiskSpill)
                settings << finding.sql;
        }
        QCOMPARE(settings.size(), 3);
        QCOMPARE(settings.first(), QStringLiteral("SET work_mem = '512MB';"));
    }
};

QTEST_GUILESS_MAIN(TestExplainMetricsCorpus)
#include "tst_explainmetrics_corpus.moc"
