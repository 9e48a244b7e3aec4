#pragma once

#include "crypto/BlockSigner.h"

namespace slipway::crypto {

// A private key held in memory (loaded from a PEM file): OpenSSL's private encrypt.
class FileKeySigner final : public BlockSigner
{
public:
    // `privateKey` must be a private key; `path` is only shown (empty for a key made in memory).
    explicit FileKeySigner(RsaKey privateKey, QString path = {});
    [[nodiscard]] static SignerPtr make(const RsaKey& privateKey, const QString& path = {});

    [[nodiscard]] Result<QByteArray> signBlock(const QByteArray& data) const override;
    [[nodiscard]] const RsaKey& publicKey() const override { return m_public; }
    [[nodiscard]] QString location() const override;

private:
    RsaKey m_private;
    RsaKey m_public;
    QString m_path;
};

} // namespace slipway::crypto
