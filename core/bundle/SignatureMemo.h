#pragma once

#include "crypto/RsaKey.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <mutex>
#include <optional>

namespace slipway::bundle {

// The V3 signed hashes of build files made by earlier releases with one key. PKCS#1 v1.5 signing is deterministic,
// so an unchanged file's signed hash is the one the last release made: looking it up spares a private-key operation
// per file (most of a one-file release's delta work, and far more with a hardware token). An entry is used only
// when it verifies with the public key; the file keeps the entries of the last build only. A memo that cannot be
// read or written only costs time. Safe from several threads.
class SignatureMemo
{
public:
    // `folder`: where the memo lives (the delta cache); one file per public key.
    SignatureMemo(const QString& folder, crypto::RsaKey publicKey);

    // Signed hashes in hex (Latin-1), as ManifestFile::fileHash holds them.
    [[nodiscard]] std::optional<QByteArray> find(const QByteArray& sha256) const;
    void remember(const QByteArray& sha256, const QByteArray& signedHash);
    // Keeps what this build used or made (atomically replaced).
    void save() const;

private:
    QString m_path;
    crypto::RsaKey m_publicKey;
    mutable std::mutex m_mutex;
    QHash<QByteArray, QByteArray> m_earlier;
    mutable QHash<QByteArray, QByteArray> m_used;
};

} // namespace slipway::bundle
