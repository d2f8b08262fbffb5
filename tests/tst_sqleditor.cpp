// Tests of SqlEditor's mapping between QString character indexes and Scintilla's UTF-8 byte
// positions, and of its error squiggles. A widget test: QScintilla needs a QApplication.

#include "sqleditor.h"

#include <QTest>

class TestSqlEditor : public QObject
{
    Q_OBJECT

private slots:
    void editorConvertsCharIndexes();
};

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

QTEST_MAIN(TestSqlEditor)
#include "tst_sqleditor.moc"
