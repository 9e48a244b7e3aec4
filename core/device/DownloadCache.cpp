#include "device/DownloadCache.h"

#include "common/InputLimits.h"
#include "crypto/Sha256.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace slipway::device {

QString DownloadCache::fileName(const QString& sha256Hex, const QString& path)
{
    return sha256Hex + QLatin1Char('_') + path.section(QLatin1Char('/'), -1);
}

bool DownloadCache::holds(const QString& file, const QString& sha256Hex)
{
    const QFileInfo info(file);
    if (!info.isFile() || info.size() > limits::ManifestFileBytes)
        return false;
    auto digest = crypto::Sha256::ofFile(file);
    return digest && crypto::Sha256::hex(digest.value()) == sha256Hex;
}

QString DownloadCache::find(const QString& sha256Hex, const QString& path, const QString& fileName) const
{
    if (!isEnabled())
        return {};
    QStringList names{DownloadCache::fileName(sha256Hex, path)};
    if (!fileName.isEmpty() && fileName != path)
        names << DownloadCache::fileName(sha256Hex, fileName);
    for (const QString& name : names) {
        QString candidate = QDir(m_dir).filePath(name);
        if (holds(candidate, sha256Hex))
            return candidate;
    }
    return {};
}

Status DownloadCache::store(const QString& sha256Hex, const QString& path, const QString& source) const
{
    if (!isEnabled())
        return Ok{};
    if (!QDir().mkpath(m_dir))
        return fail(QStringLiteral("Cannot create the cache folder %1.").arg(m_dir));
    const QString target = QDir(m_dir).filePath(fileName(sha256Hex, path));
    const QString partial = target + QStringLiteral(".part");
    QFile::remove(partial);
    if (!QFile::copy(source, partial))
        return fail(QStringLiteral("Cannot copy %1 into the cache %2.").arg(source, m_dir));
    QFile::remove(target);
    if (!QFile::rename(partial, target)) {
        QFile::remove(partial);
        return fail(QStringLiteral("Cannot write %1.").arg(target));
    }
    return Ok{};
}

} // namespace slipway::device
