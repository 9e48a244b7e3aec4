#include "common/RecycledBlocks.h"

#include <cstdint>
#include <cstdlib>
#include <vector>

namespace slipway {

namespace {

// Each block starts with a header holding its capacity; the caller gets the bytes after it. Capacities are powers of
// two, so a block serves any later request of its class (an encoder's buffers follow its file's size).
constexpr std::size_t HeaderBytes = 16;

std::size_t capacityFor(std::size_t size)
{
    std::size_t capacity = 4096;
    while (capacity < size)
        capacity *= 2;
    return capacity;
}

struct ThreadPool
{
    std::vector<void*> blocks;
    std::size_t bytes = 0;

    ThreadPool() = default;
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;
    ~ThreadPool()
    {
        for (void* block : blocks)
            std::free(block); // NOLINT(cppcoreguidelines-no-malloc): brotli's allocator interface is malloc-like
    }
};

ThreadPool& recycled()
{
    thread_local ThreadPool pool;
    return pool;
}

std::size_t& sizeOf(void* block)
{
    return *static_cast<std::size_t*>(block);
}

} // namespace

void* RecycledBlocks::allocate(void* /*opaque*/, std::size_t size)
{
    const std::size_t capacity = capacityFor(size);
    ThreadPool& pool = recycled();
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

void RecycledBlocks::release(void* /*opaque*/, void* address)
{
    if (!address)
        return;
    void* block = static_cast<std::uint8_t*>(address) - HeaderBytes;
    ThreadPool& pool = recycled();
    if (pool.bytes + sizeOf(block) <= RetainedBytesPerThread) {
        pool.bytes += sizeOf(block);
        pool.blocks.push_back(block);
        return;
    }
    std::free(block); // NOLINT(cppcoreguidelines-no-malloc)
}

} // namespace slipway
