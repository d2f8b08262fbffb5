#include "planfixtures.h"

#include "explain/plan.h"
#include "explain/plankeys.h"
#include "explain/planparser.h"
#include "explain/plantextproperty.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

// The plan parser on the project's own plans (tests/data/plans: PostgreSQL 15's output for our
// own queries, raw and inside psql's frames), on the shapes people paste them in, and on broken
// input. The text parser is held to PostgreSQL's own JSON for the same query. Third-party plans
// are read by the conformance suite tst_explainparser_corpus.
class TestExplainParser : public QObject
{
    Q_OBJECT

    static Plan parseOk(const QString &text)
    {
        Plan plan;
        PlanParseError error;
        if (!PlanParser::parse(text, &plan, &error))
            qWarning("parse failed: %s", qPrintable(error.toString()));
        return plan;
    }

    static bool numbersEqual(double a, double b)
    {
        return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)});
    }

    // A plan's nodes as PostgreSQL's JSON lists them, in pre-order (Plans, then their Plans),
    // read with QJsonDocument alone: the reference the text parser is held to.
    static void jsonNodes(const QJsonObject &node, QList<QJsonObject> *out)
    {
        out->append(node);
        for (const QJsonValue &child : node.value(QStringLiteral("Plans")).toArray())
            jsonNodes(child.toObject(), out);
    }

    static QString describe(const Plan &plan)
    {
        QStringList lines;
        for (const PlanNode &node : plan.nodes())
            lines << QString(node.depth() * 2, QLatin1Char(' ')) + node.displayName()
                         + QLatin1Char(' ') + node.target();
        return lines.join(QLatin1Char('\n'));
    }

private slots:
    // Every plan of tests/data/plans parses, with the node count INDEX.tsv states; that count
    // is checked again here by counting the file's "Node Type" keys or "->" arrows.
    void fixturesParse_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("nodes");
        const QList<PlanFixtures::Entry> entries = PlanFixtures::index();
        QVERIFY(entries.size() >= 20);
        for (const PlanFixtures::Entry &entry : entries)
            QTest::newRow(qPrintable(entry.file)) << entry.file << entry.format << entry.nodes;
    }

    void fixturesParse()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        QFETCH(int, nodes);
        const QString text = PlanFixtures::read(file);
        QVERIFY2(!text.isEmpty(), qPrintable(file));
        QCOMPARE(format == QLatin1String("json") ? PlanFixtures::countJsonNodeTypes(text)
                                                 : PlanFixtures::countTextArrows(text),
                 nodes);
        Plan plan;
        PlanParseError error;
        QVERIFY2(PlanParser::parse(text, &plan, &error), qPrintable(error.toString()));
        QCOMPARE(plan.size(), nodes);
        QCOMPARE(plan.sourceFormat(),
                 format == QLatin1String("json") ? Plan::Format::Json : Plan::Format::Text);
        for (const PlanNode &node : plan.nodes()) {
            QVERIFY(!node.nodeType().isEmpty());
            QCOMPARE(node.parentRelationship().isEmpty(), node.id() == 0);
        }
    }

    // The same query explained as TEXT and as JSON: what the text parser reads from the text
    // must be what PostgreSQL itself put in the JSON, field by field, for every field that does
    // not depend on the run (shape, estimates, conditions, loops).
    void textMatchesPostgresJson_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("simple join") << QStringLiteral("simple-join");
        QTest::newRow("parallel, verbose") << QStringLiteral("parallel-verbose");
        QTest::newRow("CTEs, InitPlan, SubPlan") << QStringLiteral("ctes");
    }

    void textMatchesPostgresJson()
    {
        QFETCH(QString, name);
        QJsonParseError jsonError;
        const QJsonDocument document
            = QJsonDocument::fromJson(PlanFixtures::read(name + QStringLiteral(".json")).toUtf8(),
                                      &jsonError);
        QVERIFY2(jsonError.error == QJsonParseError::NoError, qPrintable(jsonError.errorString()));
        const QJsonObject top = document.array().first().toObject();
        QList<QJsonObject> want;
        jsonNodes(top.value(QStringLiteral("Plan")).toObject(), &want);
        const Plan plan = parseOk(PlanFixtures::read(name + QStringLiteral(".txt")));
        QCOMPARE(plan.sourceFormat(), Plan::Format::Text);
        QCOMPARE(plan.size(), int(want.size()));
        static const QStringList keys{
            QStringLiteral("Node Type"),
            QStringLiteral("Parent Relationship"),
            QStringLiteral("Subplan Name"),
            QStringLiteral("CTE Name"),
            QStringLiteral("Relation Name"),
            QStringLiteral("Schema"),
            QStringLiteral("Alias"),
            QStringLiteral("Index Name"),
            QStringLiteral("Join Type"),
            QStringLiteral("Strategy"),
            QStringLiteral("Partial Mode"),
            QStringLiteral("Parallel Aware"),
            QStringLiteral("Startup Cost"),
            QStringLiteral("Total Cost"),
            QStringLiteral("Plan Rows"),
            QStringLiteral("Plan Width"),
            QStringLiteral("Actual Loops"),
            QStringLiteral("Sort Key"),
            QStringLiteral("Group Key"),
            QStringLiteral("Filter"),
            QStringLiteral("Hash Cond"),
            QStringLiteral("Merge Cond"),
            QStringLiteral("Index Cond"),
            QStringLiteral("Join Filter"),
            QStringLiteral("Workers Planned"),
            QStringLiteral("Output"),
            QStringLiteral("Rows Removed by Filter"),
        };
        for (int i = 0; i < plan.size(); ++i) {
            const QJsonObject &expected = want.at(i);
            const PlanNode &node = plan.node(i);
            for (const QString &key : keys) {
                if (!expected.contains(key))
                    continue;
                const QJsonValue e = expected.value(key);
                const QJsonValue a = node.properties().value(key);
                const QString where
                    = QStringLiteral("node %1 (%2), %3: expected %4, got %5\n%6")
                          .arg(i)
                          .arg(node.displayName(),
                               key,
                               QString::fromUtf8(
                                   QJsonDocument(QJsonArray{e}).toJson(QJsonDocument::Compact)),
                               QString::fromUtf8(
                                   QJsonDocument(QJsonArray{a}).toJson(QJsonDocument::Compact)),
                               describe(plan));
                if (e.isDouble())
                    QVERIFY2(a.isDouble() && numbersEqual(e.toDouble(), a.toDouble()),
                             qPrintable(where));
                else
                    QVERIFY2(e == a, qPrintable(where));
            }
        }
        // The summary lines, which differ between the two runs only in their figures.
        QVERIFY(plan.executionTime() > 0);
        QVERIFY(top.value(QStringLiteral("Execution Time")).toDouble() > 0);
    }

    // What the text format folds into names and summary lines comes back as the JSON format's
    // fields (values read off the plan files by hand).
    void textNamesBecomeJsonFields()
    {
        const Plan merge = parseOk(PlanFixtures::read(QStringLiteral("merge.txt")));
        QCOMPARE(merge.root().nodeType(), QStringLiteral("ModifyTable"));
        QCOMPARE(merge.root().text(PlanKey::Operation), QStringLiteral("Merge"));
        QCOMPARE(merge.root().text(PlanKey::RelationName), QStringLiteral("stock_level"));
        QCOMPARE(merge.root().text(PlanKey::Alias), QStringLiteral("s"));
        QCOMPARE(merge.root().number(QLatin1String("Tuples Inserted")), 1000.0);
        QCOMPARE(merge.root().number(QLatin1String("Tuples Updated")), 527.0);
        QCOMPARE(merge.root().number(QLatin1String("Tuples Deleted")), 473.0);
        QCOMPARE(merge.root().number(QLatin1String("WAL Records")), 4070.0);
        QCOMPARE(merge.root().number(QLatin1String("WAL Bytes")), 287278.0);
        QCOMPARE(merge.root().number(QLatin1String("Shared Dirtied Blocks")), 15.0);
        const PlanNode &subquery = merge.node(2);
        QCOMPARE(subquery.nodeType(), QStringLiteral("Subquery Scan"));
        QCOMPARE(subquery.text(PlanKey::Alias), QStringLiteral("m"));
        QCOMPARE(merge.node(1).text(PlanKey::JoinType), QStringLiteral("Left"));
        QCOMPARE(merge.node(4).nodeType(), QStringLiteral("Bitmap Heap Scan"));
        QCOMPARE(merge.node(4).number(QLatin1String("Exact Heap Blocks")), 2963.0);
        QCOMPARE(merge.properties()
                     .value(PlanKey::Settings)
                     .toObject()
                     .value(QStringLiteral("work_mem"))
                     .toString(),
                 QStringLiteral("1MB"));
        QCOMPARE(merge.planningTime(), 2.884);
        QCOMPARE(merge.executionTime(), 170.544);

        const Plan parallel = parseOk(PlanFixtures::read(QStringLiteral("parallel-verbose.txt")));
        const PlanNode &finalize = parallel.node(0);
        QCOMPARE(finalize.nodeType(), QStringLiteral("Aggregate"));
        QCOMPARE(finalize.text(PlanKey::Strategy), QStringLiteral("Sorted"));
        QCOMPARE(finalize.text(PlanKey::PartialMode), QStringLiteral("Finalize"));
        QCOMPARE(finalize.displayName(), QStringLiteral("Finalize GroupAggregate"));
        QCOMPARE(parallel.node(1).workersLaunched(), 2);
        const PlanNode &sort = parallel.node(2);
        QCOMPARE(sort.text(PlanKey::SortSpaceType), QStringLiteral("Memory"));
        const QJsonArray workers = sort.value(PlanKey::Workers).toArray();
        QCOMPARE(workers.size(), 2);
        QCOMPARE(workers.at(1).toObject().value(PlanKey::WorkerNumber).toInt(), 1);
        QCOMPARE(workers.at(1).toObject().value(PlanKey::SortSpaceUsed).toDouble(), 27.0);
        QCOMPARE(workers.at(1).toObject().value(QStringLiteral("Shared Hit Blocks")).toDouble(),
                 1077.0);
        const PlanNode &join = parallel.node(4);
        QCOMPARE(join.nodeType(), QStringLiteral("Hash Join"));
        QVERIFY(join.isParallelAware());
        QCOMPARE(join.text(PlanKey::JoinType), QStringLiteral("Inner"));
        const PlanNode &scan = parallel.node(5);
        QCOMPARE(scan.displayName(), QStringLiteral("Parallel Seq Scan"));
        QCOMPARE(scan.text(PlanKey::Schema), QStringLiteral("depot"));
        QCOMPARE(scan.text(PlanKey::RelationName), QStringLiteral("stock_move"));

        const Plan triggers = parseOk(PlanFixtures::read(QStringLiteral("delete-triggers.txt")));
        QCOMPARE(triggers.size(), 5);
        QCOMPARE(triggers.root().text(PlanKey::Operation), QStringLiteral("Delete"));
        QCOMPARE(triggers.root().text(PlanKey::RelationName), QStringLiteral("item"));
        QCOMPARE(triggers.node(1).nodeType(), QStringLiteral("Hash Join"));
        QCOMPARE(triggers.node(1).text(PlanKey::JoinType), QStringLiteral("Semi"));
        const QJsonArray fired = triggers.properties().value(PlanKey::Triggers).toArray();
        QCOMPARE(fired.size(), 3);
        // Without VERBOSE, PostgreSQL prints a constraint's trigger as "Trigger for constraint
        // NAME: time=… calls=…", without the trigger's name (see triggerLines).
        QCOMPARE(fired.at(0).toObject().value(QStringLiteral("Constraint Name")).toString(),
                 QStringLiteral("stock_move_item_id_fkey"));
        QVERIFY(!fired.at(0).toObject().contains(QStringLiteral("Trigger Name")));
        QCOMPARE(fired.at(2).toObject().value(QStringLiteral("Trigger Name")).toString(),
                 QStringLiteral("item_deleted"));
        QCOMPARE(fired.at(2).toObject().value(QStringLiteral("Calls")).toDouble(), 166.0);
        QCOMPARE(triggers.executionTime(), 1079.106);

        const Plan jit = parseOk(PlanFixtures::read(QStringLiteral("parallel-jit.txt")));
        int workersWithJit = 0;
        for (const PlanNode &node : jit.nodes()) {
            for (const QJsonValue &worker : node.value(PlanKey::Workers).toArray())
                workersWithJit += worker.toObject()
                                      .value(PlanKey::Jit)
                                      .toObject()
                                      .value(QStringLiteral("Functions"))
                                      .toInt()
                                  == 15;
        }
        QCOMPARE(workersWithJit, 2);
        QCOMPARE(jit.properties()
                     .value(PlanKey::Jit)
                     .toObject()
                     .value(QStringLiteral("Functions"))
                     .toInt(),
                 48);

        const Plan ctes = parseOk(PlanFixtures::read(QStringLiteral("ctes.txt")));
        QCOMPARE(ctes.node(1).parentRelationship(), QStringLiteral("InitPlan"));
        QCOMPARE(ctes.node(1).subplanName(), QStringLiteral("CTE recent"));
        QVERIFY(ctes.node(1).isCte());
        QCOMPARE(ctes.node(12).parentRelationship(), QStringLiteral("SubPlan"));
        QCOMPARE(ctes.node(12).subplanName(), QStringLiteral("SubPlan 2"));
        QCOMPARE(ctes.node(12).actualLoops(), 20.0);

        const Plan sortDisk = parseOk(PlanFixtures::read(QStringLiteral("sort-disk.txt")));
        QCOMPARE(sortDisk.root().text(PlanKey::SortSpaceType), QStringLiteral("Disk"));
        QCOMPARE(sortDisk.root().number(PlanKey::SortSpaceUsed), 11816.0);
        QCOMPARE(sortDisk.root().text(QLatin1String("Sort Method")),
                 QStringLiteral("external merge"));
        QCOMPARE(sortDisk.root().number(QLatin1String("Temp Written Blocks")), 6506.0);

        const Plan batches = parseOk(PlanFixtures::read(QStringLiteral("hash-batches.txt")));
        QCOMPARE(batches.node(3).nodeType(), QStringLiteral("Hash"));
        QCOMPARE(batches.node(3).number(PlanKey::HashBatches), 4.0);
        QCOMPARE(batches.node(3).number(QLatin1String("Hash Buckets")), 16384.0);

        const Plan memoize = parseOk(PlanFixtures::read(QStringLiteral("memoize.txt")));
        QCOMPARE(memoize.node(2).nodeType(), QStringLiteral("Memoize"));
        QCOMPARE(memoize.node(2).text(QLatin1String("Cache Key")), QStringLiteral("m.warehouse_id"));
        QCOMPARE(memoize.node(2).number(QLatin1String("Cache Hits")), 12899.0);
        QCOMPARE(memoize.node(2).number(QLatin1String("Cache Misses")), 60.0);

        const Plan incremental = parseOk(
            PlanFixtures::read(QStringLiteral("incremental-sort.txt")));
        QCOMPARE(incremental.node(1).nodeType(), QStringLiteral("Incremental Sort"));
        QCOMPARE(incremental.node(1).value(QLatin1String("Presorted Key")).toArray(),
                 QJsonArray{QStringLiteral("moved_at")});

        const Plan bitmap = parseOk(PlanFixtures::read(QStringLiteral("bitmap-or.txt")));
        QCOMPARE(bitmap.node(1).nodeType(), QStringLiteral("BitmapOr"));
        QCOMPARE(bitmap.node(2).text(PlanKey::IndexName), QStringLiteral("stock_move_item_idx"));

        // Run-time pruning: three partitions never ran (Actual Loops 0 in the JSON).
        const Plan pruned = parseOk(PlanFixtures::read(QStringLiteral("partitions-runtime.json")));
        int never = 0;
        for (const PlanNode &node : pruned.nodes())
            never += node.neverExecuted();
        QCOMPARE(never, 3);
    }

    // The same plan pasted in the shapes tools produce parses to the same tree.
    void pastedShapes()
    {
        const QString clean = PlanFixtures::read(QStringLiteral("simple-join.txt"));
        const Plan reference = parseOk(clean);
        QCOMPARE(reference.size(), 6);
        const QStringList lines = clean.split(QLatin1Char('\n'));

        QStringList quoted;
        for (const QString &line : lines)
            if (!line.isEmpty())
                quoted << QLatin1Char('"')
                              + QString(line).replace(QLatin1Char('"'), QLatin1String("\"\""))
                              + QLatin1Char('"');
        QStringList noisy{QStringLiteral("warehouse=# SET work_mem = '64MB';"),
                          QStringLiteral("SET"),
                          QStringLiteral("warehouse=# EXPLAIN (ANALYZE, BUFFERS) SELECT …;")};
        noisy += lines;
        noisy << QStringLiteral("(25 rows)") << QString() << QStringLiteral("warehouse=# ");
        QStringList crlf;
        for (const QString &line : lines)
            crlf << line + QLatin1Char('\r');
        QStringList tabs;
        for (const QString &line : lines)
            tabs << QString(line).replace(QStringLiteral("        "), QStringLiteral("\t"));
        // A terminal 72 columns wide (no line of this plan breaks right after a space there;
        // see hardWrapAfterASpace for one that does).
        QStringList wrapped;
        for (const QString &line : lines) {
            for (int at = 0; at < line.size() || at == 0; at += 72)
                wrapped << line.mid(at, 72);
        }
        QStringList framed{QStringLiteral("+%1+").arg(QString(222, QLatin1Char('-'))),
                           QStringLiteral("| %1 |").arg(QStringLiteral("QUERY PLAN"), -220),
                           QStringLiteral("+%1+").arg(QString(222, QLatin1Char('-')))};
        for (const QString &line : lines)
            if (!line.isEmpty())
                framed << QStringLiteral("| %1 |").arg(line, -220);
        framed << framed.first() << QStringLiteral("(25 rows)");

        const QList<std::pair<const char *, QString>> shapes{
            {"quoted", quoted.join(QLatin1Char('\n'))},
            {"noise around", noisy.join(QLatin1Char('\n'))},
            {"CRLF", crlf.join(QLatin1Char('\n'))},
            {"tabs", tabs.join(QLatin1Char('\n'))},
            {"hard-wrapped", wrapped.join(QLatin1Char('\n'))},
            {"ascii frame", framed.join(QLatin1Char('\n'))},
        };
        const QJsonObject want = reference.toJson();
        for (const auto &[name, text] : shapes) {
            const Plan plan = parseOk(text);
            QVERIFY2(plan.toJson() == want,
                     qPrintable(QStringLiteral("%1:\n%2").arg(QLatin1String(name), describe(plan))));
        }

        // psql's own output around the same query (another run: same tree, other timings).
        const Plan aligned = parseOk(PlanFixtures::read(QStringLiteral("simple-join-aligned.txt")));
        QCOMPARE(aligned.size(), reference.size());
        for (int i = 0; i < reference.size(); ++i) {
            QCOMPARE(aligned.node(i).displayName(), reference.node(i).displayName());
            QCOMPARE(aligned.node(i).totalCost(), reference.node(i).totalCost());
            QCOMPARE(aligned.node(i).text(PlanKey::Alias), reference.node(i).text(PlanKey::Alias));
        }
        QCOMPARE(aligned.executionTime(), 6.034);

        // A JSON plan inside psql's unicode frame (with its ↵ continuation marks) equals the plan
        // the ascii frame shows as text.
        const Plan unicodeJson = parseOk(
            PlanFixtures::read(QStringLiteral("missing-index-unicode.json")));
        const Plan asciiText = parseOk(
            PlanFixtures::read(QStringLiteral("missing-index-ascii.txt")));
        QCOMPARE(unicodeJson.sourceFormat(), Plan::Format::Json);
        QCOMPARE(unicodeJson.size(), 11);
        QCOMPARE(asciiText.size(), 11);
        for (int i = 0; i < 11; ++i) {
            QCOMPARE(unicodeJson.node(i).displayName(), asciiText.node(i).displayName());
            QCOMPARE(unicodeJson.node(i).text(PlanKey::Alias),
                     asciiText.node(i).text(PlanKey::Alias));
            QCOMPARE(unicodeJson.node(i).text(PlanKey::Filter),
                     asciiText.node(i).text(PlanKey::Filter));
            QCOMPARE(unicodeJson.node(i).totalCost(), asciiText.node(i).totalCost());
        }
        QCOMPARE(unicodeJson.node(1).number(PlanKey::RowsRemovedByFilter), 29999.0);
        QCOMPARE(asciiText.node(1).number(PlanKey::RowsRemovedByFilter), 29999.0);
    }

    // A terminal that wraps at 70 columns breaks simple-join.txt's first line right after a
    // space ("…7.665 " / "rows=8 loops=1)"): the cut line is 70 columns wide only with its
    // trailing space, and the space belongs in the joined line.
    void hardWrapAfterASpace()
    {
        const QString clean = PlanFixtures::read(QStringLiteral("simple-join.txt"));
        QStringList wrapped;
        for (const QString &line : clean.split(QLatin1Char('\n'))) {
            for (int at = 0; at < line.size() || at == 0; at += 70)
                wrapped << line.mid(at, 70);
        }
        QVERIFY(wrapped.first().endsWith(QLatin1Char(' ')));
        Plan plan;
        PlanParseError error;
        const bool parsed = PlanParser::parse(wrapped.join(QLatin1Char('\n')), &plan, &error);
        QVERIFY2(parsed && plan.toJson() == parseOk(clean).toJson(), qPrintable(error.toString()));
    }

    // Cuts in the two spaces before "(cost=" of the Index Scan line: after both ("…stock_move
    // m  " / "(cost=…") and after the first (" (cost=…" keeps the other).
    void hardWrapInTwoSpaces()
    {
        const QString clean = PlanFixtures::read(QStringLiteral("simple-join.txt"));
        qsizetype gap = -1;
        for (const QString &line : clean.split(QLatin1Char('\n'))) {
            if (line.contains(QLatin1String("Index Scan using")))
                gap = line.indexOf(QLatin1String("  (cost="));
        }
        QVERIFY(gap > 40);
        for (const qsizetype cut : {gap + 2, gap + 1}) {
            QStringList wrapped;
            for (const QString &line : clean.split(QLatin1Char('\n'))) {
                for (qsizetype at = 0; at < line.size() || at == 0; at += cut)
                    wrapped << line.mid(at, cut);
            }
            Plan plan;
            PlanParseError error;
            const bool parsed = PlanParser::parse(wrapped.join(QLatin1Char('\n')), &plan, &error);
            QVERIFY2(parsed && plan.toJson() == parseOk(clean).toJson(),
                     qPrintable(QStringLiteral("cut at %1: %2").arg(cut).arg(error.toString())));
        }
    }

    // The forms of report_triggers() in PostgreSQL's explain.c, read into the fields its JSON
    // format gives (which always has the trigger's name; the text leaves it out for a
    // constraint's trigger without VERBOSE, and names the table only when several change).
    void triggerLines_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QJsonObject>("expected");
        const QString trigger = QStringLiteral("Trigger Name");
        const QString constraint = QStringLiteral("Constraint Name");
        const QString relation = QStringLiteral("Relation");
        const QString time = QStringLiteral("Time");
        const QString calls = QStringLiteral("Calls");
        QTest::newRow("trigger") << QStringLiteral("Trigger item_deleted: time=21.989 calls=166")
                                 << QJsonObject{{trigger, QStringLiteral("item_deleted")},
                                                {time, 21.989},
                                                {calls, 166}};
        QTest::newRow("constraint")
            << QStringLiteral(
                   "Trigger for constraint stock_move_item_id_fkey: time=148.300 calls=166")
            << QJsonObject{{constraint, QStringLiteral("stock_move_item_id_fkey")},
                           {time, 148.3},
                           {calls, 166}};
        QTest::newRow("constraint, verbose")
            << QStringLiteral("Trigger RI_ConstraintTrigger_a_16467 for constraint "
                              "stock_move_item_id_fkey: time=148.300 calls=166")
            << QJsonObject{{trigger, QStringLiteral("RI_ConstraintTrigger_a_16467")},
                           {constraint, QStringLiteral("stock_move_item_id_fkey")},
                           {time, 148.3},
                           {calls, 166}};
        QTest::newRow("constraint on a table, no timing")
            << QStringLiteral("Trigger for constraint price_change_item_id_fkey on price_change: "
                              "calls=3")
            << QJsonObject{{constraint, QStringLiteral("price_change_item_id_fkey")},
                           {relation, QStringLiteral("price_change")},
                           {calls, 3}};
        QTest::newRow("constraint on a table, verbose")
            << QStringLiteral("Trigger RI_ConstraintTrigger_c_16470 for constraint "
                              "price_change_item_id_fkey on price_change: time=0.512 calls=3")
            << QJsonObject{{trigger, QStringLiteral("RI_ConstraintTrigger_c_16470")},
                           {constraint, QStringLiteral("price_change_item_id_fkey")},
                           {relation, QStringLiteral("price_change")},
                           {time, 0.512},
                           {calls, 3}};
        QTest::newRow("trigger on a table")
            << QStringLiteral("Trigger item_deleted on item: time=1.000 calls=2")
            << QJsonObject{{trigger, QStringLiteral("item_deleted")},
                           {relation, QStringLiteral("item")},
                           {time, 1.0},
                           {calls, 2}};
    }

    void triggerLines()
    {
        QFETCH(QString, line);
        QFETCH(QJsonObject, expected);
        QJsonObject trigger;
        QVERIFY(PlanTextProperty::parseTrigger(line, &trigger));
        QVERIFY2(trigger == expected,
                 QJsonDocument(trigger).toJson(QJsonDocument::Compact).constData());
    }

    void malformedInput_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QString() << 0 << QStringLiteral("empty");
        QTest::newRow("blank") << QStringLiteral("  \n\n \t\n") << 0 << QStringLiteral("empty");
        QTest::newRow("random text")
            << QStringLiteral("\nThe quick brown fox\njumps over the lazy dog\n") << 2
            << QStringLiteral("expected a plan node");
        QTest::newRow("truncated json")
            << QStringLiteral("[\n  {\n    \"Plan\": {\n      \"Node Type\": \"Seq Scan\",\n      "
                              "\"Relation Name\": \"t\"")
            << 5 << QStringLiteral("truncated");
        QTest::newRow("json syntax")
            << QStringLiteral("[\n  {\n    \"Plan\": {\n      \"Node Type\": \"Seq Scan\"\n      "
                              "\"Alias\": \"t\"\n    }\n  }\n]")
            << 5 << QStringLiteral("expected valid JSON");
        QTest::newRow("json without plan")
            << QStringLiteral("{\"Query\": 1}") << 1 << QStringLiteral("\"Plan\"");
        QTest::newRow("json node without type")
            << QStringLiteral("[{\"Plan\": {\"Node Type\": \"Limit\",\n \"Plans\": [\n  {\"Node "
                              "Type\": \"Sort\"},\n  {\"Alias\": \"x\"}\n]}}]")
            << 4 << QStringLiteral("Node Type");
        QTest::newRow("bad costs")
            << QStringLiteral("Seq Scan on t  (cost=0.00..abc rows=1 width=4)") << 1
            << QStringLiteral("(cost=STARTUP..TOTAL");
        QTest::newRow("cut inside costs") << QStringLiteral(
            "Limit  (cost=0.00..1.00 rows=1 width=4)\n  ->  Seq Scan on t  (cost=0.00..1")
                                          << 2 << QStringLiteral("\")\"");
        QTest::newRow("junk inside the tree")
            << QStringLiteral("Limit  (cost=0.00..1.00 rows=1 width=4)\n  ->  Seq Scan on t  "
                              "(cost=0.00..1.00 rows=1 width=4)\n"
                              "        Filter: (a = 1)\n        this line is not a property\n")
            << 4 << QStringLiteral("expected a plan node");
        QTest::newRow("xml format") << QStringLiteral(
            "<explain xmlns=\"http://www.postgresql.org/2009/explain\">\n  <Query>\n")
                                    << 1 << QStringLiteral("FORMAT XML");
    }

    void malformedInput()
    {
        QFETCH(QString, input);
        QFETCH(int, line);
        QFETCH(QString, expected);
        Plan plan;
        PlanParseError error;
        QVERIFY(!PlanParser::parse(input, &plan, &error));
        QVERIFY(error.isError());
        QCOMPARE(error.line(), line);
        QVERIFY2(error.message().contains(expected), qPrintable(error.toString()));
        if (line > 0)
            QVERIFY2(error.toString().startsWith(QStringLiteral("line %1").arg(line)),
                     qPrintable(error.toString()));
    }

    // Unknown node types and fields are kept and shown, not dropped.
    void unknownNodesAndFieldsAreKept()
    {
        const Plan json = parseOk(QStringLiteral(
            "[{\"Plan\": {\"Node Type\": \"Frobnicate\", \"Frob Level\": 11, \"Total Cost\": 3.5,\n"
            " \"Plans\": [{\"Node Type\": \"Seq Scan\", \"Relation Name\": \"t\", \"Alias\": "
            "\"t\", \"Shiny\": true}]},"
            " \"Future Top Field\": \"x\"}]"));
        QCOMPARE(json.size(), 2);
        QCOMPARE(json.root().nodeType(), QStringLiteral("Frobnicate"));
        QCOMPARE(json.root().displayName(), QStringLiteral("Frobnicate"));
        QCOMPARE(json.root().number(QLatin1String("Frob Level")), 11.0);
        QCOMPARE(json.node(1).value(QLatin1String("Shiny")).toBool(), true);
        QCOMPARE(json.properties().value(QStringLiteral("Future Top Field")).toString(),
                 QStringLiteral("x"));

        const Plan text = parseOk(
            QStringLiteral("Frobnicate Everything  (cost=0.00..9.99 rows=3 width=8)\n"
                           "  Frob Level: 11\n"
                           "  Sparkle Mode: on\n"
                           "  ->  Seq Scan on t  (cost=0.00..1.00 rows=3 width=8)\n"
                           "        Shiny: true\n"));
        QCOMPARE(text.size(), 2);
        QCOMPARE(text.root().nodeType(), QStringLiteral("Frobnicate Everything"));
        QCOMPARE(text.root().totalCost(), 9.99);
        QCOMPARE(text.root().number(QLatin1String("Frob Level")), 11.0);
        QCOMPARE(text.root().text(QLatin1String("Sparkle Mode")), QStringLiteral("on"));
        QCOMPARE(text.node(1).value(QLatin1String("Shiny")).toBool(), true);
        QCOMPARE(text.node(1).parentId(), 0);
    }

    // Whatever is cut off or scrambled, the parser answers with a plan or an error.
    void neverCrashes()
    {
        QStringList inputs{PlanFixtures::read(QStringLiteral("ctes.txt")),
                           PlanFixtures::read(QStringLiteral("many-ctes.json")),
                           PlanFixtures::read(QStringLiteral("missing-index-unicode.json"))};
        const QString problem = PlanFixtures::parseMangled(inputs, 20260515);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
};

QTEST_GUILESS_MAIN(TestExplainParser)
#include "tst_explainparser.moc"
