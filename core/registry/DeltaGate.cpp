#include "registry/DeltaGate.h"

#include "project/SemanticVersion.h"

namespace slipway::registry {

bool DeltaGate::acceptsManifest(const QString& pluginVersion, bool oldPlugins)
{
    const auto version = project::SemanticVersion::parse(pluginVersion);
    if (!version)
        return false;
    const auto safeSeven = project::SemanticVersion::parse(QStringLiteral("7.0.38"));
    const quint64 major = version->major();
    if (major == 5 || major == 6)
        return oldPlugins;
    if (major == 7)
        return safeSeven && !(*version < *safeSeven);
    return major >= 8;
}

} // namespace slipway::registry
