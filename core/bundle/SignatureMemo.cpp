#include "bundle/SignatureMemo.h"

#include "common/BoundedFile.h"
#include "crypto/SignedChecksum.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace slipway::bundle {

namespace {

// A line is 64 hex digits, a space, the signed hash in hex (512 for RSA-2048, 1,024 for RSA-4096) and a newline.
constexpr qint64 MaxMemoBytes = qint64{64} * 1024 * 1024;

} // namespace

SignatureMemo::SignatureMemo(const QString& folder, crypto::RsaKey publicKey)
    : m_path(QDir(folder).filePath(QStringLiteral("signatures-%1.txt").arg(publicKey.fingerprintSha256().left(32)))),
      m_publicKey(std::move(publicKey))
{
    auto text = readBoundedFile(m_path, MaxMemoBytes, QStringLiteral("signature memo"));
    if (!text)
        return;
    for (const QByteArray& line : text->split('\n')) {
        const qsizetype space = line.indexOf(' ');
        if (space != 64)
            continue;
        const QByteArray sha = QByteArray::fromHex(line.left(space));
        if (sha.size() == 32)
            m_earlier.insert(sha, line.mid(space + 1));
    }
}

std::optional<QByteArray> SignatureMemo::find(const QByteArray& sha256) const
{
    QByteArray signedHash;
    {
        const std::lock_guard lock(m_mutex);
        signedHash = m_earlier.value(sha256);
    }
    if (signedHash.isEmpty())
        return std::nullopt;
    auto recovered = crypto::SignedChecksum::recoverHex(QString::fromLatin1(signedHash), m_publicKey);
    if (!recovered || recovered.value() != QString::fromLatin1(sha256.toHex()))
        return std::nullopt; // damaged, or another key's: signed again
    const std::lock_guard lock(m_mutex);
    m_used.insert(sha256, signedHash);
    return signedHash;
}

void SignatureMemo::remember(const QByteArray& sha256, const QByteArray& signedHash)
{
    const std::lock_guard lock(m_mutex);
    m_used.insert(sha256, signedHash);
}

void SignatureMemo::save() const
{
    QByteArray text;
    {
        const std::lock_guard lock(m_mutex);
        for (auto it = m_used.cbegin(); it != m_used.cend(); ++it)
            text += it.key().toHex() + ' ' + it.value() + '\n';
    }
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return;
    QSaveFile file(m_path);
    if (file.open(QIODevice::WriteOnly) && file.write(text) == text.size())
        (void)file.commit();
}

} // namespace slipway::bundle
