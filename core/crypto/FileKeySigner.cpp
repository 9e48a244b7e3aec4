#include "crypto/FileKeySigner.h"

namespace slipway::crypto {

FileKeySigner::FileKeySigner(RsaKey privateKey, QString path)
    : m_private(std::move(privateKey)), m_public(m_private.publicKey()), m_path(std::move(path))
{
}

SignerPtr FileKeySigner::make(const RsaKey& privateKey, const QString& path)
{
    return std::make_shared<FileKeySigner>(privateKey, path);
}

Result<QByteArray> FileKeySigner::signBlock(const QByteArray& data) const
{
    if (!m_private.isPrivate())
        return fail(QStringLiteral("Signing needs the private key (.capgo_key_v2), not the public one."));
    return m_private.privateEncrypt(data);
}

QString FileKeySigner::location() const
{
    return m_path.isEmpty() ? QStringLiteral("key in memory") : QStringLiteral("file %1").arg(m_path);
}

} // namespace slipway::crypto
