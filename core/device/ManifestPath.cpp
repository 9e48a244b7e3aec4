#include "device/ManifestPath.h"

#include <QStringList>

namespace slipway::device {

Result<QString> ManifestPath::target(const QString& fileName)
{
    const QString path = isBrotli(fileName) ? fileName.chopped(3) : fileName;
    if (Status ok = check(path); !ok)
        return fail(QStringLiteral("'%1': %2").arg(fileName, ok.error().message));
    return path;
}

Status ManifestPath::check(const QString& path)
{
    if (path.isEmpty())
        return fail(QStringLiteral("an empty path: refused (manifest_path_fail)."));
    if (path.startsWith(QLatin1Char('/')))
        return fail(QStringLiteral("an absolute path: refused (manifest_path_fail)."));
    if (path.contains(QChar(u'\0')))
        return fail(QStringLiteral("a NUL character in the path: refused (manifest_path_fail)."));
    const QStringList parts = path.split(QLatin1Char('/'));
    for (const QString& part : parts) {
        if (part.isEmpty())
            return fail(QStringLiteral("an empty path segment: refused (manifest_path_fail)."));
        if (part == QLatin1String(".."))
            return fail(QStringLiteral("a '..' segment would leave the bundle folder: refused (manifest_path_fail)."));
        if (part == QLatin1String("."))
            return fail(QStringLiteral("a '.' segment: refused (manifest_path_fail)."));
    }
    return Ok{};
}

} // namespace slipway::device
