#pragma once

#include <QByteArray>

#include <memory>

namespace slipway::crypto {

// Streaming MD5: not for security, only for what storage services speak (Content-MD5, S3 ETags).
class Md5
{
public:
    Md5();
    ~Md5();
    Md5(const Md5&) = delete;
    Md5& operator=(const Md5&) = delete;

    void add(const char* data, qint64 size);
    void add(const QByteArray& data) { add(data.constData(), data.size()); }
    // The 16-byte digest; the object is reset afterwards.
    [[nodiscard]] QByteArray finish();

    [[nodiscard]] static QByteArray of(const QByteArray& data);

private:
    struct Context;
    std::unique_ptr<Context> m_ctx;
};

} // namespace slipway::crypto
