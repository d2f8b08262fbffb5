#pragma once

#include <QByteArray>
#include <QList>

// The psql side of splitting a script: a single pass over the UTF-8 text with psql's lexical
// rules (quotes, E'' and U&'' strings, tagged dollar quotes, nested block comments, parentheses,
// BEGIN ATOMIC bodies) that finds what PostgreSQL's grammar cannot read: backslash commands,
// `\;`, `COPY … FROM stdin` data up to `\.`, `\if` branches psql skips, and `:var`
// interpolation. It produces a copy of the text of the same byte length in which those parts are
// blanked (newlines kept), so libpg_query can split and parse the rest and every byte offset
// still points into the original.
// Pure function of its input; thread-safe.
class PsqlScanner
{
public:
    enum class RangeKind {
        MetaCommand, // one or more backslash commands (with their arguments)
        CopyData,    // COPY … FROM STDIN data up to and including the \. line
        Skipped,     // text in an \if branch that psql does not run
    };

    struct Span
    {
        int start = 0; // byte offset
        int length = 0;
    };

    struct Range
    {
        RangeKind kind = RangeKind::MetaCommand;
        int start = 0; // byte offset
        int length = 0;
    };

    struct Result
    {
        // The text as libpg_query should see it: same length and line structure as the input.
        QByteArray masked;
        // Meta-command lines and COPY data blocks, in order, in byte offsets.
        QList<Range> ranges;
        // Byte offsets where psql ends a statement (a top-level ';', or a \g-style command that
        // sends the query buffer): psql's own cut, the last resort when PostgreSQL's lexer fails.
        QList<int> terminators;
        // Byte offsets of the top-level ';' inside BEGIN ATOMIC bodies, which end no statement
        // for psql or the grammar but do for a lexer-only split (pg_query_split_with_scanner).
        QList<int> bodySemicolons;
        // The script turns standard_conforming_strings off somewhere: from there on backslashes
        // escape quotes in plain strings, which libpg_query's lexer (always standard) ignores.
        bool nonStandardStrings = false;
        // Byte offsets of the ':' of psql variable references (:name, :'name', :"name").
        QList<int> variables;
        // Identifiers longer than PostgreSQL's 63 bytes (the name only, without quotes). The
        // parser truncates them, so only the text still shows the name as written.
        QList<Span> longIdentifiers;
        // Byte offsets of NUL bytes. libpg_query reads C strings, so `masked` has a space
        // there instead: a NUL would end the text and hide every statement after it.
        QList<int> nulBytes;
    };

    static Result scan(const QByteArray &utf8);
};
