#include "testsandbox.h"

#include "db/pgconnection.h"
#include "schema/namefilter.h"
#include "schema/sqlidentifier.h"

#include <QTest>

// Quoting and name filters, judged by the server: quote_ident(), pg_get_keywords(), what a
// literal reads back as, and what ILIKE matches.
class TestSchemaQuoting : public QObject
{
    Q_OBJECT

    std::unique_ptr<PgConnection> m_db;

    QString scalar(const QString &sql) { return m_db->fetchAll(sql).text(0, 0); }

    static QStringList names()
    {
        return {QStringLiteral("orders"),
                QStringLiteral("Orders"),
                QStringLiteral("order items"),
                QStringLiteral("say \"hi\""),
                QStringLiteral("ünïcødé"),
                QStringLiteral("Σχήμα"),
                QStringLiteral("bıgınt"),
                QStringLiteral("select"),
                QStringLiteral("user"),
                QStringLiteral("between"),
                QStringLiteral("int"),
                QStringLiteral("name"), // unreserved
                QStringLiteral("abort"),
                QStringLiteral("_private"),
                QStringLiteral("1st"),
                QStringLiteral("a1"),
                QStringLiteral("x$y"),
                QStringLiteral("it's"),
                QStringLiteral("per%cent_under"),
                QStringLiteral("back\\slash"),
                QStringLiteral("")};
    }

private slots:
    void initTestCase()
    {
        QString error;
        const QString conninfo = TestSandbox::conninfo(QStringLiteral("postgres"), &error);
        QVERIFY2(!conninfo.isEmpty(), qPrintable(error));
        m_db = std::make_unique<PgConnection>(conninfo);
        m_db->open();
    }

    void keywordListMatchesServer()
    {
        const QStringList server
            = scalar(QStringLiteral("SELECT string_agg(word, ' ' ORDER BY word COLLATE \"C\") "
                                    "FROM pg_get_keywords() WHERE catcode <> 'U'"))
                  .split(u' ');
        QCOMPARE(SqlIdentifier::keywords(), server);
    }

    void quoteMatchesQuoteIdent()
    {
        for (const QString &name : names()) {
            if (name.isEmpty())
                continue;
            const QString server = scalar(
                QStringLiteral("SELECT quote_ident(%1)").arg(SqlIdentifier::literal(name)));
            QCOMPARE(SqlIdentifier::quote(name), server);
        }
        QCOMPARE(SqlIdentifier::quote(u""), QStringLiteral("\"\""));
        QCOMPARE(SqlIdentifier::qualified(u"Odd \"Names\"", u"select"),
                 QStringLiteral("\"Odd \"\"Names\"\"\".\"select\""));
        QCOMPARE(SqlIdentifier::qualified(u"", u"t"), QStringLiteral("t"));
    }

    // A quoted name names the same object: create a table under each and find it by its raw name.
    void quotedNamesRoundTrip()
    {
        m_db->execute(QStringLiteral("BEGIN"));
        for (const QString &name : names()) {
            if (name.isEmpty())
                continue;
            m_db->execute(
                QStringLiteral("CREATE TEMP TABLE %1 (%1 int)").arg(SqlIdentifier::quote(name)));
            QCOMPARE(scalar(QStringLiteral("SELECT attname FROM pg_attribute WHERE attrelid = "
                                           "%1::regclass AND attnum = 1")
                                .arg(SqlIdentifier::literal(SqlIdentifier::quote(name)))),
                     name);
        }
        m_db->execute(QStringLiteral("ROLLBACK"));
    }

    void literalReadsBack()
    {
        for (const QString &text : names()
                                       + QStringList{QStringLiteral("''"),
                                                     QStringLiteral("\\'"),
                                                     QStringLiteral("\\\\n")}) {
            QCOMPARE(scalar(QStringLiteral("SELECT %1::text").arg(SqlIdentifier::literal(text))),
                     text);
            m_db->execute(QStringLiteral("SET standard_conforming_strings = off"));
            QCOMPARE(scalar(QStringLiteral("SELECT %1::text").arg(SqlIdentifier::literal(text))),
                     text);
            m_db->execute(QStringLiteral("SET standard_conforming_strings = on"));
        }
    }

    void filterAgreesWithIlike_data()
    {
        QTest::addColumn<QString>("filter");
        for (const char *f : {"order",
                              "ORDER",
                              "order*",
                              "*s",
                              "?rders",
                              "o?d*",
                              "%",
                              "_",
                              "cent_under",
                              "back\\",
                              "\"",
                              "ü",
                              "*",
                              "it's",
                              "per%"})
            QTest::newRow(f) << QString::fromUtf8(f);
    }

    void filterAgreesWithIlike()
    {
        QFETCH(QString, filter);
        const NameFilter nameFilter(filter);
        for (const QString &name : names()) {
            const bool server = scalar(QStringLiteral("SELECT %1 ILIKE %2")
                                           .arg(SqlIdentifier::literal(name),
                                                SqlIdentifier::literal(nameFilter.likePattern())))
                                == QLatin1String("t");
            QVERIFY2(nameFilter.matches(name) == server,
                     qPrintable(QStringLiteral("%1 vs %2: client %3, server %4")
                                    .arg(filter, name)
                                    .arg(nameFilter.matches(name))
                                    .arg(server)));
        }
        QVERIFY(NameFilter(QStringLiteral("  ")).isEmpty());
        QVERIFY(NameFilter().matches(QStringLiteral("anything")));
    }
};

QTEST_GUILESS_MAIN(TestSchemaQuoting)
#include "tst_schemaquoting.moc"
