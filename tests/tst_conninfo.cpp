#include "db/conninfo.h"

#include <QTest>

class TestConnInfo : public QObject
{
    Q_OBJECT

private slots:
    void parsesKeywordForm()
    {
        ConnInfo info;
        QString error;
        QVERIFY(ConnInfo::parse(QStringLiteral("host=db.example.org port=6543 dbname='my db' user=alice"), &info, &error));
        QCOMPARE(info.value(QStringLiteral("host")), QStringLiteral("db.example.org"));
        QCOMPARE(info.value(QStringLiteral("port")), QStringLiteral("6543"));
        QCOMPARE(info.value(QStringLiteral("dbname")), QStringLiteral("my db"));
        QCOMPARE(info.displayName(), QStringLiteral("alice@db.example.org:6543/my db"));
    }

    void parsesUri()
    {
        ConnInfo info;
        QString error;
        QVERIFY(ConnInfo::parse(QStringLiteral("postgresql://bob:s3cret@localhost:5433/shop?sslmode=disable"), &info, &error));
        QCOMPARE(info.value(QStringLiteral("user")), QStringLiteral("bob"));
        QCOMPARE(info.value(QStringLiteral("password")), QStringLiteral("s3cret"));
        QCOMPARE(info.value(QStringLiteral("port")), QStringLiteral("5433"));
        QCOMPARE(info.value(QStringLiteral("dbname")), QStringLiteral("shop"));
        QCOMPARE(info.value(QStringLiteral("sslmode")), QStringLiteral("disable"));
    }

    void passwordNeverInStorableForm()
    {
        ConnInfo info;
        QString error;
        QVERIFY(ConnInfo::parse(QStringLiteral("postgresql://bob:s3cret@localhost/shop"), &info, &error));
        const QString storable = info.toStringWithoutPassword();
        QVERIFY(!storable.contains(QStringLiteral("s3cret")));
        QVERIFY(!storable.contains(QStringLiteral("password")));
        QVERIFY(!info.displayName().contains(QStringLiteral("s3cret")));
        // The stored form parses back to the same target.
        ConnInfo again;
        QVERIFY(ConnInfo::parse(storable, &again, &error));
        QCOMPARE(again.value(QStringLiteral("user")), QStringLiteral("bob"));
        QCOMPARE(again.value(QStringLiteral("dbname")), QStringLiteral("shop"));
    }

    void quotingRoundTrips()
    {
        ConnInfo info;
        info.set(QStringLiteral("dbname"), QStringLiteral("it's a \\ db"));
        info.set(QStringLiteral("options"), QString());
        ConnInfo again;
        QString error;
        QVERIFY2(ConnInfo::parse(info.toString(), &again, &error), qPrintable(error));
        QCOMPARE(again.value(QStringLiteral("dbname")), QStringLiteral("it's a \\ db"));
        QVERIFY(again.contains(QStringLiteral("options")));
    }

    void applicationNameDefaultsButIsKept()
    {
        ConnInfo info;
        QString error;
        QVERIFY(ConnInfo::parse(QStringLiteral("dbname=x"), &info, &error));
        QCOMPARE(info.withApplicationDefaults().value(QStringLiteral("application_name")), QStringLiteral("slipway"));
        QCOMPARE(info.withApplicationDefaults().value(QStringLiteral("connect_timeout")), QStringLiteral("10"));
        QVERIFY(ConnInfo::parse(QStringLiteral("dbname=x application_name=ci connect_timeout=3"), &info, &error));
        QCOMPARE(info.withApplicationDefaults().value(QStringLiteral("application_name")), QStringLiteral("ci"));
        QCOMPARE(info.withApplicationDefaults().value(QStringLiteral("connect_timeout")), QStringLiteral("3"));
    }

    void emptyMeansLibpqDefaults()
    {
        ConnInfo info;
        QString error;
        QVERIFY(ConnInfo::parse(QString(), &info, &error));
        QVERIFY(info.entries().isEmpty());
    }

    void malformedInputIsReported()
    {
        ConnInfo info;
        QString error;
        QVERIFY(!ConnInfo::parse(QStringLiteral("host=x nosuchkeyword=1"), &info, &error));
        QVERIFY2(error.contains(QStringLiteral("nosuchkeyword")), qPrintable(error));
        QVERIFY(!ConnInfo::parse(QStringLiteral("host='unterminated"), &info, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!ConnInfo::parse(QStringLiteral("postgresql://localhost/db?application_name=%zz"), &info, &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestConnInfo)
#include "tst_conninfo.moc"
