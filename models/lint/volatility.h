#pragma once

#include "sql/pgnode.h"

class KnownSchema;

// Whether a column default must be computed row by row. Since PostgreSQL 11 ADD COLUMN with a
// non-volatile default stores it once in the catalog; a volatile one (random(), clock_timestamp(),
// gen_random_uuid(), nextval() of a serial) rewrites the table. Functions are judged from the
// live server when it was read, else from a list of common built-ins; an unknown function counts
// as volatile. Thread-safe.
namespace Volatility {
bool isVolatileDefault(const PgNode &expression, const KnownSchema &schema);
} // namespace Volatility
