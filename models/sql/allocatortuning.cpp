#include "allocatortuning.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void AllocatorTuning::keepFreedMemory()
{
#if defined(__GLIBC__)
    // Blocks below 256 MB come from the heap, and the heap keeps up to 512 MB of free space at
    // its top instead of trimming it: a parse's memory is reused by the next one.
    mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
#endif
}
