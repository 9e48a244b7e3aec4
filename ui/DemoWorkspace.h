#pragma once

#include "ReleaseDraft.h"
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
    // The demo release, ready to run with no question asked: the demo build, its app id, the first
    // version of it not yet released on the channel, Slipway's default key (created by the release
    // when missing) and the local workspace's storage and channel manifest.
    [[nodiscard]] static Result<ReleaseDraft> demoDraft();
    // True when nothing was configured or released yet (no history file, no storage profiles).
    [[nodiscard]] static bool isFirstRun();
    [[nodiscard]] static QString localStorageFolder();
};

} // namespace slipway::ui
