#pragma once

// Process-wide malloc settings for parsing big scripts. libpg_query builds a JSON tree of tens
// of megabytes per parse in blocks that glibc, by default, maps fresh from the kernel and hands
// back on free, so every lint of a big file pays again for zeroing those pages (a fifth of the
// time). Keeping freed memory in the heap lets the next parse reuse it. Called once at start by
// slipway, slipway-cli and the benchmarks; does nothing outside glibc.
namespace AllocatorTuning {
void keepFreedMemory();
}
