#include "storage/FolderStorage.h"

#include "storage/FileCopy.h"
#include "storage/ObjectKey.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <unistd.h>

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

Status FolderStorage::send(StagedUpload& upload, const ProgressFn& progress)
{
    if (!QFileInfo(m_root).isDir())
        return fail(QStringLiteral("The storage folder %1 does not exist (or is not mounted): create it or fix the profile.").arg(m_root));
    const QString what = QStringLiteral("the folder %1").arg(m_root);
    if (upload.source == SourceFile::Immutable) {
        auto linked = FileCopy::linkInto(upload.localPath, pathOf(upload.key), what,
                                         m_flushAtEnd ? FileCopy::Flush::Later : FileCopy::Flush::Now);
        if (!linked)
            return linked.error();
        if (linked.value()) {
            upload.published = true; // one file under two names: there are no other bytes to prove
            return Ok{};
        }
    }
    auto copied = FileCopy::copyVerified(upload.localPath, pathOf(upload.key), progress, what);
    if (!copied)
        return copied.error();
    upload.sha256 = copied.value();
    upload.published = true;
    return Ok{};
}

void FolderStorage::beginObjectSet()
{
    m_flushAtEnd = true;
}

Status FolderStorage::endObjectSet()
{
    m_flushAtEnd = false;
    const int fd = ::open(QFile::encodeName(m_root).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return fail(QStringLiteral("Cannot open the storage folder %1: %2").arg(m_root, qt_error_string(errno)));
    const bool flushed = ::syncfs(fd) == 0;
    const int err = errno;
    ::close(fd);
    if (!flushed)
        return fail(QStringLiteral("Cannot flush the objects in %1 to disk: %2").arg(m_root, qt_error_string(err)));
    return Ok{};
}

Status FolderStorage::prove(StagedUpload& upload)
{
    // The copy was read back and compared before the rename; what remains is that it is there.
    upload.landedSize = QFileInfo(pathOf(upload.key)).size();
    if (upload.landedSize != upload.size)
        return fail(QStringLiteral("%1 holds %2 bytes at %3 instead of %4.").arg(describe()).arg(upload.landedSize).arg(upload.key).arg(upload.size));
    return Ok{};
}

void FolderStorage::discard(const StagedUpload& upload)
{
    if (upload.published)
        QFile::remove(pathOf(upload.key));
}

Result<StoredObject> FolderStorage::stat(const QString& key)
{
    if (auto valid = ObjectKey::validate(key); !valid)
        return valid.error();
    const QFileInfo info(pathOf(key));
    if (!info.exists() || !info.isFile())
        return fail(QStringLiteral("%1 is not in the folder %2.").arg(key, m_root), NotFound);
    return StoredObject{key, info.size(), {}, info.lastModified()};
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
