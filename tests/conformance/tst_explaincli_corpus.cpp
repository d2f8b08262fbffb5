#include "clirun.h"
#include "corpus.h"
#include "plancorpus.h"
#include "testsandbox.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// Conformance: slipway-cli explain's reports on third-party plans ($SLIPWAY_CORPUS/plans, from
// pev2). The core suite tst_explaincli does the same on the project's own plans.
class TestExplainCliCorpus : public QObject
{
    Q_OBJECT

    using Run = TestSandbox::CliRun;

    static Run cli(const QStringList &arguments, const QByteArray &input = {})
    {
        return TestSandbox::runCli(arguments, {.input = input});
    }

    static QString plan(const QString &name) { return PlanCorpus::path(name); }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(TestSandbox::cliPath()), "SLIPWAY_CLI must point at slipway-cli");
        QString plans;
        SLIPWAY_REQUIRE_CORPUS(plans, QStringLiteral("plans"));
    }

    void jsonReport()
    {
        const Run run = cli({QStringLiteral("explain"),
                             QStringLiteral("--format"),
                             QStringLiteral("json"),
                             plan(QStringLiteral("pev2_sample-parallel-4-workers.txt"))});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject doc = QJsonDocument::fromJson(run.stdOut).object();
        QCOMPARE(doc.value(QStringLiteral("planning_ms")).toDouble(), 0.977);
        QCOMPARE(doc.value(QStringLiteral("execution_ms")).toDouble(), 7923.77);
        const QJsonArray nodes = doc.value(QStringLiteral("nodes")).toArray();
        QCOMPARE(nodes.size(), 9);
        const QJsonObject root = nodes.at(0).toObject();
        QVERIFY(root.value(QStringLiteral("parent")).isNull());
        QVERIFY(root.value(QStringLiteral("parent_relationship")).isNull());
        QCOMPARE(root.value(QStringLiteral("node_type")).toString(), QStringLiteral("Limit"));
        // JSON names whatever the input: "Finalize GroupAggregate" is an Aggregate, sorted.
        const QJsonObject finalize = nodes.at(1).toObject();
        QCOMPARE(finalize.value(QStringLiteral("node_type")).toString(),
                 QStringLiteral("Aggregate"));
        QCOMPARE(finalize.value(QStringLiteral("strategy")).toString(), QStringLiteral("Sorted"));
        QCOMPARE(finalize.value(QStringLiteral("parent")).toInt(), 0);
        QCOMPARE(finalize.value(QStringLiteral("parent_relationship")).toString(),
                 QStringLiteral("Outer"));
        QCOMPARE(finalize.value(QStringLiteral("plan_rows")).toDouble(), 7.0);
        QCOMPARE(finalize.value(QStringLiteral("actual_rows")).toDouble(), 1.0);
        QCOMPARE(finalize.value(QStringLiteral("misestimate")).toDouble(), 7.0);
        QCOMPARE(finalize.value(QStringLiteral("misestimate_direction")).toString(),
                 QStringLiteral("over"));
        const QJsonObject scan = nodes.at(6).toObject();
        QCOMPARE(scan.value(QStringLiteral("node_type")).toString(), QStringLiteral("Seq Scan"));
        QVERIFY(scan.value(QStringLiteral("parallel_aware")).toBool());
        QCOMPARE(scan.value(QStringLiteral("relation")).toString(), QStringLiteral("lineitem"));
        QCOMPARE(scan.value(QStringLiteral("inclusive_ms")).toDouble(), 4901.063);
        QCOMPARE(scan.value(QStringLiteral("exclusive_ms")).toDouble(), 4901.063);
        for (int i = 1; i < nodes.size(); ++i)
            QVERIFY(nodes.at(i).toObject().value(QStringLiteral("parent")).toInt() < i); // pre-order

        // InitPlans, SubPlans and CTEs are children of the node that owns them.
        const Run merge = cli({QStringLiteral("explain"),
                               QStringLiteral("--json"),
                               plan(QStringLiteral("pev2_sample-merge-all-options.txt"))});
        QCOMPARE(merge.exitCode, 0);
        const QJsonArray mergeNodes = QJsonDocument::fromJson(merge.stdOut)
                                          .object()
                                          .value(QStringLiteral("nodes"))
                                          .toArray();
        QCOMPARE(mergeNodes.at(0).toObject().value(QStringLiteral("node_type")).toString(),
                 QStringLiteral("ModifyTable"));
        const QJsonObject cte = mergeNodes.at(1).toObject();
        QCOMPARE(cte.value(QStringLiteral("parent")).toInt(), 0);
        QCOMPARE(cte.value(QStringLiteral("parent_relationship")).toString(),
                 QStringLiteral("InitPlan"));
        QCOMPARE(cte.value(QStringLiteral("subplan_name")).toString(), QStringLiteral("CTE tbl"));
        QCOMPARE(cte.value(QStringLiteral("node_type")).toString(), QStringLiteral("ModifyTable"));
        const QJsonObject initPlan = mergeNodes.at(6).toObject();
        QCOMPARE(initPlan.value(QStringLiteral("subplan_name")).toString(),
                 QStringLiteral("InitPlan 3"));
        QCOMPARE(initPlan.value(QStringLiteral("parent")).toInt(), 5);
    }

    void textReportAndStandardInput()
    {
        QFile framed(plan(QStringLiteral("pev2_test-psql-frame-ascii-text.txt")));
        QVERIFY(framed.open(QIODevice::ReadOnly));
        const Run run = cli({QStringLiteral("explain"), QStringLiteral("-")}, framed.readAll());
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString out = run.out;
        QVERIFY2(out.startsWith(QStringLiteral("Planning 0.055 ms · Execution 1.925 ms · 3 nodes")),
                 qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("Nested Loop")));
        QVERIFY(out.contains(QStringLiteral("-> Seq Scan on part_0 p")));
        QVERIFY(out.contains(QStringLiteral("Findings:")));
        QVERIFY(out.contains(QStringLiteral("CREATE INDEX CONCURRENTLY ON users (username);")));
    }
};

QTEST_GUILESS_MAIN(TestExplainCliCorpus)
#include "tst_explaincli_corpus.moc"
