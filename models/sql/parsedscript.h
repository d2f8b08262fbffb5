#pragma once

#include "pgnode.h"
#include "sqlscript.h"

#include <QList>
#include <QString>

#include <memory>

// One SQL statement of a ParsedScript: its parse tree, or the syntax error PostgreSQL's grammar
// reported for it.
struct ParsedStatement
{
    int index = -1;       // index into SqlScript::statements()
    PgNode node;          // the statement node, e.g. {"AlterTableStmt": {…}}; null on an error
    QString error;        // syntax error message
    int errorByte = -1;   // byte offset of the error in the script
    int locationBase = 0; // add to a node's location() to get a byte offset in the script

    bool ok() const { return !node.isNull(); }
};

// A script split and parsed in one go: the whole text goes through pg_query_parse once (its
// statement locations give the split, so nothing is lexed twice; a big script is cut at psql's
// statement ends and its pieces parsed on several threads) and the JSON trees are read with
// simdjson. When the grammar rejects the script, it is cut as StatementSplitter::fallbackRanges
// says (PostgreSQL's lexer, psql where the lexer goes wrong) and each statement is parsed alone,
// so one bad statement costs only itself. A statement using psql variables that
// does not parse with them read as names is tried again with them read as empty text.
// Immutable and cheap to copy (shared data); the nodes stay valid while any copy lives.
class ParsedScript
{
public:
    ParsedScript();
    static ParsedScript parse(const QString &text);

    const SqlScript &script() const;
    // The SQL statements, in order (meta-commands and COPY data are not here).
    const QList<ParsedStatement> &statements() const;

private:
    struct Data;
    explicit ParsedScript(std::shared_ptr<const Data> data)
        : d(std::move(data))
    {}
    std::shared_ptr<const Data> d;
};
