#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace slipway::storage {

// SHA-256 and MD5 of the same bytes in one pass: SHA-256 is what Slipway verifies and reports,
// MD5 is what S3 ETags and Content-MD5 speak.
class ContentDigest
{
public:
    enum Algorithms { Sha256 = 1, Md5 = 2, Both = 3 };
    explicit ContentDigest(Algorithms algorithms = Both);
    ~ContentDigest();
    ContentDigest(const ContentDigest&) = delete;
    ContentDigest& operator=(const ContentDigest&) = delete;

    void add(const char* data, qint64 size);
    void add(const QByteArray& data) { add(data.constData(), data.size()); }
    // Finishes the digests (raw bytes; empty for an algorithm not chosen); the object is reset afterwards.
    void finish(QByteArray* sha256, QByteArray* md5 = nullptr);

    [[nodiscard]] static QByteArray sha256(const QByteArray& data);
    [[nodiscard]] static QByteArray md5(const QByteArray& data);
    [[nodiscard]] static QByteArray hmacSha256(const QByteArray& key, const QByteArray& data);
    // SHA-256 of a file's bytes (raw), reading it once.
    [[nodiscard]] static Result<QByteArray> sha256OfFile(const QString& path);

private:
    struct Context;
    std::unique_ptr<Context> m_ctx;
    Algorithms m_algorithms;
};

} // namespace slipway::storage
