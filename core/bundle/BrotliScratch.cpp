#include "bundle/BrotliScratch.h"

#include "common/RecycledBlocks.h"

#include <algorithm>
#include <cstdint>

namespace slipway::bundle {

BrotliEncoderPtr BrotliScratch::encoder(int quality, int window, std::size_t sizeHint)
{
    BrotliEncoderPtr made(BrotliEncoderCreateInstance(&RecycledBlocks::allocate, &RecycledBlocks::release, nullptr));
    if (!made)
        return made;
    BrotliEncoderSetParameter(made.get(), BROTLI_PARAM_QUALITY, static_cast<std::uint32_t>(quality));
    BrotliEncoderSetParameter(made.get(), BROTLI_PARAM_LGWIN, static_cast<std::uint32_t>(window));
    if (sizeHint > 0)
        BrotliEncoderSetParameter(made.get(), BROTLI_PARAM_SIZE_HINT,
                                  static_cast<std::uint32_t>(std::min<std::size_t>(sizeHint, UINT32_MAX)));
    return made;
}

} // namespace slipway::bundle
