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

// Brotli encoders whose memory is recycled within each thread (common/RecycledBlocks): an encoder allocates and
// zeroes about a mebibyte of hash tables however small its file.
class BrotliScratch
{
public:
    // An encoder at `quality` with the given window; `sizeHint` is the input's size when known (0 otherwise). Null
    // when out of memory.
    [[nodiscard]] static BrotliEncoderPtr encoder(int quality, int window, std::size_t sizeHint);
};

} // namespace slipway::bundle
