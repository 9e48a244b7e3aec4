#include "crypto/RsaKey.h"

#include "common/BoundedFile.h"
#include "common/InputLimits.h"

#include "crypto/OpenSslError.h"
#include "crypto/Sha256.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/encoder.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rsa.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

namespace slipway::crypto {

namespace {

constexpr int Pbkdf2Iterations = 600000; // OWASP's 2023 figure for PBKDF2-HMAC-SHA256

struct BioDeleter
{
    void operator()(BIO* bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

struct PkeyCtxDeleter
{
    void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter>;

QByteArray bioContents(BIO* bio)
{
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return {data, static_cast<qsizetype>(length)};
}

// Serialises with an OpenSSL encoder ("PEM"/"DER", structure such as "type-specific" for PKCS#1).
QByteArray encode(EVP_PKEY* pkey, int selection, const char* format, const char* structure)
{
    OSSL_ENCODER_CTX* ctx = OSSL_ENCODER_CTX_new_for_pkey(pkey, selection, format, structure, nullptr);
    if (!ctx)
        return {};
    BioPtr bio(BIO_new(BIO_s_mem()));
    QByteArray out;
    if (OSSL_ENCODER_to_bio(ctx, bio.get()) == 1)
        out = bioContents(bio.get());
    OSSL_ENCODER_CTX_free(ctx);
    return out;
}

EVP_PKEY* decode(const QByteArray& pem, int selection, const SecureBytes& passphrase)
{
    EVP_PKEY* pkey = nullptr;
    OSSL_DECODER_CTX* ctx = OSSL_DECODER_CTX_new_for_pkey(&pkey, "PEM", nullptr, nullptr, selection, nullptr, nullptr);
    if (!ctx)
        return nullptr;
    if (!passphrase.isEmpty())
        OSSL_DECODER_CTX_set_passphrase(ctx, passphrase.data(), static_cast<size_t>(passphrase.size()));
    const auto* data = reinterpret_cast<const unsigned char*>(pem.constData());
    auto length = static_cast<size_t>(pem.size());
    if (OSSL_DECODER_from_data(ctx, &data, &length) != 1) {
        EVP_PKEY_free(pkey);
        pkey = nullptr;
    }
    OSSL_DECODER_CTX_free(ctx);
    return pkey;
}

QString keyTypeName(EVP_PKEY* pkey)
{
    const char* name = EVP_PKEY_get0_type_name(pkey);
    return name ? QString::fromLatin1(name) : QStringLiteral("unknown");
}

} // namespace

struct RsaKey::KeyHandle
{
    explicit KeyHandle(EVP_PKEY* key) : pkey(key) {}
    ~KeyHandle() { EVP_PKEY_free(pkey); }
    KeyHandle(const KeyHandle&) = delete;
    KeyHandle& operator=(const KeyHandle&) = delete;
    EVP_PKEY* pkey;
};

RsaKey::RsaKey() = default;
RsaKey::~RsaKey() = default;
RsaKey::RsaKey(const RsaKey&) = default;
RsaKey& RsaKey::operator=(const RsaKey&) = default;
RsaKey::RsaKey(RsaKey&&) noexcept = default;
RsaKey& RsaKey::operator=(RsaKey&&) noexcept = default;

Result<RsaKey> RsaKey::generate(int bits)
{
    EVP_PKEY* pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits));
    if (!pkey)
        return fail(QStringLiteral("Could not generate an RSA-%1 key: %2").arg(bits).arg(takeOpenSslError()));
    RsaKey key;
    key.m_key = std::make_shared<KeyHandle>(pkey);
    key.m_kind = Kind::Private;
    return key;
}

Result<RsaKey> RsaKey::fromPublicComponents(const QByteArray& modulus, const QByteArray& exponent)
{
    if (modulus.isEmpty() || exponent.isEmpty())
        return fail(QStringLiteral("The key has no RSA modulus or public exponent."));
    const auto toBn = [](const QByteArray& bytes) {
        return BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.constData()), static_cast<int>(bytes.size()),
                         nullptr);
    };
    BIGNUM* n = toBn(modulus);
    BIGNUM* e = toBn(exponent);
    OSSL_PARAM_BLD* builder = OSSL_PARAM_BLD_new();
    OSSL_PARAM* params = nullptr;
    if (n && e && builder && OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, n) == 1
        && OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, e) == 1)
        params = OSSL_PARAM_BLD_to_param(builder);
    EVP_PKEY* pkey = nullptr;
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    const bool made = params && ctx && EVP_PKEY_fromdata_init(ctx.get()) == 1
                      && EVP_PKEY_fromdata(ctx.get(), &pkey, EVP_PKEY_PUBLIC_KEY, params) == 1;
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(builder);
    BN_free(n);
    BN_free(e);
    if (!made)
        return fail(QStringLiteral("The RSA public key cannot be built: %1").arg(takeOpenSslError()));
    RsaKey key;
    key.m_key = std::make_shared<KeyHandle>(pkey);
    key.m_kind = Kind::Public;
    return key;
}

bool RsaKey::isPassphraseProtected(const QByteArray& pem)
{
    return pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || pem.contains("Proc-Type: 4,ENCRYPTED");
}

Result<RsaKey> RsaKey::fromPem(const QByteArray& pem, const SecureBytes& passphrase)
{
    static const QRegularExpression header(QStringLiteral("-----BEGIN ([A-Z0-9 ]+)-----"));
    const auto match = header.match(QString::fromLatin1(pem));
    if (!match.hasMatch())
        return fail(QStringLiteral("This is not a PEM key file (no '-----BEGIN ... KEY-----' line). "
                                   "Pick a Capgo key such as .capgo_key_v2 or .capgo_key_v2.pub."));
    const QString label = match.captured(1);
    const bool isPrivateLabel = label.contains(QLatin1String("PRIVATE KEY"));
    if (!label.endsWith(QLatin1String("KEY")))
        return fail(QStringLiteral("This PEM file holds a '%1', not a key.").arg(label));
    if (isPrivateLabel && isPassphraseProtected(pem) && passphrase.isEmpty())
        return fail(QStringLiteral("This private key is protected by a passphrase: give the passphrase to unlock it."), 3);

    EVP_PKEY* pkey = decode(pem, isPrivateLabel ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, passphrase);
    if (!pkey) {
        const QString detail = takeOpenSslError();
        if (isPrivateLabel && isPassphraseProtected(pem))
            return fail(QStringLiteral("The passphrase is wrong for this private key."), 3);
        return fail(QStringLiteral("The %1 in this file is damaged or in a format Slipway cannot read%2.")
                        .arg(isPrivateLabel ? QStringLiteral("private key") : QStringLiteral("public key"),
                             detail.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(detail)));
    }
    if (!EVP_PKEY_is_a(pkey, "RSA")) {
        const QString type = keyTypeName(pkey);
        EVP_PKEY_free(pkey);
        return fail(QStringLiteral("This is a %1 key; Capgo bundles need an RSA-2048 key "
                                   "(create one with 'slipway key create').")
                        .arg(type));
    }
    RsaKey key;
    key.m_key = std::make_shared<KeyHandle>(pkey);
    key.m_kind = isPrivateLabel ? Kind::Private : Kind::Public;
    return key;
}

Result<RsaKey> RsaKey::fromFile(const QString& path, const SecureBytes& passphrase)
{
    auto bytes = readBoundedFile(path, limits::KeyFileBytes, QStringLiteral("key file"));
    if (!bytes)
        return bytes.error();
    const SecureBytes pem(std::move(bytes).value());
    auto key = fromPem(pem.bytes(), passphrase);
    if (!key)
        return fail(QStringLiteral("%1: %2").arg(path, key.error().message), key.error().code);
    return key;
}

int RsaKey::bits() const
{
    return m_key ? EVP_PKEY_get_bits(m_key->pkey) : 0;
}

Status RsaKey::checkCapgoCompatible() const
{
    if (isNull())
        return fail(QStringLiteral("No key was given."));
    if (bits() != CapgoBits)
        return fail(QStringLiteral("This is an RSA-%1 key; phones accept only RSA-2048 keys (256-byte blocks). "
                                   "Create a compatible key with 'slipway key create'.")
                        .arg(bits()));
    return Ok{};
}

RsaKey RsaKey::publicKey() const
{
    RsaKey key;
    if (!m_key)
        return key;
    const QByteArray pem = publicPkcs1Pem();
    auto decoded = fromPem(pem);
    return decoded ? decoded.value() : key;
}

QByteArray RsaKey::publicPkcs1Pem() const
{
    return m_key ? encode(m_key->pkey, EVP_PKEY_PUBLIC_KEY, "PEM", "type-specific") : QByteArray();
}

SecureBytes RsaKey::privatePkcs1Pem() const
{
    if (!m_key || !isPrivate())
        return {};
    return SecureBytes(encode(m_key->pkey, EVP_PKEY_KEYPAIR, "PEM", "type-specific"));
}

Result<QByteArray> RsaKey::encryptedPkcs8Pem(const SecureBytes& passphrase) const
{
    if (!m_key || !isPrivate())
        return fail(QStringLiteral("Only a private key can be protected with a passphrase."));
    if (passphrase.isEmpty())
        return fail(QStringLiteral("The passphrase is empty."));
    PKCS8_PRIV_KEY_INFO* info = EVP_PKEY2PKCS8(m_key->pkey);
    X509_ALGOR* pbe = info ? PKCS5_pbe2_set_iv(EVP_aes_256_cbc(), Pbkdf2Iterations, nullptr, 0, nullptr, NID_hmacWithSHA256)
                           : nullptr;
    X509_SIG* sealed = pbe ? PKCS8_set0_pbe(reinterpret_cast<const char*>(passphrase.data()),
                                            static_cast<int>(passphrase.size()), info, pbe)
                           : nullptr;
    QByteArray pem;
    if (sealed) {
        BioPtr bio(BIO_new(BIO_s_mem()));
        if (PEM_write_bio_PKCS8(bio.get(), sealed) == 1)
            pem = bioContents(bio.get());
        X509_SIG_free(sealed);
    } else {
        X509_ALGOR_free(pbe);
    }
    PKCS8_PRIV_KEY_INFO_free(info);
    if (pem.isEmpty())
        return fail(QStringLiteral("Could not protect the private key: %1").arg(takeOpenSslError()));
    return pem;
}

QByteArray RsaKey::publicSpkiDer() const
{
    return m_key ? encode(m_key->pkey, EVP_PKEY_PUBLIC_KEY, "DER", "SubjectPublicKeyInfo") : QByteArray();
}

QString RsaKey::keyId() const
{
    return keyIdFromPem(publicPkcs1Pem());
}

QString RsaKey::fingerprintSha256() const
{
    return Sha256::hex(Sha256::of(publicSpkiDer()));
}

bool RsaKey::isSameKeyPair(const RsaKey& other) const
{
    return m_key && other.m_key && EVP_PKEY_eq(m_key->pkey, other.m_key->pkey) == 1;
}

Result<QByteArray> RsaKey::privateEncrypt(const QByteArray& data) const
{
    if (!m_key || !isPrivate())
        return fail(QStringLiteral("Signing needs the private key, but a public key was given."));
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, m_key->pkey, nullptr));
    size_t length = 0;
    const auto* in = reinterpret_cast<const unsigned char*>(data.constData());
    if (!ctx || EVP_PKEY_sign_init(ctx.get()) != 1 || EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1
        || EVP_PKEY_sign(ctx.get(), nullptr, &length, in, static_cast<size_t>(data.size())) != 1)
        return fail(QStringLiteral("RSA signing failed: %1").arg(takeOpenSslError()));
    QByteArray block(static_cast<qsizetype>(length), '\0');
    if (EVP_PKEY_sign(ctx.get(), reinterpret_cast<unsigned char*>(block.data()), &length, in,
                      static_cast<size_t>(data.size()))
        != 1)
        return fail(QStringLiteral("RSA signing failed: %1").arg(takeOpenSslError()));
    block.resize(static_cast<qsizetype>(length));
    return block;
}

Result<SecureBytes> RsaKey::publicDecrypt(const QByteArray& block) const
{
    if (!m_key)
        return fail(QStringLiteral("No public key was given."));
    const int expected = EVP_PKEY_get_size(m_key->pkey);
    if (block.size() != expected)
        return fail(QStringLiteral("The RSA block is %1 bytes; this key needs %2.").arg(block.size()).arg(expected));
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, m_key->pkey, nullptr));
    SecureBytes out(expected);
    auto length = static_cast<size_t>(expected);
    if (!ctx || EVP_PKEY_verify_recover_init(ctx.get()) != 1
        || EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1
        || EVP_PKEY_verify_recover(ctx.get(), out.data(), &length, reinterpret_cast<const unsigned char*>(block.constData()),
                                   static_cast<size_t>(block.size()))
               != 1) {
        takeOpenSslError();
        return fail(QStringLiteral("The RSA block was not made by the private key that matches this public key."));
    }
    out.resize(static_cast<qsizetype>(length));
    return out;
}

QString keyIdFromPem(const QByteArray& publicPem)
{
    QString body = QString::fromLatin1(publicPem);
    static const QRegularExpression armour(QStringLiteral("-----(BEGIN|END) [A-Z ]+-----"));
    static const QRegularExpression space(QStringLiteral("\\s"));
    body.remove(armour);
    body.remove(space);
    return body.left(20);
}

QString groupedFingerprint(const QString& hexFingerprint)
{
    QStringList pairs;
    for (qsizetype i = 0; i + 1 < hexFingerprint.size(); i += 2)
        pairs << hexFingerprint.mid(i, 2).toUpper();
    return pairs.join(QLatin1Char(':'));
}

QString fingerprintStart(const QString& hexFingerprint, int pairs)
{
    const QString grouped = groupedFingerprint(hexFingerprint);
    const qsizetype length = qsizetype(pairs) * 3 - 1;
    return grouped.size() <= length ? grouped : grouped.left(length) + QChar(0x2026);
}

} // namespace slipway::crypto
