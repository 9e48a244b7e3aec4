#pragma once

#include <QString>

namespace slipway::ui {

// App id and version found next to a build: capacitor.config.json (appId) and package.json
// (version), looked up in the build folder and the folders above it (a Capacitor project keeps
// them at its root, the web build in a sub-folder).
struct ProjectInfo
{
    QString appId;
    QString version;
    QString configPath;
    QString packagePath;

    [[nodiscard]] static ProjectInfo find(const QString& buildPath);
};

} // namespace slipway::ui
