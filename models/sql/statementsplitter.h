#pragma once

#include <QList>
#include <QString>

// One statement inside a script, in QString (UTF-16) character offsets.
struct StatementRange
{
    int start = 0;  // first character of the statement (after leading whitespace/comments)
    int length = 0; // up to and excluding the terminating semicolon
    QString text;   // the statement text, without the semicolon
};

// Splits SQL text into statements on PostgreSQL's own lexer (libpg_query's scanner), so semicolons
// inside strings, dollar quotes, quoted identifiers and comments never split. Thread-safe.
// (The full splitter with psql meta-commands and COPY data is a later extension of this class.)
class StatementSplitter
{
public:
    static QList<StatementRange> split(const QString &sql);
    // The statement containing or ending just before `cursor`; empty range when there is none.
    static StatementRange statementAt(const QString &sql, int cursor);
};
