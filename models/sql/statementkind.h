#pragma once

#include <QString>

// Facts about one SQL statement, read from PostgreSQL's own grammar (libpg_query). Thread-safe.
namespace StatementKind {
// True for exactly one plain SELECT / VALUES / TABLE statement that a server-side cursor can
// stream: no SELECT INTO and no data-modifying WITH (DECLARE refuses both).
bool isCursorQuery(const QString &sql);
} // namespace StatementKind
