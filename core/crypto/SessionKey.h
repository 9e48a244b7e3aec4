#pragma once

#include "common/Result.h"
#include "common/SecureBytes.h"
#include "crypto/BlockSigner.h"
#include "crypto/RsaKey.h"

#include <QByteArray>
#include <QString>

namespace slipway::crypto {

// The per-bundle AES key and IV. On the wire it travels as `ivSessionKey` / `session_key`:
// base64(IV) ":" base64(RSA private-encrypt of the key), 369 characters for RSA-2048.
class SessionKey
{
public:
    [[nodiscard]] static SessionKey generate();
    SessionKey(SecureBytes key, QByteArray iv) : m_key(std::move(key)), m_iv(std::move(iv)) {}

    [[nodiscard]] const SecureBytes& key() const { return m_key; }
    [[nodiscard]] const QByteArray& iv() const { return m_iv; }

    // Wraps the key with the publisher's private key (a key file or a token).
    [[nodiscard]] Result<QString> toIvSessionKey(const BlockSigner& signer) const;
    [[nodiscard]] Result<QString> toIvSessionKey(const RsaKey& privateKey) const;
    // What a device does: split on ':', IV of 16 bytes, unwrap a 16-byte key with the public key.
    [[nodiscard]] static Result<SessionKey> unwrap(const QString& ivSessionKey, const RsaKey& publicKey);
    // Only the syntax (two base64 parts, 16-byte IV, 256-byte block), without a key.
    [[nodiscard]] static Status checkSyntax(const QString& ivSessionKey);

private:
    SecureBytes m_key;
    QByteArray m_iv;
};

} // namespace slipway::crypto
