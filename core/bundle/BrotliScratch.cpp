#include "bundle/BrotliScratch.h"

#include <cstdint>
#include <cstdlib>
#include <vector>

namespace slipway::bundle {

namespace {

// Each block starts with a header holding its capacity; the encoder gets the bytes after it. Capacities are
// powers of two, so a block serves any later request of its class (an encoder's buffers follow its file's size).
constexpr std::size_t HeaderBytes = 16;

std::size_t capacityFor(std::size_t size)
{
    std::size_t capacity = 4096;
    while (capacity < size)
        capacity *= 2;
    return capacity;
}

struct RecycledBlocks
{
    std::vector<void*> blocks;
    std::size_t bytes = 0;

    RecycledBlocks() = default;
    RecycledBlocks(const RecycledBlocks&) = delete;
    RecycledBlocks& operator=(const RecycledBlocks&) = delete;
    ~RecycledBlocks()
    {
        for (void* block : blocks)
            std::free(block); // NOLINT(cppcoreguidelines-no-malloc): brotli's allocator interface is malloc-like
    }
};

RecycledBlocks& recycled()
{
    thread_local RecycledBlocks pool;
    return pool;
}

std::size_t& sizeOf(void* block)
{
    return *static_cast<std::size_t*>(block);
}

} // namespace

void* BrotliScratch::allocate(void* /*opaque*/, std::size_t size)
{
    const std::size_t capacity = capacityFor(size);
    RecycledBlocks& pool = recycled();
    for (auto it = pool.blocks.begin(); it != pool.blocks.end(); ++it) {
        if (sizeOf(*it) == capacity) {
            void* block = *it;
            pool.blocks.erase(it);
            pool.bytes -= capacity;
            return static_cast<std::uint8_t*>(block) + HeaderBytes;
        }
    }
    void* block = std::malloc(capacity + HeaderBytes); // NOLINT(cppcoreguidelines-no-malloc)
    if (!block)
        return nullptr;
    sizeOf(block) = capacity;
    return static_cast<std::uint8_t*>(block) + HeaderBytes;
}

void BrotliScratch::release(void* /*opaque*/, void* address)
{
    if (!address)
        return;
    void* block = static_cast<std::uint8_t*>(address) - HeaderBytes;
    RecycledBlocks& pool = recycled();
    if (pool.bytes + sizeOf(block) <= RetainedBytesPerThread) {
        pool.bytes += sizeOf(block);
        pool.blocks.push_back(block);
        return;
    }
    std::free(block); // NOLINT(cppcoreguidelines-no-malloc)
}

BrotliEncoderPtr BrotliScratch::encoder(int quality, int window, std::size_t sizeHint)
{
    BrotliEncoderPtr made(BrotliEncoderCreateInstance(&BrotliScratch::allocate, &BrotliScratch::release, nullptr));
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
