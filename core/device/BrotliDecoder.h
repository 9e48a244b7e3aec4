#pragma once

#include "common/Result.h"

#include <QByteArray>

#include <functional>
#include <memory>

namespace slipway::device {

// Streaming brotli decoding (Debian's libbrotlidec) with a ceiling on the decoded size, so a small
// object cannot expand into an endless one.
class BrotliDecoder
{
public:
    explicit BrotliDecoder(qint64 maxOutputBytes);
    ~BrotliDecoder();
    BrotliDecoder(const BrotliDecoder&) = delete;
    BrotliDecoder& operator=(const BrotliDecoder&) = delete;

    // Decodes `size` input bytes, handing every decoded piece to `sink`; a failure
    // of the sink stops the decoding and is returned.
    [[nodiscard]] Status update(const char* data, qint64 size, const std::function<Status(const char*, qint64)>& sink);
    // Fails unless the stream ended exactly at its last input byte.
    [[nodiscard]] Status finish() const;
    [[nodiscard]] qint64 decodedBytes() const { return m_decoded; }

private:
    struct State;
    std::unique_ptr<State> m_state;
    qint64 m_maxOutput;
    qint64 m_decoded = 0;
    bool m_done = false;
};

} // namespace slipway::device
