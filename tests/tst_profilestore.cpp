#include "db/profilestore.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

class TestProfileStore : public QObject
{
    Q_OBJECT

private slots:
    void savesAndLoadsProfiles()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("slipway.ini"));
        {
            QSettings settings(path, QSettings::IniFormat);
            ProfileStore store(settings);
            ConnectionProfile prod;
            prod.name = QStringLiteral("Production shop");
            prod.conninfo = QStringLiteral("host=db.internal port=5432 dbname=shop user=deploy");
            prod.colour = QColor(QStringLiteral("#c0392b"));
            prod.production = true;
            QVERIFY(store.save(prod));
            ConnectionProfile local;
            local.name = QStringLiteral("Local file");
            local.engine = Connection::Engine::SQLite;
            local.conninfo = QStringLiteral("/tmp/app.db");
            QVERIFY(store.save(local));
            // Replacing by name keeps one entry.
            prod.conninfo = QStringLiteral("host=db2.internal dbname=shop user=deploy");
            QVERIFY(store.save(prod));
        }
        QSettings settings(path, QSettings::IniFormat);
        ProfileStore store(settings);
        const QList<ConnectionProfile> all = store.profiles();
        QCOMPARE(all.size(), 2);
        const ConnectionProfile prod = store.profile(QStringLiteral("Production shop"));
        QVERIFY(prod.isValid());
        QVERIFY(prod.production);
        QCOMPARE(prod.colour, QColor(QStringLiteral("#c0392b")));
        QVERIFY(prod.conninfo.contains(QStringLiteral("db2.internal")));
        QCOMPARE(store.profile(QStringLiteral("Local file")).engine, Connection::Engine::SQLite);
        store.remove(QStringLiteral("Local file"));
        QCOMPARE(store.profiles().size(), 1);
    }

    void passwordIsNeverWritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("slipway.ini"));
        {
            QSettings settings(path, QSettings::IniFormat);
            ProfileStore store(settings);
            ConnectionProfile uri;
            uri.name = QStringLiteral("uri");
            uri.conninfo = QStringLiteral("postgresql://bob:TopSecret1@localhost/shop");
            QVERIFY(store.save(uri));
            ConnectionProfile keyword;
            keyword.name = QStringLiteral("keyword");
            keyword.conninfo = QStringLiteral("host=localhost password='TopSecret2' dbname=shop");
            QVERIFY(store.save(keyword));
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(!bytes.isEmpty());
        QVERIFY(!bytes.contains("TopSecret"));
        QVERIFY(!bytes.contains("password"));
        QSettings settings(path, QSettings::IniFormat);
        ProfileStore store(settings);
        QVERIFY(store.profile(QStringLiteral("uri")).conninfo.contains(QStringLiteral("user=bob")));
    }

    void rejectsInvalidProfiles()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        ProfileStore store(settings);
        QString error;
        ConnectionProfile noName;
        noName.conninfo = QStringLiteral("dbname=x");
        QVERIFY(!store.save(noName, &error));
        QVERIFY(!error.isEmpty());
        ConnectionProfile bad;
        bad.name = QStringLiteral("bad");
        bad.conninfo = QStringLiteral("host='oops");
        QVERIFY(!store.save(bad, &error));
        QVERIFY(error.contains(QStringLiteral("Invalid connection string")));
        QVERIFY(store.profiles().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
