// The log keeps no password: every message is masked before it reaches the file or stderr, and
// the file is private to the user. SLIPWAY_LOG turns the slipway categories on.

#include "logcategories.h"
#include "logsetup.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

class TestLogSetup : public QObject
{
    Q_OBJECT

private slots:
    void redactsPasswords_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("conninfo") << QStringLiteral("host=db user=app password=s3cret dbname=x")
                                  << QStringLiteral("host=db user=app password=**** dbname=x");
        QTest::newRow("conninfo spaced, quoted")
            << QStringLiteral("password = 'two words' host=db")
            << QStringLiteral("password = **** host=db");
        QTest::newRow("quoted with escaped quote")
            << QStringLiteral("password='it\\'s' port=5432")
            << QStringLiteral("password=**** port=5432");
        QTest::newRow("upper case") << QStringLiteral("PASSWORD=x1") << QStringLiteral("PASSWORD=****");
        QTest::newRow("uri") << QStringLiteral("postgresql://app:s3cret@db:5432/shop")
                             << QStringLiteral("postgresql://app:****@db:5432/shop");
        QTest::newRow("uri without password") << QStringLiteral("postgres://app@db/shop")
                                              << QStringLiteral("postgres://app@db/shop");
        QTest::newRow("sql") << QStringLiteral("ALTER ROLE app PASSWORD 'it''s secret' VALID UNTIL")
                             << QStringLiteral("ALTER ROLE app PASSWORD '****' VALID UNTIL");
        QTest::newRow("nothing to hide") << QStringLiteral("SELECT passwords FROM vault")
                                         << QStringLiteral("SELECT passwords FROM vault");
    }

    void redactsPasswords()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(LogSetup::redact(text), expected);
    }

    void fileGetsMaskedMessagesOfEnabledCategories()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("logs/slipway.log"));
        qputenv("SLIPWAY_LOG", "slipway.db.debug=true");
        LogSetup::applyRules();
        QString error;
        QVERIFY2(LogSetup::logToFile(path, &error), qPrintable(error));
        qCDebug(lcDb) << "opening host=db password=hunter2";
        qCDebug(lcLint) << "not enabled: stays out";
        qCWarning(lcMigrations) << "warnings are on by default";
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray logged = file.readAll();
        QVERIFY2(logged.contains("slipway.db: opening host=db password=****"), logged.constData());
        QVERIFY(!logged.contains("hunter2"));
        QVERIFY(!logged.contains("not enabled"));
        QVERIFY(logged.contains("W slipway.migrations: warnings are on by default"));
        QCOMPARE(QFileInfo(path).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
    }
};

QTEST_GUILESS_MAIN(TestLogSetup)
#include "tst_logsetup.moc"
