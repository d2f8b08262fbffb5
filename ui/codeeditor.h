#pragma once

#include <Qsci/qsciscintilla.h>

#include <QHash>
#include <QString>

class FindBar;
class QAction;

// The base text editor (the split sqlitebrowser uses): line numbers, a symbol margin for
// markers, indicators with tooltips, and positions in characters. Scintilla counts positions in
// UTF-8 bytes while the rest of Slipway (the statement splitter, lint findings, server error
// positions) counts QString characters (UTF-16 code units); the *CharIndex helpers convert, and
// every public range here is in characters. Knows nothing about SQL. GUI thread only.
class CodeEditor : public QsciScintilla
{
    Q_OBJECT

public:
    // Scintilla indicator numbers. 0-7 belong to lexers; containers use 8-31.
    enum Indicator {
        FindIndicator = 19,  // find matches
        ErrorIndicator = 20, // errors reported by the server
        WarningIndicator = 21,
        InfoIndicator = 22,
        // Problems found while typing (lint). Scintilla draws higher numbers on top, so an error
        // stays visible where a warning covers the same text.
        ProblemWarningIndicator = 23,
        ProblemErrorIndicator = 24,
    };
    // Markers in the symbol margin, one per severity (the higher number is drawn on top).
    enum Marker { WarningMarker = 1, ErrorMarker = 2 };

    explicit CodeEditor(QWidget *parent = nullptr);

    // Character index (QString/UTF-16) <-> Scintilla byte position, clamped to the document.
    int positionFromCharIndex(int charIndex) const;
    int charIndexFromPosition(int position) const;
    int cursorCharIndex() const;
    void setCursorCharIndex(int charIndex); // moves the caret there and scrolls it into view
    // The selection in characters; start == end when nothing is selected.
    int selectionStartCharIndex() const;
    int selectionEndCharIndex() const;
    // Asks Scintilla now. QsciScintilla::hasSelectedText() is a copy refreshed on the next UI
    // update, so it still says "selected" right after typing over a selection.
    bool hasSelection() const;
    void selectCharRange(int charStart, int charLength);

    // Generic indicator ranges, in characters. `message` (optional, rich text allowed) shows as a
    // tooltip when the mouse rests on the range.
    void fillIndicator(Indicator indicator,
                       int charStart,
                       int charLength,
                       const QString &message = {});
    void clearIndicator(Indicator indicator);
    bool hasIndicatorAt(Indicator indicator, int charIndex) const;
    QString indicatorMessageAt(int charIndex) const; // the tooltip text there; empty if none

    // Symbol margin markers, on 1-based lines.
    void addLineMarker(Marker marker, int line);
    void clearLineMarkers();
    bool hasLineMarker(Marker marker, int line) const;

    // 1-based line; the caret goes to its start and the line is centred.
    void goToLine(int line);

    // Find / replace (Ctrl+F, Ctrl+H, F3) and go to line (Ctrl+G), as editor-local actions.
    FindBar *findBar() const { return m_findBar; }
    QAction *findAction() const { return m_findAction; }
    QAction *replaceAction() const { return m_replaceAction; }
    QAction *goToLineAction() const { return m_goToLineAction; }
    // Opens a small window-modal dialog asking for a line number (no nested event loop).
    void askGoToLine();

protected:
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    // Adds an editor-local action (active while the editor has focus).
    QAction *addEditorAction(const QString &text, const QKeySequence &shortcut);

private:
    void setUpActions();
    void setUpIndicators();
    void setUpMarkers();
    void updateLineNumberWidth();
    void showIndicatorToolTip(int position, int x, int y);
    QString messageAtPosition(int position) const;

    FindBar *m_findBar = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_replaceAction = nullptr;
    QAction *m_findNextAction = nullptr;
    QAction *m_goToLineAction = nullptr;
    int m_lineNumberDigits = 0;
    // Tooltip text per indicator, keyed by the Scintilla start position of each range.
    QHash<int, QHash<int, QString>> m_indicatorMessages;
};
