#pragma once

#include "pgnode.h"

#include <string_view>

// DefElem options of a parse tree (VACUUM (FULL), REINDEX (CONCURRENTLY), EXPLAIN (ANALYZE), …),
// read one way for the linter and the production guard.
namespace PgOptions {

// On when present without a value, or with a value other than false/off/no/0. A value the
// server would reject counts as on, so a check built on it fails closed.
bool isOn(const PgNode &defElem);
// Whether the option list holds `name` (as the grammar lower-cases it) and it is on.
bool hasOn(const PgNode &options, std::string_view name);

} // namespace PgOptions
