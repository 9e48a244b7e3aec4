#pragma once

#include "common/Result.h"
#include "common/SecureBytes.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace slipway::crypto {

// An RSA key, private (holding its public half) or public only. Capgo's bundle format uses
// RSA-2048 "private encrypt" / "public decrypt" with PKCS#1 v1.5 type-1 padding and no digest.
class RsaKey
{
public:
    enum class Kind { Private, Public };
    static constexpr int CapgoBits = 2048;

    RsaKey();
    ~RsaKey();
    RsaKey(const RsaKey& other);
    RsaKey& operator=(const RsaKey& other);
    RsaKey(RsaKey&& other) noexcept;
    RsaKey& operator=(RsaKey&& other) noexcept;

    [[nodiscard]] static Result<RsaKey> generate(int bits = CapgoBits);
    // PEM in PKCS#1 (Capgo's files), PKCS#8 (plain or encrypted with `passphrase`) or SPKI.
    [[nodiscard]] static Result<RsaKey> fromPem(const QByteArray& pem, const SecureBytes& passphrase = {});
    [[nodiscard]] static Result<RsaKey> fromFile(const QString& path, const SecureBytes& passphrase = {});
    // A public key from its big-endian modulus and public exponent (as a PKCS#11 token reports them).
    [[nodiscard]] static Result<RsaKey> fromPublicComponents(const QByteArray& modulus, const QByteArray& exponent);
    // True when the PEM text is an encrypted private key that needs a passphrase.
    [[nodiscard]] static bool isPassphraseProtected(const QByteArray& pem);

    [[nodiscard]] bool isNull() const { return !m_key; }
    [[nodiscard]] Kind kind() const { return m_kind; }
    [[nodiscard]] bool isPrivate() const { return m_kind == Kind::Private; }
    [[nodiscard]] int bits() const;
    // Devices accept only 256-byte RSA blocks: an error naming the problem unless this is RSA-2048.
    [[nodiscard]] Status checkCapgoCompatible() const;

    [[nodiscard]] RsaKey publicKey() const;
    // "-----BEGIN RSA PUBLIC KEY-----" PKCS#1, LF, 64-column lines, final newline (.capgo_key_v2.pub).
    [[nodiscard]] QByteArray publicPkcs1Pem() const;
    // "-----BEGIN RSA PRIVATE KEY-----" PKCS#1 (.capgo_key_v2). Private keys only.
    [[nodiscard]] SecureBytes privatePkcs1Pem() const;
    // "-----BEGIN ENCRYPTED PRIVATE KEY-----": PKCS#8, AES-256-CBC, PBKDF2-HMAC-SHA256.
    [[nodiscard]] Result<QByteArray> encryptedPkcs8Pem(const SecureBytes& passphrase) const;
    // DER SubjectPublicKeyInfo, the usual input of a public-key fingerprint.
    [[nodiscard]] QByteArray publicSpkiDer() const;

    // Capgo's key id: the first 20 characters of the public PEM's base64 body.
    [[nodiscard]] QString keyId() const;
    // SHA-256 of publicSpkiDer(), lowercase hex (64 characters).
    [[nodiscard]] QString fingerprintSha256() const;
    [[nodiscard]] bool isSameKeyPair(const RsaKey& other) const;

    // RSA PKCS#1 v1.5 type-1 block over `data` (no DigestInfo): the session key and checksum signatures.
    [[nodiscard]] Result<QByteArray> privateEncrypt(const QByteArray& data) const;
    // Recovers what privateEncrypt() wrapped; fails when the block was not made by the matching private key.
    [[nodiscard]] Result<SecureBytes> publicDecrypt(const QByteArray& block) const;

private:
    struct KeyHandle;
    std::shared_ptr<KeyHandle> m_key;
    Kind m_kind = Kind::Public;
};

// Capgo's key id computed from public PEM text, as the plugin does (no parsing of the key).
[[nodiscard]] QString keyIdFromPem(const QByteArray& publicPem);
// "AB:CD:..." groups for comparing a fingerprint by eye.
[[nodiscard]] QString groupedFingerprint(const QString& hexFingerprint);
// The start of groupedFingerprint() ("AB:CD:EF:01…"): every RSA-2048 key_id begins with the same
// 12 characters, so this is what tells keys apart at a glance next to a key_id.
[[nodiscard]] QString fingerprintStart(const QString& hexFingerprint, int pairs = 4);

} // namespace slipway::crypto
