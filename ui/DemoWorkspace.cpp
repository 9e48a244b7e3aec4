#include "DemoWorkspace.h"

#include "Resources.h"

#include "common/DataLocation.h"
#include "history/History.h"
#include "storage/StorageProfile.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QObject>

namespace slipway::ui {

Result<QString> DemoWorkspace::extractDemoBuild()
{
    initResources();
    const QString target = DataLocation::folder(QStringLiteral("demo"));
    QDirIterator it(QStringLiteral(":/demo"), QDir::Files, QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
        const QString resource = it.next();
        const QString relative = resource.mid(QStringLiteral(":/demo/").size());
        const QString path = QDir(target).filePath(relative);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile::remove(path);
        if (!QFile::copy(resource, path))
            return fail(
                QObject::tr("Cannot write the demo build to %1. Check that the data folder is writable.").arg(path));
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                                        QFileDevice::ReadOther);
        ++files;
    }
    if (files == 0)
        return fail(QObject::tr("The demo build is missing from this copy of Slipway."));
    return QDir(target).filePath(QStringLiteral("www"));
}

bool DemoWorkspace::isFirstRun()
{
    if (QFileInfo::exists(history::History::defaultPath())) {
        auto history = history::History::open();
        auto count = history ? history.value()->countReleases() : Result<qint64>(history.error());
        if (!count || count.value() > 0)
            return false;
    }
    auto profiles = storage::StorageProfileStore::load();
    return !profiles || profiles->isEmpty();
}

QString DemoWorkspace::localStorageFolder()
{
    return DataLocation::folder(QStringLiteral("storage"));
}

} // namespace slipway::ui
