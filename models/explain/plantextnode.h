#pragma once

#include <QJsonObject>
#include <QString>

// Reads one node line of EXPLAIN's text format — "->  Parallel Index Only Scan Backward using
// t_pkey on public.t x  (cost=0.43..8.45 rows=1 width=4) (actual time=… rows=1 loops=3)" —
// into the properties the JSON format gives the same node: the JSON node type plus the parts
// the text format folds into the name (join type, aggregate strategy, partial mode, set
// operation, modify operation, scan direction, parallel and async flags, relation, schema,
// alias, index). Names the parser does not know are kept whole as the node type.
// Pure functions; thread-safe.
class PlanTextNode
{
public:
    // False when the line is malformed; *error then says what was expected and *column
    // (1-based, in `line`) where.
    static bool parse(const QString &line, QJsonObject *properties, QString *error, int *column);

    // True when the text (a whole line without costs, as COSTS OFF prints it) names a node
    // type PostgreSQL prints.
    static bool isKnownNodeName(const QString &text);

private:
    static bool parseName(const QString &name, QJsonObject *properties);
};
