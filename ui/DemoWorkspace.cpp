#include "DemoWorkspace.h"

#include "ProjectInfo.h"
#include "Resources.h"

#include "common/DataLocation.h"
#include "history/History.h"
#include "release/ReleasedVersions.h"
#include "storage/StorageProfile.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QSaveFile>

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
        ++files;
        QFile source(resource);
        if (!source.open(QIODevice::ReadOnly))
            return fail(QObject::tr("The demo build in this copy of Slipway cannot be read (%1).").arg(resource));
        const QByteArray bytes = source.readAll();
        QFile existing(path);
        if (existing.open(QIODevice::ReadOnly) && existing.size() == bytes.size() && existing.readAll() == bytes)
            continue;
        // Replaced in one rename: a release reading the demo build meanwhile (the CLI on the same data
        // folder) sees the old file or the new one, never a missing or half-written one.
        QDir().mkpath(QFileInfo(path).absolutePath());
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
            return fail(
                QObject::tr("Cannot write the demo build to %1. Check that the data folder is writable.").arg(path));
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                                        QFileDevice::ReadOther);
    }
    if (files == 0)
        return fail(QObject::tr("The demo build is missing from this copy of Slipway."));
    return QDir(target).filePath(QStringLiteral("www"));
}

Result<ReleaseDraft> DemoWorkspace::demoDraft()
{
    auto build = extractDemoBuild();
    if (!build)
        return build.error();
    ReleaseDraft draft;
    draft.demo = true;
    const ProjectInfo info = ProjectInfo::find(build.value());
    draft.plan.buildSource = build.value();
    draft.plan.appId = info.appId;
    draft.plan.version = info.version;
    draft.plan.notes = QObject::tr("Demo release");
    draft.keyLabel = QObject::tr("Slipway default key");
    // keyPath stays empty: the runner signs with the default key and creates it on first use.
    auto history = history::History::open();
    if (!history)
        return history.error();
    auto version =
        release::ReleasedVersions::nextFree(*history.value(), draft.plan.appId, draft.plan.version, draft.plan.channel);
    if (!version)
        return version.error();
    draft.plan.version = version.value();
    return draft;
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
