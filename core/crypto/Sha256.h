#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace slipway::crypto {

// Streaming SHA-256.
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void add(const char* data, qint64 size);
    void add(const QByteArray& data) { add(data.constData(), data.size()); }
    // The 32-byte digest; the object is reset afterwards.
    [[nodiscard]] QByteArray finish();

    [[nodiscard]] static QByteArray of(const QByteArray& data);
    [[nodiscard]] static Result<QByteArray> ofFile(const QString& path);
    [[nodiscard]] static QString hex(const QByteArray& digest) { return QString::fromLatin1(digest.toHex()); }

private:
    struct Context;
    std::unique_ptr<Context> m_ctx;
};

} // namespace slipway::crypto
