#include "crypto/HmacSha256.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace slipway::crypto {

QByteArray HmacSha256::of(const QByteArray& key, const QByteArray& data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.constData(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.constData()),
         static_cast<size_t>(data.size()), out, &length);
    return {reinterpret_cast<const char*>(out), static_cast<qsizetype>(length)};
}

} // namespace slipway::crypto
