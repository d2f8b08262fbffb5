#include "db/demodatabase.h"
#include "db/localcluster.h"
#include "db/pgconnection.h"
#include "testsandbox.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include <atomic>
#include <mutex>
#include <thread>

// The demo content is what later features are judged on: it must load, carry its planted
// problems, and its migrations must apply and roll back cleanly with psql.
class TestDemo : public QObject
{
    Q_OBJECT

    QString m_conninfo;
    std::unique_ptr<PgConnection> m_db;

    qint64 count(const QString &sql) { return m_db->fetchAll(sql).text(0, 0).toLongLong(); }

    QString migrationsDir() const
    {
        return QDir(TestSandbox::sourceDir()).filePath(QStringLiteral("resources/demo/migrations"));
    }

    bool psqlFile(const QString &conninfo, const QString &file, QString *output)
    {
        QProcess psql;
        psql.setProcessChannelMode(QProcess::MergedChannels);
        psql.start(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
                                            QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-d"), conninfo,
                                            QStringLiteral("-f"), file});
        const bool done = psql.waitForFinished(300000);
        *output = QString::fromUtf8(psql.readAll());
        return done && psql.exitStatus() == QProcess::NormalExit && psql.exitCode() == 0;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!TestSandbox::directory().isEmpty(), "run through ctest");
        LocalCluster cluster(TestSandbox::directory());
        QCOMPARE(cluster.state(), LocalCluster::State::Running);
        m_conninfo = DemoDatabase::ensure(cluster);
        QVERIFY(m_conninfo.contains(QStringLiteral("dbname=slipway_demo")));
        m_db = std::make_unique<PgConnection>(m_conninfo);
        m_db->open();
    }

    void sizes()
    {
        QVERIFY(count(QStringLiteral("SELECT count(*) FROM shop.customers")) >= 150000);
        QVERIFY(count(QStringLiteral("SELECT count(*) FROM shop.orders")) >= 500000);
        QVERIFY(count(QStringLiteral("SELECT count(*) FROM shop.order_items")) >= 1500000);
        QVERIFY(count(QStringLiteral("SELECT count(*) FROM shop.products")) > 0);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM pg_class WHERE oid = 'shop.orders'::regclass AND relkind = 'p'")), 1);
        QVERIFY(count(QStringLiteral("SELECT count(*) FROM pg_inherits WHERE inhparent = 'shop.orders'::regclass")) >= 4);
    }

    void ensureIsIdempotent()
    {
        LocalCluster cluster(TestSandbox::directory());
        const qint64 before = count(QStringLiteral("SELECT count(*) FROM shop.customers"));
        QCOMPARE(DemoDatabase::ensure(cluster), m_conninfo);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM shop.customers")), before);
    }

    // While another process sets the database up (it holds the set-up lock), ensure() waits and
    // then finds the database loaded, instead of loading it a second time and failing.
    void ensureWaitsForAConcurrentSetup()
    {
        PgConnection other(TestSandbox::conninfo());
        other.open();
        const QString key = QString::number(DemoDatabase::setupLockKey());
        other.execute(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(key));

        std::mutex mutex;
        QStringList lines;
        std::atomic<bool> done{false};
        QString conninfo;
        QString failure;
        std::thread caller([&] {
            try {
                LocalCluster cluster(TestSandbox::directory());
                conninfo = DemoDatabase::ensure(cluster, [&](const QString &line) {
                    const std::lock_guard<std::mutex> lock(mutex);
                    lines << line;
                });
            } catch (const DemoDatabase::Error &e) {
                failure = e.message();
            }
            done = true;
        });
        const auto waiting = [&] {
            const std::lock_guard<std::mutex> lock(mutex);
            return !lines.isEmpty() && lines.first().startsWith(QStringLiteral("Waiting"));
        };
        const bool waited = QTest::qWaitFor(waiting, 20000);
        const bool finishedEarly = done.load();
        other.execute(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(key));
        caller.join();
        QVERIFY2(waited, qPrintable(lines.join(u'|')));
        QVERIFY(!finishedEarly);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(conninfo, m_conninfo);
        QCOMPARE(lines.last(), QStringLiteral("Database slipway_demo is already loaded"));
    }

    void plantedProblemsExist()
    {
        // A foreign key whose leading column has no index starting with it.
        QVERIFY(count(QStringLiteral(
                    "SELECT count(*) FROM pg_constraint c WHERE c.contype = 'f' "
                    "AND c.connamespace = 'shop'::regnamespace AND NOT EXISTS ("
                    "  SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])"))
                >= 1);
        // Two indexes with the same table, columns, expressions and predicate.
        QVERIFY(count(QStringLiteral(
                    "SELECT count(*) FROM (SELECT indrelid, indkey::text, coalesce(indexprs::text, ''), "
                    "coalesce(indpred::text, '') FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
                    "WHERE t.relnamespace = 'shop'::regnamespace GROUP BY 1, 2, 3, 4 HAVING count(*) > 1) d"))
                >= 1);
        // An ordinary table without a primary key.
        QVERIFY(count(QStringLiteral(
                    "SELECT count(*) FROM pg_class t WHERE t.relnamespace = 'shop'::regnamespace AND t.relkind = 'r' "
                    "AND NOT t.relispartition AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = t.oid "
                    "AND c.contype = 'p')"))
                >= 1);
        // An index that no constraint needs: the unused-index candidate.
        QVERIFY(count(QStringLiteral(
                    "SELECT count(*) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
                    "WHERE t.relnamespace = 'shop'::regnamespace AND NOT i.indisunique AND NOT i.indisprimary "
                    "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)"))
                >= 1);
    }

    void migrationsApplyRollBackAndApplyAgain()
    {
        const QDir up(QDir(migrationsDir()).filePath(QStringLiteral("migrations")));
        const QDir down(QDir(migrationsDir()).filePath(QStringLiteral("rollback")));
        const QStringList ups = up.entryList({QStringLiteral("V*.sql")}, QDir::Files, QDir::Name);
        QVERIFY2(ups.size() >= 8, qPrintable(ups.join(QLatin1Char(' '))));
        QStringList downs;
        bool concurrent = false;
        bool copyStdin = false;
        bool riskyIndex = false;
        const QRegularExpression name(QStringLiteral("^V(\\d+)__(.+)\\.sql$"));
        for (const QString &file : ups) {
            const QRegularExpressionMatch m = name.match(file);
            QVERIFY2(m.hasMatch(), qPrintable(file));
            const QString rollback = QStringLiteral("R%1__%2.sql").arg(m.captured(1), m.captured(2));
            QVERIFY2(down.exists(rollback), qPrintable(rollback));
            downs.prepend(down.filePath(rollback));
            QFile f(up.filePath(file));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(f.readAll());
            concurrent |= text.contains(QStringLiteral("CREATE INDEX CONCURRENTLY"), Qt::CaseInsensitive);
            copyStdin |= text.contains(QRegularExpression(QStringLiteral("COPY [^;]+ FROM stdin;"), QRegularExpression::CaseInsensitiveOption));
            riskyIndex |= text.contains(QRegularExpression(QStringLiteral("^\\s*CREATE (UNIQUE )?INDEX (?!CONCURRENTLY)"),
                                                           QRegularExpression::MultilineOption | QRegularExpression::CaseInsensitiveOption));
        }
        QVERIFY(concurrent);
        QVERIFY(copyStdin);
        QVERIFY(riskyIndex);

        // A fresh copy per run, so an interrupted earlier run cannot leave half-applied state.
        LocalCluster cluster(TestSandbox::directory());
        PgConnection admin(cluster.conninfo());
        admin.open();
        m_db->close(); // a template database must have no other sessions
        admin.execute(QStringLiteral("DROP DATABASE IF EXISTS slipway_demo_migrations"));
        admin.execute(QStringLiteral("CREATE DATABASE slipway_demo_migrations TEMPLATE slipway_demo"));
        const QString target = cluster.conninfo(QStringLiteral("slipway_demo_migrations"));

        QString output;
        for (const QString &file : ups)
            QVERIFY2(psqlFile(target, up.filePath(file), &output), qPrintable(file + QLatin1Char('\n') + output));
        for (const QString &file : downs)
            QVERIFY2(psqlFile(target, file, &output), qPrintable(file + QLatin1Char('\n') + output));
        for (const QString &file : ups)
            QVERIFY2(psqlFile(target, up.filePath(file), &output), qPrintable(file + QLatin1Char('\n') + output));
        for (const QString &file : downs)
            QVERIFY2(psqlFile(target, file, &output), qPrintable(file + QLatin1Char('\n') + output));
        admin.execute(QStringLiteral("DROP DATABASE slipway_demo_migrations"));
    }
};

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
