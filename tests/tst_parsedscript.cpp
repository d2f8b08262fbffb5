// ParsedScript on scripts big enough to be cut into pieces and parsed on several threads: the
// statements, their positions and parse trees must be exactly those of a script read in one go.
#include "lint/linter.h"
#include "sql/parsedscript.h"
#include "sql/statementsplitter.h"

#include <QTest>

namespace {

constexpr int Blocks = 3000; // about 800 KB: pieces are at least 256 KB

struct BigScript
{
    QString text;
    int indexLine = 0; // line of the one CREATE INDEX
    int errorLine = 0; // line of the misspelt statement, when there is one
};

// Psql variables, COPY data, dollar-quoted bodies with semicolons, strings with semicolons and
// multi-byte text, so every cut and every offset conversion has something to get wrong.
BigScript bigScript(bool withError)
{
    BigScript script;
    int line = 1;
    auto add = [&script, &line](const QString &lines) {
        script.text += lines;
        line += int(lines.count(QLatin1Char('\n')));
    };
    for (int k = 0; k < Blocks; ++k) {
        add(QStringLiteral("-- block %1: é ü 日本\n"
                           "\\set n %1\n"
                           "CREATE TABLE t_%1 (id bigint, note text DEFAULT 'a;b');\n"
                           "CREATE FUNCTION f_%1() RETURNS int LANGUAGE plpgsql\n"
                           "    AS $body$ BEGIN RETURN 1; END $body$;\n"
                           "COPY t_%1 (id, note) FROM stdin;\n"
                           "1\tx;y\n"
                           "\\.\n"
                           "SELECT col_%1 FROM t_%1 WHERE note = 'ä;';\n")
                .arg(k));
        if (k == Blocks * 3 / 4) {
            script.indexLine = line;
            add(QStringLiteral("CREATE INDEX idx_mark ON accounts (id);\n"));
        }
        if (withError && k == Blocks - 10) {
            script.errorLine = line;
            add(QStringLiteral("SELEC 1;\n"));
        }
    }
    return script;
}

std::string_view expectedType(const QString &statement)
{
    if (statement.startsWith(QLatin1String("CREATE TABLE")))
        return "CreateStmt";
    if (statement.startsWith(QLatin1String("CREATE FUNCTION")))
        return "CreateFunctionStmt";
    if (statement.startsWith(QLatin1String("CREATE INDEX")))
        return "IndexStmt";
    if (statement.startsWith(QLatin1String("COPY")))
        return "CopyStmt";
    return "SelectStmt";
}

} // namespace

class TestParsedScript : public QObject
{
    Q_OBJECT

private slots:
    void bigScriptMatchesTheSplitter()
    {
        const BigScript big = bigScript(false);
        QVERIFY(big.text.toUtf8().size() > 2 * 256 * 1024); // two pieces at least
        const ParsedScript parsed = ParsedScript::parse(big.text);
        const SqlScript reference = StatementSplitter::splitScript(big.text);
        QVERIFY(!parsed.script().hasSyntaxError());
        QVERIFY(!reference.hasSyntaxError());

        const QList<SqlStatement> &got = parsed.script().statements();
        const QList<SqlStatement> &want = reference.statements();
        QCOMPARE(got.size(), want.size());
        for (qsizetype i = 0; i < got.size(); ++i) {
            QCOMPARE(got.at(i).kind, want.at(i).kind);
            QCOMPARE(got.at(i).byteStart, want.at(i).byteStart);
            QCOMPARE(got.at(i).byteLength, want.at(i).byteLength);
            QCOMPARE(got.at(i).start, want.at(i).start);
            QCOMPARE(got.at(i).length, want.at(i).length);
            QCOMPARE(got.at(i).line, want.at(i).line);
            QCOMPARE(got.at(i).column, want.at(i).column);
        }
        QCOMPARE(parsed.statements().size(), qsizetype(Blocks * 4 + 1));
    }

    void everyTreeBelongsToItsStatement()
    {
        const BigScript big = bigScript(false);
        const QByteArray utf8 = big.text.toUtf8();
        const ParsedScript parsed = ParsedScript::parse(big.text);
        const SqlScript &script = parsed.script();
        int selects = 0;
        QSet<int> bases;
        for (const ParsedStatement &statement : parsed.statements()) {
            QVERIFY2(statement.ok(), qPrintable(statement.error));
            const SqlStatement &piece = script.statements().at(statement.index);
            const QString text = script.textOf(piece);
            QCOMPARE(statement.node.type(), expectedType(text));
            bases.insert(statement.locationBase);
            if (!statement.node.is("SelectStmt"))
                continue;
            // The select list's location, moved by the piece's base, lands on the column name
            // written in this very statement.
            const PgNode target = statement.node.field("targetList").list().value(0);
            const int at = statement.locationBase + target.location();
            const QByteArray column = text.section(QLatin1Char(' '), 1, 1).toUtf8();
            QCOMPARE(utf8.mid(at, column.size()), column);
            QVERIFY(at >= piece.byteStart && at < piece.byteEnd());
            ++selects;
        }
        QCOMPARE(selects, Blocks);
        QVERIFY2(bases.size() > 1, "the script was not cut into pieces");
    }

    void syntaxErrorInALaterPiece()
    {
        const BigScript big = bigScript(true);
        const ParsedScript parsed = ParsedScript::parse(big.text);
        const SqlScript &script = parsed.script();
        QVERIFY(script.hasSyntaxError());
        QVERIFY2(script.syntaxError().contains(QLatin1String("SELEC")),
                 qPrintable(script.syntaxError()));
        const QByteArray utf8 = big.text.toUtf8();
        QCOMPARE(utf8.mid(script.syntaxErrorByte(), 5), QByteArray("SELEC"));

        int failed = 0;
        for (const ParsedStatement &statement : parsed.statements()) {
            if (statement.ok())
                continue;
            ++failed;
            QCOMPARE(script.statements().at(statement.index).line, big.errorLine);
        }
        QCOMPARE(failed, 1);
        QCOMPARE(parsed.statements().size(), qsizetype(Blocks * 4 + 2));
    }

    void lintFindingsKeepTheirLines()
    {
        const BigScript big = bigScript(false);
        Linter linter;
        const QList<Finding> findings = linter.lintFile(QStringLiteral("big.sql"), big.text, true);
        QList<Finding> index;
        for (const Finding &finding : findings) {
            if (finding.rule == QLatin1String("require-concurrent-index-creation"))
                index.append(finding);
        }
        QCOMPARE(index.size(), 1);
        QCOMPARE(index.first().line, big.indexLine);
        QCOMPARE(index.first().column, 1);
    }
};

QTEST_GUILESS_MAIN(TestParsedScript)
#include "tst_parsedscript.moc"
