#pragma once

#include <Qsci/qscilexersql.h>

#include <QByteArray>
#include <QStringList>

// QsciLexerSQL with PostgreSQL's vocabulary and Slipway's colours. Keyword sets 7 and 8 are kept
// for live schema names (tables, columns) so the editor can colour what exists in the connected
// database. GUI thread only (lexers are owned by an editor).
class SqlLexer : public QsciLexerSQL
{
    Q_OBJECT

public:
    // QsciLexerSQL's 1-based keyword set numbers and what Slipway puts in each.
    enum KeywordSet { Keywords = 1, Types = 5, Functions = 6, Tables = 7, Columns = 8 };

    explicit SqlLexer(QObject *parent = nullptr);

    const char *keywords(int set) const override;
    QString description(int style) const override;

    // Replaces a schema keyword set (Tables or Columns); the editor must re-lex afterwards
    // (SqlEditor::setLexer again or SCI_COLOURISE).
    void setSchemaWords(KeywordSet set, const QStringList &words);

    void applyFont(const QFont &font);

private:
    QByteArray m_tables;
    QByteArray m_columns;
};
