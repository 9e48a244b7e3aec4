#pragma once

#include "common/Result.h"
#include "crypto/BlockSigner.h"
#include "crypto/RsaKey.h"

#include <QByteArray>
#include <QString>

namespace slipway::crypto {

// How the bundle checksum is presented to devices.
enum class ChecksumFormat {
    V3,   // hex of the RSA block over the 32 raw SHA-256 bytes (plugins >= 5.30/6.30/7.30, all 8.x)
    V2,   // base64 of the RSA block over base64decode(hex SHA-256): legacy plugins only
    Crc32 // unsigned CRC-32 hex of the zip: plugins older than 5.10/6.25/7.0
};

[[nodiscard]] Result<ChecksumFormat> checksumFormatFromString(const QString& name);
[[nodiscard]] QString checksumFormatName(ChecksumFormat format);

class SignedChecksum
{
public:
    // `sha256` is the 32-byte digest of the plain zip.
    [[nodiscard]] static Result<QString> sign(const QByteArray& sha256, const BlockSigner& signer,
                                              ChecksumFormat format = ChecksumFormat::V3);
    [[nodiscard]] static Result<QString> sign(const QByteArray& sha256, const RsaKey& privateKey,
                                              ChecksumFormat format = ChecksumFormat::V3);
    // What a device does: hex if it is all hex digits, else base64; a 256-byte block; recover it
    // with the public key; the recovered bytes, hex-encoded, lowercase.
    [[nodiscard]] static Result<QString> recoverHex(const QString& signedChecksum, const RsaKey& publicKey);
    // Only the syntax (hex or base64 of a 256-byte block), without a key.
    [[nodiscard]] static Status checkSyntax(const QString& signedChecksum);
    // True when a recovered V2 payload corresponds to this SHA-256 hex (to explain a mismatch).
    [[nodiscard]] static bool isLegacyV2Of(const QString& recoveredHex, const QString& sha256Hex);
};

} // namespace slipway::crypto
