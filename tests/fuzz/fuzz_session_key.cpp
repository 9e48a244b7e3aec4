// ivSessionKey and signed-checksum parsing, then unwrapping/recovery with a fixed public key.
#include "FuzzSupport.h"
#include "crypto/RsaKey.h"
#include "crypto/SessionKey.h"
#include "crypto/SignedChecksum.h"

using namespace slipway::crypto;

namespace {
const RsaKey& publicKey()
{
    static const RsaKey key = [] {
        auto generated = RsaKey::generate();
        return generated ? generated->publicKey() : RsaKey();
    }();
    return key;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString text = QString::fromLatin1(fuzzBytes(data, size));
    (void)SessionKey::checkSyntax(text);
    (void)SessionKey::unwrap(text, publicKey());
    (void)SignedChecksum::checkSyntax(text);
    if (auto recovered = SignedChecksum::recoverHex(text, publicKey()))
        (void)SignedChecksum::isLegacyV2Of(recovered.value(), QStringLiteral("00"));
    (void)checksumFormatFromString(text);
    return 0;
}
