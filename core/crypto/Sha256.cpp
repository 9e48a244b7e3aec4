#include "crypto/Sha256.h"

#include <QFile>

#include <openssl/evp.h>

namespace slipway::crypto {

struct Sha256::Context
{
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    ~Context() { EVP_MD_CTX_free(md); }
};

Sha256::Sha256() : m_ctx(std::make_unique<Context>())
{
    EVP_DigestInit_ex(m_ctx->md, EVP_sha256(), nullptr);
}

Sha256::~Sha256() = default;

void Sha256::add(const char* data, qint64 size)
{
    EVP_DigestUpdate(m_ctx->md, data, static_cast<size_t>(size));
}

QByteArray Sha256::finish()
{
    QByteArray digest(32, '\0');
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_ctx->md, reinterpret_cast<unsigned char*>(digest.data()), &length);
    EVP_DigestInit_ex(m_ctx->md, EVP_sha256(), nullptr);
    return digest;
}

QByteArray Sha256::of(const QByteArray& data)
{
    Sha256 hash;
    hash.add(data);
    return hash.finish();
}

Result<QByteArray> Sha256::ofFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    Sha256 hash;
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0)
            return fail(QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
        if (n == 0)
            break;
        hash.add(buffer.constData(), n);
    }
    return hash.finish();
}

} // namespace slipway::crypto
