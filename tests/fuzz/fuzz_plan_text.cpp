#include "fuzzentrypoints.h"

// libFuzzer target; the work is in FuzzEntryPoints::planText, shared with tst_fuzzregressions.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return FuzzEntryPoints::planText(data, size);
}
