#include "fuzzentrypoints.h"

// libFuzzer target; the work is in FuzzEntryPoints::projectConfig, shared with tst_fuzzregressions.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return FuzzEntryPoints::projectConfig(data, size);
}
