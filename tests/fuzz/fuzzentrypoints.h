#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

// What each fuzz target does with one input, shared by the libFuzzer executables
// (tests/fuzz/fuzz_<name>.cpp) and tst_fuzzregressions, which replays the saved inputs of
// tests/fuzz/regressions/<name>/ through the same functions in the normal build. Each function
// feeds the bytes to one reader and then checks what that reader promises (offsets inside the
// text, trees whose ids hold together, round trips through the written form); a broken promise
// prints what failed and aborts, which libFuzzer and the test both count as a crash.
namespace FuzzEntryPoints {

using EntryPoint = int (*)(const uint8_t *data, size_t size);

struct Target
{
    const char *name; // the folder under tests/fuzz/seeds and tests/fuzz/regressions
    EntryPoint run;
};

// EXPLAIN (FORMAT JSON) documents: the fast document path and the line-by-line path.
int planJson(const uint8_t *data, size_t size);
// EXPLAIN text as pasted: psql frames, headers, wraps, then the text parser.
int planText(const uint8_t *data, size_t size);
// psql scripts: PsqlScanner and StatementSplitter.
int psqlScript(const uint8_t *data, size_t size);
// Migration file names, one per line, under every folder dialect; MigrationVersion ordering.
int migrationNames(const uint8_t *data, size_t size);
// slipway-checklist.json.
int checklist(const uint8_t *data, size_t size);
// libpq conninfo strings and URIs.
int connInfo(const uint8_t *data, size_t size);
// slipway.json.
int projectConfig(const uint8_t *data, size_t size);

const std::vector<Target> &targets();

} // namespace FuzzEntryPoints
