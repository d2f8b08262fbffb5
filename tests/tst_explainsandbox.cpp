#include "db/localcluster.h"
#include "db/pgconnection.h"
#include "explain/plan.h"
#include "explain/plankeys.h"
#include "explain/planmetrics.h"
#include "explain/planparser.h"
#include "testsandbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <memory>

// Plans generated on the fixture server, every node kind the viewer knows, each in JSON and in
// text: both must give the same tree. The two EXPLAINs are two executions, so they may differ
// only in actual times (and, under parallelism, in per-worker figures).
class TestExplainSandbox : public QObject
{
    Q_OBJECT

    static constexpr const char *Database = "slipway_explain_test";
    QString m_conninfo;
    std::unique_ptr<PgConnection> m_db;

    struct Case
    {
        const char *name;
        QString options;  // EXPLAIN options without FORMAT
        QString settings; // SET … run first, in the same session
        QString sql;
        bool modifies = false; // run inside BEGIN … ROLLBACK
        bool parallel = false;
    };

    static QList<Case> cases()
    {
        const QString full = QStringLiteral("ANALYZE, BUFFERS, VERBOSE, SETTINGS");
        const QString nested = QStringLiteral(
            "SET enable_hashjoin = off; SET enable_mergejoin = off;");
        const QString parallel = QStringLiteral(
            "SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET "
            "min_parallel_table_scan_size = 0; "
            "SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = on;");
        return {
            {"seq scan with filter",
             full,
             {},
             QStringLiteral("SELECT * FROM orders WHERE status = 'open' AND amount > 500")},
            {"index scan", full, {}, QStringLiteral("SELECT * FROM customers WHERE id = 42")},
            {"index only scan backward",
             full,
             QStringLiteral("SET enable_bitmapscan = off;"),
             QStringLiteral("SELECT id FROM orders WHERE id > 99000 ORDER BY id DESC")},
            {"bitmap or",
             full,
             {},
             QStringLiteral("SELECT * FROM orders WHERE customer_id = 5 OR customer_id = 7")},
            {"bitmap and, lossy",
             full,
             QStringLiteral(
                 "SET work_mem = '64kB'; SET enable_indexscan = off; SET enable_seqscan = off;"),
             QStringLiteral(
                 "SELECT count(*) FROM orders WHERE customer_id < 8000 AND amount < 300")},
            {"nested loop left join",
             full,
             nested,
             QStringLiteral("SELECT c.id, o.id FROM customers c LEFT JOIN orders o ON "
                            "o.customer_id = c.id WHERE c.id < 20")},
            {"semi and anti join",
             full,
             nested,
             QStringLiteral("SELECT count(*) FROM customers c WHERE EXISTS (SELECT 1 FROM orders o "
                            "WHERE o.customer_id = c.id "
                            "AND o.amount > 900) AND NOT EXISTS (SELECT 1 FROM orders x WHERE "
                            "x.customer_id = c.id AND "
                            "x.status = 'open') AND c.id < 500")},
            {"hash full join in batches",
             full,
             QStringLiteral("SET work_mem = '64kB';"),
             QStringLiteral(
                 "SELECT count(*) FROM customers c FULL JOIN orders o ON o.customer_id = c.id")},
            {"merge right join",
             full,
             QStringLiteral("SET enable_hashjoin = off; SET enable_nestloop = off;"),
             QStringLiteral(
                 "SELECT count(*) FROM orders o RIGHT JOIN customers c ON c.id = o.customer_id")},
            {"external sort with temp timing",
             full,
             QStringLiteral("SET work_mem = '64kB'; SET track_io_timing = on;"),
             QStringLiteral("SELECT * FROM orders ORDER BY status, placed, id")},
            {"incremental sort",
             full,
             {},
             QStringLiteral("SELECT * FROM orders ORDER BY customer_id, amount LIMIT 50")},
            {"hash aggregate spilling",
             full,
             QStringLiteral("SET work_mem = '64kB'; SET enable_sort = off;"),
             QStringLiteral("SELECT id % 20000 AS k, sum(amount) FROM orders GROUP BY 1")},
            {"rollup",
             full,
             {},
             QStringLiteral(
                 "SELECT status, placed, count(*) FROM orders GROUP BY ROLLUP (status, placed)")},
            {"grouping sets sorted",
             full,
             QStringLiteral("SET enable_hashagg = off;"),
             QStringLiteral("SELECT status, placed, count(*) FROM orders GROUP BY GROUPING SETS "
                            "((status), (placed), ())")},
            {"group aggregate",
             full,
             QStringLiteral("SET enable_hashagg = off;"),
             QStringLiteral("SELECT status, count(*) FROM orders GROUP BY status")},
            {"group and unique",
             full,
             QStringLiteral("SET enable_hashagg = off;"),
             QStringLiteral("SELECT city FROM customers GROUP BY city UNION SELECT DISTINCT status "
                            "FROM orders")},
            {"parallel aggregate",
             full,
             parallel,
             QStringLiteral("SELECT status, count(*) FROM orders GROUP BY status ORDER BY 1"),
             false,
             true},
            {"parallel hash join",
             full,
             parallel,
             QStringLiteral("SELECT count(*) FROM orders o JOIN customers c ON c.id = "
                            "o.customer_id WHERE c.city <> 'city7'"),
             false,
             true},
            {"partitions with runtime pruning",
             full,
             {},
             QStringLiteral("SELECT count(*) FROM events WHERE at = (SELECT max(placed) FROM "
                            "orders) OR at < '2023-02-01'")},
            {"cte initplan subplan",
             full,
             {},
             QStringLiteral(
                 "WITH big AS MATERIALIZED (SELECT * FROM customers WHERE city = 'city3') "
                 "SELECT b.name, (SELECT count(*) FROM orders o WHERE o.customer_id = b.id) AS n "
                 "FROM big b WHERE b.id > (SELECT avg(id) FROM customers) ORDER BY 2 DESC, 1 LIMIT "
                 "5")},
            {"recursive union",
             full,
             {},
             QStringLiteral("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE "
                            "n < 100) SELECT count(*) FROM r")},
            {"function and values scans",
             full,
             {},
             QStringLiteral("SELECT * FROM generate_series(1, 10) g JOIN (VALUES (1, 'a'), (2, "
                            "'b')) v(n, s) ON v.n = g")},
            {"memoize",
             full,
             nested,
             QStringLiteral("SELECT count(*) FROM orders o JOIN customers c ON c.id = o.id % 100 + "
                            "1 WHERE o.id < 5000")},
            {"materialize",
             full,
             nested,
             QStringLiteral("SELECT count(*) FROM customers c, (SELECT * FROM orders WHERE id < "
                            "10) o WHERE c.id < 10 AND o.amount < c.id")},
            {"window agg",
             full,
             {},
             QStringLiteral("SELECT id, rank() OVER (PARTITION BY city ORDER BY created) FROM "
                            "customers WHERE id < 100")},
            {"setop except",
             full,
             {},
             QStringLiteral("SELECT customer_id FROM orders WHERE id < 100 EXCEPT SELECT id FROM "
                            "customers WHERE id < 50")},
            {"result and project set",
             full,
             {},
             QStringLiteral(
                 "SELECT generate_series(1, 3) AS n, (SELECT 1 WHERE false) AS nothing")},
            {"lock rows",
             full,
             {},
             QStringLiteral("SELECT * FROM customers WHERE id < 5 FOR UPDATE")},
            {"tid scans",
             full,
             {},
             QStringLiteral(
                 "SELECT count(*) FROM orders WHERE ctid = '(0,1)' OR ctid = '(0,2)' UNION ALL "
                 "SELECT count(*) FROM orders WHERE ctid < '(2,0)'")},
            {"sample scan",
             full,
             {},
             QStringLiteral("SELECT count(*) FROM orders TABLESAMPLE SYSTEM (10) REPEATABLE (7)")},
            {"local buffers",
             full,
             {},
             QStringLiteral("SELECT count(*) FROM scratch WHERE n % 3 = 0")},
            {"insert with trigger and wal",
             QStringLiteral("ANALYZE, BUFFERS, WAL, VERBOSE"),
             {},
             QStringLiteral("INSERT INTO orders SELECT 200000 + g, g, 1, 'new', date '2025-01-01' "
                            "FROM generate_series(1, 50) g"),
             true},
            {"update",
             QStringLiteral("ANALYZE, BUFFERS, WAL"),
             {},
             QStringLiteral(
                 "UPDATE orders SET amount = amount + 1 WHERE customer_id BETWEEN 10 AND 20"),
             true},
            {"delete",
             QStringLiteral("ANALYZE, BUFFERS, WAL"),
             {},
             QStringLiteral("DELETE FROM orders WHERE id < 100"),
             true},
            {"merge",
             QStringLiteral("ANALYZE, BUFFERS, WAL, VERBOSE"),
             {},
             QStringLiteral(
                 "MERGE INTO customers c USING (SELECT g AS id FROM generate_series(19990, 20010) "
                 "g) s ON c.id = s.id "
                 "WHEN MATCHED THEN UPDATE SET name = c.name || '!' "
                 "WHEN NOT MATCHED THEN INSERT VALUES (s.id, 'new', 'city0', date '2025-01-01')"),
             true},
            {"insert on conflict",
             QStringLiteral("ANALYZE, VERBOSE"),
             {},
             QStringLiteral("INSERT INTO customers VALUES (1, 'x', 'y', date '2025-01-01'), "
                            "(30001, 'z', 'y', date '2025-01-01') "
                            "ON CONFLICT (id) DO UPDATE SET name = excluded.name"),
             true},
            {"timing off",
             QStringLiteral("ANALYZE, TIMING OFF"),
             {},
             QStringLiteral("SELECT c.city, count(*) FROM customers c JOIN orders o ON "
                            "o.customer_id = c.id GROUP BY c.city")},
            {"costs off",
             QStringLiteral("ANALYZE, COSTS OFF"),
             {},
             QStringLiteral("SELECT * FROM customers WHERE id IN (SELECT customer_id FROM orders "
                            "WHERE amount = 3)")},
            {"estimates only",
             QStringLiteral("VERBOSE"),
             {},
             QStringLiteral("SELECT c.city, count(*) FROM customers c JOIN orders o ON "
                            "o.customer_id = c.id GROUP BY c.city")},
            {"jit",
             QStringLiteral("ANALYZE, VERBOSE"),
             QStringLiteral("SET jit = on; SET jit_above_cost = 0;"),
             QStringLiteral("SELECT sum(amount * 2) FROM orders WHERE status = 'open'")},
        };
    }

    static bool isCounter(const QString &key)
    {
        return key.endsWith(QLatin1String(" Blocks")) || key.startsWith(QLatin1String("WAL "))
               || (key.contains(QLatin1String("I/O")) && key.endsWith(QLatin1String(" Time")));
    }

    static bool isTime(const QString &key)
    {
        return key.endsWith(QLatin1String("Time")) || key == QLatin1String("Timing");
    }

    // What two executions may differ in, and what the text format leaves out by PostgreSQL's
    // rules, made equal on both sides: zero counters are absent (the text format omits them),
    // times become "present", "Inner Unique" goes without VERBOSE (text prints it only then).
    // In parallel plans, which processes took part varies between runs: per-worker details are
    // left out, rows and loops below the Gather and the peak memory of a shared hash table
    // become "present", and so do a Gather's own rows and its launched workers, which depend on
    // how many workers the server could start in that run (per-worker parsing is checked on the
    // corpus). A statement that writes touches different pages in each run (pruning, hint bits,
    // free space map), so its buffer and WAL counters are left out.
    enum Variation { Deterministic, Parallel, BelowGather, Writes };

    static QJsonValue normalised(const QJsonValue &value, bool verbose, Variation variation)
    {
        const bool parallel = variation == Parallel || variation == BelowGather;
        if (value.isArray()) {
            QJsonArray out;
            for (const QJsonValue &item : value.toArray())
                out.append(normalised(item, verbose, variation));
            return out;
        }
        if (!value.isObject())
            return value;
        QJsonObject out;
        const QJsonObject in = value.toObject();
        for (auto it = in.begin(); it != in.end(); ++it) {
            const QString key = it.key();
            if (isCounter(key) && (it.value().toDouble() == 0 || variation == Writes))
                continue;
            // A rolled-back write still leaves dead tuples: the next run's planner sees more
            // pages, so the estimates of a write move a little between the two runs.
            if (variation == Writes
                && (key == QLatin1String("Startup Cost") || key == QLatin1String("Total Cost"))) {
                out.insert(key, true);
                continue;
            }
            if (key == QLatin1String("Inner Unique") && !verbose)
                continue;
            const bool perProcess = variation == BelowGather
                                    && (key == QLatin1String("Actual Rows")
                                        || key == QLatin1String("Actual Loops")
                                        || key.startsWith(QLatin1String("Rows Removed by")));
            if (parallel && key == QLatin1String("Workers"))
                continue; // a worker that found no work has no entry
            if (isTime(key) || perProcess
                || (parallel
                    && (key == QLatin1String("Peak Memory Usage")
                        || key == QLatin1String("Workers Launched")))) {
                out.insert(key, true);
                continue;
            }
            out.insert(key, normalised(it.value(), verbose, variation));
        }
        return out;
    }

    static QString firstDifference(const QJsonValue &a, const QJsonValue &b, const QString &path)
    {
        if (a.isObject() && b.isObject()) {
            const QJsonObject x = a.toObject();
            const QJsonObject y = b.toObject();
            QStringList keys = x.keys() + y.keys();
            keys.removeDuplicates();
            for (const QString &key : keys) {
                const QString d = firstDifference(x.value(key),
                                                  y.value(key),
                                                  path + QLatin1Char('/') + key);
                if (!d.isEmpty())
                    return d;
            }
            return {};
        }
        if (a.isArray() && b.isArray() && a.toArray().size() == b.toArray().size()) {
            for (int i = 0; i < a.toArray().size(); ++i) {
                const QString d = firstDifference(a.toArray().at(i),
                                                  b.toArray().at(i),
                                                  path + QStringLiteral("[%1]").arg(i));
                if (!d.isEmpty())
                    return d;
            }
            return {};
        }
        if (a == b)
            return {};
        return QStringLiteral("%1: JSON %2, text %3")
            .arg(path,
                 QString::fromUtf8(QJsonDocument(QJsonArray{a}).toJson(QJsonDocument::Compact)),
                 QString::fromUtf8(QJsonDocument(QJsonArray{b}).toJson(QJsonDocument::Compact)));
    }

    // EXPLAIN output as one string; on a database error the error text, prefixed with "ERROR".
    QString explain(const Case &c, const QString &format)
    {
        try {
            if (c.modifies) {
                // Rolled-back writes leave dead index entries that later scans count.
                m_db->execute(QStringLiteral("VACUUM (INDEX_CLEANUP ON) orders"));
                m_db->execute(QStringLiteral("VACUUM (INDEX_CLEANUP ON) customers"));
                m_db->begin();
            }
            const QString options = c.options.isEmpty() ? format
                                                        : c.options + QStringLiteral(", ") + format;
            const RowBatch rows = m_db->fetchAll(
                QStringLiteral("EXPLAIN (%1) %2").arg(options, c.sql));
            if (c.modifies)
                m_db->rollback();
            QStringList lines;
            for (int r = 0; r < rows.rowCount(); ++r)
                lines << rows.text(r, 0);
            return lines.join(QLatin1Char('\n'));
        } catch (const DbException &e) {
            if (c.modifies)
                m_db->execute(QStringLiteral("ROLLBACK"));
            return QStringLiteral("ERROR ") + e.error().toDisplayString();
        }
    }

    bool prepareSession(const Case &c)
    {
        try {
            m_db->execute(QStringLiteral("RESET ALL; SET work_mem = '4MB'; SET jit = off;")
                          + c.settings);
            return true;
        } catch (const DbException &e) {
            qWarning("%s", qPrintable(e.error().toDisplayString()));
            return false;
        }
    }

    static Plan parse(const QString &text)
    {
        Plan plan;
        PlanParseError error;
        if (!PlanParser::parse(text, &plan, &error))
            qWarning("%s\n%s", qPrintable(error.toString()), qPrintable(text));
        return plan;
    }

    QString runPsql(const QStringList &psetCommands, const QString &sql)
    {
        QStringList arguments{QStringLiteral("-X"),
                              QStringLiteral("-q"),
                              QStringLiteral("-d"),
                              TestSandbox::conninfo(QString::fromLatin1(Database))};
        for (const QString &command : psetCommands)
            arguments << QStringLiteral("-c") << command;
        arguments << QStringLiteral("-c") << sql;
        QProcess psql;
        psql.start(LocalCluster::findBinDir() + QStringLiteral("/psql"), arguments);
        if (!psql.waitForFinished(60000) || psql.exitCode() != 0)
            return QString::fromUtf8(psql.readAllStandardError());
        return QString::fromUtf8(psql.readAllStandardOutput());
    }

private slots:
    void initTestCase()
    {
        QString error;
        const QString admin = TestSandbox::conninfo(QStringLiteral("postgres"), &error);
        QVERIFY2(!admin.isEmpty(), qPrintable(error));
        {
            PgConnection postgres(admin);
            postgres.open();
            postgres.execute(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)")
                                 .arg(QLatin1String(Database)));
            postgres.execute(QStringLiteral("CREATE DATABASE %1").arg(QLatin1String(Database)));
        }
        m_conninfo = TestSandbox::conninfo(QString::fromLatin1(Database));
        m_db = std::make_unique<PgConnection>(m_conninfo);
        m_db->open();
        m_db->execute(QStringLiteral(
            "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, city text NOT NULL, "
            "created date NOT NULL);"
            "INSERT INTO customers SELECT g, 'customer ' || g, 'city' || (g % 50), date "
            "'2020-01-01' + g % 1000 "
            "  FROM generate_series(1, 20000) g;"
            "CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES "
            "customers, "
            "  amount numeric NOT NULL, status text NOT NULL, placed date NOT NULL);"
            "INSERT INTO orders SELECT g, 1 + g % 20000, g % 997, CASE WHEN g % 10 = 0 THEN 'open' "
            "ELSE 'done' END, "
            "  date '2024-01-01' + g % 365 FROM generate_series(1, 100000) g;"
            "CREATE INDEX orders_customer_idx ON orders (customer_id);"
            "CREATE INDEX orders_amount_idx ON orders (amount);"
            "CREATE TABLE events (id int, kind text, at date NOT NULL) PARTITION BY RANGE (at);"
            "CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO "
            "('2024-01-01');"
            "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO "
            "('2025-01-01');"
            "CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO "
            "('2026-01-01');"
            "INSERT INTO events SELECT g, 'k' || (g % 7), date '2023-01-01' + g % 1000 FROM "
            "generate_series(1, 30000) g;"
            "CREATE INDEX ON events (at);"
            // The suites compare estimates between EXPLAIN runs: an autoanalyze in between (the
            // DML cases modify rows) would draw a new sample and shift the costs.
            "ALTER TABLE customers SET (autovacuum_enabled = false);"
            "ALTER TABLE orders SET (autovacuum_enabled = false);"
            "ALTER TABLE events_2023 SET (autovacuum_enabled = false);"
            "ALTER TABLE events_2024 SET (autovacuum_enabled = false);"
            "ALTER TABLE events_2025 SET (autovacuum_enabled = false);"));
        m_db->execute(QStringLiteral("VACUUM ANALYZE")); // not inside the script's transaction
        m_db->execute(QStringLiteral(
            "CREATE TEMP TABLE scratch AS SELECT g AS n FROM generate_series(1, 20000) g;"
            "ANALYZE scratch;"));
    }

    void jsonAndTextGiveTheSameTree_data()
    {
        QTest::addColumn<int>("index");
        const QList<Case> all = cases();
        for (int i = 0; i < all.size(); ++i)
            QTest::newRow(all.at(i).name) << i;
    }

    void jsonAndTextGiveTheSameTree()
    {
        QFETCH(int, index);
        const Case c = cases().at(index);
        QVERIFY(prepareSession(c));
        explain(c, QStringLiteral("FORMAT TEXT")); // warm the cache so both runs read the same
        const QString jsonText = explain(c, QStringLiteral("FORMAT JSON"));
        const QString text = explain(c, QStringLiteral("FORMAT TEXT"));
        QVERIFY2(!jsonText.startsWith(QLatin1String("ERROR")), qPrintable(jsonText));
        QVERIFY2(!text.startsWith(QLatin1String("ERROR")), qPrintable(text));
        const Plan json = parse(jsonText);
        const Plan fromText = parse(text);
        QVERIFY2(!json.isEmpty() && !fromText.isEmpty(), qPrintable(text));
        QCOMPARE(json.sourceFormat(), Plan::Format::Json);
        QCOMPARE(fromText.sourceFormat(), Plan::Format::Text);
        QVERIFY(json.warnings().isEmpty());
        QVERIFY2(fromText.warnings().isEmpty(),
                 qPrintable(fromText.warnings().join(QLatin1Char('\n'))));
        QCOMPARE(fromText.size(), json.size());

        const bool verbose = c.options.contains(QLatin1String("VERBOSE"));
        const Variation planVariation = c.modifies ? Writes : c.parallel ? Parallel : Deterministic;
        for (int id = 0; id < json.size(); ++id) {
            Variation variation = planVariation;
            // A Gather's own rows are what its participants sent: they depend on how many
            // workers the server could launch in that run (fewer under load).
            if (c.parallel && json.node(id).nodeType().startsWith(QLatin1String("Gather")))
                variation = BelowGather;
            for (int up = json.node(id).parentId(); up >= 0 && c.parallel;
                 up = json.node(up).parentId()) {
                if (json.node(up).nodeType().startsWith(QLatin1String("Gather")))
                    variation = BelowGather;
            }
            const QJsonValue a = normalised(json.node(id).properties(), verbose, variation);
            const QJsonValue b = normalised(fromText.node(id).properties(), verbose, variation);
            const QString difference = firstDifference(
                a, b, QStringLiteral("node %1 (%2)").arg(id).arg(json.node(id).displayName()));
            QVERIFY2(difference.isEmpty(), qPrintable(difference + QStringLiteral("\n\n") + text));
            QCOMPARE(fromText.node(id).parentId(), json.node(id).parentId());
        }

        // Top level: the same fields; planning buffers differ between two runs (catalog caches).
        QJsonObject topJson = json.properties();
        QJsonObject topText = fromText.properties();
        topJson.remove(PlanKey::Planning);
        topText.remove(PlanKey::Planning);
        if (topJson.value(PlanKey::Triggers).toArray().isEmpty())
            topJson.remove(PlanKey::Triggers); // JSON prints an empty list, text nothing
        const QString difference = firstDifference(normalised(topJson, verbose, planVariation),
                                                   normalised(topText, verbose, planVariation),
                                                   QStringLiteral("top level"));
        QVERIFY2(difference.isEmpty(), qPrintable(difference + QStringLiteral("\n\n") + text));
    }

    // Exclusive times are never negative and, without parallel workers, add up to the root's
    // inclusive time within 5 % plus PostgreSQL's rounding (0.001 ms per loop of each node).
    // Below a Gather the time of a node is its per-loop average × loops ÷ (workers + leader),
    // and exclusive times may only add up to more than the root's (a Gather's child runs in
    // several processes at once), never to less.
    void exclusiveTimes_data() { jsonAndTextGiveTheSameTree_data(); }

    void exclusiveTimes()
    {
        QFETCH(int, index);
        const Case c = cases().at(index);
        if (!c.options.contains(QLatin1String("ANALYZE"))
            || c.options.contains(QLatin1String("TIMING OFF")))
            return; // no times to check; the other cases of the table carry this test
        QVERIFY(prepareSession(c));
        const QString output = explain(c, QStringLiteral("FORMAT JSON"));
        QVERIFY2(!output.startsWith(QLatin1String("ERROR")), qPrintable(output));
        const Plan plan = parse(output);
        QVERIFY(!plan.isEmpty());
        const PlanMetrics metrics = PlanMetrics::compute(plan);
        double sum = 0;
        double rounding = 0;
        bool belowGather = false;
        for (const PlanNode &node : plan.nodes()) {
            const PlanMetrics::Node &m = metrics.node(node.id());
            QVERIFY2(m.exclusiveMs >= 0, qPrintable(node.displayName()));
            sum += m.exclusiveMs;
            rounding += 0.001 * std::max(1.0, node.actualLoops());
            int gather = node.parentId();
            while (gather >= 0 && !plan.node(gather).nodeType().startsWith(QLatin1String("Gather")))
                gather = plan.node(gather).parentId();
            if (gather >= 0) {
                belowGather = true;
                const double processes = plan.node(gather).workersLaunched() + 1;
                QVERIFY(std::abs(m.inclusiveMs
                                 - node.actualTotalTime() * node.actualLoops() / processes)
                        < 1e-9);
            } else {
                QVERIFY(std::abs(m.inclusiveMs - node.actualTotalTime() * node.actualLoops())
                        < 1e-9);
            }
        }
        const double root = metrics.node(0).inclusiveMs;
        QCOMPARE(belowGather, c.parallel);
        if (c.parallel) {
            QVERIFY2(sum >= root - rounding,
                     qPrintable(QStringLiteral("sum %1, root %2").arg(sum).arg(root)));
        } else {
            QVERIFY2(std::abs(sum - root) <= 0.05 * root + rounding,
                     qPrintable(QStringLiteral("sum %1, root %2").arg(sum).arg(root)));
        }
    }

    // What psql prints — aligned with header and footer, "+" continuations, unicode and ascii
    // frames, wrapped cells — parses to the plan the server returned directly.
    void psqlShapes()
    {
        const QString sql = QStringLiteral(
            "SELECT c.city, count(*) FROM customers c JOIN orders o ON o.customer_id = c.id "
            "WHERE c.created > date '2020-03-01' AND o.status = 'open' GROUP BY c.city ORDER BY 2 "
            "DESC");
        m_db->execute(QStringLiteral("RESET ALL"));
        const Plan reference = parse(
            m_db->fetchAll(QStringLiteral("EXPLAIN (VERBOSE, FORMAT JSON) ") + sql).text(0, 0));
        QVERIFY(reference.size() >= 5);

        const QList<std::pair<QStringList, QString>> shapes{
            {{}, QStringLiteral("FORMAT TEXT")},
            {{}, QStringLiteral("FORMAT JSON")},
            {{QStringLiteral("\\pset border 2")}, QStringLiteral("FORMAT TEXT")},
            {{QStringLiteral("\\pset border 0")}, QStringLiteral("FORMAT JSON")},
            {{QStringLiteral("\\pset linestyle unicode"), QStringLiteral("\\pset border 2")},
             QStringLiteral("FORMAT TEXT")},
            {{QStringLiteral("\\pset linestyle unicode"), QStringLiteral("\\pset border 2")},
             QStringLiteral("FORMAT JSON")},
            {{QStringLiteral("\\pset format wrapped"), QStringLiteral("\\pset columns 60")},
             QStringLiteral("FORMAT TEXT")},
            {{QStringLiteral("\\pset format wrapped"),
              QStringLiteral("\\pset columns 50"),
              QStringLiteral("\\pset border 0")},
             QStringLiteral("FORMAT TEXT")},
            {{QStringLiteral("\\pset format wrapped"),
              QStringLiteral("\\pset columns 60"),
              QStringLiteral("\\pset border 2")},
             QStringLiteral("FORMAT TEXT")},
            {{QStringLiteral("\\pset format wrapped"),
              QStringLiteral("\\pset columns 40"),
              QStringLiteral("\\pset linestyle unicode"),
              QStringLiteral("\\pset border 2")},
             QStringLiteral("FORMAT JSON")},
            {{QStringLiteral("\\pset format wrapped"),
              QStringLiteral("\\pset columns 60"),
              QStringLiteral("\\pset linestyle unicode")},
             QStringLiteral("FORMAT TEXT")},
            {{QStringLiteral("\\pset format unaligned")}, QStringLiteral("FORMAT TEXT")},
            {{QStringLiteral("\\x on")}, QStringLiteral("FORMAT TEXT")},
            {{QStringLiteral("\\x on")}, QStringLiteral("FORMAT JSON")},
        };
        for (const auto &[pset, format] : shapes) {
            const QString output
                = runPsql(pset, QStringLiteral("EXPLAIN (VERBOSE, %1) %2").arg(format, sql));
            const Plan plan = parse(output);
            const QString shape = pset.join(QLatin1String("; ")) + QLatin1Char(' ') + format;
            QVERIFY2(plan.size() == reference.size(),
                     qPrintable(shape + QLatin1Char('\n') + output));
            for (int id = 0; id < plan.size(); ++id) {
                const QString difference
                    = firstDifference(normalised(reference.node(id).properties(),
                                                 true,
                                                 Deterministic),
                                      normalised(plan.node(id).properties(), true, Deterministic),
                                      QStringLiteral("node %1").arg(id));
                QVERIFY2(difference.isEmpty(),
                         qPrintable(shape + QLatin1String(": ") + difference + QLatin1Char('\n')
                                    + output));
            }
        }
    }

    void cleanupTestCase()
    {
        m_db.reset();
        QString error;
        PgConnection postgres(TestSandbox::conninfo(QStringLiteral("postgres"), &error));
        postgres.open();
        postgres.execute(
            QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(QLatin1String(Database)));
    }
};

QTEST_GUILESS_MAIN(TestExplainSandbox)
#include "tst_explainsandbox.moc"
