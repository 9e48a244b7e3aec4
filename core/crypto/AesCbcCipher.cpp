#include "crypto/AesCbcCipher.h"

#include <openssl/evp.h>

namespace slipway::crypto {

struct AesCbcCipher::Context
{
    EVP_CIPHER_CTX* cipher = EVP_CIPHER_CTX_new();
    ~Context() { EVP_CIPHER_CTX_free(cipher); }
};

AesCbcCipher::AesCbcCipher(Direction direction, const SecureBytes& key, const QByteArray& iv)
    : m_ctx(std::make_unique<Context>()), m_direction(direction)
{
    if (key.size() != KeySize || iv.size() != BlockSize) {
        m_failed = true;
        return;
    }
    const auto* ivBytes = reinterpret_cast<const unsigned char*>(iv.constData());
    const int rc = EVP_CipherInit_ex(m_ctx->cipher, EVP_aes_128_cbc(), nullptr, key.data(), ivBytes,
                                     direction == Direction::Encrypt ? 1 : 0);
    m_failed = rc != 1;
}

AesCbcCipher::~AesCbcCipher() = default;

Status AesCbcCipher::update(const char* data, qint64 size, QByteArray& out)
{
    if (m_failed)
        return fail(QStringLiteral("The AES session key or IV is not 16 bytes."));
    const qsizetype start = out.size();
    out.resize(start + size + BlockSize);
    int written = 0;
    if (EVP_CipherUpdate(m_ctx->cipher, reinterpret_cast<unsigned char*>(out.data() + start), &written,
                         reinterpret_cast<const unsigned char*>(data), static_cast<int>(size))
        != 1) {
        out.resize(start);
        m_failed = true;
        return fail(QStringLiteral("AES-128-CBC failed."));
    }
    out.resize(start + written);
    return Ok{};
}

Status AesCbcCipher::finish(QByteArray& out)
{
    if (m_failed)
        return fail(QStringLiteral("The AES session key or IV is not 16 bytes."));
    const qsizetype start = out.size();
    out.resize(start + BlockSize);
    int written = 0;
    if (EVP_CipherFinal_ex(m_ctx->cipher, reinterpret_cast<unsigned char*>(out.data() + start), &written) != 1) {
        out.resize(start);
        m_failed = true;
        if (m_direction == Direction::Decrypt)
            return fail(QStringLiteral("The bundle does not decrypt: its padding is wrong, so either the session key "
                                       "belongs to another bundle or the file is damaged or truncated."));
        return fail(QStringLiteral("AES-128-CBC failed."));
    }
    out.resize(start + written);
    return Ok{};
}

Status AesCbcCipher::encryptInPlace(QByteArray& bytes)
{
    if (m_failed)
        return fail(QStringLiteral("The AES session key or IV is not 16 bytes."));
    if (m_direction != Direction::Encrypt)
        return fail(QStringLiteral("AES-128-CBC in place only encrypts."));
    const qsizetype plain = bytes.size();
    bytes.reserve(qsizetype(encryptedSize(plain))); // exactly: resize() alone may take room to grow into
    bytes.resize(qsizetype(encryptedSize(plain)));
    auto* data = reinterpret_cast<unsigned char*>(bytes.data());
    int written = 0;
    int last = 0;
    // OpenSSL allows the input and the output to be the same buffer (not partly overlapping ones).
    if (EVP_CipherUpdate(m_ctx->cipher, data, &written, data, static_cast<int>(plain)) != 1 ||
        EVP_CipherFinal_ex(m_ctx->cipher, data + written, &last) != 1 || written + last != bytes.size()) {
        m_failed = true;
        return fail(QStringLiteral("AES-128-CBC failed."));
    }
    return Ok{};
}

} // namespace slipway::crypto
