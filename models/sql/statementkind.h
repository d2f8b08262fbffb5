#pragma once

#include "pgnode.h"

#include <QString>

// Facts about one SQL statement, read from PostgreSQL's own grammar (libpg_query). Thread-safe.
namespace StatementKind {
// True for exactly one plain SELECT / VALUES / TABLE statement that a server-side cursor can
// stream: no SELECT INTO and no data-modifying WITH (DECLARE refuses both).
bool isCursorQuery(const QString &sql);

// Why PostgreSQL refuses to run the statement inside a transaction block ("CREATE INDEX
// CONCURRENTLY", "VACUUM", "CREATE DATABASE" …); empty when it can run in one. A migration
// holding such a statement must run statement by statement outside a transaction.
QString nonTransactionalReason(const PgNode &statement);
} // namespace StatementKind
