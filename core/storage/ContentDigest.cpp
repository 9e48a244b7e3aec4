#include "storage/ContentDigest.h"

#include <QFile>

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace slipway::storage {

struct ContentDigest::Context
{
    EVP_MD_CTX* sha = EVP_MD_CTX_new();
    EVP_MD_CTX* md5 = EVP_MD_CTX_new();
    Context() { reset(); }
    ~Context()
    {
        EVP_MD_CTX_free(sha);
        EVP_MD_CTX_free(md5);
    }
    // Not const: it restarts the digests the context owns, even though the pointers stay put.
    void reset() // NOLINT(readability-make-member-function-const)
    {
        EVP_DigestInit_ex(sha, EVP_sha256(), nullptr);
        EVP_DigestInit_ex(md5, EVP_md5(), nullptr);
    }
};

ContentDigest::ContentDigest(Algorithms algorithms) : m_ctx(std::make_unique<Context>()), m_algorithms(algorithms) {}
ContentDigest::~ContentDigest() = default;

void ContentDigest::add(const char* data, qint64 size)
{
    if (size <= 0)
        return;
    if (m_algorithms & Sha256)
        EVP_DigestUpdate(m_ctx->sha, data, static_cast<size_t>(size));
    if (m_algorithms & Md5)
        EVP_DigestUpdate(m_ctx->md5, data, static_cast<size_t>(size));
}

void ContentDigest::finish(QByteArray* sha256, QByteArray* md5)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(m_ctx->sha, out, &len);
    if (sha256)
        *sha256 = (m_algorithms & Sha256) ? QByteArray(reinterpret_cast<const char*>(out), static_cast<int>(len)) : QByteArray();
    EVP_DigestFinal_ex(m_ctx->md5, out, &len);
    if (md5)
        *md5 = (m_algorithms & Md5) ? QByteArray(reinterpret_cast<const char*>(out), static_cast<int>(len)) : QByteArray();
    m_ctx->reset();
}

namespace {

QByteArray oneShot(const EVP_MD* md, const QByteArray& data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.constData(), static_cast<size_t>(data.size()), out, &len, md, nullptr);
    return {reinterpret_cast<const char*>(out), static_cast<qsizetype>(len)};
}

} // namespace

QByteArray ContentDigest::sha256(const QByteArray& data)
{
    return oneShot(EVP_sha256(), data);
}

QByteArray ContentDigest::md5(const QByteArray& data)
{
    return oneShot(EVP_md5(), data);
}

QByteArray ContentDigest::hmacSha256(const QByteArray& key, const QByteArray& data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.constData(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.constData()),
         static_cast<size_t>(data.size()), out, &len);
    return {reinterpret_cast<const char*>(out), static_cast<qsizetype>(len)};
}

Result<QByteArray> ContentDigest::sha256OfFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0) {
            EVP_MD_CTX_free(ctx);
            return fail(QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
        }
        if (n == 0)
            break;
        EVP_DigestUpdate(ctx, buffer.constData(), static_cast<size_t>(n));
    }
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx, out, &len);
    EVP_MD_CTX_free(ctx);
    return QByteArray(reinterpret_cast<const char*>(out), static_cast<int>(len));
}

} // namespace slipway::storage
