#pragma once

#include <QString>

// Names of PostgreSQL's built-in types by OID (stable across versions: they are in pg_type.dat),
// so the common result columns need no catalog round trip.
namespace PgTypeNames {
struct Entry
{
    QString name;         // empty when the OID is not a known built-in
    bool numeric = false; // right-aligned in result grids
};
Entry builtin(quint32 oid);
} // namespace PgTypeNames
