#include "db/pgconnection.h"
#include "db/threadguard.h"
#include "testsandbox.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

#include <thread>

namespace {
class CountingSink final : public RowSink
{
public:
    void columns(const QList<ColumnInfo> &c) override { cols = c; }
    void rows(const RowBatch &batch) override
    {
        ++batches;
        total += batch.rowCount();
        if (first.isEmpty())
            first = batch;
        last = batch;
    }
    QList<ColumnInfo> cols;
    int batches = 0;
    qint64 total = 0;
    RowBatch first;
    RowBatch last;
};
} // namespace

class TestPgConnection : public QObject
{
    Q_OBJECT

    QString m_conninfo;

    std::unique_ptr<PgConnection> connect()
    {
        auto c = std::make_unique<PgConnection>(m_conninfo);
        c->open();
        return c;
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_conninfo = TestSandbox::conninfo(QStringLiteral("postgres"), &error);
        QVERIFY2(!m_conninfo.isEmpty(), qPrintable(error));
    }

    void serverInfoAndApplicationName()
    {
        auto c = connect();
        QCOMPARE(c->serverInfo().product, QStringLiteral("PostgreSQL"));
        QVERIFY(c->serverInfo().versionNumber >= 110000);
        QVERIFY(c->serverInfo().version.contains(QLatin1Char('.')));
        QCOMPARE(c->serverInfo().user, QStringLiteral("postgres"));
        const RowBatch r = c->fetchAll(QStringLiteral("SELECT current_setting('application_name')"));
        QCOMPARE(r.text(0, 0), QStringLiteral("slipway"));
    }

    void queryColumnsTypesAndNulls()
    {
        auto c = connect();
        QList<ColumnInfo> cols;
        const RowBatch r = c->fetchAll(
            QStringLiteral("SELECT 42::int AS answer, NULL::text AS nothing, ''::text AS empty, "
                           "'{\"a\":1}'::jsonb AS doc, 'int4'::regtype AS t, 1.5::numeric AS n"),
            &cols);
        QCOMPARE(cols.size(), 6);
        QCOMPARE(cols.at(0).name, QStringLiteral("answer"));
        QCOMPARE(cols.at(0).typeName, QStringLiteral("integer"));
        QVERIFY(cols.at(0).numeric);
        QVERIFY(!cols.at(1).numeric);
        QCOMPARE(cols.at(3).typeName, QStringLiteral("jsonb"));
        QCOMPARE(cols.at(4).typeName, QStringLiteral("regtype")); // looked up in pg_type
        QCOMPARE(r.text(0, 0), QStringLiteral("42"));
        QVERIFY(r.isNull(0, 1));
        QVERIFY(!r.isNull(0, 2));
        QCOMPARE(r.text(0, 3), QStringLiteral("{\"a\": 1}"));
    }

    void streamsInBatches()
    {
        auto c = connect();
        CountingSink sink;
        const QueryOutcome o = c->run(QStringLiteral("SELECT g, md5(g::text) FROM generate_series(1, 25000) g"), &sink, 1000);
        QCOMPARE(sink.total, 25000);
        QCOMPARE(sink.batches, 25);
        QCOMPARE(o.rowsReturned, 25000);
        QCOMPARE(o.commandTag, QStringLiteral("SELECT 25000"));
        QCOMPARE(sink.first.text(0, 0), QStringLiteral("1"));
        QCOMPARE(sink.last.text(sink.last.rowCount() - 1, 0), QStringLiteral("25000"));
        // Our cursor transaction is closed again.
        QCOMPARE(c->transactionState(), Connection::TransactionState::Idle);
    }

    void emptyResultStillHasColumns()
    {
        auto c = connect();
        CountingSink sink;
        c->run(QStringLiteral("SELECT 1 AS a, 2 AS b WHERE false"), &sink);
        QCOMPARE(sink.cols.size(), 2);
        QCOMPARE(sink.total, 0);
    }

    void nonQueriesAndCommandTags()
    {
        auto c = connect();
        c->execute(QStringLiteral("DROP TABLE IF EXISTS tst_tags; CREATE TABLE tst_tags(id int)"));
        QueryOutcome o = c->execute(QStringLiteral("INSERT INTO tst_tags SELECT generate_series(1, 7)"));
        QCOMPARE(o.commandTag, QStringLiteral("INSERT 0 7"));
        QCOMPARE(o.rowsAffected, 7);
        // Data-modifying WITH cannot go through a cursor; it still returns its rows.
        CountingSink sink;
        o = c->run(QStringLiteral("WITH d AS (DELETE FROM tst_tags WHERE id <= 3 RETURNING id) SELECT * FROM d"), &sink);
        QCOMPARE(sink.total, 3);
        QVERIFY(o.returnedRows);
        c->execute(QStringLiteral("DROP TABLE tst_tags"));
    }

    void boundParameters()
    {
        auto c = connect();
        // Text that would break or change SQL built by hand (or by QString::arg) goes through as is.
        const QString tricky = QStringLiteral("50%1 off o'neil \\ %2 $1 -- ; ä");
        c->execute(
            QStringLiteral("DROP TABLE IF EXISTS tst_bound; "
                           "CREATE TABLE tst_bound(id int, name text, flag boolean, big bigint)"));
        const QueryOutcome o = c->execute(
            QStringLiteral(
                "INSERT INTO tst_bound VALUES ($1, $2, $3, $4), ($1 + 1, NULL, $5, NULL)"),
            {7, tricky, true, Q_INT64_C(9000000000), QVariant()});
        QCOMPARE(o.rowsAffected, 2);
        const RowBatch rows = c->fetchAll(QStringLiteral(
                                              "SELECT id, name, flag, big, $1::text FROM tst_bound "
                                              "WHERE name = $1 OR name IS NULL ORDER BY id"),
                                          {tricky});
        QCOMPARE(rows.rowCount(), 2);
        QCOMPARE(rows.text(0, 0), QStringLiteral("7"));
        QCOMPARE(rows.text(0, 1), tricky);
        QCOMPARE(rows.text(0, 2), QStringLiteral("t"));
        QCOMPARE(rows.text(0, 3), QStringLiteral("9000000000"));
        QCOMPARE(rows.text(0, 4), tricky);
        QCOMPARE(rows.text(1, 0), QStringLiteral("8"));
        QVERIFY(rows.isNull(1, 1));
        QVERIFY(rows.isNull(1, 2)); // a null QVariant is NULL, not false
        // Errors carry the server's fields like any other statement's.
        try {
            c->execute(QStringLiteral("INSERT INTO tst_bound (id) VALUES ($1)"),
                       {QStringLiteral("seven")});
            QFAIL("no error");
        } catch (const DbException &e) {
            QCOMPARE(e.error().sqlState, QStringLiteral("22P02"));
        }
        QCOMPARE(c->transactionState(), Connection::TransactionState::Idle);
        c->execute(QStringLiteral("DROP TABLE tst_bound"));
    }

    void userTransactionIsRespected()
    {
        auto c = connect();
        c->execute(QStringLiteral("DROP TABLE IF EXISTS tst_tx; CREATE TABLE tst_tx(id int)"));
        c->begin();
        QCOMPARE(c->transactionState(), Connection::TransactionState::InTransaction);
        c->execute(QStringLiteral("INSERT INTO tst_tx VALUES (1)"));
        CountingSink sink;
        c->run(QStringLiteral("SELECT * FROM tst_tx"), &sink); // cursor path inside the user's transaction
        QCOMPARE(sink.total, 1);
        QCOMPARE(c->transactionState(), Connection::TransactionState::InTransaction);
        c->rollback();
        QCOMPARE(c->transactionState(), Connection::TransactionState::Idle);
        QCOMPARE(c->fetchAll(QStringLiteral("SELECT count(*) FROM tst_tx")).text(0, 0), QStringLiteral("0"));

        c->begin();
        QVERIFY_THROWS_EXCEPTION(DbException, c->execute(QStringLiteral("SELECT 1/0")));
        QCOMPARE(c->transactionState(), Connection::TransactionState::Failed);
        c->rollback();
        c->execute(QStringLiteral("DROP TABLE tst_tx"));
    }

    void errorCarriesFieldsAndPosition_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("sqlState");
        QTest::addColumn<QString>("at"); // the text the position must point at
        QTest::newRow("cursor path, line 2")
            << QStringLiteral("SELECT relname,\n       nosuchcolumn\nFROM pg_class") << QStringLiteral("42703")
            << QStringLiteral("nosuchcolumn");
        QTest::newRow("plain path") << QStringLiteral("CREATE TABLE x (id intt)") << QStringLiteral("42704")
                                    << QStringLiteral("intt");
        QTest::newRow("syntax") << QStringLiteral("SELECT 1 FROM pg_class WHERE WHERE") << QStringLiteral("42601")
                                << QStringLiteral("WHERE");
        QTest::newRow("unicode before error")
            << QStringLiteral("SELECT 'größe' AS ä,\n  zzz FROM pg_class") << QStringLiteral("42703") << QStringLiteral("zzz");
    }

    void errorCarriesFieldsAndPosition()
    {
        QFETCH(QString, sql);
        QFETCH(QString, sqlState);
        QFETCH(QString, at);
        auto c = connect();
        try {
            CountingSink sink;
            c->run(sql, &sink);
            QFAIL("no error");
        } catch (const DbException &e) {
            QCOMPARE(e.error().sqlState, sqlState);
            QCOMPARE(e.error().severity, QStringLiteral("ERROR"));
            QVERIFY(!e.error().message.isEmpty());
            QVERIFY(!e.error().connectionLost);
            const int expected = at == QLatin1String("WHERE") ? int(sql.lastIndexOf(at)) : int(sql.indexOf(at));
            QCOMPARE(e.error().position, expected);
        }
        QCOMPARE(c->transactionState(), Connection::TransactionState::Idle);
    }

    void detailAndHint()
    {
        auto c = connect();
        c->execute(QStringLiteral("DROP TABLE IF EXISTS tst_dup; CREATE TABLE tst_dup(id int PRIMARY KEY); INSERT INTO tst_dup VALUES (1)"));
        try {
            c->execute(QStringLiteral("INSERT INTO tst_dup VALUES (1)"));
            QFAIL("no error");
        } catch (const DbException &e) {
            QCOMPARE(e.error().sqlState, QStringLiteral("23505"));
            QCOMPARE(e.error().detail, QStringLiteral("Key (id)=(1) already exists."));
        }
        try {
            c->execute(QStringLiteral("SELECT * FROM tst_dupp"));
            QFAIL("no error");
        } catch (const DbException &e) {
            QCOMPARE(e.error().sqlState, QStringLiteral("42P01"));
            QCOMPARE(e.error().position, 14);
        }
        try {
            c->execute(QStringLiteral("SELECT lenght('x')"));
            QFAIL("no error");
        } catch (const DbException &e) {
            QCOMPARE(e.error().sqlState, QStringLiteral("42883"));
            QVERIFY2(e.error().hint.contains(QStringLiteral("No function matches")), qPrintable(e.error().hint));
        }
        c->execute(QStringLiteral("DROP TABLE tst_dup"));
    }

    void notices()
    {
        auto c = connect();
        QList<Notice> received;
        c->setNoticeHandler([&received](const Notice &n) { received.append(n); });
        c->execute(QStringLiteral("DO $$ BEGIN RAISE NOTICE 'hello %', 42; RAISE WARNING 'careful'; END $$"));
        QCOMPARE(received.size(), 2);
        QCOMPARE(received.at(0).severity, QStringLiteral("NOTICE"));
        QCOMPARE(received.at(0).message, QStringLiteral("hello 42"));
        QCOMPARE(received.at(1).severity, QStringLiteral("WARNING"));
    }

    void cancelFromAnotherThread()
    {
        auto c = connect();
        QElapsedTimer timer;
        timer.start();
        std::thread canceller([&c] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            c->cancel();
        });
        try {
            CountingSink sink;
            c->run(QStringLiteral("SELECT pg_sleep(60)"), &sink);
            canceller.join();
            QFAIL("not cancelled");
        } catch (const DbException &e) {
            canceller.join();
            QVERIFY(e.error().cancelled);
            QCOMPARE(e.error().sqlState, QStringLiteral("57014"));
        }
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        // The session survives a cancel.
        QCOMPARE(c->fetchAll(QStringLiteral("SELECT 1")).text(0, 0), QStringLiteral("1"));
    }

    void terminatedMidQueryThenReconnect()
    {
        auto victim = connect();
        const QString pid = victim->fetchAll(QStringLiteral("SELECT pg_backend_pid()")).text(0, 0);
        auto killer = connect();
        std::thread terminator([&killer, pid] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            killer->execute(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid));
        });
        try {
            victim->execute(QStringLiteral("SELECT pg_sleep(30)"));
            terminator.join();
            QFAIL("not terminated");
        } catch (const DbException &e) {
            terminator.join();
            QVERIFY2(e.error().connectionLost, qPrintable(e.error().toDisplayString()));
        }
        QVERIFY(!victim->isOpen());
        QVERIFY_THROWS_EXCEPTION(DbException, victim->execute(QStringLiteral("SELECT 1")));
        victim->open();
        QCOMPARE(victim->fetchAll(QStringLiteral("SELECT 2")).text(0, 0), QStringLiteral("2"));
    }

    void badTargetsGiveLibpqMessages()
    {
        const QString socketDir = m_conninfo.section(QStringLiteral("host="), 1).section(QLatin1Char(' '), 0, 0);
        PgConnection wrongPort(QStringLiteral("host=%1 port=1 user=postgres").arg(socketDir));
        try {
            wrongPort.open();
            QFAIL("connected");
        } catch (const DbException &e) {
            QVERIFY2(e.error().message.contains(QStringLiteral("connection to server")), qPrintable(e.error().message));
            QVERIFY(!e.error().connectionLost);
        }
        PgConnection wrongDb(m_conninfo + QStringLiteral(" dbname=no_such_db"));
        try {
            wrongDb.open();
            QFAIL("connected");
        } catch (const DbException &e) {
            QVERIFY2(e.error().message.contains(QStringLiteral("no_such_db")), qPrintable(e.error().message));
        }
        PgConnection malformed(QStringLiteral("host='unterminated"));
        QVERIFY_THROWS_EXCEPTION(DbException, malformed.open());
    }

    void guiThreadGuard()
    {
        auto c = connect();
        ThreadGuard::forbidCurrentThread();
        QVERIFY_THROWS_EXCEPTION(std::logic_error, c->execute(QStringLiteral("SELECT 1")));
        ThreadGuard::allowAllThreads();
        QCOMPARE(c->fetchAll(QStringLiteral("SELECT 3")).text(0, 0), QStringLiteral("3"));
    }
};

QTEST_GUILESS_MAIN(TestPgConnection)
#include "tst_pgconnection.moc"
