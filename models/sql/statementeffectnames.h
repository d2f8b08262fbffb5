#pragma once

#include <QString>

#include <string_view>

class PgNode;

// The words StatementEffect puts into its reasons: SQL names of PostgreSQL's node and object
// types, and the built-in functions with effects beyond the query that calls them. Thread-safe.
namespace StatementEffectNames {
// "OBJECT_MATVIEW" → "MATERIALIZED VIEW".
QString objectWords(std::string_view objectType);
// "CREATE TABLE", "ALTER TABLE … RENAME", "COMMENT ON VIEW" for a statement node.
QString commandTag(const PgNode &statement);
// Why calling the function has effects beyond the query ("calls setval() (moves a sequence)"),
// translated; empty for any other function. `function` is the bare name in lower case.
QString sideEffect(const QString &function);
// "ACCESS EXCLUSIVE" for LOCK's mode number 8.
QString lockModeName(long long mode);
} // namespace StatementEffectNames
