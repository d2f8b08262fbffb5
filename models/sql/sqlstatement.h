#pragma once

// One piece of a split script. Offsets are given twice: UTF-8 bytes (libpg_query's unit, and
// the offsets into SqlScript::parserText()) and QString characters (the editor's unit).
struct SqlStatement
{
    enum class Kind {
        Sql,         // a statement for the server, without its terminating semicolon
        MetaCommand, // a psql backslash command line (\set, \echo, \gset …)
        CopyData,    // inline data of COPY … FROM STDIN, up to and including the \. line
        Skipped,     // text inside an \if branch psql does not run
    };

    Kind kind = Kind::Sql;
    int byteStart = 0;
    int byteLength = 0;
    int start = 0; // characters
    int length = 0;
    int line = 1;   // 1-based line of the first character
    int column = 1; // 1-based column (in characters) of the first character
    int endLine = 1;
    bool usesVariables = false; // psql :var interpolation inside (Sql only)
    // A psql piece lying inside an SQL statement (`SELECT \if … \endif 42;`): psql builds the
    // statement around it, so its range is within the statement's range.
    bool nested = false;

    int end() const { return start + length; }
    int byteEnd() const { return byteStart + byteLength; }
    bool isSql() const { return kind == Kind::Sql; }
};
