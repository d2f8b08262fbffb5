#include "db/sqliteconnection.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

namespace {
class CollectSink final : public RowSink
{
public:
    void columns(const QList<ColumnInfo> &c) override { cols = c; }
    void rows(const RowBatch &batch) override
    {
        ++batches;
        all.append(batch);
    }
    QList<ColumnInfo> cols;
    RowBatch all{0};
    int batches = 0;
};
} // namespace

class TestSqliteConnection : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void queryAndStream()
    {
        SqliteConnection c(m_dir.filePath(QStringLiteral("shop.db")),
                           SqliteConnection::OpenMode::CreateIfMissing);
        c.open();
        QCOMPARE(c.serverInfo().product, QStringLiteral("SQLite"));
        QVERIFY(c.serverInfo().version.startsWith(QLatin1Char('3')));
        c.execute(QStringLiteral("CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT, price REAL)"));
        c.begin();
        QCOMPARE(c.transactionState(), Connection::TransactionState::InTransaction);
        for (int i = 1; i <= 2500; ++i)
            c.execute(QStringLiteral("INSERT INTO items(name, price) VALUES ('item %1', %1.5)").arg(i));
        c.execute(QStringLiteral("INSERT INTO items(name, price) VALUES (NULL, NULL)"));
        c.commit();
        QCOMPARE(c.transactionState(), Connection::TransactionState::Idle);

        CollectSink sink;
        sink.all = RowBatch(3);
        const QueryOutcome o = c.run(QStringLiteral("SELECT id, name, price FROM items ORDER BY id"), &sink, 1000);
        QCOMPARE(o.rowsReturned, 2501);
        QCOMPARE(sink.batches, 3);
        QCOMPARE(sink.cols.size(), 3);
        QCOMPARE(sink.cols.at(1).name, QStringLiteral("name"));
        QCOMPARE(sink.all.text(0, 1), QStringLiteral("item 1"));
        QVERIFY(sink.all.isNull(2500, 1));
        const QueryOutcome update = c.execute(QStringLiteral("UPDATE items SET price = 0 WHERE id <= 10"));
        QCOMPARE(update.rowsAffected, 10);
    }

    void boundParameters()
    {
        SqliteConnection c(m_dir.filePath(QStringLiteral("bound.db")),
                           SqliteConnection::OpenMode::CreateIfMissing);
        c.open();
        c.execute(QStringLiteral("CREATE TABLE t(id integer, name text, flag integer)"));
        const QString tricky = QStringLiteral("50%1 off o'neil \\ :name ? $1 ä");
        c.execute(QStringLiteral("INSERT INTO t VALUES ($1, $2, $3), ($1 + 1, NULL, $4)"),
                  {7, tricky, true, QVariant()});
        // Numbers may come in any order and repeat; "$1" inside quotes is text, not a parameter.
        const RowBatch rows = c.fetchAll(QStringLiteral("SELECT $2, id, '$1', name, flag FROM t "
                                                        "WHERE name = $1 OR id = $2 ORDER BY id"),
                                         {tricky, 8});
        QCOMPARE(rows.rowCount(), 2);
        QCOMPARE(rows.text(0, 0), QStringLiteral("8"));
        QCOMPARE(rows.text(0, 1), QStringLiteral("7"));
        QCOMPARE(rows.text(0, 2), QStringLiteral("$1"));
        QCOMPARE(rows.text(0, 3), tricky);
        QCOMPARE(rows.text(0, 4), QStringLiteral("1"));
        QVERIFY(rows.isNull(1, 3));
        QVERIFY(rows.isNull(1, 4));
        try {
            c.execute(QStringLiteral("SELECT $2"), {1});
            QFAIL("no error");
        } catch (const DbException &e) {
            QVERIFY2(e.error().message.contains(QStringLiteral("$2")),
                     qPrintable(e.error().message));
        }
    }

    void errorsAndCancel()
    {
        SqliteConnection c(m_dir.filePath(QStringLiteral("err.db")),
                           SqliteConnection::OpenMode::CreateIfMissing);
        c.open();
        try {
            c.execute(QStringLiteral("SELEC 1"));
            QFAIL("no error");
        } catch (const DbException &e) {
            QVERIFY2(e.error().message.contains(QStringLiteral("syntax error")), qPrintable(e.error().message));
        }
        // A runaway recursive query stops on cancel from another thread.
        std::thread canceller([&c] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            c.cancel();
        });
        QElapsedTimer timer;
        timer.start();
        try {
            CollectSink sink;
            c.run(QStringLiteral("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
                                 "SELECT count(*) FROM r"),
                  &sink);
            canceller.join();
            QFAIL("not cancelled");
        } catch (const DbException &e) {
            canceller.join();
            QVERIFY(e.error().cancelled);
        }
        QVERIFY(timer.elapsed() < 5000);
        QCOMPARE(c.fetchAll(QStringLiteral("SELECT 7")).text(0, 0), QStringLiteral("7"));
    }

    void unopenableFile()
    {
        SqliteConnection c(QStringLiteral("/nonexistent-dir/sub/x.db"),
                           SqliteConnection::OpenMode::CreateIfMissing);
        QVERIFY_THROWS_EXCEPTION(DbException, c.open());
        QVERIFY(!c.isOpen());
    }

    // A path that does not exist is an error naming the file, and no empty database is left
    // behind; only a caller that asks for it creates the file.
    void missingFileIsNotCreated()
    {
        const QString path = m_dir.filePath(QStringLiteral("missing.db"));
        SqliteConnection missing(path);
        try {
            missing.open();
            QFAIL("a missing file was opened");
        } catch (const DbException &e) {
            QVERIFY2(e.error().message.contains(path), qPrintable(e.error().message));
            QVERIFY(!e.error().cancelled);
        }
        QVERIFY(!missing.isOpen());
        QVERIFY(!QFile::exists(path));

        SqliteConnection created(path, SqliteConnection::OpenMode::CreateIfMissing);
        created.open();
        created.execute(QStringLiteral("CREATE TABLE t (id INTEGER)"));
        created.close();
        QVERIFY(QFile::exists(path));
        SqliteConnection existing(path);
        existing.open();
        QCOMPARE(existing.fetchAll(QStringLiteral("SELECT count(*) FROM t")).text(0, 0),
                 QStringLiteral("0"));

        SqliteConnection memory(QStringLiteral(":memory:"));
        memory.open();
        QCOMPARE(memory.fetchAll(QStringLiteral("SELECT 1")).text(0, 0), QStringLiteral("1"));
    }
};

QTEST_GUILESS_MAIN(TestSqliteConnection)
#include "tst_sqliteconnection.moc"
