#include "device/BrotliDecoder.h"

#include "common/ByteSize.h"
#include "common/RecycledBlocks.h"

#include <brotli/decode.h>

#include <array>

namespace slipway::device {

struct BrotliDecoder::State
{
    // Its ring buffer (up to the 4 MiB window) is made for every object: recycled within the thread, not faulted in
    // anew.
    BrotliDecoderState* decoder =
        BrotliDecoderCreateInstance(&RecycledBlocks::allocate, &RecycledBlocks::release, nullptr);
    ~State() { BrotliDecoderDestroyInstance(decoder); }
    State() = default;
    State(const State&) = delete;
    State& operator=(const State&) = delete;
};

BrotliDecoder::BrotliDecoder(qint64 maxOutputBytes) : m_state(std::make_unique<State>()), m_maxOutput(maxOutputBytes) {}

BrotliDecoder::~BrotliDecoder() = default;

Status BrotliDecoder::update(const char* data, qint64 size, const std::function<Status(const char*, qint64)>& sink)
{
    if (!m_state->decoder)
        return fail(QStringLiteral("Cannot start a brotli decoder (out of memory)."));
    constexpr size_t ChunkBytes = size_t{64} * 1024;
    std::array<uint8_t, ChunkBytes> out; // NOLINT(cppcoreguidelines-pro-type-member-init): written before it is read
    auto availableIn = static_cast<size_t>(size);
    const auto* nextIn = reinterpret_cast<const uint8_t*>(data);
    for (;;) {
        if (m_done) {
            if (availableIn > 0)
                return fail(QStringLiteral("brotli data continues after the end of its stream."));
            return Ok{};
        }
        size_t availableOut = out.size();
        uint8_t* nextOut = out.data();
        const BrotliDecoderResult result =
            BrotliDecoderDecompressStream(m_state->decoder, &availableIn, &nextIn, &availableOut, &nextOut, nullptr);
        const auto produced = static_cast<qint64>(out.size() - availableOut);
        if (result == BROTLI_DECODER_RESULT_ERROR)
            return fail(QStringLiteral("not valid brotli data (%1).")
                            .arg(QString::fromLatin1(
                                BrotliDecoderErrorString(BrotliDecoderGetErrorCode(m_state->decoder)))));
        if (produced > m_maxOutput - m_decoded)
            return fail(QStringLiteral("decodes to more than %1: refused.").arg(humanByteSize(m_maxOutput)));
        m_decoded += produced;
        if (produced > 0)
            if (Status taken = sink(reinterpret_cast<const char*>(out.data()), produced); !taken)
                return taken;
        if (result == BROTLI_DECODER_RESULT_SUCCESS)
            m_done = true;
        else if (result == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT)
            return Ok{};
    }
}

Status BrotliDecoder::finish() const
{
    if (!m_done)
        return fail(QStringLiteral("the brotli stream is truncated."));
    return Ok{};
}

} // namespace slipway::device
