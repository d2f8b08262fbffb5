#include "schemafixtures.h"
#include "testsandbox.h"

#include "db/demodatabase.h"
#include "db/localcluster.h"
#include "db/pgconnection.h"
#include "schema/indexhealthcheck.h"
#include "sql/statementsplitter.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>

// Index health against real statistics: the demo database's planted problems (read-only use), and
// a database of our own where every kind of problem is made on purpose, found, and fixed by
// running the suggested SQL.
class TestIndexHealth : public QObject
{
    Q_OBJECT

    using Kind = HealthFinding::Kind;

    QString m_demo;
    QString m_own;

    static const HealthFinding *find(const QList<HealthFinding> &findings,
                                     Kind kind,
                                     const QString &object)
    {
        auto it = std::find_if(findings.cbegin(), findings.cend(), [&](const HealthFinding &f) {
            return f.kind == kind && f.object == object;
        });
        return it == findings.cend() ? nullptr : &*it;
    }

    static QString describe(const QList<HealthFinding> &findings)
    {
        QStringList lines;
        for (const HealthFinding &f : findings)
            lines << f.kindName() + u' ' + f.object;
        return lines.join(u'\n');
    }

    static QList<HealthFinding> check(const QString &conninfo,
                                      qint64 minRows = 10000,
                                      qint64 minScans = 50)
    {
        PgConnection db(conninfo);
        db.open();
        IndexHealthCheck health(db);
        health.setSeqScanThresholds(minRows, minScans);
        return health.run();
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(!TestSandbox::conninfo(QStringLiteral("postgres"), &error).isEmpty(),
                 qPrintable(error));
        LocalCluster cluster(TestSandbox::directory());
        m_demo = DemoDatabase::ensure(cluster);

        // Our own problems: sizes and statistics we control.
        m_own = SchemaFixtures::recreateDatabase(QStringLiteral("slipway_schema_health"),
                                                 {},
                                                 &error);
        QVERIFY2(!m_own.isEmpty(), qPrintable(error));
        PgConnection db(m_own);
        db.open();
        // The counters of this database run since now: a period too short to judge by.
        db.fetchAll(QStringLiteral("SELECT pg_stat_reset()"));
        db.execute(QStringLiteral(
            "CREATE SCHEMA \"Health Check\";"
            "CREATE TABLE \"Health Check\".parent (id int PRIMARY KEY, code text);"
            "CREATE TABLE \"Health Check\".child (id int PRIMARY KEY, parent_id int REFERENCES "
            "\"Health Check\".parent,"
            " a int, b int, c int);"
            "CREATE INDEX child_a ON \"Health Check\".child (a);" // redundant: leads child_a_b
            "CREATE INDEX child_a_b ON \"Health Check\".child (a, b);"
            "CREATE INDEX child_c ON \"Health Check\".child (c);"
            "CREATE INDEX \"child C again\" ON \"Health Check\".child (c);"  // duplicate
            "CREATE TABLE \"Health Check\".log (at timestamptz, line text);" // no primary key
            "CREATE TABLE \"Health Check\".scanned (id int PRIMARY KEY, v int);"
            "INSERT INTO \"Health Check\".scanned SELECT g, g % 7 FROM generate_series(1, 20000) g;"
            "INSERT INTO \"Health Check\".parent SELECT g, 'p' || g FROM generate_series(1, 100) g;"
            "INSERT INTO \"Health Check\".child SELECT g, 1 + g % 100, g % 13, g % 17, 1 FROM "
            "generate_series(1, 2000) g;"
            "ANALYZE"));
        // An invalid index: CREATE UNIQUE INDEX CONCURRENTLY that meets duplicates leaves one.
        QVERIFY_THROWS_EXCEPTION(DbException,
                                 db.execute(QStringLiteral(
                                     "CREATE UNIQUE INDEX CONCURRENTLY child_c_unique "
                                     "ON \"Health Check\".child (c)")));
        // Statistics: 60 sequential scans of "scanned", and some index use so that child_a_b
        // and the keys count as used. child_c and its twin stay unread: of two equally unused
        // duplicates the older one is kept. A session's counters reach the shared statistics
        // when it ends.
        {
            PgConnection reader(m_own);
            reader.open();
            reader.execute(
                QStringLiteral("SET enable_indexscan = off; SET enable_bitmapscan = off"));
            for (int i = 0; i < 60; ++i)
                reader.fetchAll(
                    QStringLiteral("SELECT count(*) FROM \"Health Check\".scanned WHERE v = %1")
                        .arg(i % 7));
            reader.execute(QStringLiteral(
                "SET enable_indexscan = on; SET enable_bitmapscan = on; SET enable_seqscan = off"));
            reader.fetchAll(
                QStringLiteral("SELECT * FROM \"Health Check\".child WHERE a = 1 AND b = 2"));
            reader.fetchAll(QStringLiteral("SELECT * FROM \"Health Check\".child WHERE id = 1"));
        }
        // The ended session's counters reach the shared statistics shortly after: wait until
        // they show rather than for a fixed time.
        PgConnection stats(m_own);
        stats.open();
        auto counter = [&stats](const char *sql) {
            return stats.fetchAll(QString::fromLatin1(sql)).text(0, 0).toLongLong();
        };
        QTRY_VERIFY_WITH_TIMEOUT(counter(
                                     "SELECT coalesce(sum(seq_scan), 0) FROM pg_stat_user_tables "
                                     "WHERE schemaname = 'Health Check' AND relname = 'scanned'")
                                     >= 60,
                                 15000);
        QTRY_VERIFY_WITH_TIMEOUT(counter(
                                     "SELECT coalesce(sum(idx_scan), 0) FROM pg_stat_user_tables "
                                     "WHERE schemaname = 'Health Check' AND relname = 'child'")
                                     >= 2,
                                 15000);
    }

    void cleanupTestCase()
    {
        QString error;
        QVERIFY2(SchemaFixtures::dropDatabase(QStringLiteral("slipway_schema_health"), &error),
                 qPrintable(error));
    }

    // resources/demo/README.md lists four planted problems; all must be reported, and the
    // healthy twins next to them must not.
    void demoPlantedProblems()
    {
        const QList<HealthFinding> findings = check(m_demo);
        const QString all = describe(findings);
        const HealthFinding *fk = find(findings,
                                       Kind::ForeignKeyWithoutIndex,
                                       QStringLiteral("shop.order_items_product_id_fkey"));
        QVERIFY2(fk, qPrintable(all));
        QCOMPARE(fk->table, QStringLiteral("shop.order_items"));
        QCOMPARE(fk->fix,
                 QStringLiteral("CREATE INDEX CONCURRENTLY ON shop.order_items (product_id);"));
        const HealthFinding *unused = find(findings,
                                           Kind::UnusedIndex,
                                           QStringLiteral("shop.idx_customers_country_created_at"));
        QVERIFY2(unused, qPrintable(all));
        QCOMPARE(unused->fix,
                 QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS "
                                "shop.idx_customers_country_created_at;"));
        QVERIFY(unused->sizeBytes > 0);
        const HealthFinding *duplicate = find(findings,
                                              Kind::DuplicateIndex,
                                              QStringLiteral("shop.idx_products_category_dup"));
        QVERIFY2(duplicate, qPrintable(all));
        QVERIFY(duplicate->detail.contains(QStringLiteral("shop.idx_products_category ")));
        QCOMPARE(duplicate->fix,
                 QStringLiteral(
                     "DROP INDEX CONCURRENTLY IF EXISTS shop.idx_products_category_dup;"));
        QVERIFY2(find(findings, Kind::NoPrimaryKey, QStringLiteral("shop.order_events")),
                 qPrintable(all));

        // The duplicate is reported once (not again as unused), the index the planner uses is kept,
        // the index behind orders' customer key is needed even if unread, keys are never unused.
        QVERIFY2(!find(findings,
                       Kind::UnusedIndex,
                       QStringLiteral("shop.idx_products_category_dup")),
                 qPrintable(all));
        for (const HealthFinding &f : findings) {
            QVERIFY2(f.object != QLatin1String("shop.idx_products_category"), qPrintable(all));
            QVERIFY2(f.object != QLatin1String("shop.idx_orders_customer_id"), qPrintable(all));
            QVERIFY2(!f.object.endsWith(QLatin1String("_pkey")), qPrintable(all));
            QVERIFY2(f.object != QLatin1String("shop.order_items_order_id_ordered_at_fkey"),
                     qPrintable(all));
            QVERIFY(!f.detail.isEmpty());
            QVERIFY(!f.fix.isEmpty());
        }
    }

    void everyKindFoundOnPurpose()
    {
        const QList<HealthFinding> findings = check(m_own, 10000, 50);
        const QString all = describe(findings);
        const QString s = QStringLiteral("\"Health Check\".");
        QVERIFY2(find(findings, Kind::RedundantIndex, s + QStringLiteral("child_a")),
                 qPrintable(all));
        const HealthFinding *duplicate = find(findings,
                                              Kind::DuplicateIndex,
                                              s + QStringLiteral("\"child C again\""));
        QVERIFY2(duplicate, qPrintable(all));
        QVERIFY2(find(findings, Kind::InvalidIndex, s + QStringLiteral("child_c_unique")),
                 qPrintable(all));
        QVERIFY2(find(findings,
                      Kind::ForeignKeyWithoutIndex,
                      s + QStringLiteral("child_parent_id_fkey")),
                 qPrintable(all));
        QVERIFY2(find(findings, Kind::NoPrimaryKey, s + QStringLiteral("log")), qPrintable(all));
        const HealthFinding *scans = find(findings,
                                          Kind::SeqScanHeavy,
                                          s + QStringLiteral("scanned"));
        QVERIFY2(scans, qPrintable(all));
        const QRegularExpressionMatch counted
            = QRegularExpression(QStringLiteral("by (\\d+) sequential scans")).match(scans->detail);
        QVERIFY2(counted.hasMatch() && counted.captured(1).toInt() >= 60, qPrintable(scans->detail));
        QVERIFY2(!find(findings, Kind::UnusedIndex, s + QStringLiteral("child_a_b")),
                 qPrintable(all));
        QVERIFY2(!find(findings, Kind::DuplicateIndex, s + QStringLiteral("child_c")),
                 qPrintable(all));
        QVERIFY2(!find(findings, Kind::NoPrimaryKey, s + QStringLiteral("child")), qPrintable(all));
        // Below the thresholds nothing counts as scanned too often.
        QVERIFY(!find(check(m_own, 50000, 50), Kind::SeqScanHeavy, s + QStringLiteral("scanned")));
        QVERIFY(!find(check(m_own, 10000, 100), Kind::SeqScanHeavy, s + QStringLiteral("scanned")));
        QCOMPARE(HealthFinding::kindName(Kind::ForeignKeyWithoutIndex),
                 QStringLiteral("fk_without_index"));
    }

    // An index unused "since" says since when: here the reset at the start of the suite, a
    // period of minutes, which makes the judgement weak.
    void unusedIsJudgedSinceTheReset()
    {
        PgConnection db(m_own);
        db.open();
        const RowBatch reset = db.fetchAll(
            QStringLiteral("SELECT extract(epoch FROM stats_reset)::bigint FROM pg_stat_database"
                           " WHERE datname = current_database()"));
        QVERIFY(!reset.isNull(0, 0));
        const QDateTime resetAt = QDateTime::fromSecsSinceEpoch(reset.text(0, 0).toLongLong());

        IndexHealthCheck health(db);
        const QList<HealthFinding> findings = health.run();
        QCOMPARE(health.statisticsPeriod().resetAt, resetAt);
        QVERIFY(health.statisticsPeriod().isShort());
        const HealthFinding *unused = find(findings,
                                           Kind::UnusedIndex,
                                           QStringLiteral("\"Health Check\".child_c"));
        QVERIFY2(unused, qPrintable(describe(findings)));
        const QString since = resetAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        QVERIFY2(unused->detail.contains(
                     QStringLiteral("has not been scanned since %1, when the statistics were "
                                    "reset; it is judged over that period only.")
                         .arg(since)),
                 qPrintable(unused->detail));
        QVERIFY(unused->weak);
        QVERIFY2(unused->detail.contains(QStringLiteral(": a weak judgement")),
                 qPrintable(unused->detail));
        // Findings that do not rest on the counters are not weakened.
        for (const HealthFinding &f : findings) {
            if (f.kind != Kind::UnusedIndex)
                QVERIFY2(!f.weak, qPrintable(f.kindName() + u' ' + f.object));
        }
        const QString summary = health.statisticsPeriod().describe();
        QVERIFY2(summary.startsWith(QStringLiteral("Usage counters run since %1, when the "
                                                   "statistics were reset")
                                        .arg(since)),
                 qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("Under a week is too short")), qPrintable(summary));
    }

    // Counters never reset run since the database's statistics were first collected; the server's
    // start is what can be said of that.
    void unusedNeverResetCountsFromTheServerStart()
    {
        QString error;
        const QString fresh = SchemaFixtures::recreateDatabase(QStringLiteral(
                                                                   "slipway_schema_health_fresh"),
                                                               {},
                                                               &error);
        QVERIFY2(!fresh.isEmpty(), qPrintable(error));
        {
            PgConnection db(fresh);
            db.open();
            db.execute(QStringLiteral("CREATE TABLE t (id int PRIMARY KEY, v int);"
                                      "CREATE INDEX t_v ON t (v)"));
            const RowBatch server = db.fetchAll(
                QStringLiteral("SELECT stats_reset IS NULL, extract(epoch FROM "
                               "pg_postmaster_start_time())::bigint,"
                               " now() - pg_postmaster_start_time() < interval '7 days'"
                               " FROM pg_stat_database WHERE datname = current_database()"));
            QCOMPARE(server.text(0, 0), QStringLiteral("t"));
            const QString started = QDateTime::fromSecsSinceEpoch(server.text(0, 1).toLongLong())
                                        .toLocalTime()
                                        .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
            IndexHealthCheck health(db);
            const QList<HealthFinding> findings = health.run();
            QVERIFY(!health.statisticsPeriod().wasReset());
            const HealthFinding *unused = find(findings,
                                               Kind::UnusedIndex,
                                               QStringLiteral("public.t_v"));
            QVERIFY2(unused, qPrintable(describe(findings)));
            QVERIFY2(unused->detail.contains(
                         QStringLiteral("has not been scanned since the server started on %1 (the "
                                        "statistics were never reset)")
                             .arg(started)),
                     qPrintable(unused->detail));
            QCOMPARE(unused->weak, server.text(0, 2) == QLatin1String("t"));
            QVERIFY2(health.statisticsPeriod().describe().contains(
                         QStringLiteral("never reset: they run since this database's statistics "
                                        "were first collected, at least since the server started "
                                        "on %1")
                             .arg(started)),
                     qPrintable(health.statisticsPeriod().describe()));
        }
        QVERIFY2(SchemaFixtures::dropDatabase(QStringLiteral("slipway_schema_health_fresh"), &error),
                 qPrintable(error));
    }

    // A week of counters is where a judgement stops being weak.
    void periodLengthDecidesWeakness()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        StatisticsPeriod month;
        month.readAt = now;
        month.serverStartedAt = now.addDays(-40);
        month.resetAt = now.addDays(-30);
        QVERIFY(!month.isShort());
        QCOMPARE(StatisticsPeriod::formatLength(month.seconds()), QStringLiteral("30 days"));
        QVERIFY2(!month.describe().contains(QStringLiteral("too short")),
                 qPrintable(month.describe()));

        StatisticsPeriod week = month;
        week.resetAt = now.addDays(-7);
        QVERIFY(!week.isShort());
        week.resetAt = now.addDays(-7).addSecs(60);
        QVERIFY(week.isShort());
        QCOMPARE(StatisticsPeriod::formatLength(week.seconds()), QStringLiteral("6 days"));

        StatisticsPeriod restarted;
        restarted.readAt = now;
        restarted.serverStartedAt = now.addSecs(-2 * 3600 - 59);
        QVERIFY(!restarted.wasReset());
        QCOMPARE(restarted.since(), restarted.serverStartedAt);
        QVERIFY(restarted.isShort());
        QCOMPARE(StatisticsPeriod::formatLength(restarted.seconds()), QStringLiteral("2 hours"));
        QCOMPARE(StatisticsPeriod::formatLength(59), QStringLiteral("less than an hour"));
        QCOMPARE(StatisticsPeriod::formatLength(24 * 3600), QStringLiteral("1 day"));

        StatisticsPeriod unknown;
        QVERIFY(!unknown.isValid());
        QVERIFY(unknown.isShort());
    }

    // Running the suggested SQL makes the index findings go away.
    void fixesWork()
    {
        const QList<HealthFinding> before = check(m_own);
        PgConnection db(m_own);
        db.open();
        // The invalid unique index failed on duplicate values; its rebuild needs them gone.
        db.execute(QStringLiteral("UPDATE \"Health Check\".child SET c = id"));
        for (const HealthFinding &f : before) {
            if (f.kind == Kind::SeqScanHeavy)
                continue; // advice, not a statement
            for (const StatementRange &statement : StatementSplitter::split(f.fix)) {
                QString sql = statement.text.trimmed();
                if (sql.startsWith(QLatin1String("--")))
                    sql = sql.section(u'\n', 1).trimmed(); // leading advice comment
                if (!sql.isEmpty())
                    db.execute(sql); // one statement per call: CONCURRENTLY refuses a block
            }
        }
        const QList<HealthFinding> after = check(m_own);
        int fixed = 0;
        for (const HealthFinding &f : before) {
            if (f.kind == Kind::SeqScanHeavy)
                continue;
            ++fixed;
            QVERIFY2(!find(after, f.kind, f.object),
                     qPrintable(f.kindName() + u' ' + f.object + u'\n' + describe(after)));
        }
        QVERIFY(fixed >= 5);
        // What fixes a foreign key is an index nobody has used yet, and that is fine.
        QVERIFY2(!find(after,
                       Kind::UnusedIndex,
                       QStringLiteral("\"Health Check\".child_parent_id_idx")),
                 qPrintable(describe(after)));
    }
};

QTEST_GUILESS_MAIN(TestIndexHealth)
#include "tst_indexhealth.moc"
