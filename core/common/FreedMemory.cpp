#include "common/FreedMemory.h"

#include <cstdlib> // defines __GLIBC__ on glibc

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace slipway {

void releaseFreedMemory()
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

void useHeapForFileBuffers()
{
#ifdef __GLIBC__
    // A fixed threshold also stops glibc from raising it on its own.
    mallopt(M_MMAP_THRESHOLD, 8 * 1024 * 1024);
#endif
}

} // namespace slipway
