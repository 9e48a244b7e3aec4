#pragma once

#include <QString>

namespace slipway {

// Where Slipway keeps its history, local storage and local channels:
// --data-dir, else $SLIPWAY_DATA_DIR, else the platform's application data folder.
class DataLocation
{
public:
    static void setOverride(const QString& path);
    [[nodiscard]] static QString root();
    // A sub-folder of root(), created on demand.
    [[nodiscard]] static QString folder(const QString& name);
};

} // namespace slipway
