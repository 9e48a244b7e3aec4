#pragma once

#include <QByteArray>

namespace slipway::crypto {

// HMAC-SHA256 (RFC 2104), as Signature V4 chains it.
class HmacSha256
{
public:
    [[nodiscard]] static QByteArray of(const QByteArray& key, const QByteArray& data);
};

} // namespace slipway::crypto
