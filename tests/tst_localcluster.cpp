#include "db/localcluster.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <libpq-fe.h>
#include <signal.h>
#include <unistd.h>

#include <memory>
#include <vector>

// Starts real PostgreSQL servers in temporary directories; no fixture server is involved.
// Every cluster a test creates is registered in m_clusters and stopped in cleanup(), so a failed
// check never leaves a postmaster behind.
//
// As root the servers run as "postgres", which cannot enter the 0700 directory QTemporaryDir
// makes. LocalCluster deliberately does not widen permissions of directories it did not create
// (it throws an error naming the directory instead, see rootNeedsTraversableParents); the test
// opens up its own temporary directory.
class TestLocalCluster : public QObject
{
    Q_OBJECT

public:
    // Also runs when an unexpected exception ends the run before cleanup() gets its turn.
    ~TestLocalCluster() override { stopAll(); }

private slots:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void findsBinaries();
    void startQueryStop();
    void restartKeepsDataAndPort();
    void secondStartIsNoOp();
    void twoSandboxesAtOnce();
    void staleAfterKill();
    void missingBinaries();
    void removeDeletesDirectory();
    void removeRefusesForeignDirectory();
    void rootNeedsTraversableParents();
    void conninfoQuotesPathWithSpace();

private:
    LocalCluster &makeCluster(const QString &name);
    void stopAll();
    static QString queryValue(const LocalCluster &cluster,
                              const char *sql,
                              QString *error = nullptr);
    static qint64 postmasterPid(const LocalCluster &cluster);

    QTemporaryDir m_tmp;
    std::vector<std::unique_ptr<LocalCluster>> m_clusters;
};

LocalCluster &TestLocalCluster::makeCluster(const QString &name)
{
    m_clusters.push_back(std::make_unique<LocalCluster>(m_tmp.filePath(name)));
    return *m_clusters.back();
}

// libpq directly, so this suite does not depend on the connection layer it sits under.
QString TestLocalCluster::queryValue(const LocalCluster &cluster, const char *sql, QString *error)
{
    PGconn *conn = PQconnectdb(cluster.conninfo().toUtf8().constData());
    QString value;
    if (PQstatus(conn) != CONNECTION_OK) {
        if (error)
            *error = QString::fromUtf8(PQerrorMessage(conn));
    } else {
        PGresult *result = PQexec(conn, sql);
        if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) == 1)
            value = QString::fromUtf8(PQgetvalue(result, 0, 0));
        else if (PQresultStatus(result) == PGRES_COMMAND_OK)
            value = QStringLiteral("ok");
        else if (error)
            *error = QString::fromUtf8(PQerrorMessage(conn));
        PQclear(result);
    }
    PQfinish(conn);
    return value;
}

qint64 TestLocalCluster::postmasterPid(const LocalCluster &cluster)
{
    QFile file(cluster.dataDirectory() + QStringLiteral("/postmaster.pid"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return file.readLine().trimmed().toLongLong();
}

void TestLocalCluster::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    if (geteuid() == 0) {
        QVERIFY(QFile::setPermissions(m_tmp.path(),
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
                                          | QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther
                                          | QFile::ExeOther));
    }
}

void TestLocalCluster::cleanup()
{
    stopAll();
}

void TestLocalCluster::stopAll()
{
    for (const auto &cluster : m_clusters) {
        try {
            cluster->stop();
        } catch (const LocalCluster::Error &error) {
            qWarning("cleanup: %s", error.what());
        }
    }
    m_clusters.clear();
}

void TestLocalCluster::cleanupTestCase()
{
    cleanup();
}

void TestLocalCluster::findsBinaries()
{
    const QString dir = LocalCluster::findBinDir();
    QVERIFY2(QFileInfo(dir + QStringLiteral("/initdb")).isExecutable(), qPrintable(dir));
    QVERIFY2(QFileInfo(dir + QStringLiteral("/pg_ctl")).isExecutable(), qPrintable(dir));
}

void TestLocalCluster::startQueryStop()
{
    LocalCluster &cluster = makeCluster(QStringLiteral("basic"));
    QCOMPARE(cluster.state(), LocalCluster::State::Absent);
    QCOMPARE(cluster.port(), 0);

    QElapsedTimer clock;
    clock.start();
    QVERIFY_THROWS_NO_EXCEPTION(cluster.start());
    qInfo("initdb and start took %lld ms", clock.elapsed());

    QCOMPARE(cluster.state(), LocalCluster::State::Running);
    QVERIFY(cluster.port() > 0);
    QCOMPARE(cluster.conninfo(QStringLiteral("shop")),
             QStringLiteral("host=%1/run port=%2 user=postgres dbname=shop")
                 .arg(m_tmp.filePath(QStringLiteral("basic")))
                 .arg(cluster.port()));
    QString error;
    QCOMPARE(queryValue(cluster, "SELECT 1", &error), QStringLiteral("1"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(queryValue(cluster, "SHOW server_encoding"), QStringLiteral("UTF8"));
    QCOMPARE(queryValue(cluster, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user"),
             QStringLiteral("true"));

    const QSettings settings(cluster.directory() + QStringLiteral("/sandbox.ini"),
                             QSettings::IniFormat);
    QCOMPARE(settings.value(QStringLiteral("port")).toInt(), cluster.port());
    QVERIFY(!settings.value(QStringLiteral("bindir")).toString().isEmpty());
    QVERIFY(!settings.value(QStringLiteral("version")).toString().isEmpty());
    QVERIFY(!cluster.serverLogTail(5).isEmpty());

    QVERIFY_THROWS_NO_EXCEPTION(cluster.stop());
    QCOMPARE(cluster.state(), LocalCluster::State::Stopped);
    QVERIFY_THROWS_NO_EXCEPTION(cluster.stop()); // nothing to do, no error
    QCOMPARE(cluster.state(), LocalCluster::State::Stopped);
}

void TestLocalCluster::restartKeepsDataAndPort()
{
    LocalCluster &cluster = makeCluster(QStringLiteral("restart"));
    QVERIFY_THROWS_NO_EXCEPTION(cluster.start());
    const int port = cluster.port();
    QCOMPARE(queryValue(cluster, "CREATE TABLE kept(id int)"), QStringLiteral("ok"));
    QVERIFY_THROWS_NO_EXCEPTION(cluster.stop());

    QVERIFY_THROWS_NO_EXCEPTION(cluster.start());
    QCOMPARE(cluster.state(), LocalCluster::State::Running);
    QCOMPARE(cluster.port(), port);
    QCOMPARE(queryValue(cluster, "SELECT count(*) FROM kept"), QStringLiteral("0"));
}

void TestLocalCluster::secondStartIsNoOp()
{
    LocalCluster &cluster = makeCluster(QStringLiteral("twice"));
    QVERIFY_THROWS_NO_EXCEPTION(cluster.start());
    const int port = cluster.port();
    const qint64 pid = postmasterPid(cluster);
    QVERIFY(pid > 0);

    LocalCluster again(cluster.directory()); // a second handle, as another process would have
    QElapsedTimer clock;
    clock.start();
    QVERIFY_THROWS_NO_EXCEPTION(again.start());
    QVERIFY2(clock.elapsed() < 500, "an already running server must not be touched");
    QCOMPARE(again.port(), port);
    QCOMPARE(postmasterPid(again), pid);
    QCOMPARE(queryValue(again, "SELECT 1"), QStringLiteral("1"));
}

void TestLocalCluster::twoSandboxesAtOnce()
{
    LocalCluster &first = makeCluster(QStringLiteral("first"));
    LocalCluster &second = makeCluster(QStringLiteral("second"));
    QVERIFY_THROWS_NO_EXCEPTION(first.start());
    QVERIFY_THROWS_NO_EXCEPTION(second.start());
    QCOMPARE(first.state(), LocalCluster::State::Running);
    QCOMPARE(second.state(), LocalCluster::State::Running);
    QVERIFY(first.port() != second.port());
    QCOMPARE(queryValue(first, "SELECT 1"), QStringLiteral("1"));
    QCOMPARE(queryValue(second, "SELECT 2"), QStringLiteral("2"));
    QCOMPARE(queryValue(first, "SELECT current_setting('data_directory')"), first.dataDirectory());
    QCOMPARE(queryValue(second, "SELECT current_setting('data_directory')"), second.dataDirectory());

    QVERIFY_THROWS_NO_EXCEPTION(first.stop());
    QCOMPARE(second.state(), LocalCluster::State::Running);
    QCOMPARE(queryValue(second, "SELECT 3"), QStringLiteral("3"));
}

void TestLocalCluster::staleAfterKill()
{
    LocalCluster &cluster = makeCluster(QStringLiteral("stale"));
    QVERIFY_THROWS_NO_EXCEPTION(cluster.start());
    QCOMPARE(queryValue(cluster, "CREATE TABLE survivor(id int)"), QStringLiteral("ok"));
    const qint64 pid = postmasterPid(cluster);
    QVERIFY(pid > 0);

    QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
    // The pid may linger as a zombie where nobody reaps it; state() must see through that.
    QTRY_VERIFY_WITH_TIMEOUT(cluster.state() != LocalCluster::State::Running, 10000);
    QCOMPARE(cluster.state(), LocalCluster::State::Stale);
    QVERIFY(QFileInfo::exists(cluster.dataDirectory() + QStringLiteral("/postmaster.pid")));

    QVERIFY_THROWS_NO_EXCEPTION(cluster.start());
    QCOMPARE(cluster.state(), LocalCluster::State::Running);
    QVERIFY(postmasterPid(cluster) != pid);
    QString error;
    QCOMPARE(queryValue(cluster, "SELECT count(*) FROM survivor", &error), QStringLiteral("0"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestLocalCluster::missingBinaries()
{
    LocalCluster &cluster = makeCluster(QStringLiteral("nobinaries"));
    cluster.setBinDir(QStringLiteral("/nonexistent"));
    try {
        cluster.start();
        QFAIL("start() without server binaries must throw");
    } catch (const LocalCluster::Error &error) {
        QVERIFY2(error.message().contains(QStringLiteral("apt-get install postgresql")),
                 error.what());
        QVERIFY2(error.message().contains(QStringLiteral("/nonexistent")), error.what());
    }
    QCOMPARE(cluster.state(), LocalCluster::State::Absent);
}

void TestLocalCluster::removeDeletesDirectory()
{
    LocalCluster &cluster = makeCluster(QStringLiteral("removed"));
    QVERIFY_THROWS_NO_EXCEPTION(cluster.start());
    QVERIFY_THROWS_NO_EXCEPTION(cluster.remove());
    QVERIFY(!QFileInfo::exists(cluster.directory()));
    QCOMPARE(cluster.state(), LocalCluster::State::Absent);
    QCOMPARE(queryValue(cluster, "SELECT 1"), QString());
    QVERIFY_THROWS_NO_EXCEPTION(cluster.remove()); // already gone: nothing to do
}

void TestLocalCluster::removeRefusesForeignDirectory()
{
    const QString path = m_tmp.filePath(QStringLiteral("foreign"));
    QVERIFY(QDir().mkpath(path));
    QFile precious(path + QStringLiteral("/notes.txt"));
    QVERIFY(precious.open(QIODevice::WriteOnly));
    precious.close();

    LocalCluster cluster(path);
    QVERIFY_THROWS_EXCEPTION(LocalCluster::Error, cluster.remove());
    QVERIFY(precious.exists());
}

void TestLocalCluster::rootNeedsTraversableParents()
{
    if (geteuid() != 0)
        QSKIP("only root hands the sandbox to another user");
    const QString locked = m_tmp.filePath(QStringLiteral("locked"));
    QVERIFY(QDir().mkpath(locked));
    QVERIFY(QFile::setPermissions(locked, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));

    LocalCluster &cluster = makeCluster(QStringLiteral("locked/sandbox"));
    try {
        cluster.start();
        QFAIL("start() below a directory postgres cannot enter must throw");
    } catch (const LocalCluster::Error &error) {
        QVERIFY2(error.message().contains(locked), error.what());
    }
    QVERIFY2(!QFileInfo::exists(cluster.directory()), "nothing is created before the check");
}

void TestLocalCluster::conninfoQuotesPathWithSpace()
{
    LocalCluster &cluster = makeCluster(QStringLiteral("with space"));
    QVERIFY_THROWS_NO_EXCEPTION(cluster.start());
    QVERIFY2(cluster.conninfo().startsWith(QStringLiteral("host='")),
             qPrintable(cluster.conninfo()));
    QString error;
    QCOMPARE(queryValue(cluster, "SELECT 1", &error), QStringLiteral("1"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestLocalCluster)
#include "tst_localcluster.moc"
