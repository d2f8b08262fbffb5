#pragma once

#include "codeeditor.h"

#include "lint/finding.h"

#include <QList>
#include <QStringList>

class QAction;
class QsciAPIs;
class SqlLexer;

// The SQL editor on top of CodeEditor: PostgreSQL highlighting (SqlLexer), completion of key
// words and of the connected database's schemas, tables and columns, "--" comment toggling
// (Ctrl+/), server error marks and lint findings as squiggles with explanations and margin
// markers. Ranges are in characters (see CodeEditor). GUI thread only.
class SqlEditor : public CodeEditor
{
    Q_OBJECT

public:
    explicit SqlEditor(QWidget *parent = nullptr);
    ~SqlEditor() override;

    SqlLexer *sqlLexer() const { return m_lexer; }

    // Errors reported by the server at a position.
    void markError(int charStart, int charLength, const QString &message = {});
    void clearErrorMarks();

    // Lint findings: a squiggle over each statement (red for errors, amber for warnings) whose
    // tooltip explains the rule, and a marker in the margin on its first line.
    void showFindings(const QList<Finding> &findings);
    const QList<Finding> &findings() const { return m_findings; }

    // Completion words for the connected database ("schema", "table", "schema.table",
    // "table.column"); tables and columns are coloured by the lexer too. The word list is
    // prepared on QsciAPIs' own thread, one preparation at a time.
    void setSchemaNames(const QStringList &schemas,
                        const QStringList &tables,
                        const QStringList &columns,
                        const QStringList &qualified);
    QsciAPIs *completionApis() const { return m_apis; }
    bool isCompletionReady() const { return m_completionReady; }

    // Length of the word (identifier, keyword, number or quoted name) starting at charIndex;
    // 0 when there is none. Used to size squiggles from a server's error position.
    int tokenLengthAt(int charIndex) const;

    // Comments or uncomments the selected lines (or the caret's line) with "-- ".
    void toggleComment();
    QAction *toggleCommentAction() const { return m_toggleCommentAction; }

    // The rich-text tooltip of a finding: message, impact, lock, why and the safe alternative.
    static QString findingToolTip(const Finding &finding);

signals:
    void completionReady();

private:
    void setUpCompletion();
    void prepareCompletion();

    SqlLexer *m_lexer = nullptr;
    QsciAPIs *m_apis = nullptr;
    QStringList m_schemaWords; // live names for completion, besides the key words
    bool m_completionReady = false;
    bool m_preparing = false;    // QsciAPIs is preparing a word list on its thread
    bool m_wordsPending = false; // the words changed since that preparation started
    QAction *m_toggleCommentAction = nullptr;
    QList<Finding> m_findings;
};
