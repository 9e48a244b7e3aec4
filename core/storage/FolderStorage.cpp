#include "storage/FolderStorage.h"

#include "storage/FileCopy.h"
#include "storage/ObjectKey.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace slipway::storage {

FolderStorage::FolderStorage(const QString& rootPath, QUrl publicBaseUrl)
    : m_root(QDir::cleanPath(QDir(rootPath).absolutePath())), m_publicBase(std::move(publicBaseUrl))
{
}

QString FolderStorage::describe() const
{
    return QStringLiteral("folder %1").arg(m_root);
}

QString FolderStorage::pathOf(const QString& key) const
{
    return m_root + QLatin1Char('/') + key;
}

Status FolderStorage::upload(const QString& localPath, const QString& key, const ProgressFn& progress)
{
    if (auto valid = ObjectKey::validate(key); !valid)
        return valid;
    if (!QFileInfo(m_root).isDir())
        return fail(QStringLiteral("The storage folder %1 does not exist (or is not mounted): create it or fix the profile.").arg(m_root));
    auto copied = FileCopy::copyVerified(localPath, pathOf(key), progress, QStringLiteral("the folder %1").arg(m_root));
    if (!copied)
        return copied.error();
    return Ok{};
}

Result<StoredObject> FolderStorage::stat(const QString& key)
{
    if (auto valid = ObjectKey::validate(key); !valid)
        return valid.error();
    const QFileInfo info(pathOf(key));
    if (!info.exists() || !info.isFile())
        return fail(QStringLiteral("%1 is not in the folder %2.").arg(key, m_root));
    return StoredObject{key, info.size(), {}, info.lastModified()};
}

Result<bool> FolderStorage::exists(const QString& key)
{
    if (auto valid = ObjectKey::validate(key); !valid)
        return valid.error();
    return QFileInfo(pathOf(key)).isFile();
}

Status FolderStorage::remove(const QString& key)
{
    if (auto valid = ObjectKey::validate(key); !valid)
        return valid;
    QFile file(pathOf(key));
    if (!file.exists())
        return Ok{};
    if (!file.remove())
        return fail(QStringLiteral("Cannot delete %1 from the folder %2: %3").arg(key, m_root, file.errorString()));
    return Ok{};
}

Status FolderStorage::download(const QString& key, const QString& localPath, const ProgressFn& progress)
{
    if (auto valid = ObjectKey::validate(key); !valid)
        return valid;
    if (!QFileInfo(pathOf(key)).isFile())
        return fail(QStringLiteral("%1 is not in the folder %2.").arg(key, m_root));
    auto copied = FileCopy::copyVerified(pathOf(key), localPath, progress, QStringLiteral("the folder of %1").arg(localPath));
    if (!copied)
        return copied.error();
    return Ok{};
}

QUrl FolderStorage::publicUrl(const QString& key) const
{
    if (m_publicBase.isValid() && !m_publicBase.isEmpty())
        return ObjectKey::appendTo(m_publicBase, key);
    return QUrl::fromLocalFile(pathOf(key));
}

} // namespace slipway::storage
