// Tests of SqlEditor's mapping between QString character indexes and Scintilla's UTF-8 byte
// positions, of its error squiggles and of SqlLexer's PostgreSQL highlighting. A widget test:
// QScintilla needs a QApplication.

#include "sqlconsole.h"
#include "sqleditor.h"
#include "sqllexer.h"

#include <QTest>

class TestSqlEditor : public QObject
{
    Q_OBJECT

private slots:
    void editorConvertsCharIndexes();
    void dollarQuotedBodiesAreStrings();
    void stringsCommentsAndEdits();
    void typingOverASelectionRunsTheNewText();
};

namespace {

// The style of the first word of the n-th occurrence (0-based) of what in the editor's text.
int styleOf(SqlEditor &editor, const QString &what, int occurrence = 0)
{
    // Styles what is not styled yet, as painting would: after an edit lexing restarts at the
    // edited line, from the state the line before ended in.
    const long length = editor.SendScintilla(QsciScintillaBase::SCI_GETLENGTH);
    editor.SendScintilla(QsciScintillaBase::SCI_COLOURISE, static_cast<unsigned long>(length), -1L);
    const QString text = editor.text();
    qsizetype at = -1;
    for (int i = 0; i <= occurrence; ++i) {
        at = text.indexOf(what, at + 1);
        if (at < 0) {
            qWarning("\"%s\" occurs fewer than %d times", qPrintable(what), occurrence + 1);
            return -1;
        }
    }
    // The middle of its first word, so a style that only covers the first byte does not pass.
    qsizetype from = at;
    while (from < at + what.size() - 1 && text.at(from) == u' ')
        ++from;
    qsizetype to = from;
    while (to < at + what.size() && text.at(to) != u' ')
        ++to;
    const int position = editor.positionFromCharIndex(int((from + to) / 2));
    return int(editor.SendScintilla(QsciScintillaBase::SCI_GETSTYLEAT,
                                    static_cast<unsigned long>(position)));
}

} // namespace

void TestSqlEditor::editorConvertsCharIndexes()
{
    SqlEditor editor;
    // 'é' takes 2 bytes in UTF-8, '✓' 3 and the elephant 4 bytes and 2 UTF-16 units.
    const QString text = QStringLiteral("SELECT 'é✓🐘' AS x,\n  nosuch");
    editor.setText(text);
    QCOMPARE(editor.text(), text);
    const int index = int(text.indexOf(QStringLiteral("nosuch")));
    const int position = editor.positionFromCharIndex(index);
    QCOMPARE(position, int(text.left(index).toUtf8().size()));
    QCOMPARE(editor.charIndexFromPosition(position), index);
    editor.setCursorCharIndex(index);
    QCOMPARE(editor.cursorCharIndex(), index);
    int line = -1, column = -1;
    editor.getCursorPosition(&line, &column);
    QCOMPARE(line, 1);
    QCOMPARE(editor.positionFromCharIndex(int(text.size()) + 10), int(text.toUtf8().size()));
    QCOMPARE(editor.charIndexFromPosition(0), 0);

    editor.markError(index, 6);
    QVERIFY(editor.hasIndicatorAt(SqlEditor::ErrorIndicator, index + 3));
    QVERIFY(!editor.hasIndicatorAt(SqlEditor::ErrorIndicator, 2));
    editor.clearErrorMarks();
    QVERIFY(!editor.hasIndicatorAt(SqlEditor::ErrorIndicator, index + 3));
    QCOMPARE(editor.tokenLengthAt(index), 6);
}

void TestSqlEditor::dollarQuotedBodiesAreStrings()
{
    SqlEditor editor;
    const int string = QsciLexerSQL::SingleQuotedString;
    const int keyword = QsciLexerSQL::Keyword;
    editor.setText(
        QStringLiteral("CREATE FUNCTION bump(n int) RETURNS int LANGUAGE plpgsql AS $fn$\n"
                       "DECLARE\n"
                       "  note text := $q$ it's \"quoted\" $$ not the end $q$;\n"
                       "BEGIN\n"
                       "  -- don't stop here\n"
                       "  RETURN n + 1;\n"
                       "END\n"
                       "$fn$;\n"
                       "SELECT $1, $$ select from $$ AS body, cost$1 FROM t WHERE x = $2;\n"
                       "DO $$BEGIN PERFORM 1; END$$;\n"
                       "SELECT 'it''s' AS after;\n"));

    QCOMPARE(styleOf(editor, QStringLiteral("CREATE")), keyword);
    QCOMPARE(styleOf(editor, QStringLiteral("$fn$")), string);
    // The whole multi-line body, nested tags, apostrophes and comments included, is one string.
    for (const char *inside :
         {"DECLARE", "note", "it's", "quoted", "not the end", "BEGIN", "don't", "RETURN n", "END"}) {
        const int style = styleOf(editor, QString::fromLatin1(inside));
        QVERIFY2(style == string, inside);
        QVERIFY2(style != keyword, inside);
    }
    QCOMPARE(styleOf(editor, QStringLiteral("$fn$"), 1), string);
    // After the closing tag the text is SQL again.
    QCOMPARE(styleOf(editor, QStringLiteral("SELECT")), keyword);
    QCOMPARE(styleOf(editor, QStringLiteral("$1")), int(QsciLexerSQL::Identifier));
    QCOMPARE(styleOf(editor, QStringLiteral(" select from ")), string);
    QCOMPARE(styleOf(editor, QStringLiteral("AS body")), keyword);
    // '$' inside an identifier and a parameter start nothing.
    QCOMPARE(styleOf(editor, QStringLiteral("cost$1")), int(QsciLexerSQL::Identifier));
    QCOMPARE(styleOf(editor, QStringLiteral("FROM t")), keyword);
    QCOMPARE(styleOf(editor, QStringLiteral("WHERE")), keyword);
    QCOMPARE(styleOf(editor, QStringLiteral("PERFORM")), string);
    QCOMPARE(styleOf(editor, QStringLiteral("DO")), keyword);
    QCOMPARE(styleOf(editor, QStringLiteral("AS after")), keyword);
    QCOMPARE(styleOf(editor, QStringLiteral("it''s")), string);
}

void TestSqlEditor::stringsCommentsAndEdits()
{
    SqlEditor editor;
    const int string = QsciLexerSQL::SingleQuotedString;
    const int keyword = QsciLexerSQL::Keyword;
    editor.setText(QStringLiteral("/* outer /* inner */ still comment */ SELECT E'a\\'b' AS x,\n"
                                  "  \"Select\" FROM t; -- done\n"
                                  "SELECT 1.5e3, 1..10"));
    QCOMPARE(styleOf(editor, QStringLiteral("still")), int(QsciLexerSQL::Comment));
    QCOMPARE(styleOf(editor, QStringLiteral("SELECT")), keyword);
    QCOMPARE(styleOf(editor, QStringLiteral("a\\'b")), string);
    QCOMPARE(styleOf(editor, QStringLiteral("AS x")), keyword);
    QCOMPARE(styleOf(editor, QStringLiteral("Select")), int(QsciLexerSQL::DoubleQuotedString));
    QCOMPARE(styleOf(editor, QStringLiteral("done")), int(QsciLexerSQL::CommentLine));
    QCOMPARE(styleOf(editor, QStringLiteral("1.5e3")), int(QsciLexerSQL::Number));

    // Opening a body on the first line turns the following lines into it; closing it again
    // gives them back. Lines are re-lexed from the state the line before ended in.
    editor.setText(QStringLiteral("SELECT 1;\nSELECT 2;\nSELECT 3;\n"));
    QCOMPARE(styleOf(editor, QStringLiteral("SELECT"), 2), keyword);
    editor.insertAt(QStringLiteral(" $x$"), 0, 9);
    QCOMPARE(styleOf(editor, QStringLiteral("SELECT"), 2), string);
    editor.insertAt(QStringLiteral("$x$"), 1, 9);
    QCOMPARE(styleOf(editor, QStringLiteral("SELECT"), 1), string);
    QCOMPARE(styleOf(editor, QStringLiteral("SELECT"), 2), keyword);

    // Live schema names keep their colours.
    editor.setSchemaNames({}, {QStringLiteral("orders")}, {QStringLiteral("placed")}, {});
    editor.setText(QStringLiteral("SELECT placed FROM orders, $$orders$$"));
    QCOMPARE(styleOf(editor, QStringLiteral("orders")), int(QsciLexerSQL::KeywordSet7));
    QCOMPARE(styleOf(editor, QStringLiteral("placed")), int(QsciLexerSQL::KeywordSet8));
    QCOMPARE(styleOf(editor, QStringLiteral("orders"), 1), string);
}

// Ctrl+A, type a new query, F5: the console runs what was typed. The selection was replaced by
// the typing, even before the editor repaints.
void TestSqlEditor::typingOverASelectionRunsTheNewText()
{
    SqlConsole console;
    console.show();
    SqlEditor *editor = console.editor();
    editor->setText(QStringLiteral("SELECT 1;\nSELECT 2;\n"));
    editor->setFocus();
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QVERIFY(editor->hasSelection());
    QTest::keyClicks(editor, QStringLiteral("SELECT 42"));
    QVERIFY(!editor->hasSelection());
    QString problem;
    int start = -1;
    QCOMPARE(console.currentStatement(&start, &problem), QStringLiteral("SELECT 42"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(start, 0);
}

QTEST_MAIN(TestSqlEditor)
#include "tst_sqleditor.moc"
