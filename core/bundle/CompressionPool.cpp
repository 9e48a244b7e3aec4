#include "bundle/CompressionPool.h"

#include <libdeflate.h>
#include <zlib.h>

#include <memory>
#include <stdexcept>

namespace slipway::bundle {

namespace {

constexpr int DeflateLevel = 6;

struct CompressorDeleter
{
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};

libdeflate_compressor* threadCompressor()
{
    thread_local std::unique_ptr<libdeflate_compressor, CompressorDeleter> compressor(libdeflate_alloc_compressor(DeflateLevel));
    return compressor.get();
}

CompressedPiece deflateWhole(const QByteArray& data, bool tryDeflate)
{
    CompressedPiece piece;
    piece.crc32 = libdeflate_crc32(0, data.constData(), size_t(data.size()));
    if (tryDeflate && data.size() > 0) {
        libdeflate_compressor* c = threadCompressor();
        if (!c)
            throw std::runtime_error("out of memory for the compressor");
        // Room for one byte less than the input: libdeflate returns 0 when deflate would not shrink it.
        QByteArray out(data.size() - 1, Qt::Uninitialized);
        const size_t n = out.isEmpty() ? 0 : libdeflate_deflate_compress(c, data.constData(), size_t(data.size()), out.data(), size_t(out.size()));
        if (n > 0) {
            out.truncate(qsizetype(n));
            out.squeeze(); // queued results should hold their compressed size, not the input's
            piece.payload = std::move(out);
            piece.deflated = true;
            return piece;
        }
    }
    piece.payload = data;
    return piece;
}

CompressedPiece deflateChunk(const QByteArray& dictionary, const QByteArray& data, bool last)
{
    z_stream z{};
    if (deflateInit2(&z, DeflateLevel, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("zlib could not start");
    if (!dictionary.isEmpty())
        deflateSetDictionary(&z, reinterpret_cast<const Bytef*>(dictionary.constData()), uInt(dictionary.size()));
    // Room for the worst case plus the sync-flush marker.
    QByteArray out(qsizetype(deflateBound(&z, uLong(data.size())) + 64), Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = uInt(out.size());
    const int rc = deflate(&z, last ? Z_FINISH : Z_SYNC_FLUSH);
    const bool done = last ? rc == Z_STREAM_END : (rc == Z_OK && z.avail_in == 0 && z.avail_out > 0);
    out.truncate(qsizetype(z.total_out));
    out.squeeze();
    deflateEnd(&z);
    if (!done)
        throw std::runtime_error("zlib could not compress a chunk");
    CompressedPiece piece;
    piece.payload = std::move(out);
    piece.deflated = true;
    return piece;
}

} // namespace

CompressionPool::CompressionPool(int threads)
{
    for (int i = 0; i < std::max(1, threads); ++i)
        m_threads.emplace_back([this] { work(); });
}

CompressionPool::~CompressionPool()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_jobs.clear();
    }
    m_wake.notify_all();
    for (auto& t : m_threads)
        t.join();
}

void CompressionPool::submit(std::function<void()> job)
{
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void CompressionPool::work()
{
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_stopping)
                return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        job();
    }
}

std::future<CompressedPiece> CompressionPool::compressWhole(QByteArray data, bool tryDeflate)
{
    auto task = std::make_shared<std::packaged_task<CompressedPiece()>>(
        [data = std::move(data), tryDeflate] { return deflateWhole(data, tryDeflate); });
    auto future = task->get_future();
    submit([task] { (*task)(); });
    return future;
}

std::future<CompressedPiece> CompressionPool::compressChunk(QByteArray dictionary, QByteArray data, bool last)
{
    auto task = std::make_shared<std::packaged_task<CompressedPiece()>>(
        [dictionary = std::move(dictionary), data = std::move(data), last] { return deflateChunk(dictionary, data, last); });
    auto future = task->get_future();
    submit([task] { (*task)(); });
    return future;
}

} // namespace slipway::bundle
