#pragma once

#include <QWidget>

class CodeEditor;
class QCheckBox;
class QLabel;
class QLineEdit;
class QToolButton;

// The find / replace strip that floats over the top right of an editor (Ctrl+F, Ctrl+H): plain
// or case-sensitive search, wrapping, every match highlighted, replace one or all in one undo
// step. Esc closes it and gives the focus back to the editor. GUI thread only.
class FindBar : public QWidget
{
    Q_OBJECT

public:
    explicit FindBar(CodeEditor *editor);

    void open(bool replace);
    void reposition(); // follows the editor's size
    bool findNext();
    bool findPrevious();
    bool replaceCurrent();
    int replaceAll(); // returns the number of replacements

    QLineEdit *findEdit() const { return m_find; }
    QLineEdit *replaceEdit() const { return m_replace; }
    QCheckBox *caseSensitive() const { return m_caseSensitive; }
    int matchCount() const { return m_matches; }

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    bool find(bool forward, bool fromSelectionStart);
    void highlightMatches();
    void close();

    CodeEditor *m_editor;
    QLineEdit *m_find = nullptr;
    QLineEdit *m_replace = nullptr;
    QCheckBox *m_caseSensitive = nullptr;
    QLabel *m_status = nullptr;
    QWidget *m_replaceRow = nullptr;
    int m_matches = 0;
};
