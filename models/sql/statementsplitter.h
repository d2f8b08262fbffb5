#pragma once

#include "psqlscanner.h"
#include "sqlscript.h"

#include <QList>
#include <QString>

// One statement inside a script, in QString (UTF-16) character offsets.
struct StatementRange
{
    int start = 0;  // first character of the statement (after leading whitespace/comments)
    int length = 0; // up to and excluding the terminating semicolon
    QString text;   // the statement text, without the semicolon
};

// Splits a script into statements the way psql would run it: PsqlScanner blanks what only psql
// understands (meta-commands, COPY data, `\;`, :variables), then PostgreSQL's own grammar
// (libpg_query's pg_query_split_with_parser) cuts the rest, so semicolons inside strings, dollar
// quotes, comments and BEGIN ATOMIC bodies never split. A script the grammar rejects is cut by
// PostgreSQL's lexer (pg_query_split_with_scanner), which knows where every token ends, except
// where that split is known to go wrong; there psql's own cut (PsqlScanner's terminators) is
// kept: text it drops (it keeps only statements holding a key word, so `SELEC 1;` would
// vanish with its error, and everything after an unbalanced ')'), semicolons inside BEGIN
// ATOMIC bodies (it cuts there), psql commands that send the query (\g, \;), and whole scripts
// it cannot lex (an invalid escape) or reads differently (standard_conforming_strings off).
// Shared by the SQL console, the linter and the migration engine. Thread-safe.
class StatementSplitter
{
public:
    // Every piece of the script: SQL statements, meta-command lines and COPY data, in order.
    static SqlScript splitScript(const QString &text);

    // The SQL statements only (what the console sends to the server).
    static QList<StatementRange> split(const QString &sql);
    // The statement containing or ending just before `cursor`; empty range when there is none.
    static StatementRange statementAt(const QString &sql, int cursor);

    // A statement's bytes in the parser text; length -1 means "to the end".
    struct ParserRange
    {
        int location = 0;
        int length = -1;
    };
    // libpg_query's stmt_location/stmt_len (where a length of 0 means "to the end").
    static ParserRange fromParser(int location, int length)
    {
        return {location, length > 0 ? length : -1};
    }
    // Builds the script from the scan and the parser's ranges; used by splitScript() and by
    // ParsedScript, which takes its ranges from pg_query_parse, so both cut identically.
    static SqlScript assemble(const QString &text,
                              const QByteArray &utf8,
                              const PsqlScanner::Result &scan,
                              const QList<ParserRange> &ranges);
    // The cut for a script the grammar rejects: the lexer's statement ends, with psql's where
    // the lexer's cannot be trusted (see above). Ranges cover the text in order.
    static QList<ParserRange> fallbackRanges(const PsqlScanner::Result &scan);
    // psql's own statement ends alone.
    static QList<ParserRange> psqlRanges(const PsqlScanner::Result &scan);
    // libpg_query reports error positions as 1-based character (code point) numbers.
    static int byteFromCursorPosition(const QByteArray &utf8, int cursorPosition);
};
