#pragma once

#include <brotli/encode.h>

#include <cstddef>
#include <memory>

namespace slipway::bundle {

struct BrotliEncoderDeleter
{
    void operator()(BrotliEncoderState* s) const { BrotliEncoderDestroyInstance(s); }
};
using BrotliEncoderPtr = std::unique_ptr<BrotliEncoderState, BrotliEncoderDeleter>;

// Memory for brotli encoders, recycled within each thread. An encoder allocates and zeroes about a
// mebibyte of hash tables however small its file, and a build has thousands of small files: fresh pages
// for each (a page fault per 4 KiB, then unmapped again) cost more than compressing the file.
class BrotliScratch
{
public:
    // An encoder at `quality` with the given window whose memory comes from this thread's recycled blocks;
    // `sizeHint` is the input's size when known (0 otherwise). Null when out of memory.
    [[nodiscard]] static BrotliEncoderPtr encoder(int quality, int window, std::size_t sizeHint);
    // Most a thread keeps for reuse; blocks beyond it go back to the system.
    static constexpr std::size_t RetainedBytesPerThread = std::size_t{24} << 20;

private:
    static void* allocate(void* opaque, std::size_t size);
    static void release(void* opaque, void* address);
};

} // namespace slipway::bundle
