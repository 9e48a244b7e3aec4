#pragma once

#include "common/Result.h"

#include <QString>

namespace slipway::device {

// Where a manifest entry lands in the bundle: its file_name without ".br", which must be a relative POSIX
// path inside the bundle (the plugin's manifest_path_fail otherwise).
class ManifestPath
{
public:
    [[nodiscard]] static bool isBrotli(const QString& fileName) { return fileName.endsWith(QLatin1String(".br")); }
    // The target path, or why the name is refused (the message names it).
    [[nodiscard]] static Result<QString> target(const QString& fileName);
    // The same rules for a path that is already a target (a zip entry being unpacked).
    [[nodiscard]] static Status check(const QString& path);
};

} // namespace slipway::device
