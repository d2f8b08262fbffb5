#include "db/connectionworker.h"
#include "db/pgconnection.h"
#include "db/resulttablemodel.h"
#include "db/threadguard.h"
#include "pgactivity.h"
#include "testsandbox.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

// The asynchronous face: everything here runs with the calling thread forbidden to touch the
// database, exactly like the GUI.
class TestConnectionWorker : public QObject
{
    Q_OBJECT

    QString m_conninfo;

    std::unique_ptr<ConnectionWorker> openWorker()
    {
        auto worker = std::make_unique<ConnectionWorker>(std::make_unique<PgConnection>(m_conninfo));
        QSignalSpy opened(worker.get(), &ConnectionWorker::opened);
        worker->open();
        if (!QTest::qWaitFor([&opened] { return !opened.isEmpty(); }, 10000))
            return nullptr;
        return worker;
    }

    // The backend pid of a worker's session.
    static QString backendPid(ConnectionWorker *worker)
    {
        QObject context;
        QString pid;
        worker->call<QString>(
            &context,
            [](Connection &c) {
                return c.fetchAll(QStringLiteral("SELECT pg_backend_pid()")).text(0, 0);
            },
            [&pid](QString p) { pid = p; });
        if (!QTest::qWaitFor([&pid] { return !pid.isEmpty(); }, 10000))
            qWarning("no backend pid");
        return pid;
    }

    bool waitUntilSleeping(const QString &pid)
    {
        return PgActivity::waitUntilSleeping(m_conninfo, pid);
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_conninfo = TestSandbox::conninfo(QStringLiteral("postgres"), &error);
        QVERIFY2(!m_conninfo.isEmpty(), qPrintable(error));
        ThreadGuard::forbidCurrentThread();
    }

    void streamsIntoModel()
    {
        auto worker = openWorker();
        QVERIFY(worker);
        QVERIFY(worker->isOpen());
        QCOMPARE(worker->serverInfo().product, QStringLiteral("PostgreSQL"));
        ResultTableModel model;
        QSignalSpy finished(worker.get(), &ConnectionWorker::queryFinished);
        int batches = 0;
        quint64 id = 0; // read by the queued slots, which run after runQuery() returned
        connect(worker.get(), &ConnectionWorker::columnsReady, &model,
                [&](quint64 r, const QList<ColumnInfo> &c) { if (r == id) model.setColumns(c); });
        connect(worker.get(), &ConnectionWorker::rowsReady, &model, [&](quint64 r, const RowBatch &b) {
            if (r == id) {
                ++batches;
                model.appendRows(b);
            }
        });
        id = worker->runQuery(QStringLiteral("SELECT g FROM generate_series(1, 100000) g"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20000);
        QCOMPARE(finished.first().at(0).toULongLong(), id);
        // The spy records on the worker thread; the last queued batch may still be on its way.
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 100000, 5000);
        QCOMPARE(batches, 10);
        QCOMPARE(model.text(99999, 0), QStringLiteral("100000"));
        QTRY_VERIFY(!worker->isBusy());
    }

    void errorSignalCarriesPosition()
    {
        auto worker = openWorker();
        QVERIFY(worker);
        QSignalSpy failed(worker.get(), &ConnectionWorker::queryFailed);
        const QString sql = QStringLiteral("SELECT 1,\n  missing_col");
        worker->runQuery(sql);
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 10000);
        const DbError error = failed.first().at(1).value<DbError>();
        QCOMPARE(error.sqlState, QStringLiteral("42703"));
        QCOMPARE(error.position, int(sql.indexOf(QStringLiteral("missing_col"))));
    }

    void cancelWithinASecond()
    {
        auto worker = openWorker();
        QVERIFY(worker);
        QSignalSpy failed(worker.get(), &ConnectionWorker::queryFailed);
        const QString pid = backendPid(worker.get());
        worker->runQuery(QStringLiteral("SELECT pg_sleep(60)"));
        QVERIFY(waitUntilSleeping(pid));
        QElapsedTimer timer;
        timer.start();
        worker->cancel();
        // The signal may arrive before any wait() starts: poll the spy instead.
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 5000);
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(failed.first().at(1).value<DbError>().cancelled);
    }

    void cancelOneRequestLeavesOthers()
    {
        auto worker = openWorker();
        QVERIFY(worker);
        QSignalSpy failed(worker.get(), &ConnectionWorker::queryFailed);
        QSignalSpy finished(worker.get(), &ConnectionWorker::queryFinished);
        const quint64 slow = worker->runQuery(QStringLiteral("SELECT pg_sleep(1)"));
        const quint64 queued = worker->runQuery(QStringLiteral("SELECT 'queued'"));
        const quint64 kept = worker->runQuery(QStringLiteral("SELECT 'kept'"));
        worker->cancel(queued); // still waiting behind the sleep: dropped, never sent
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 2, 10000);
        QCOMPARE(finished.at(0).at(0).toULongLong(), slow);
        QCOMPARE(finished.at(1).at(0).toULongLong(), kept);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().at(0).toULongLong(), queued);
        QVERIFY(failed.first().at(1).value<DbError>().cancelled);
        // Cancelling a finished request touches nothing else.
        worker->cancel(slow);
        const quint64 after = worker->runQuery(QStringLiteral("SELECT 1"));
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 3, 5000);
        QCOMPARE(finished.at(2).at(0).toULongLong(), after);
    }

    void noticesAndGenericCalls()
    {
        auto worker = openWorker();
        QVERIFY(worker);
        QSignalSpy notices(worker.get(), &ConnectionWorker::noticeReceived);
        const quint64 noticeRequest = worker->runQuery(QStringLiteral("DO $$ BEGIN RAISE NOTICE 'from the server'; END $$"));
        QTRY_VERIFY_WITH_TIMEOUT(!notices.isEmpty(), 5000);
        QCOMPARE(notices.first().at(0).value<Notice>().message, QStringLiteral("from the server"));
        QCOMPARE(notices.first().at(1).toULongLong(), noticeRequest);

        QObject context;
        int answer = 0;
        DbError failure;
        worker->call<int>(
            &context,
            [](Connection &c) { return c.fetchAll(QStringLiteral("SELECT 6 * 7")).text(0, 0).toInt(); },
            [&answer](int value) { answer = value; });
        QTRY_COMPARE(answer, 42);
        worker->call<int>(
            &context, [](Connection &c) { return c.fetchAll(QStringLiteral("SELECT nope")).rowCount(); },
            [](int) {}, [&failure](const DbError &e) { failure = e; });
        QTRY_COMPARE(failure.sqlState, QStringLiteral("42703"));
    }

    void connectionLostAndReconnect()
    {
        auto worker = openWorker();
        QVERIFY(worker);
        QObject context;
        QString pid;
        worker->call<QString>(
            &context, [](Connection &c) { return c.fetchAll(QStringLiteral("SELECT pg_backend_pid()")).text(0, 0); },
            [&pid](QString p) { pid = p; });
        QTRY_VERIFY(!pid.isEmpty());
        auto killer = openWorker();
        QVERIFY(killer);
        QSignalSpy lost(worker.get(), &ConnectionWorker::connectionLost);
        QSignalSpy failed(worker.get(), &ConnectionWorker::queryFailed);
        worker->runQuery(QStringLiteral("SELECT pg_sleep(30)"));
        QVERIFY(waitUntilSleeping(pid));
        killer->runQuery(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid));
        QTRY_VERIFY_WITH_TIMEOUT(!lost.isEmpty(), 10000);
        QVERIFY(!worker->isOpen());
        QTRY_COMPARE(failed.size(), 1);

        QSignalSpy opened(worker.get(), &ConnectionWorker::opened);
        worker->reconnect();
        QTRY_VERIFY_WITH_TIMEOUT(!opened.isEmpty(), 10000);
        QSignalSpy finished(worker.get(), &ConnectionWorker::queryFinished);
        worker->runQuery(QStringLiteral("SELECT 1"));
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 5000);
    }

    void openFailureIsReported()
    {
        ConnectionWorker worker(std::make_unique<PgConnection>(QStringLiteral("host=/nonexistent-socket-dir port=1")));
        QSignalSpy failed(&worker, &ConnectionWorker::openFailed);
        worker.open();
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 10000);
        QVERIFY(!failed.first().at(0).value<DbError>().message.isEmpty());
        QVERIFY(!worker.isOpen());
    }

    void destroyWhileRunning()
    {
        auto worker = openWorker();
        QVERIFY(worker);
        worker->runQuery(QStringLiteral("SELECT pg_sleep(60)"));
        QTRY_VERIFY(worker->isBusy());
        QElapsedTimer timer;
        timer.start();
        worker.reset(); // cancels and joins
        QVERIFY(timer.elapsed() < 5000);
    }
};

QTEST_GUILESS_MAIN(TestConnectionWorker)
#include "tst_connectionworker.moc"
