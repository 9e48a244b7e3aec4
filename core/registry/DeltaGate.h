#pragma once

#include <QString>

namespace slipway::registry {

// Which @capgo/capacitor-updater versions are sent a delta (`manifest`) answer (spec capgo-delta.md): every
// 8.x; 7.x from 7.0.38 (7.0.30-7.0.37 brotli-decode every file whatever its name); 5.x and 6.x only when
// the team has tested them (`oldPlugins`). Anything else, or a version that cannot be read, gets the zip.
class DeltaGate
{
public:
    [[nodiscard]] static bool acceptsManifest(const QString& pluginVersion, bool oldPlugins = false);
};

} // namespace slipway::registry
