// Backups through real pg_dump / pg_restore against the fixture's server: a verified dump, a
// truncated and a corrupted one, and a source that changed after the dump.

#include "clirun.h"
#include "db/pgconnection.h"
#include "deploy/pgbackup.h"
#include "testsandbox.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

class TestPgBackup : public QObject
{
    Q_OBJECT

    QString m_admin;
    QString m_source;
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void initTestCase()
    {
        QString error;
        m_admin = TestSandbox::conninfo(QStringLiteral("postgres"), &error);
        QVERIFY2(!m_admin.isEmpty(), qPrintable(error));
        PgConnection admin(m_admin);
        admin.open();
        admin.execute(QStringLiteral("DROP DATABASE IF EXISTS backup_source WITH (FORCE)"));
        admin.execute(QStringLiteral("CREATE DATABASE backup_source"));
        m_source = TestSandbox::conninfo(QStringLiteral("backup_source"));
        PgConnection source(m_source);
        source.open();
        source.execute(QStringLiteral(
            "CREATE SCHEMA \"Sales Data\";"
            "CREATE TABLE \"Sales Data\".orders (id int, placed date, PRIMARY KEY (id, placed)) PARTITION BY RANGE (placed);"
            "CREATE TABLE \"Sales Data\".orders_2025 PARTITION OF \"Sales Data\".orders FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');"
            "CREATE TABLE \"Sales Data\".orders_2026 PARTITION OF \"Sales Data\".orders FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');"
            "INSERT INTO \"Sales Data\".orders SELECT g, date '2025-01-01' + (g % 700) FROM generate_series(1, 5000) g;"
            "CREATE TABLE public.empty_one (x int);"
            "CREATE TABLE public.notes AS SELECT g AS id, repeat('n', 50) AS body FROM generate_series(1, 1234) g;"));
    }

    void dumpListRestoreCompare()
    {
        PgBackup backup;
        QList<qint64> progress;
        const BackupResult dumped = backup.dump(m_source, path(QStringLiteral("good.dump")),
                                                [&](const QString &, qint64 bytes) { progress << bytes; });
        QVERIFY2(dumped.ok, qPrintable(dumped.error));
        QVERIFY(dumped.bytes > 1000);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last(), dumped.bytes);
        QVERIFY(!QFile::exists(path(QStringLiteral("good.dump.partial"))));

        const RestoreVerification verified = backup.restoreAndCompare(path(QStringLiteral("good.dump")), m_source, m_admin,
                                                                      QStringLiteral("backup_restored"));
        QVERIFY2(verified.ok, qPrintable(verified.error));
        QCOMPARE(verified.tables, 4); // two partitions, empty_one, notes; the parent is not counted twice
        QCOMPARE(verified.rows, qint64(5000 + 1234));
        QVERIFY(verified.tocEntries >= 8);

        // The source moves on after the dump: the comparison names the table and both counts.
        PgConnection source(m_source);
        source.open();
        source.execute(QStringLiteral("INSERT INTO public.notes VALUES (9999, 'late')"));
        const RestoreVerification stale = backup.restoreAndCompare(path(QStringLiteral("good.dump")), m_source, m_admin,
                                                                   QStringLiteral("backup_restored"));
        QVERIFY(!stale.ok);
        QCOMPARE(stale.differences.size(), 1);
        QCOMPARE(stale.differences.first().table, QStringLiteral("public.notes"));
        QCOMPARE(stale.differences.first().source, qint64(1235));
        QCOMPARE(stale.differences.first().restored, qint64(1234));
        source.execute(QStringLiteral("DELETE FROM public.notes WHERE id = 9999"));
    }

    void restoreReportsBytesRead()
    {
        // Big enough that pg_restore is still reading when progress is polled (five times a second).
        PgConnection admin(m_admin);
        admin.open();
        admin.execute(QStringLiteral("DROP DATABASE IF EXISTS backup_big WITH (FORCE)"));
        admin.execute(QStringLiteral("CREATE DATABASE backup_big"));
        const QString big = TestSandbox::conninfo(QStringLiteral("backup_big"));
        {
            PgConnection source(big);
            source.open();
            source.execute(QStringLiteral("CREATE TABLE big AS SELECT g AS id, md5(g::text) || md5((g + 1)::text) AS body "
                                          "FROM generate_series(1, 600000) g"));
        }
        PgBackup backup;
        const BackupResult dumped = backup.dump(big, path(QStringLiteral("big.dump")));
        QVERIFY2(dumped.ok, qPrintable(dumped.error));

        QList<QPair<QString, qint64>> progress;
        const RestoreVerification verified = backup.restoreAndCompare(
            path(QStringLiteral("big.dump")), big, m_admin, QStringLiteral("backup_big_restored"),
            [&](const QString &step, qint64 bytes) { progress.append({step, bytes}); });
        QVERIFY2(verified.ok, qPrintable(verified.error));
        QCOMPARE(verified.rows, qint64(600000));

        QVERIFY(progress.size() >= 3);
        QCOMPARE(progress.first().second, qint64(0));
        QCOMPARE(progress.last().second, dumped.bytes);
        bool midway = false;
        for (qsizetype i = 1; i < progress.size(); ++i) {
            QVERIFY2(progress.at(i).second >= progress.at(i - 1).second, "progress went backwards");
            QVERIFY(progress.at(i).second <= dumped.bytes);
            midway = midway || (progress.at(i).first == QLatin1String("Restoring") && progress.at(i).second > 0
                                && progress.at(i).second < dumped.bytes);
        }
        QVERIFY2(midway, "no progress was reported while pg_restore was reading the dump");
        admin.execute(QStringLiteral("DROP DATABASE backup_big_restored WITH (FORCE)"));
        admin.execute(QStringLiteral("DROP DATABASE backup_big WITH (FORCE)"));
    }

    void damagedDumpsFailClearly()
    {
        PgBackup backup;
        QFile good(path(QStringLiteral("good.dump")));
        QVERIFY(good.open(QIODevice::ReadOnly));
        const QByteArray bytes = good.readAll();
        QFile truncated(path(QStringLiteral("truncated.dump")));
        QVERIFY(truncated.open(QIODevice::WriteOnly));
        truncated.write(bytes.left(bytes.size() * 2 / 3));
        truncated.close();
        RestoreVerification result = backup.restoreAndCompare(truncated.fileName(), m_source, m_admin, QStringLiteral("backup_restored"));
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(QStringLiteral("pg_restore")), qPrintable(result.error));

        QFile garbage(path(QStringLiteral("garbage.dump")));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(4096, 'x'));
        garbage.close();
        int entries = 0;
        QString error;
        QVERIFY(!backup.list(garbage.fileName(), &entries, &error));
        QVERIFY2(error.contains(QStringLiteral("garbage.dump")) && error.contains(QStringLiteral("not a readable")), qPrintable(error));
        QVERIFY(!backup.list(path(QStringLiteral("missing.dump")), &entries, &error));
        QVERIFY2(error.contains(QStringLiteral("no such file")), qPrintable(error));
    }

    void failedDumpLeavesNoFile()
    {
        PgBackup backup;
        const BackupResult failed = backup.dump(TestSandbox::conninfo(QStringLiteral("no_such_database")), path(QStringLiteral("bad.dump")));
        QVERIFY(!failed.ok);
        QVERIFY2(failed.error.contains(QStringLiteral("no_such_database")), qPrintable(failed.error));
        QVERIFY(!QFile::exists(path(QStringLiteral("bad.dump"))));
        QVERIFY(!QFile::exists(path(QStringLiteral("bad.dump.partial"))));
    }

    void cliBackupVerifyInThrowawaySandbox()
    {
        // The CLI's default restores into a private sandbox it starts and removes itself.
        const TestSandbox::CliRun run = TestSandbox::runCli({QStringLiteral("backup"), QStringLiteral("--db"), m_source,
                                                             QStringLiteral("--out"), path(QStringLiteral("cli.dump")),
                                                             QStringLiteral("--verify"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject result = QJsonDocument::fromJson(run.stdOut).object();
        QCOMPARE(result.value(QStringLiteral("verified")).toBool(), true);
        QCOMPARE(result.value(QStringLiteral("rows")).toInt(), 5000 + 1234);
        const TestSandbox::CliRun bad = TestSandbox::runCli({QStringLiteral("restore-verify"), path(QStringLiteral("garbage.dump")),
                                                             QStringLiteral("--db"), m_source, QStringLiteral("--restore-into"), m_admin});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(QStringLiteral("NOT verified")), qPrintable(bad.err));
    }
};

QTEST_GUILESS_MAIN(TestPgBackup)
#include "tst_pgbackup.moc"
