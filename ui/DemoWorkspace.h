#pragma once

#include "common/Result.h"

#include <QString>

namespace slipway::ui {

// The zero-configuration workspace: history, local storage and local channels under
// DataLocation, plus the demo web build shipped in the resources so a newcomer can release at once.
class DemoWorkspace
{
public:
    // Extracts the demo project (capacitor.config.json, package.json, www/) to DataLocation/demo and
    // returns the web build folder (…/demo/www). Existing files are refreshed.
    [[nodiscard]] static Result<QString> extractDemoBuild();
    // True when nothing was configured or released yet (no history file, no storage profiles).
    [[nodiscard]] static bool isFirstRun();
    [[nodiscard]] static QString localStorageFolder();
};

} // namespace slipway::ui
