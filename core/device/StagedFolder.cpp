#include "device/StagedFolder.h"

#include <QDir>
#include <QFileInfo>

namespace slipway::device {

Result<std::unique_ptr<StagedFolder>> StagedFolder::create(const QString& destination)
{
    QString pattern = QDir(QDir::tempPath()).filePath(QStringLiteral("slipway-bundle-XXXXXX"));
    QString target;
    if (!destination.isEmpty()) {
        const QFileInfo info(destination);
        target = info.absoluteFilePath();
        if (info.exists() && !info.isDir())
            return fail(QStringLiteral("The output folder %1 is a file: give a new or empty folder.").arg(target));
        if (info.isDir() && !QDir(target).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
            return fail(QStringLiteral("The output folder %1 is not empty: give a new or empty folder (a phone "
                                       "writes every bundle into a folder of its own).")
                            .arg(target));
        const QString parent = info.absolutePath();
        if (!QDir().mkpath(parent))
            return fail(QStringLiteral("Cannot create the folder %1.").arg(parent));
        pattern = QDir(parent).filePath(QStringLiteral(".%1.partial-XXXXXX").arg(info.fileName()));
    }
    std::unique_ptr<StagedFolder> staged(new StagedFolder(pattern, target));
    if (!staged->m_dir.isValid())
        return fail(QStringLiteral("Cannot create a temporary folder (%1): %2").arg(pattern, staged->m_dir.errorString()));
    return staged;
}

Status StagedFolder::commit()
{
    if (m_destination.isEmpty())
        return Ok{};
    if (QFileInfo(m_destination).isDir() && !QDir().rmdir(m_destination))
        return fail(QStringLiteral("Cannot replace the empty folder %1.").arg(m_destination));
    if (!QDir().rename(m_dir.path(), m_destination))
        return fail(QStringLiteral("Cannot move the new bundle into %1.").arg(m_destination));
    m_dir.setAutoRemove(false);
    return Ok{};
}

} // namespace slipway::device
