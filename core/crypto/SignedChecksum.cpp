#include "crypto/SignedChecksum.h"

#include "crypto/FileKeySigner.h"

#include <QRegularExpression>

namespace slipway::crypto {

namespace {

constexpr int RsaBlockSize = 256;

bool isHex(const QString& text)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]+$"));
    return hex.match(text).hasMatch();
}

// The device's decoding: hex when it is all hex digits, base64 otherwise.
Result<QByteArray> decodeBlock(const QString& signedChecksum)
{
    const QString text = signedChecksum.trimmed();
    if (text.isEmpty())
        return fail(QStringLiteral("The signed checksum is empty."));
    QByteArray block;
    if (isHex(text)) {
        if (text.size() % 2 != 0)
            return fail(QStringLiteral("The signed checksum has an odd number of hex digits."));
        block = QByteArray::fromHex(text.toLatin1());
    } else {
        auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return fail(QStringLiteral("The signed checksum is neither hex nor base64."));
        block = decoded.decoded;
    }
    if (block.size() != RsaBlockSize)
        return fail(QStringLiteral("The signed checksum holds %1 bytes; a signed checksum is a 256-byte RSA block "
                                   "(512 hex characters). Was a plain SHA-256 given instead of the signed one?")
                        .arg(block.size()));
    return block;
}

} // namespace

Result<ChecksumFormat> checksumFormatFromString(const QString& name)
{
    const QString lower = name.trimmed().toLower();
    if (lower == QLatin1String("v3") || lower.isEmpty())
        return ChecksumFormat::V3;
    if (lower == QLatin1String("v2"))
        return ChecksumFormat::V2;
    if (lower == QLatin1String("crc32"))
        return ChecksumFormat::Crc32;
    return fail(QStringLiteral("Unknown checksum format '%1': use v3 (current plugins), v2 (legacy plugins) or crc32 "
                               "(plugins older than 5.10).")
                    .arg(name));
}

QString checksumFormatName(ChecksumFormat format)
{
    switch (format) {
    case ChecksumFormat::V3:
        return QStringLiteral("v3");
    case ChecksumFormat::V2:
        return QStringLiteral("v2");
    case ChecksumFormat::Crc32:
        return QStringLiteral("crc32");
    }
    return {};
}

Result<QString> SignedChecksum::sign(const QByteArray& sha256, const RsaKey& privateKey, ChecksumFormat format)
{
    return sign(sha256, FileKeySigner(privateKey), format);
}

Result<QString> SignedChecksum::sign(const QByteArray& sha256, const BlockSigner& signer, ChecksumFormat format)
{
    if (sha256.size() != 32)
        return fail(QStringLiteral("A SHA-256 digest is 32 bytes; got %1.").arg(sha256.size()));
    if (format == ChecksumFormat::Crc32)
        return fail(QStringLiteral("A CRC-32 checksum is not signed."));
    if (format == ChecksumFormat::V3) {
        auto block = signer.signBlock(sha256);
        if (!block)
            return block.error();
        return QString::fromLatin1(block->toHex());
    }
    // V2 signs the hex string read as base64 (48 bytes): what legacy plugins expect.
    const QByteArray legacyPayload = QByteArray::fromBase64(sha256.toHex());
    auto block = signer.signBlock(legacyPayload);
    if (!block)
        return block.error();
    return QString::fromLatin1(block->toBase64());
}

Result<QString> SignedChecksum::recoverHex(const QString& signedChecksum, const RsaKey& publicKey)
{
    auto block = decodeBlock(signedChecksum);
    if (!block)
        return block.error();
    auto recovered = publicKey.publicDecrypt(block.value());
    if (!recovered)
        return fail(QStringLiteral("The signed checksum was not signed by the private key matching this public key."));
    return QString::fromLatin1(recovered->bytes().toHex());
}

Status SignedChecksum::checkSyntax(const QString& signedChecksum)
{
    auto block = decodeBlock(signedChecksum);
    if (!block)
        return block.error();
    return Ok{};
}

bool SignedChecksum::isLegacyV2Of(const QString& recoveredHex, const QString& sha256Hex)
{
    const QByteArray recovered = QByteArray::fromHex(recoveredHex.toLatin1());
    return recovered.size() == 48 && recovered.toBase64() == sha256Hex.toLatin1();
}

} // namespace slipway::crypto
