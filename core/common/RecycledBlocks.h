#pragma once

#include <cstddef>

namespace slipway {

// Memory blocks recycled within each thread, for C libraries that take malloc-like hooks (brotli's encoder and
// decoder). They allocate and zero a mebibyte or more for every file however small, and a build has thousands of
// files: fresh pages for each (a page fault per 4 KiB, then handed back again) cost more than the work on the file.
// Block sizes are powers of two, so a block serves any later request of its class.
class RecycledBlocks
{
public:
    [[nodiscard]] static void* allocate(void* opaque, std::size_t size);
    static void release(void* opaque, void* address);
    // Most a thread keeps for reuse; blocks beyond it go back to the system.
    static constexpr std::size_t RetainedBytesPerThread = std::size_t{24} << 20;
};

} // namespace slipway
