#pragma once

#include <QByteArray>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace slipway::bundle {

// What a compression job hands back to the zip writer.
struct CompressedPiece
{
    QByteArray payload;  // bytes for the zip: deflated, or the input itself when stored
    bool deflated = false;
    quint32 crc32 = 0;   // of the input (whole files only)
};

// A fixed set of worker threads (one per core) running compression jobs in submission order.
// Results come back as futures, so the writer consumes them in zip order however they finish.
class CompressionPool
{
public:
    explicit CompressionPool(int threads);
    ~CompressionPool();
    CompressionPool(const CompressionPool&) = delete;
    CompressionPool& operator=(const CompressionPool&) = delete;

    // A whole small file: CRC plus libdeflate level 6, stored when deflate does not make it smaller
    // or when `tryDeflate` is false (media that is already compressed).
    [[nodiscard]] std::future<CompressedPiece> compressWhole(QByteArray data, bool tryDeflate);
    // One chunk of a large file as a piece of a single raw deflate stream (zlib, primed with the
    // previous 32 KiB as dictionary; non-final chunks end on a byte boundary with a sync flush).
    [[nodiscard]] std::future<CompressedPiece> compressChunk(QByteArray dictionary, QByteArray data, bool last);

    // Any other job for the same workers (the delta objects ride the packaging pass).
    template <typename Job>
    [[nodiscard]] auto run(Job job) -> std::shared_future<decltype(job())>
    {
        auto task = std::make_shared<std::packaged_task<decltype(job())()>>(std::move(job));
        std::shared_future<decltype(job())> future = task->get_future().share();
        submit([task] { (*task)(); });
        return future;
    }

    [[nodiscard]] int threadCount() const { return int(m_threads.size()); }

private:
    void submit(std::function<void()> job);
    void work();

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_jobs;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

} // namespace slipway::bundle
