// PEM key parsing: PKCS#1, PKCS#8 (plain and encrypted), SPKI, and everything that is not a key.
#include "FuzzSupport.h"
#include "crypto/RsaKey.h"

using slipway::SecureBytes;
using slipway::crypto::RsaKey;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray pem = fuzzBytes(data, size);
    auto key = RsaKey::fromPem(pem, SecureBytes(QByteArrayLiteral("fuzz")));
    if (key) {
        (void)key->keyId();
        (void)key->fingerprintSha256();
        (void)key->checkCapgoCompatible();
        (void)key->publicKey().publicPkcs1Pem();
    }
    (void)slipway::crypto::keyIdFromPem(pem);
    return 0;
}
