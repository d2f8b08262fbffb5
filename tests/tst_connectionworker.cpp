#include "db/connectionworker.h"
#include "db/pgconnection.h"
#include "db/resulttablemodel.h"
#include "db/threadguard.h"
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
        if (!opened.wait(10000))
            return nullptr;
        return worker;
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
        QSignalSpy busy(worker.get(), &ConnectionWorker::busyChanged);
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
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().at(0).toULongLong(), id);
        QCOMPARE(model.rowCount(), 100000);
        QCOMPARE(batches, 10);
        QCOMPARE(model.text(99999, 0), QStringLiteral("100000"));
        QTRY_VERIFY(!worker->isBusy());
        QTRY_VERIFY(busy.size() >= 2); // true on enqueue, false once the worker is idle again
    }

    void errorSignalCarriesPosition()
    {
        auto worker = openWorker();
        QVERIFY(worker);
        QSignalSpy failed(worker.get(), &ConnectionWorker::queryFailed);
        const QString sql = QStringLiteral("SELECT 1,\n  missing_col");
        worker->runQuery(sql);
        QVERIFY(failed.wait(10000));
        const DbError error = failed.first().at(1).value<DbError>();
        QCOMPARE(error.sqlState, QStringLiteral("42703"));
        QCOMPARE(error.position, int(sql.indexOf(QStringLiteral("missing_col"))));
    }

    void cancelWithinASecond()
    {
        auto worker = openWorker();
        QVERIFY(worker);
        QSignalSpy failed(worker.get(), &ConnectionWorker::queryFailed);
        worker->runQuery(QStringLiteral("SELECT pg_sleep(60)"));
        QTRY_VERIFY(worker->isBusy());
        QTest::qWait(200);
        QElapsedTimer timer;
        timer.start();
        worker->cancel();
        QVERIFY(failed.wait(5000));
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(failed.first().at(1).value<DbError>().cancelled);
    }

    void noticesAndGenericCalls()
    {
        auto worker = openWorker();
        QVERIFY(worker);
        QSignalSpy notices(worker.get(), &ConnectionWorker::noticeReceived);
        worker->runQuery(QStringLiteral("DO $$ BEGIN RAISE NOTICE 'from the server'; END $$"));
        QVERIFY(notices.wait(5000));
        QCOMPARE(notices.first().at(0).value<Notice>().message, QStringLiteral("from the server"));

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
        QTest::qWait(300);
        killer->runQuery(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid));
        QVERIFY(lost.wait(10000));
        QVERIFY(!worker->isOpen());
        QTRY_COMPARE(failed.size(), 1);

        QSignalSpy opened(worker.get(), &ConnectionWorker::opened);
        worker->reconnect();
        QVERIFY(opened.wait(10000));
        QSignalSpy finished(worker.get(), &ConnectionWorker::queryFinished);
        worker->runQuery(QStringLiteral("SELECT 1"));
        QVERIFY(finished.wait(5000));
    }

    void openFailureIsReported()
    {
        ConnectionWorker worker(std::make_unique<PgConnection>(QStringLiteral("host=/nonexistent-socket-dir port=1")));
        QSignalSpy failed(&worker, &ConnectionWorker::openFailed);
        worker.open();
        QVERIFY(failed.wait(10000));
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
