#include "clirun.h"
#include "planfixtures.h"
#include "testsandbox.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

// slipway-cli explain and explain-diff as people run them: real child processes, real files,
// the project's plans (tests/data/plans) and plans from the fixture's server. Third-party plans
// are read by the conformance suite tst_explaincli_corpus.
class TestExplainCli : public QObject
{
    Q_OBJECT

    static constexpr const char *Database = "slipway_explain_cli";

    using Run = TestSandbox::CliRun;

    QString m_conninfo;
    QTemporaryDir m_dir;

    static Run cli(const QStringList &arguments, const QByteArray &input = {})
    {
        return TestSandbox::runCli(arguments, {.input = input});
    }

    static QString plan(const QString &name) { return PlanFixtures::path(name); }

    // The first cell of a query's result, through `slipway-cli query --json`.
    QString queryCell(const QString &sql)
    {
        const Run run = cli({QStringLiteral("query"),
                             QStringLiteral("--db"),
                             m_conninfo,
                             QStringLiteral("--json"),
                             sql});
        if (run.exitCode != 0)
            return QStringLiteral("ERROR ") + run.err;
        return QJsonDocument::fromJson(run.stdOut)
            .object()
            .value(QStringLiteral("rows"))
            .toArray()
            .at(0)
            .toArray()
            .at(0)
            .toString();
    }

    QString writeFile(const QString &name, const QString &text)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(text.toUtf8());
        return path;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(TestSandbox::cliPath()), "SLIPWAY_CLI must point at slipway-cli");
        QVERIFY(m_dir.isValid());
        QString error;
        const QString admin = TestSandbox::conninfo(QStringLiteral("postgres"), &error);
        QVERIFY2(!admin.isEmpty(), qPrintable(error));
        for (const QString &sql :
             {QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(QLatin1String(Database)),
              QStringLiteral("CREATE DATABASE %1").arg(QLatin1String(Database))}) {
            const Run run = cli({QStringLiteral("query"), QStringLiteral("--db"), admin, sql});
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        }
        m_conninfo = TestSandbox::conninfo(QString::fromLatin1(Database));
        for (const QString &sql :
             {QStringLiteral(
                  "CREATE TABLE items (id int PRIMARY KEY, owner int NOT NULL, v int NOT NULL)"),
              QStringLiteral(
                  "INSERT INTO items SELECT g, g % 500, 1 FROM generate_series(1, 50000) g"),
              QStringLiteral("ANALYZE items")}) {
            const Run run = cli({QStringLiteral("query"), QStringLiteral("--db"), m_conninfo, sql});
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        }
    }

    void jsonReport()
    {
        // parallel-verbose.txt, figures read off the file.
        const Run run = cli({QStringLiteral("explain"),
                             QStringLiteral("--format"),
                             QStringLiteral("json"),
                             plan(QStringLiteral("parallel-verbose.txt"))});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject doc = QJsonDocument::fromJson(run.stdOut).object();
        QCOMPARE(doc.value(QStringLiteral("planning_ms")).toDouble(), 8.037);
        QCOMPARE(doc.value(QStringLiteral("execution_ms")).toDouble(), 277.140);
        const QJsonArray nodes = doc.value(QStringLiteral("nodes")).toArray();
        QCOMPARE(nodes.size(), 8);
        // JSON names whatever the input: "Finalize GroupAggregate" is an Aggregate, sorted.
        const QJsonObject root = nodes.at(0).toObject();
        QVERIFY(root.value(QStringLiteral("parent")).isNull());
        QVERIFY(root.value(QStringLiteral("parent_relationship")).isNull());
        QCOMPARE(root.value(QStringLiteral("node_type")).toString(), QStringLiteral("Aggregate"));
        QCOMPARE(root.value(QStringLiteral("strategy")).toString(), QStringLiteral("Sorted"));
        // Gather Merge: 80 rows estimated, 120 produced.
        const QJsonObject gather = nodes.at(1).toObject();
        QCOMPARE(gather.value(QStringLiteral("node_type")).toString(),
                 QStringLiteral("Gather Merge"));
        QCOMPARE(gather.value(QStringLiteral("parent")).toInt(), 0);
        QCOMPARE(gather.value(QStringLiteral("parent_relationship")).toString(),
                 QStringLiteral("Outer"));
        QCOMPARE(gather.value(QStringLiteral("plan_rows")).toDouble(), 80.0);
        QCOMPARE(gather.value(QStringLiteral("actual_rows")).toDouble(), 120.0);
        QCOMPARE(gather.value(QStringLiteral("misestimate")).toDouble(), 1.5);
        QCOMPARE(gather.value(QStringLiteral("misestimate_direction")).toString(),
                 QStringLiteral("under"));
        // Parallel Seq Scan on depot.stock_move m: 37.621 ms per loop, 3 loops in 3 processes.
        const QJsonObject scan = nodes.at(5).toObject();
        QCOMPARE(scan.value(QStringLiteral("node_type")).toString(), QStringLiteral("Seq Scan"));
        QVERIFY(scan.value(QStringLiteral("parallel_aware")).toBool());
        QVERIFY2(scan.value(QStringLiteral("relation")).toString().endsWith(u"stock_move"),
                 qPrintable(scan.value(QStringLiteral("relation")).toString()));
        QCOMPARE(scan.value(QStringLiteral("inclusive_ms")).toDouble(), 37.621);
        QCOMPARE(scan.value(QStringLiteral("exclusive_ms")).toDouble(), 37.621);
        for (int i = 1; i < nodes.size(); ++i)
            QVERIFY(nodes.at(i).toObject().value(QStringLiteral("parent")).toInt() < i); // pre-order

        // InitPlans, SubPlans and CTEs are children of the node that owns them (ctes.txt).
        const Run ctes = cli(
            {QStringLiteral("explain"), QStringLiteral("--json"), plan(QStringLiteral("ctes.txt"))});
        QCOMPARE(ctes.exitCode, 0);
        const QJsonArray cteNodes
            = QJsonDocument::fromJson(ctes.stdOut).object().value(QStringLiteral("nodes")).toArray();
        QCOMPARE(cteNodes.size(), 14);
        QCOMPARE(cteNodes.at(0).toObject().value(QStringLiteral("node_type")).toString(),
                 QStringLiteral("Limit"));
        const QJsonObject cte = cteNodes.at(1).toObject();
        QCOMPARE(cte.value(QStringLiteral("parent")).toInt(), 0);
        QCOMPARE(cte.value(QStringLiteral("parent_relationship")).toString(),
                 QStringLiteral("InitPlan"));
        QCOMPARE(cte.value(QStringLiteral("subplan_name")).toString(), QStringLiteral("CTE recent"));
        QCOMPARE(cte.value(QStringLiteral("node_type")).toString(), QStringLiteral("Aggregate"));
        const QJsonObject initPlan = cteNodes.at(3).toObject();
        QVERIFY2(initPlan.value(QStringLiteral("subplan_name")).toString().startsWith(u"InitPlan 3"),
                 qPrintable(initPlan.value(QStringLiteral("subplan_name")).toString()));
        QCOMPARE(initPlan.value(QStringLiteral("parent")).toInt(), 0);
        const QJsonObject subPlan = cteNodes.at(12).toObject();
        QCOMPARE(subPlan.value(QStringLiteral("subplan_name")).toString(),
                 QStringLiteral("SubPlan 2"));
        QCOMPARE(subPlan.value(QStringLiteral("parent_relationship")).toString(),
                 QStringLiteral("SubPlan"));
        QCOMPARE(subPlan.value(QStringLiteral("parent")).toInt(), 5); // the Result
    }

    void textReportAndStandardInput()
    {
        QFile framed(plan(QStringLiteral("missing-index-ascii.txt")));
        QVERIFY(framed.open(QIODevice::ReadOnly));
        const Run run = cli({QStringLiteral("explain"), QStringLiteral("-")}, framed.readAll());
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString out = run.out;
        QVERIFY2(out.startsWith(
                     QStringLiteral("Planning 9.470 ms · Execution 14.353 ms · 11 nodes")),
                 qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("Nested Loop")));
        QVERIFY2(out.contains(QStringLiteral("-> Seq Scan on customer c")), qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("Findings:")));
        QVERIFY(out.contains(QStringLiteral("CREATE INDEX CONCURRENTLY ON customer (username);")));
    }

    void badInputExitsTwo()
    {
        const QString truncated
            = writeFile(QStringLiteral("truncated.json"),
                        QStringLiteral(
                            "[\n  {\n    \"Plan\": {\n      \"Node Type\": \"Limit\",\n"));
        const Run run = cli({QStringLiteral("explain"), truncated});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.stdOut.isEmpty());
        QVERIFY2(run.err.contains(truncated + QStringLiteral(": line 4")), qPrintable(run.err));
        QVERIFY(run.err.contains(QStringLiteral("truncated")));

        const Run text = cli({QStringLiteral("explain"), QStringLiteral("-")},
                             QByteArrayLiteral("this is not a plan\n"));
        QCOMPARE(text.exitCode, 2);
        QVERIFY2(text.err.contains(QStringLiteral("<stdin>: line 1")), qPrintable(text.err));

        QCOMPARE(cli({QStringLiteral("explain")}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("explain"),
                      QStringLiteral("--format"),
                      QStringLiteral("pdf"),
                      truncated})
                     .exitCode,
                 2);
        QCOMPARE(cli({QStringLiteral("explain"), QStringLiteral("--analyze"), truncated}).exitCode,
                 2);
        QCOMPARE(cli({QStringLiteral("explain"), m_dir.filePath(QStringLiteral("missing.json"))})
                     .exitCode,
                 2);
    }

    void fromTheDatabase()
    {
        const Run estimate = cli({QStringLiteral("explain"),
                                  QStringLiteral("--db"),
                                  m_conninfo,
                                  QStringLiteral("--sql"),
                                  QStringLiteral("SELECT * FROM items WHERE owner = 7;"),
                                  QStringLiteral("--json")});
        QVERIFY2(estimate.exitCode == 0, qPrintable(estimate.err));
        const QJsonObject doc = QJsonDocument::fromJson(estimate.stdOut).object();
        QVERIFY(doc.value(QStringLiteral("execution_ms")).isNull());
        const QJsonObject scan = doc.value(QStringLiteral("nodes")).toArray().at(0).toObject();
        QCOMPARE(scan.value(QStringLiteral("node_type")).toString(), QStringLiteral("Seq Scan"));
        QVERIFY(scan.value(QStringLiteral("actual_rows")).isNull());

        // ANALYZE of a write runs it in a transaction that is rolled back.
        const Run update = cli({QStringLiteral("explain"),
                                QStringLiteral("--db"),
                                m_conninfo,
                                QStringLiteral("--analyze"),
                                QStringLiteral("--sql"),
                                QStringLiteral("UPDATE items SET v = v + 1"),
                                QStringLiteral("--json")});
        QVERIFY2(update.exitCode == 0, qPrintable(update.err));
        QVERIFY(update.err.contains(QStringLiteral("rolled back")));
        const QJsonObject modify = QJsonDocument::fromJson(update.stdOut)
                                       .object()
                                       .value(QStringLiteral("nodes"))
                                       .toArray()
                                       .at(0)
                                       .toObject();
        QCOMPARE(modify.value(QStringLiteral("node_type")).toString(),
                 QStringLiteral("ModifyTable"));
        QCOMPARE(modify.value(QStringLiteral("actual_loops")).toDouble(), 1.0);
        QCOMPARE(queryCell(QStringLiteral("SELECT sum(v) FROM items")), QStringLiteral("50000"));

        const Run broken = cli({QStringLiteral("explain"),
                                QStringLiteral("--db"),
                                m_conninfo,
                                QStringLiteral("--sql"),
                                QStringLiteral("SELECT nosuch FROM items")});
        QCOMPARE(broken.exitCode, 1);
        QVERIFY(broken.err.contains(QStringLiteral("nosuch")));
    }

    void pictures()
    {
        const QString svg = m_dir.filePath(QStringLiteral("plan.svg"));
        const Run run = cli({QStringLiteral("explain"),
                             QStringLiteral("--format"),
                             QStringLiteral("svg"),
                             QStringLiteral("--out"),
                             svg,
                             plan(QStringLiteral("many-ctes.json"))});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        QVERIFY(renderer.defaultSize().width() > 1000);
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray document = file.readAll();
        QVERIFY(document.contains("Execution 156.337 ms")); // many-ctes.json's Execution Time
        QVERIFY(document.contains("HashAggregate"));

        const Run png = cli({QStringLiteral("explain"),
                             QStringLiteral("--format=png"),
                             QStringLiteral("--heat"),
                             QStringLiteral("rows"),
                             plan(QStringLiteral("merge.txt"))});
        QVERIFY2(png.exitCode == 0, qPrintable(png.err));
        QVERIFY(png.stdOut.startsWith("\x89PNG\r\n"));
        QImage image;
        QVERIFY(image.loadFromData(png.stdOut, "PNG"));
        QVERIFY(image.width() > 1000 && image.height() > 300);
    }

    void diff()
    {
        // One query explained in JSON and in text: every node matches.
        const Run same = cli({QStringLiteral("explain-diff"),
                              QStringLiteral("--json"),
                              plan(QStringLiteral("simple-join.json")),
                              plan(QStringLiteral("simple-join.txt"))});
        QVERIFY2(same.exitCode == 0 || same.exitCode == 1, qPrintable(same.err));
        const QJsonObject sameDoc = QJsonDocument::fromJson(same.stdOut).object();
        QCOMPARE(sameDoc.value(QStringLiteral("nodes")).toArray().size(), 6);

        // Before and after an index, from the fixture's server.
        const QString query = QStringLiteral(
            "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT owner, count(*) FROM items "
            "WHERE owner BETWEEN 10 AND 12 GROUP BY owner");
        const QString before = writeFile(QStringLiteral("before.json"), queryCell(query));
        QVERIFY(cli({QStringLiteral("query"),
                     QStringLiteral("--db"),
                     m_conninfo,
                     QStringLiteral("CREATE INDEX items_owner ON items (owner)")})
                    .exitCode
                == 0);
        const QString after = writeFile(QStringLiteral("after.json"), queryCell(query));
        const Run faster = cli(
            {QStringLiteral("explain-diff"), QStringLiteral("--json"), before, after});
        QVERIFY2(faster.exitCode == 0, qPrintable(faster.err + faster.out));
        const QJsonObject doc = QJsonDocument::fromJson(faster.stdOut).object();
        QCOMPARE(doc.value(QStringLiteral("measure")).toString(), QStringLiteral("time_ms"));
        QVERIFY(doc.value(QStringLiteral("speedup")).toDouble() > 1.5);
        QVERIFY(doc.value(QStringLiteral("after_buffers")).toDouble()
                < doc.value(QStringLiteral("before_buffers")).toDouble());
        bool scanMatched = false;
        for (const QJsonValue &node : doc.value(QStringLiteral("nodes")).toArray()) {
            const QJsonObject n = node.toObject();
            scanMatched
                = scanMatched
                  || (!n.value(QStringLiteral("before")).isNull()
                      && !n.value(QStringLiteral("after")).isNull()
                      && n.value(QStringLiteral("node")).toString().contains(QStringLiteral("items"))
                      && n.value(QStringLiteral("delta_ms")).toDouble() < 0);
        }
        QVERIFY(scanMatched);

        // The other way round it is slower: exit 1, and the scan is among the worse nodes.
        const Run slower = cli({QStringLiteral("explain-diff"), after, before});
        QCOMPARE(slower.exitCode, 1);
        const QString text = slower.out;
        QVERIFY2(text.contains(QStringLiteral("slower")) && text.contains(QStringLiteral("Worse:")),
                 qPrintable(text));
        QCOMPARE(cli({QStringLiteral("explain-diff"), before}).exitCode, 2);
    }

    void cleanupTestCase()
    {
        QString error;
        cli({QStringLiteral("query"),
             QStringLiteral("--db"),
             TestSandbox::conninfo(QStringLiteral("postgres"), &error),
             QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(QLatin1String(Database))});
    }
};

QTEST_GUILESS_MAIN(TestExplainCli)
#include "tst_explaincli.moc"
