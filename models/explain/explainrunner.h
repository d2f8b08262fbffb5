#pragma once

#include <QString>

class Connection;

// Runs EXPLAIN for one statement on a connection and returns the JSON plan. With ANALYZE, a
// statement that may change data (INSERT, UPDATE, DELETE, MERGE, data-modifying WITH, SELECT
// INTO …) runs inside a transaction that is rolled back — a savepoint when the session is
// already in one — so looking at its plan changes nothing. Runs on the connection's thread
// (a ConnectionWorker's in the GUI); throws DbException like the connection does.
class ExplainRunner
{
public:
    struct Result
    {
        QString json;
        QString statement;       // the EXPLAIN that ran
        bool rolledBack = false; // the statement ran and its effects were rolled back
    };

    static Result run(Connection &connection, const QString &sql, bool analyze);
    // EXPLAIN (FORMAT JSON[, ANALYZE, BUFFERS]) for the statement, its trailing ";" removed.
    static QString explainStatement(const QString &sql, bool analyze);
    // Where the statement's first non-blank character sits in explainStatement(), to map an
    // error position back into the editor.
    static int sqlOffset(const QString &sql, bool analyze);
    // True when ANALYZE of the statement must be rolled back.
    static bool mayModify(const QString &sql);
};
