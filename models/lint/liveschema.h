#pragma once

#include "knownschema.h"

class Connection;

// Reads what the linter needs from a live PostgreSQL database into a KnownSchema: every user
// table with its columns and types, the columns its indexes and CHECK constraints use, its
// estimated rows and total size, which table each index belongs to, its CHECK (col IS NOT NULL)
// constraints by name, the server's major version and TimeZone, and which functions are
// VOLATILE. Runs its queries on the calling thread (a ConnectionWorker job in the GUI, the
// main thread in slipway-cli); failures throw DbException like every Connection call.
namespace LiveSchema {
KnownSchema load(Connection &connection);
} // namespace LiveSchema
