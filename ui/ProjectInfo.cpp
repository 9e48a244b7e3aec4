#include "ProjectInfo.h"

#include "common/BoundedFile.h"
#include "common/InputLimits.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace slipway::ui {

namespace {

QJsonObject readJson(const QString& path)
{
    const auto bytes = readBoundedFile(path, limits::ConfigFileBytes, QStringLiteral("project file"));
    return bytes ? QJsonDocument::fromJson(bytes.value()).object() : QJsonObject();
}

} // namespace

ProjectInfo ProjectInfo::find(const QString& buildPath)
{
    ProjectInfo info;
    if (buildPath.isEmpty())
        return info;
    const QFileInfo build(buildPath);
    QDir dir = build.isDir() ? QDir(build.absoluteFilePath()) : build.absoluteDir();
    // Three levels are enough for dist/, www/ or build/web/ layouts without wandering the disk.
    for (int level = 0; level < 3; ++level) {
        if (info.appId.isEmpty()) {
            const QString config = dir.filePath(QStringLiteral("capacitor.config.json"));
            const QString appId = readJson(config).value(QStringLiteral("appId")).toString();
            if (!appId.isEmpty()) {
                info.appId = appId;
                info.configPath = config;
            }
        }
        if (info.version.isEmpty()) {
            const QString package = dir.filePath(QStringLiteral("package.json"));
            const QString version = readJson(package).value(QStringLiteral("version")).toString();
            if (!version.isEmpty()) {
                info.version = version;
                info.packagePath = package;
            }
        }
        if ((!info.appId.isEmpty() && !info.version.isEmpty()) || !dir.cdUp())
            break;
    }
    return info;
}

} // namespace slipway::ui
