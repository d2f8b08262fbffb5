#include "plancorpus.h"
#include "planfixtures.h"

#include "explain/plan.h"
#include "explain/planadvisor.h"
#include "explain/plankeys.h"
#include "explain/planmetrics.h"
#include "explain/planparser.h"

#include <QFile>
#include <QTest>

// Metrics and findings on the project's own plans (tests/data/plans, taken from a PostgreSQL 15
// sandbox), against figures worked out by hand from the plan text (each expectation says how).
// tst_explainmetrics_corpus does the same on third-party plans.
class TestExplainMetrics : public QObject
{
    Q_OBJECT

    static int find(const Plan &plan, const QString &type, const QString &alias = {})
    {
        return PlanFixtures::findNode(plan, type, alias);
    }

    static bool near(double a, double b) { return std::abs(a - b) < 1e-6; }

private slots:
    void exclusiveIsWhatChildrenDoNotAccountFor()
    {
        // simple-join.txt: Sort 7.665 ms over HashAggregate 7.538 over Hash Join 7.205, whose
        // children are the Index Scan (5.648) and the Hash (0.059, over a Seq Scan of 0.035).
        const Plan plan = PlanFixtures::load(QStringLiteral("simple-join.txt"));
        QCOMPARE(plan.size(), 6);
        const PlanMetrics m = PlanMetrics::compute(plan);
        QVERIFY(near(m.node(0).inclusiveMs, 7.665));
        QVERIFY(near(m.node(0).exclusiveMs, 7.665 - 7.538));
        QVERIFY(near(m.node(1).exclusiveMs, 7.538 - 7.205));
        QVERIFY(near(m.node(2).exclusiveMs, 7.205 - 5.648 - 0.059));
        QVERIFY(near(m.node(3).exclusiveMs, 5.648));
        QVERIFY(near(m.node(4).exclusiveMs, 0.059 - 0.035));
        QVERIFY(near(m.node(5).exclusiveMs, 0.035));
        QVERIFY(near(m.totalMs(), 8.109)); // the execution time
        QVERIFY(near(m.node(3).percent, 100 * 5.648 / 8.109));
        QCOMPARE(m.heaviestNode(), 3);
    }

    void loopsMultiplyAndEveryMillisecondCountsOnce()
    {
        // ctes.txt. SubPlan 2 runs 20 times: Aggregate 2.748 × 20 = 54.96 ms over its Seq Scan
        // 2.736 × 20 = 54.72 ms. The Result above it (106.316) holds the Sort (51.257) and the
        // SubPlan: 106.316 − 51.257 − 54.96 = 0.099 ms of its own. Limit: 106.340 − 106.316.
        // Merge Join 50.412 over its Sorts of 42.319 and 5.640; those over CTE Scans of a
        // (36.663) and b (1.337). The CTE (26.152 ms) and InitPlan 3 (12.366 ms) are charged to
        // the scans that read them, so all exclusive times add up to the Limit's 106.340 ms.
        const Plan plan = PlanFixtures::load(QStringLiteral("ctes.txt"));
        QCOMPARE(plan.size(), 14);
        const PlanMetrics m = PlanMetrics::compute(plan);
        const int subplan = find(plan, QStringLiteral("Aggregate"));
        QVERIFY(subplan >= 0);
        QCOMPARE(plan.node(subplan).subplanName(), QStringLiteral("InitPlan 3 (returns $2)"));
        int subplanAggregate = -1;
        for (const PlanNode &node : plan.nodes()) {
            if (node.displayName() == QLatin1String("Aggregate")
                && node.subplanName() == QLatin1String("SubPlan 2"))
                subplanAggregate = node.id();
        }
        QVERIFY(subplanAggregate >= 0);
        QVERIFY(near(m.node(subplanAggregate).inclusiveMs, 2.748 * 20));
        QVERIFY(near(m.node(subplanAggregate).exclusiveMs, (2.748 - 2.736) * 20));
        QVERIFY(near(m.node(subplanAggregate + 1).inclusiveMs, 2.736 * 20));
        const int result = find(plan, QStringLiteral("Result"));
        QVERIFY(near(m.node(result).exclusiveMs, 106.316 - 51.257 - 2.748 * 20));
        QVERIFY(near(m.node(0).exclusiveMs, 106.340 - 106.316));
        const int mergeJoin = find(plan, QStringLiteral("Merge Join"));
        QVERIFY(near(m.node(mergeJoin).exclusiveMs, 50.412 - 42.319 - 5.640));
        QVERIFY(near(m.node(mergeJoin + 1).exclusiveMs, 42.319 - 36.663)); // Sort over scan a
        const int cte = find(plan, QStringLiteral("HashAggregate"));
        QVERIFY(plan.node(cte).isCte());
        QVERIFY(near(m.node(cte).inclusiveMs, 26.152));
        QVERIFY(near(m.node(cte).exclusiveMs, 26.152 - 7.572));
        double sum = 0;
        for (int id = 0; id < plan.size(); ++id) {
            QVERIFY2(m.node(id).exclusiveMs >= 0, qPrintable(plan.node(id).displayName()));
            sum += m.node(id).exclusiveMs;
        }
        QVERIFY2(near(sum, 106.340), qPrintable(QString::number(sum, 'f', 6)));
        // InitPlan 3 is needed by the filter of CTE Scan a ($2): it runs inside that scan.
        const int scanA = find(plan, QStringLiteral("CTE Scan"), QStringLiteral("a"));
        QVERIFY(scanA >= 0);
        QVERIFY(m.node(scanA).exclusiveMs < 36.663 - 12.366);
    }

    void initPlanForPartitionPruningIsChargedToTheAppend()
    {
        // PostgreSQL 15 on the test sandbox: the Append evaluates $0 to prune partitions before
        // its scans run, so the InitPlan's 12.678 ms sit in the Append's 13.096 ms, not in the
        // 0.291 ms of the first scan that names $0.
        const Plan plan = PlanCorpus::parse(QStringLiteral(
            "Aggregate  (cost=2737.85..2737.86 rows=1 width=8) (actual time=13.136..13.140 rows=1 "
            "loops=1)\n"
            "  InitPlan 1 (returns $0)\n"
            "    ->  Aggregate  (cost=2524.00..2524.01 rows=1 width=4) (actual time=12.677..12.678 "
            "rows=1 loops=1)\n"
            "          ->  Seq Scan on orders  (cost=0.00..2274.00 rows=100000 width=4) (actual "
            "time=0.686..5.998 rows=100000 loops=1)\n"
            "  ->  Append  (cost=20.37..211.26 rows=1032 width=0) (actual time=12.765..13.096 "
            "rows=960 loops=1)\n"
            "        ->  Bitmap Heap Scan on events_2023 events_1  (cost=20.37..94.99 rows=972 "
            "width=0) (actual time=0.079..0.291 rows=930 loops=1)\n"
            "              Recheck Cond: ((at = $0) OR (at < '2023-02-01'::date))\n"
            "              Heap Blocks: exact=36\n"
            "              ->  BitmapOr  (cost=20.37..20.37 rows=975 width=0) (actual "
            "time=0.064..0.064 rows=0 loops=1)\n"
            "                    ->  Bitmap Index Scan on events_2023_at_idx  (cost=0.00..4.51 "
            "rows=30 width=0) (actual time=0.031..0.031 rows=0 loops=1)\n"
            "                          Index Cond: (at = $0)\n"
            "                    ->  Bitmap Index Scan on events_2023_at_idx  (cost=0.00..15.37 "
            "rows=945 width=0) (actual time=0.032..0.032 rows=930 loops=1)\n"
            "                          Index Cond: (at < '2023-02-01'::date)\n"
            "        ->  Bitmap Heap Scan on events_2025 events_3  (cost=8.81..51.38 rows=30 "
            "width=0) (never executed)\n"
            "              Recheck Cond: ((at = $0) OR (at < '2023-02-01'::date))\n"
            "Planning Time: 0.987 ms\n"
            "Execution Time: 13.312 ms\n"));
        QCOMPARE(plan.size(), 9);
        const PlanMetrics m = PlanMetrics::compute(plan);
        const int append = find(plan, QStringLiteral("Append"));
        QVERIFY(near(m.node(append).exclusiveMs, 13.096 - 0.291 - 0.0 - 12.678));
        QVERIFY(near(m.node(find(plan, QStringLiteral("Bitmap Heap Scan"))).exclusiveMs,
                     0.291 - 0.064));
        QVERIFY(near(m.node(0).exclusiveMs, 13.140 - 13.096));
        QVERIFY(plan.node(8).neverExecuted());
        QCOMPARE(m.node(8).estimate, PlanMetrics::Estimate::Unknown);
    }

    void parallelTimesArePerProcess()
    {
        // parallel-verbose.txt: Gather Merge launched 2 workers; with the leader 3 processes ran
        // each node below it, 3 loops in all: per-loop average × 3 loops ÷ 3 processes.
        const Plan plan = PlanFixtures::load(QStringLiteral("parallel-verbose.txt"));
        const PlanMetrics m = PlanMetrics::compute(plan);
        const int scan = find(plan, QStringLiteral("Parallel Seq Scan"), QStringLiteral("m"));
        QVERIFY(scan >= 0);
        QCOMPARE(m.node(scan).processes, 3);
        QVERIFY(near(m.node(scan).inclusiveMs, 37.621));
        QCOMPARE(m.node(0).processes, 1);
        for (int id = 0; id < plan.size(); ++id)
            QVERIFY(m.node(id).exclusiveMs >= 0);
        // Gather Merge: 80 rows estimated, 120 produced (40 from each process).
        QCOMPARE(m.node(1).estimate, PlanMetrics::Estimate::Under);
        QVERIFY(near(m.node(1).misestimate, 1.5));
        // Finalize GroupAggregate: 40 estimated, 40 produced.
        QCOMPARE(m.node(0).estimate, PlanMetrics::Estimate::Accurate);
    }

    void exclusiveBuffers()
    {
        // simple-join.txt: Sort shared hit=80 read=30 over HashAggregate hit=77 read=30: the
        // Sort itself hit 3 blocks. The Index Scan (hit=76 read=30) and the Hash (hit=1) account
        // for all of the Hash Join's hit=77 read=30.
        const Plan plan = PlanFixtures::load(QStringLiteral("simple-join.txt"));
        const PlanMetrics m = PlanMetrics::compute(plan);
        const PlanBuffers own = m.node(0).exclusiveBuffers;
        QCOMPARE(own.value(PlanBuffers::SharedHit), 3.0);
        QCOMPARE(own.value(PlanBuffers::SharedRead), 0.0);
        QCOMPARE(m.node(2).exclusiveBuffers.value(PlanBuffers::SharedHit), 0.0);
        QCOMPARE(m.node(2).exclusiveBuffers.value(PlanBuffers::SharedRead), 0.0);
        QCOMPARE(m.node(3).exclusiveBuffers.value(PlanBuffers::SharedHit), 76.0);
        QCOMPARE(m.node(3).exclusiveBuffers.value(PlanBuffers::SharedRead), 30.0);

        // sort-disk.txt: the Sort (shared hit=2969, temp read=5882 written=6506) over a Seq
        // Scan with shared hit=2963: 6 shared hits and all the temp blocks are the Sort's own.
        const Plan sort = PlanFixtures::load(QStringLiteral("sort-disk.txt"));
        const PlanBuffers sorted = PlanMetrics::compute(sort).node(0).exclusiveBuffers;
        QCOMPARE(sorted.value(PlanBuffers::SharedHit), 6.0);
        QCOMPARE(sorted.value(PlanBuffers::TempRead), 5882.0);
        QCOMPARE(sorted.value(PlanBuffers::TempWritten), 6506.0);
    }

    void estimatesOnlyPlan()
    {
        const Plan plan = PlanFixtures::load(QStringLiteral("simple-join-estimates.txt"));
        const PlanMetrics m = PlanMetrics::compute(plan);
        QVERIFY(!m.hasTiming());
        QCOMPARE(m.heaviestNode(), -1);
        QCOMPARE(m.biggestMisestimateNode(), -1);
        // Sort 428.72 over HashAggregate 428.58: 0.14 of its own cost; Hash Join 421.79 over
        // the Index Scan (391.66) and the Hash (1.75).
        QVERIFY(near(m.node(0).exclusiveCost, 428.72 - 428.58));
        QVERIFY(near(m.node(2).exclusiveCost, 421.79 - 391.66 - 1.75));
    }

    void indexableColumns_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QStringList>("columns");
        QTest::newRow("cast equality") << QStringLiteral("((status)::text = 'open'::text)")
                                       << QStringList{QStringLiteral("status")};
        QTest::newRow("equality before range")
            << QStringLiteral(
                   "((orders.amount > '500'::numeric) AND (orders.status = 'open'::text))")
            << QStringList{QStringLiteral("status"), QStringLiteral("amount")};
        QTest::newRow("one range only")
            << QStringLiteral("((a > 1) AND (b < 2))") << QStringList{QStringLiteral("a")};
        QTest::newRow("or") << QStringLiteral("((a = 1) OR (b = 2))") << QStringList{};
        QTest::newRow("function") << QStringLiteral("(lower(email) = 'x'::text)") << QStringList{};
        QTest::newRow("any array") << QStringLiteral("(customer_id = ANY ('{1,2}'::integer[]))")
                                   << QStringList{QStringLiteral("customer_id")};
        QTest::newRow("constant first")
            << QStringLiteral("(5 < x)") << QStringList{QStringLiteral("x")};
        QTest::newRow("is null") << QStringLiteral("(t.created IS NULL)")
                                 << QStringList{QStringLiteral("created")};
        QTest::newRow("column against column") << QStringLiteral("(a = b)") << QStringList{};
        QTest::newRow("quoted") << QStringLiteral("(\"Mixed Case\" = 3)")
                                << QStringList{QStringLiteral("Mixed Case")};
        QTest::newRow("not sql") << QStringLiteral("(SubPlan 1) =") << QStringList{};
    }

    void indexableColumns()
    {
        QFETCH(QString, filter);
        QFETCH(QStringList, columns);
        QCOMPARE(PlanAdvisor::indexableColumns(filter), columns);
    }

    void findings()
    {
        // missing-index-ascii.txt (psql's ascii frame): the Seq Scan on customer drops 29,999 of
        // 30,000 rows on username and takes 12.342 of the Nested Loop's 13.739 ms.
        const Plan plan = PlanFixtures::load(QStringLiteral("missing-index-ascii.txt"));
        QCOMPARE(plan.size(), 11);
        const PlanMetrics m = PlanMetrics::compute(plan);
        const QList<PlanFinding> found = PlanAdvisor::findings(plan, m);
        QStringList indexes;
        int filters = 0;
        for (const PlanFinding &finding : found) {
            if (finding.kind == PlanFinding::Kind::IndexSuggestion)
                indexes << finding.sql;
            filters += finding.kind == PlanFinding::Kind::FilterRemovesMost;
        }
        QCOMPARE(filters, 1);
        QCOMPARE(indexes,
                 QStringList{QStringLiteral("CREATE INDEX CONCURRENTLY ON customer (username);")});
        QCOMPARE(found.first().kind, PlanFinding::Kind::HeaviestNode);
        QCOMPARE(found.first().node, 1);

        // sort-disk.txt: a sort that wrote 11,816 kB needs about twice that in memory, 23 MB:
        // the next power of two is 32 MB.
        auto spills = [](const QString &file) {
            const Plan spill = PlanFixtures::load(file);
            QStringList settings;
            for (const PlanFinding &finding :
                 PlanAdvisor::findings(spill, PlanMetrics::compute(spill))) {
                if (finding.kind == PlanFinding::Kind::DiskSpill)
                    settings << (finding.sql.isEmpty() ? QStringLiteral("<none>") : finding.sql);
            }
            return settings;
        };
        QCOMPARE(spills(QStringLiteral("sort-disk.txt")),
                 QStringList{QStringLiteral("SET work_mem = '32MB';")});
        // hash-batches.txt: the Hash went to 4 batches; no setting is proposed for a hash.
        QCOMPARE(spills(QStringLiteral("hash-batches.txt")), QStringList{QStringLiteral("<none>")});
    }
};

QTEST_GUILESS_MAIN(TestExplainMetrics)
#include "tst_explainmetrics.moc"
