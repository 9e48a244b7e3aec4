#include "crypto/SessionKey.h"

#include "crypto/FileKeySigner.h"

#include "crypto/AesCbcCipher.h"
#include "crypto/Random.h"

#include <QStringList>

namespace slipway::crypto {

namespace {

Result<QByteArray> strictBase64(const QString& text, const QString& what)
{
    auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || text.isEmpty())
        return fail(QStringLiteral("The %1 of the session key is not valid base64.").arg(what));
    return decoded.decoded;
}

struct SessionKeyParts
{
    QByteArray iv;
    QByteArray block;
};

Result<SessionKeyParts> splitIvSessionKey(const QString& ivSessionKey)
{
    const QStringList parts = ivSessionKey.trimmed().split(QLatin1Char(':'));
    if (parts.size() != 2)
        return fail(QStringLiteral("The session key (ivSessionKey) must be two base64 parts joined by ':' "
                                   "(IV:wrapped key); this one has %1 part(s).")
                        .arg(parts.size()));
    auto iv = strictBase64(parts[0], QStringLiteral("IV part"));
    if (!iv)
        return iv.error();
    if (iv->size() != AesCbcCipher::BlockSize)
        return fail(QStringLiteral("The IV in the session key is %1 bytes; it must be 16.").arg(iv->size()));
    auto block = strictBase64(parts[1], QStringLiteral("wrapped-key part"));
    if (!block)
        return block.error();
    return SessionKeyParts{iv.value(), block.value()};
}

} // namespace

SessionKey SessionKey::generate()
{
    return {randomSecret(AesCbcCipher::KeySize), randomBytes(AesCbcCipher::BlockSize)};
}

Result<QString> SessionKey::toIvSessionKey(const RsaKey& privateKey) const
{
    return toIvSessionKey(FileKeySigner(privateKey));
}

Result<QString> SessionKey::toIvSessionKey(const BlockSigner& signer) const
{
    auto block = signer.signBlock(m_key.bytes());
    if (!block)
        return block.error();
    return QString::fromLatin1(m_iv.toBase64() + ':' + block->toBase64());
}

Status SessionKey::checkSyntax(const QString& ivSessionKey)
{
    auto parts = splitIvSessionKey(ivSessionKey);
    if (!parts)
        return parts.error();
    if (parts->block.size() != 256)
        return fail(QStringLiteral("The wrapped key in the session key is %1 bytes; an RSA-2048 block is 256.")
                        .arg(parts->block.size()));
    return Ok{};
}

Result<SessionKey> SessionKey::unwrap(const QString& ivSessionKey, const RsaKey& publicKey)
{
    auto parts = splitIvSessionKey(ivSessionKey);
    if (!parts)
        return parts.error();
    auto key = publicKey.publicDecrypt(parts->block);
    if (!key)
        return fail(QStringLiteral("The session key does not open with this public key: %1 "
                                   "Check that the app is configured with the public key of the key pair that "
                                   "encrypted the bundle.")
                        .arg(key.error().message));
    if (key->size() != AesCbcCipher::KeySize)
        return fail(QStringLiteral("The unwrapped AES key is %1 bytes; it must be 16.").arg(key->size()));
    return SessionKey(std::move(key.value()), parts->iv);
}

} // namespace slipway::crypto
