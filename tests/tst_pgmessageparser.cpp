#include "db/pgmessageparser.h"

#include <QTest>

// Message texts in the layout libpq documents for PQERRORS_VERBOSE (see libpq's
// pqBuildErrorMessage3 / reportErrorPosition); the server-backed cases live in tst_pgconnection.
class TestPgMessageParser : public QObject
{
    Q_OBJECT

private slots:
    void splitsFields()
    {
        const QString text = QStringLiteral(
            "ERROR:  23505: duplicate key value violates unique constraint \"users_pkey\"\n"
            "DETAIL:  Key (id)=(1) already exists.\n"
            "HINT:  Use another id.\n"
            "SCHEMA NAME:  public\n"
            "TABLE NAME:  users\n"
            "LOCATION:  _bt_check_unique, nbtinsert.c:664\n");
        const DbError e = PgMessageParser::parse(text);
        QCOMPARE(e.severity, QStringLiteral("ERROR"));
        QCOMPARE(e.sqlState, QStringLiteral("23505"));
        QCOMPARE(e.message, QStringLiteral("duplicate key value violates unique constraint \"users_pkey\""));
        QCOMPARE(e.detail, QStringLiteral("Key (id)=(1) already exists."));
        QCOMPARE(e.hint, QStringLiteral("Use another id."));
        QCOMPARE(e.position, -1);
        QVERIFY(!e.cancelled);
    }

    void positionOnSecondLine()
    {
        const QString statement = QStringLiteral("SELECT 1,\n       nosuch FROM t");
        const QString text = QStringLiteral("ERROR:  42703: column \"nosuch\" does not exist\n"
                                            "LINE 2:        nosuch FROM t\n"
                                            "               ^\n");
        const DbError e = PgMessageParser::parse(text, statement);
        QCOMPARE(e.position, int(statement.indexOf(QStringLiteral("nosuch"))));
    }

    void positionInTruncatedLongLine()
    {
        QString statement = QStringLiteral("SELECT ");
        for (int i = 0; i < 30; ++i)
            statement += QStringLiteral("c%1, ").arg(i);
        const int target = int(statement.size());
        statement += QStringLiteral("bogus FROM t");
        // libpq cuts lines wider than 60 columns and marks the cut with "...".
        const QString shown = statement.mid(target - 40, 50);
        const QString text = QStringLiteral("ERROR:  42703: column \"bogus\" does not exist\nLINE 1: ...")
                             + shown + QStringLiteral("...\n") + QString(8 + 3 + 40, QLatin1Char(' '))
                             + QStringLiteral("^\n");
        const DbError e = PgMessageParser::parse(text, statement);
        QCOMPARE(e.position, target);
    }

    void cancelAndClientMessages()
    {
        const DbError cancelled = PgMessageParser::parse(
            QStringLiteral("ERROR:  57014: canceling statement due to user request\nLOCATION:  x.c:1"));
        QVERIFY(cancelled.cancelled);
        const DbError client = PgMessageParser::parse(
            QStringLiteral("connection to server on socket \"/tmp/.s.PGSQL.1\" failed: No such file or directory\n"
                           "\tIs the server running locally and accepting connections on that socket?"));
        QVERIFY(client.sqlState.isEmpty());
        QVERIFY(client.message.startsWith(QStringLiteral("connection to server")));
        QVERIFY(client.message.contains(QStringLiteral("Is the server running")));
    }

    void noticeWithContext()
    {
        const DbError n = PgMessageParser::parse(
            QStringLiteral("NOTICE:  00000: batch 3 done\nCONTEXT:  PL/pgSQL function inline_code_block line 4 at RAISE\n"
                           "LOCATION:  exec_stmt_raise, pl_exec.c:3893"));
        QCOMPARE(n.severity, QStringLiteral("NOTICE"));
        QCOMPARE(n.message, QStringLiteral("batch 3 done"));
        QVERIFY(n.context.startsWith(QStringLiteral("PL/pgSQL function")));
    }
};

QTEST_GUILESS_MAIN(TestPgMessageParser)
#include "tst_pgmessageparser.moc"
