#include "common/DataLocation.h"

#include <QDir>
#include <QStandardPaths>

namespace slipway {

namespace {
QString& overridePath()
{
    static QString path;
    return path;
}
} // namespace

void DataLocation::setOverride(const QString& path)
{
    overridePath() = path.isEmpty() ? QString() : QDir(path).absolutePath();
}

QString DataLocation::root()
{
    QString path = overridePath();
    if (path.isEmpty())
        path = qEnvironmentVariable("SLIPWAY_DATA_DIR");
    if (path.isEmpty())
        path = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (path.isEmpty())
        path = QDir::home().filePath(QStringLiteral(".local/share/slipway"));
    QDir().mkpath(path);
    return QDir(path).absolutePath();
}

QString DataLocation::folder(const QString& name)
{
    QString path = QDir(root()).filePath(name);
    QDir().mkpath(path);
    return path;
}

} // namespace slipway
