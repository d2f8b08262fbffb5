#include "sql/statementkind.h"
#include "sql/statementsplitter.h"

#include <QTest>

class TestStatementSplitter : public QObject
{
    Q_OBJECT

private slots:
    void splitsOnRealSemicolonsOnly()
    {
        const QString sql = QStringLiteral(
            "SELECT ';' AS semi;\n"
            "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END $body$;\n"
            "/* a; b */ SELECT \"odd;name\" FROM t -- trailing; comment\n;\n"
            "SELECT E'it\\'s; fine'");
        const QList<StatementRange> ranges = StatementSplitter::split(sql);
        QCOMPARE(ranges.size(), 4);
        QCOMPARE(ranges.at(0).text, QStringLiteral("SELECT ';' AS semi"));
        QVERIFY(ranges.at(1).text.endsWith(QStringLiteral("END $body$")));
        QVERIFY(ranges.at(2).text.contains(QStringLiteral("\"odd;name\"")));
        QCOMPARE(ranges.at(3).text, QStringLiteral("SELECT E'it\\'s; fine'"));
        for (const StatementRange &r : ranges)
            QCOMPARE(sql.mid(r.start, r.length), r.text);
    }

    void offsetsAreCharactersNotBytes()
    {
        const QString sql = QStringLiteral("SELECT 'äöü€😀';\nSELECT 2;");
        const QList<StatementRange> ranges = StatementSplitter::split(sql);
        QCOMPARE(ranges.size(), 2);
        QCOMPARE(ranges.at(1).text, QStringLiteral("SELECT 2"));
        QCOMPARE(ranges.at(1).start, int(sql.indexOf(QStringLiteral("SELECT 2"))));
    }

    void statementUnderCursor()
    {
        const QString sql = QStringLiteral("SELECT 1;\n\nSELECT 2;  \nSELECT 3");
        QCOMPARE(StatementSplitter::statementAt(sql, 0).text, QStringLiteral("SELECT 1"));
        QCOMPARE(StatementSplitter::statementAt(sql, 9).text, QStringLiteral("SELECT 1")); // after ';'
        QCOMPARE(StatementSplitter::statementAt(sql, int(sql.indexOf(QStringLiteral("2")))).text, QStringLiteral("SELECT 2"));
        QCOMPARE(StatementSplitter::statementAt(sql, int(sql.size())).text, QStringLiteral("SELECT 3"));
        QVERIFY(StatementSplitter::statementAt(QStringLiteral("   "), 1).text.isEmpty());
    }

    void cursorQueries()
    {
        QVERIFY(StatementKind::isCursorQuery(QStringLiteral("SELECT 1")));
        QVERIFY(StatementKind::isCursorQuery(QStringLiteral("-- hi\nWITH a AS (SELECT 1) SELECT * FROM a")));
        QVERIFY(StatementKind::isCursorQuery(QStringLiteral("VALUES (1), (2)")));
        QVERIFY(StatementKind::isCursorQuery(QStringLiteral("TABLE pg_class")));
        QVERIFY(!StatementKind::isCursorQuery(QStringLiteral("SELECT 1; SELECT 2")));
        QVERIFY(!StatementKind::isCursorQuery(QStringLiteral("SELECT 1 INTO t2")));
        QVERIFY(!StatementKind::isCursorQuery(QStringLiteral("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d")));
        QVERIFY(!StatementKind::isCursorQuery(QStringLiteral("INSERT INTO t VALUES (1) RETURNING id")));
        QVERIFY(!StatementKind::isCursorQuery(QStringLiteral("SELEC 1")));
        QVERIFY(!StatementKind::isCursorQuery(QStringLiteral("EXPLAIN SELECT 1")));
    }
};

QTEST_GUILESS_MAIN(TestStatementSplitter)
#include "tst_statementsplitter.moc"
