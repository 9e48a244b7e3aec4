#include "crypto/Random.h"

#include <openssl/rand.h>

#include <stdexcept>

namespace slipway::crypto {

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), count) != 1)
        throw std::runtime_error("the system random generator failed");
    return bytes;
}

SecureBytes randomSecret(int count)
{
    SecureBytes secret(count);
    if (RAND_bytes(secret.data(), count) != 1)
        throw std::runtime_error("the system random generator failed");
    return secret;
}

} // namespace slipway::crypto
