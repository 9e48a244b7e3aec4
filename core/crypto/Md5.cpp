#include "crypto/Md5.h"

#include <openssl/evp.h>

namespace slipway::crypto {

struct Md5::Context
{
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    ~Context() { EVP_MD_CTX_free(md); }
};

Md5::Md5() : m_ctx(std::make_unique<Context>())
{
    EVP_DigestInit_ex(m_ctx->md, EVP_md5(), nullptr);
}

Md5::~Md5() = default;

void Md5::add(const char* data, qint64 size)
{
    if (size > 0)
        EVP_DigestUpdate(m_ctx->md, data, static_cast<size_t>(size));
}

QByteArray Md5::finish()
{
    QByteArray digest(16, '\0');
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_ctx->md, reinterpret_cast<unsigned char*>(digest.data()), &length);
    EVP_DigestInit_ex(m_ctx->md, EVP_md5(), nullptr);
    return digest;
}

QByteArray Md5::of(const QByteArray& data)
{
    Md5 hash;
    hash.add(data);
    return hash.finish();
}

} // namespace slipway::crypto
