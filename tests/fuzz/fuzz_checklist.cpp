#include "fuzzentrypoints.h"

// libFuzzer target; the work is in FuzzEntryPoints::checklist, shared with tst_fuzzregressions.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return FuzzEntryPoints::checklist(data, size);
}
