#include "sql/statementkind.h"
#include "sql/statementsplitter.h"

#include "corpus.h"
#include "testsandbox.h"

#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QTest>

#include <pg_query.h>

namespace {

using Kind = SqlStatement::Kind;

QList<Kind> kinds(const SqlScript &script)
{
    QList<Kind> result;
    for (const SqlStatement &statement : script.statements())
        result.append(statement.kind);
    return result;
}

QStringList sqlTexts(const SqlScript &script)
{
    QStringList result;
    for (const SqlStatement &statement : script.statements()) {
        if (statement.isSql())
            result.append(script.textOf(statement));
    }
    return result;
}

// Number of statements PostgreSQL's grammar reads in `sql`; -1 on a syntax error.
int parsedStatementCount(const QByteArray &sql, QString *error = nullptr)
{
    PgQueryParseResult result = pg_query_parse(sql.constData());
    int count = -1;
    if (result.error) {
        if (error)
            *error = QString::fromUtf8(result.error->message);
    } else {
        count = int(QByteArray(result.parse_tree).count("{\"stmt\":"));
    }
    pg_query_free_parse_result(result);
    return count;
}

// Bytes between pieces must be whitespace, comments or semicolons: PostgreSQL's lexer finds no
// statement in them.
bool onlySeparators(const QByteArray &gap)
{
    PgQuerySplitResult result = pg_query_split_with_scanner(gap.constData());
    const bool ok = !result.error && result.n_stmts == 0;
    pg_query_free_split_result(result);
    return ok;
}

} // namespace

class TestStatementSplitter : public QObject
{
    Q_OBJECT

private slots:
    void splitsOnRealSemicolonsOnly()
    {
        const QString sql = QStringLiteral(
            "SELECT ';' AS semi;\n"
            "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END "
            "$body$;\n"
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
        QCOMPARE(StatementSplitter::statementAt(sql, 9).text,
                 QStringLiteral("SELECT 1")); // after ';'
        QCOMPARE(StatementSplitter::statementAt(sql, int(sql.indexOf(QStringLiteral("2")))).text,
                 QStringLiteral("SELECT 2"));
        QCOMPARE(StatementSplitter::statementAt(sql, int(sql.size())).text,
                 QStringLiteral("SELECT 3"));
        QVERIFY(StatementSplitter::statementAt(QStringLiteral("   "), 1).text.isEmpty());
    }

    void psqlMetaCommandsAreNotSql()
    {
        const QString sql = QStringLiteral("\\set ON_ERROR_STOP on\n"
                                           "SELECT :'name' AS n, :\"col\" FROM :tbl;\n"
                                           "\\echo done\n"
                                           "SELECT 1 AS one \\gset\n"
                                           "SELECT 2 \\; SELECT 3;\n"
                                           "SELECT a[1:n] FROM t;\n");
        const SqlScript script = StatementSplitter::splitScript(sql);
        QCOMPARE(kinds(script),
                 (QList<Kind>{Kind::MetaCommand,
                              Kind::Sql,
                              Kind::MetaCommand,
                              Kind::Sql,
                              Kind::MetaCommand,
                              Kind::Sql,
                              Kind::Sql,
                              Kind::Sql}));
        QCOMPARE(sqlTexts(script),
                 (QStringList{QStringLiteral("SELECT :'name' AS n, :\"col\" FROM :tbl"),
                              QStringLiteral("SELECT 1 AS one"),
                              QStringLiteral("SELECT 2"),
                              QStringLiteral("SELECT 3"),
                              QStringLiteral("SELECT a[1:n] FROM t")}));
        QCOMPARE(script.textOf(script.statements().at(4)), QStringLiteral("\\gset"));
        QVERIFY(!script.hasSyntaxError());
        // The parser sees the variables as plain names and strings, at the same offsets.
        const SqlStatement &withVariables = script.statements().at(1);
        QVERIFY(withVariables.usesVariables);
        QCOMPARE(script.parserTextOf(withVariables),
                 QByteArray("SELECT  'name' AS n,  \"col\" FROM  tbl"));
        QCOMPARE(parsedStatementCount(script.parserTextOf(withVariables)), 1);
        // An array bound is not a variable.
        QVERIFY(!script.statements().last().usesVariables);
        QCOMPARE(script.parserText().size(), sql.toUtf8().size());
    }

    void copyFromStdinData()
    {
        const QString sql = QStringLiteral("COPY t (a, b) FROM stdin; -- data follows\n"
                                           "1\tit's; not SQL\n"
                                           "2\t\\N\n"
                                           "\\.\n"
                                           "SELECT 1;\n"
                                           "\\copy t from stdin with csv\n"
                                           "3,x\n"
                                           "\\.\n");
        const SqlScript script = StatementSplitter::splitScript(sql);
        QCOMPARE(kinds(script),
                 (QList<Kind>{Kind::Sql,
                              Kind::CopyData,
                              Kind::Sql,
                              Kind::MetaCommand,
                              Kind::CopyData}));
        QCOMPARE(script.textOf(script.statements().at(1)),
                 QStringLiteral("1\tit's; not SQL\n2\t\\N\n\\."));
        QCOMPARE(script.statements().at(1).line, 2);
        QCOMPARE(script.statements().at(1).endLine, 4);
        QCOMPARE(script.textOf(script.statements().at(4)), QStringLiteral("3,x\n\\."));
        QVERIFY(!script.hasSyntaxError());
    }

    void copyThatFailsHasNoData()
    {
        // psql reads data only when the server accepts the COPY; a COPY followed by another COPY
        // before any \. line failed, and the lines after it are SQL again.
        const QString sql = QStringLiteral("COPY t (nosuch) FROM stdin;\n"
                                           "SELECT 1;\n"
                                           "COPY t FROM STDIN;\n"
                                           "\n"
                                           "\\.\n"
                                           "COPY t FROM stdin;\n"
                                           "SELECT 2;\n");
        const SqlScript script = StatementSplitter::splitScript(sql);
        QCOMPARE(kinds(script),
                 (QList<Kind>{Kind::Sql, Kind::Sql, Kind::Sql, Kind::CopyData, Kind::Sql, Kind::Sql}));
        QCOMPARE(sqlTexts(script).last(), QStringLiteral("SELECT 2"));
    }

    void copyDataComesBeforeAnIfOnTheCopyLine()
    {
        // psql sends the COPY at its semicolon and reads the data before the rest of the line:
        // the \if after it opens a skipped branch only after the data.
        const QString sql = QStringLiteral("COPY t FROM stdin; \\if false\n"
                                           "1\tx\n"
                                           "\\.\n"
                                           "not sql;\n"
                                           "\\endif\n"
                                           "SELECT 1;\n");
        const SqlScript script = StatementSplitter::splitScript(sql);
        QCOMPARE(kinds(script),
                 (QList<Kind>{Kind::Sql,
                              Kind::MetaCommand,
                              Kind::CopyData,
                              Kind::Skipped,
                              Kind::MetaCommand,
                              Kind::Sql}));
        QCOMPARE(script.textOf(script.statements().at(2)), QStringLiteral("1\tx\n\\."));
        QCOMPARE(script.textOf(script.statements().at(3)), QStringLiteral("not sql;"));
    }

    void beginAtomicBodyStaysWhole_data()
    {
        QTest::addColumn<QString>("tail");
        QTest::newRow("valid script") << QStringLiteral("SELECT 3;");
        // A syntax error elsewhere makes the grammar give up: the lexer split must still keep
        // the body whole.
        QTest::newRow("syntax error elsewhere") << QStringLiteral("SELEC 3;");
    }

    void beginAtomicBodyStaysWhole()
    {
        QFETCH(QString, tail);
        const QString body = QStringLiteral(
            "CREATE OR REPLACE FUNCTION f(x int) RETURNS int LANGUAGE sql\n"
            "BEGIN ATOMIC\n"
            "  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;\n"
            "  SELECT x + 1;\n"
            "END");
        const QString sql = body + QStringLiteral(";\n") + tail;
        const SqlScript script = StatementSplitter::splitScript(sql);
        QCOMPARE(sqlTexts(script), (QStringList{body, tail.chopped(1)}));
        QCOMPARE(script.hasSyntaxError(), tail.startsWith(QLatin1String("SELEC ")));
    }

    void quotesCommentsAndStrings()
    {
        const QString sql = QStringLiteral(
            "SELECT $fn$ a; $$ still; $$ $fn$, $1;\n"
            "/* outer /* inner; */ still comment; */ SELECT 2;\n"
            "SELECT E'it\\'s; \\\\', U&'d\\0061t;' UESCAPE '\\', 'a\\';\n"
            "SELECT \"semi;colon\"\"\" FROM x -- ; comment\n;\n"
            "SELECT B'101', X'1F';");
        const SqlScript script = StatementSplitter::splitScript(sql);
        const QStringList texts = sqlTexts(script);
        QCOMPARE(texts.size(), 5);
        QCOMPARE(texts.at(0), QStringLiteral("SELECT $fn$ a; $$ still; $$ $fn$, $1"));
        QCOMPARE(texts.at(1), QStringLiteral("SELECT 2"));
        QVERIFY(texts.at(2).endsWith(QLatin1String("'a\\'")));
        QVERIFY(texts.at(3).startsWith(QLatin1String("SELECT \"semi;colon\"\"\"")));
        QVERIFY(!script.hasSyntaxError());
    }

    void standardConformingStringsOff()
    {
        // With standard_conforming_strings off a backslash escapes the quote, as psql knows.
        const QString sql = QStringLiteral("SET standard_conforming_strings = off;\n"
                                           "SELECT 'a\\'; b' AS x;\n"
                                           "RESET standard_conforming_strings;\n"
                                           "SELECT 'c\\';");
        const SqlScript script = StatementSplitter::splitScript(sql);
        const QStringList texts = sqlTexts(script);
        QCOMPARE(texts.size(), 4);
        QCOMPARE(texts.at(1), QStringLiteral("SELECT 'a\\'; b' AS x"));
        QCOMPARE(texts.at(3), QStringLiteral("SELECT 'c\\'"));
        QCOMPARE(parsedStatementCount(script.parserTextOf(script.statements().at(1))), 1);
    }

    void inactiveIfBranchesAreSkipped()
    {
        const QString sql = QStringLiteral(
            "\\if false\n"
            "  not sql at all;\n"
            "\\elif true\n"
            "  SELECT 'yes';\n"
            "\\else\n"
            "  nor this;\n"
            "\\endif\n"
            "SELECT \\if off \\\\ (bogus \\else \\\\ 42 \\endif \\\\ AS answer;\n");
        const SqlScript script = StatementSplitter::splitScript(sql);
        QCOMPARE(sqlTexts(script).first(), QStringLiteral("SELECT 'yes'"));
        QVERIFY(!script.hasSyntaxError());
        int skipped = 0;
        int nested = 0;
        for (const SqlStatement &statement : script.statements()) {
            skipped += statement.kind == Kind::Skipped ? 1 : 0;
            nested += statement.nested ? 1 : 0;
        }
        QCOMPARE(skipped, 3);
        // The last statement is built around its commands: SELECT 42 AS answer.
        const SqlStatement &last = script.statements().at(script.statements().size() - 1 - nested);
        QVERIFY(last.isSql());
        QCOMPARE(QString::fromUtf8(script.parserTextOf(last)).simplified(),
                 QStringLiteral("SELECT 42 AS answer"));
        QVERIFY(nested >= 3);
    }

    void linesAndColumns()
    {
        const QString sql = QStringLiteral(
            "-- header\n\n  SELECT 'ä😀'; SELECT 2\n;\n   \tSELECT 3");
        const SqlScript script = StatementSplitter::splitScript(sql);
        const QList<SqlStatement> &pieces = script.statements();
        QCOMPARE(pieces.size(), 3);
        QCOMPARE(pieces.at(0).line, 3);
        QCOMPARE(pieces.at(0).column, 3);
        QCOMPARE(pieces.at(1).line, 3);
        QCOMPARE(pieces.at(1).column, int(QStringLiteral("  SELECT 'ä😀'; ").size()) + 1);
        QCOMPARE(pieces.at(1).byteStart, int(sql.left(pieces.at(1).start).toUtf8().size()));
        QCOMPARE(pieces.at(2).line, 5);
        QCOMPARE(pieces.at(2).column, 5);
        QCOMPARE(script.positions().lineOfChar(pieces.at(2).start), 5);
        QCOMPARE(script.positions().byteFromChar(pieces.at(2).start), pieces.at(2).byteStart);
    }

    void syntaxErrorIsReportedWithItsPosition()
    {
        const QString sql = QStringLiteral("SELECT 'é';\nSELEC 2;\nSELECT 3;");
        const SqlScript script = StatementSplitter::splitScript(sql);
        QVERIFY(script.hasSyntaxError());
        QVERIFY(script.syntaxError().contains(QLatin1String("SELEC")));
        QCOMPARE(script.syntaxErrorByte(), int(sql.toUtf8().indexOf("SELEC ")));
        QCOMPARE(sqlTexts(script).size(), 3);
    }

    void syntaxErrorFallbackUsesTheLexer()
    {
        // PostgreSQL's lexer reads `1$a$` as the number 1 and the start of a dollar quote (as
        // psql does); PsqlScanner takes `1$a$` for one number and ends the statement at the
        // first ';'. On a script the grammar rejects, the lexer's cut wins.
        const QString sql = QStringLiteral("SELECT 1$a$; x $a$;\nSELEC 2;\nSELECT 3;");
        SqlScript script = StatementSplitter::splitScript(sql);
        QVERIFY(script.hasSyntaxError());
        QCOMPARE(sqlTexts(script),
                 (QStringList{QStringLiteral("SELECT 1$a$; x $a$"),
                              QStringLiteral("SELEC 2"),
                              QStringLiteral("SELECT 3")}));

        // Where psql and the lexer disagree, the lexer decides: a psql end inside a string
        // (here put there by hand) is not a cut; the statement the lexer drops for having no
        // key word (SELEC 2) keeps psql's cut.
        const QByteArray utf8 = QByteArrayLiteral("SELECT 'a;b'; SELEC 2; SELECT 3;");
        PsqlScanner::Result scan = PsqlScanner::scan(utf8);
        QCOMPARE(scan.terminators, (QList<int>{12, 21, 31}));
        scan.terminators.prepend(9); // the ';' inside 'a;b'
        QStringList texts;
        for (const StatementSplitter::ParserRange &range : StatementSplitter::fallbackRanges(scan))
            texts.append(QString::fromUtf8(utf8.mid(range.location, range.length)).trimmed());
        QCOMPARE(texts,
                 (QStringList{QStringLiteral("SELECT 'a;b'"),
                              QStringLiteral("SELEC 2"),
                              QStringLiteral("SELECT 3"),
                              QString()}));
        QStringList psqlTexts;
        for (const StatementSplitter::ParserRange &range : StatementSplitter::psqlRanges(scan))
            psqlTexts.append(QString::fromUtf8(utf8.mid(range.location, range.length)).trimmed());
        QCOMPARE(psqlTexts.first(), QStringLiteral("SELECT 'a")); // what the old fallback gave

        // psql sends the query at \g and \; although the lexer sees no ';' there.
        script = StatementSplitter::splitScript(
            QStringLiteral("SELECT 1 \\g\nSELECT 2 \\; SELECT 3;\nSELEC 4;"));
        QVERIFY(script.hasSyntaxError());
        QCOMPARE(sqlTexts(script),
                 (QStringList{QStringLiteral("SELECT 1"),
                              QStringLiteral("SELECT 2"),
                              QStringLiteral("SELECT 3"),
                              QStringLiteral("SELEC 4")}));

        // After an unbalanced ')' the lexer never ends a statement again: psql's cut.
        script = StatementSplitter::splitScript(QStringLiteral("SELECT 1);\nSELECT 2;\nSELEC 3;"));
        QCOMPARE(sqlTexts(script),
                 (QStringList{QStringLiteral("SELECT 1)"),
                              QStringLiteral("SELECT 2"),
                              QStringLiteral("SELEC 3")}));
    }

    // Whole psql scripts: the project's own (tests/data/sql, with hand-counted pieces) in the
    // core run; the corpus' regression and tool scripts ($SLIPWAY_CORPUS/sql) in the
    // conformance run (tst_statementsplitter_corpus).
    void scriptFiles_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("relative");
        QString folder;
        int minimum = 6;
        if (Corpus::conformanceRun()) {
            if (Corpus::root().isEmpty())
                QSKIP("SLIPWAY_CORPUS unset: conformance run skipped (see scripts/fetch-corpus)");
            QString error;
            folder = Corpus::folder(QStringLiteral("sql"), &error);
            QVERIFY2(!folder.isEmpty(), qPrintable(error));
            minimum = 10;
        } else {
            folder = TestSandbox::sourceDir() + QStringLiteral("/tests/data/sql");
        }
        QDirIterator it(folder,
                        {QStringLiteral("*.sql")},
                        QDir::Files,
                        QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            const QString relative = path.mid(folder.size() + 1);
            QTest::newRow(qPrintable(relative)) << path << relative;
            ++files;
        }
        QVERIFY(files >= minimum);
    }

    void scriptFiles()
    {
        QFETCH(QString, path);
        QFETCH(QString, relative);

        // Statements PostgreSQL 15 rejects on purpose (regression tests of errors).
        QFile expectedFile(TestSandbox::sourceDir()
                           + QStringLiteral("/tests/data/splitter-parse-errors.tsv"));
        QVERIFY2(expectedFile.open(QIODevice::ReadOnly), qPrintable(expectedFile.fileName()));
        QSet<int> expectedErrors;
        for (const QByteArray &line : expectedFile.readAll().split('\n')) {
            const QList<QByteArray> fields = line.split('\t');
            if (fields.size() == 3 && !line.startsWith('#')
                && QString::fromUtf8(fields.at(0)) == relative)
                expectedErrors.insert(fields.at(1).toInt());
        }

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        const SqlScript script = StatementSplitter::splitScript(text);
        const QByteArray &parserText = script.parserText();
        QCOMPARE(parserText.size(), text.toUtf8().size());

        int previousEnd = 0;
        int enclosingEnd = -1;
        int sqlCount = 0;
        QMap<Kind, int> pieces;
        QSet<int> failedLines;
        for (const SqlStatement &piece : script.statements()) {
            const QString where = QStringLiteral("%1:%2").arg(relative).arg(piece.line);
            QCOMPARE(script.textOf(piece), text.mid(piece.start, piece.length));
            QCOMPARE(piece.line, int(text.left(piece.start).count(QLatin1Char('\n'))) + 1);
            QVERIFY2(piece.length > 0, qPrintable(where));
            if (piece.nested) {
                // psql builds the enclosing statement around this piece.
                QVERIFY2(piece.end() <= enclosingEnd, qPrintable(where));
                continue;
            }
            QVERIFY2(piece.byteStart >= previousEnd,
                     qPrintable(where + QStringLiteral(" overlaps")));
            QVERIFY2(onlySeparators(parserText.mid(previousEnd, piece.byteStart - previousEnd)),
                     qPrintable(where + QStringLiteral(": text left out before this piece")));
            previousEnd = piece.byteEnd();
            enclosingEnd = piece.isSql() ? piece.end() : -1;
            ++pieces[piece.kind];
            if (!piece.isSql())
                continue;
            ++sqlCount;
            QString error;
            int count = parsedStatementCount(script.parserTextOf(piece), &error);
            if (count < 0 && piece.usesVariables) {
                // A variable can stand for any text, even none (sqitch's :tableopts): read the
                // quoted forms as literals and drop the bare ones.
                QString alternative = script.textOf(piece);
                alternative.replace(QRegularExpression(QStringLiteral(R"(:('\w+'|"\w+"))")),
                                    QStringLiteral("\\1"));
                alternative.remove(QRegularExpression(QStringLiteral(R"((?<![:\w]):\w+)")));
                count = parsedStatementCount(alternative.toUtf8());
            }
            if (count < 0)
                failedLines.insert(piece.line);
            else
                QVERIFY2(count == 1,
                         qPrintable(where + QStringLiteral(" holds %1 statements").arg(count)));
            QVERIFY2(count >= 0 || expectedErrors.contains(piece.line),
                     qPrintable(where + QStringLiteral(": ") + error));
        }
        QVERIFY2(onlySeparators(parserText.mid(previousEnd)), "text left out at the end");
        QVERIFY(sqlCount > 0);
        for (const int line : std::as_const(expectedErrors))
            QVERIFY2(failedLines.contains(line),
                     qPrintable(QStringLiteral("%1:%2 is listed as a parse error but parses")
                                    .arg(relative)
                                    .arg(line)));

        // The project's scripts state what they hold on their first line, counted by hand.
        static const QRegularExpression expectLine(
            QStringLiteral(R"(^-- expect: sql=(\d+) meta=(\d+) copy=(\d+)(?: skipped=(\d+))?\n)"));
        const QRegularExpressionMatch expect = expectLine.match(text);
        if (Corpus::conformanceRun())
            return;
        QVERIFY2(expect.hasMatch(), "the first line must be -- expect: sql=N meta=N copy=N");
        QCOMPARE(pieces.value(Kind::Sql), expect.captured(1).toInt());
        QCOMPARE(pieces.value(Kind::MetaCommand), expect.captured(2).toInt());
        QCOMPARE(pieces.value(Kind::CopyData), expect.captured(3).toInt());
        QCOMPARE(pieces.value(Kind::Skipped), expect.captured(4).toInt());
    }

    void cursorQueries()
    {
        QVERIFY(StatementKind::isCursorQuery(QStringLiteral("SELECT 1")));
        QVERIFY(StatementKind::isCursorQuery(
            QStringLiteral("-- hi\nWITH a AS (SELECT 1) SELECT * FROM a")));
        QVERIFY(StatementKind::isCursorQuery(QStringLiteral("VALUES (1), (2)")));
        QVERIFY(StatementKind::isCursorQuery(QStringLiteral("TABLE pg_class")));
        QVERIFY(!StatementKind::isCursorQuery(QStringLiteral("SELECT 1; SELECT 2")));
        QVERIFY(!StatementKind::isCursorQuery(QStringLiteral("SELECT 1 INTO t2")));
        QVERIFY(!StatementKind::isCursorQuery(
            QStringLiteral("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d")));
        QVERIFY(
            !StatementKind::isCursorQuery(QStringLiteral("INSERT INTO t VALUES (1) RETURNING id")));
        QVERIFY(!StatementKind::isCursorQuery(QStringLiteral("SELEC 1")));
        QVERIFY(!StatementKind::isCursorQuery(QStringLiteral("EXPLAIN SELECT 1")));
    }
};

QTEST_GUILESS_MAIN(TestStatementSplitter)
#include "tst_statementsplitter.moc"
