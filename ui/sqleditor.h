#pragma once

#include <Qsci/qsciscintilla.h>

#include <QHash>
#include <QString>

class SqlLexer;

// The SQL text editor: PostgreSQL highlighting, line numbers, brace matching, and squiggles by
// character range. Scintilla counts positions in UTF-8 bytes while the rest of Slipway (the
// statement splitter, server error positions) counts QString characters (UTF-16 code units);
// the *CharIndex helpers convert between the two and every public range here is in characters.
// GUI thread only.
class SqlEditor : public QsciScintilla
{
    Q_OBJECT

public:
    // Scintilla indicator numbers. 0-7 belong to lexers; containers use 8-31. Later features
    // (lint findings, completion hints) add their own numbers here.
    enum Indicator {
        ErrorIndicator = 20,
        WarningIndicator = 21,
        InfoIndicator = 22,
    };

    explicit SqlEditor(QWidget *parent = nullptr);

    SqlLexer *sqlLexer() const { return m_lexer; }

    // Character index (QString/UTF-16) <-> Scintilla byte position, clamped to the document.
    int positionFromCharIndex(int charIndex) const;
    int charIndexFromPosition(int position) const;
    int cursorCharIndex() const;
    void setCursorCharIndex(int charIndex); // moves the caret there and scrolls it into view
    // The selection in characters; start == end when nothing is selected.
    int selectionStartCharIndex() const;
    int selectionEndCharIndex() const;

    // Generic indicator ranges, in characters. `message` (optional) shows as a tooltip when the
    // mouse rests on the range.
    void fillIndicator(Indicator indicator,
                       int charStart,
                       int charLength,
                       const QString &message = {});
    void clearIndicator(Indicator indicator);
    bool hasIndicatorAt(Indicator indicator, int charIndex) const;

    void markError(int charStart, int charLength, const QString &message = {});
    void clearErrorMarks();

    // Length of the word (identifier, keyword, number or quoted name) starting at charIndex;
    // 0 when there is none. Used to size squiggles from a server's error position.
    int tokenLengthAt(int charIndex) const;

protected:
    bool event(QEvent *event) override;

private:
    void setUpIndicators();
    void updateLineNumberWidth();
    void showIndicatorToolTip(int position, int x, int y);

    SqlLexer *m_lexer = nullptr;
    int m_lineNumberDigits = 0;
    // Tooltip text per indicator, keyed by the Scintilla start position of each range.
    QHash<int, QHash<int, QString>> m_indicatorMessages;
};
