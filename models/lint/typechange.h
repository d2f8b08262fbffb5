#pragma once

#include "typespec.h"

#include <QString>

// Whether ALTER COLUMN … TYPE can skip rewriting and rescanning the table, following
// PostgreSQL's binary-coercible conversions (varchar ⇄ text, longer varchar, wider numeric,
// higher time precision, cidr → inet, and timestamp ⇄ timestamptz in a UTC session since 12).
// Pure functions; thread-safe.
namespace TypeChange {

struct ColumnFacts
{
    bool indexed = false; // an index uses the column (a citext change rebuilds it)
    bool inCheck = false; // a CHECK constraint uses it (it is checked again over all rows)
};

bool isRewriteFree(const TypeSpec &from,
                   const TypeSpec &to,
                   const ColumnFacts &facts,
                   int pgVersion,
                   const QString &timeZone);

bool isUtc(const QString &timeZone);

} // namespace TypeChange
