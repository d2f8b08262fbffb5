#pragma once

#include <Qsci/qscilexersql.h>

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QStringList>

// QsciLexerSQL with PostgreSQL's vocabulary and Slipway's colours. Keyword sets 7 and 8 are kept
// for live schema names (tables, columns) so the editor can colour what exists in the connected
// database. It keeps QsciLexerSQL's styles, colours and keyword sets but lexes the text itself
// (Scintilla's container lexing): Scintilla's SQL lexer knows no dollar quoting, so a function
// body's keywords and apostrophes would be taken for SQL and a "don't" in one would turn the
// rest of the file into a string. PostgreSQL's rules: nested /* */ comments, E'' strings with
// backslashes, $$…$$ and $tag$…$tag$ bodies, $1 parameters. GUI thread only (lexers are owned
// by an editor).
class SqlLexer : public QsciLexerSQL
{
    Q_OBJECT

public:
    // QsciLexerSQL's 1-based keyword set numbers and what Slipway puts in each.
    enum KeywordSet { Keywords = 1, Types = 5, Functions = 6, Tables = 7, Columns = 8 };

    explicit SqlLexer(QObject *parent = nullptr);

    // Empty: the text is lexed here, not by Scintilla (see the class comment).
    const char *lexer() const override { return nullptr; }
    int lexerId() const override;
    void setEditor(QsciScintilla *editor) override;

    const char *keywords(int set) const override;
    QString description(int style) const override;

    // Replaces a schema keyword set (Tables or Columns); the editor must re-lex afterwards
    // (SqlEditor::setLexer again or SCI_COLOURISE).
    void setSchemaWords(KeywordSet set, const QStringList &words);

    void applyFont(const QFont &font);

    // Styles the document's bytes from start (a line start) to at least end, and on to the end
    // of that line; each line's state at its end is kept in Scintilla's line state.
    void styleText(int start, int end);

private:
    void styleNeeded(int position);
    int wordStyle(const QByteArray &word) const;
    int dollarTagIndex(const QByteArray &tag);

    QByteArray m_tables;
    QByteArray m_columns;
    QList<QSet<QByteArray>> m_wordSets; // in the order of wordStyle()'s styles
    QList<QByteArray> m_dollarTags;     // "$tag$" delimiters, numbered for line states
};
