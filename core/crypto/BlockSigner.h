#pragma once

#include "common/Result.h"
#include "crypto/RsaKey.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace slipway::crypto {

// "Sign these raw bytes with PKCS#1 v1.5 type 1": the only private-key operation in Capgo's format
// (the wrapped session key, the V3/V2 checksum). A key file and a hardware token both provide it, so
// whoever signs never knows where the private key lives.
class BlockSigner
{
public:
    BlockSigner() = default;
    virtual ~BlockSigner();
    BlockSigner(const BlockSigner&) = delete;
    BlockSigner& operator=(const BlockSigner&) = delete;
    BlockSigner(BlockSigner&&) = delete;
    BlockSigner& operator=(BlockSigner&&) = delete;

    // The RSA block over `data` (no DigestInfo): 256 bytes for RSA-2048.
    [[nodiscard]] virtual Result<QByteArray> signBlock(const QByteArray& data) const = 0;
    // The public half (what phones hold): key_id, fingerprint, verification.
    [[nodiscard]] virtual const RsaKey& publicKey() const = 0;
    // Where the private key is kept, in words for a log line ("file /x/.capgo_key_v2", "token Release, key capgo").
    [[nodiscard]] virtual QString location() const = 0;
};

using SignerPtr = std::shared_ptr<const BlockSigner>;

} // namespace slipway::crypto
