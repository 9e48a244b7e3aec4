#pragma once

#include "common/Result.h"
#include "history/HistoryRecords.h"

#include <QString>

#include <optional>

namespace slipway::history {
class History;
}

namespace slipway::release {

// Which versions of an app a channel already has: the rule the runner enforces at its pre-flight
// step, asked early so that the GUI can say so on the Build page instead of after Release.
class ReleasedVersions
{
public:
    // The release that holds app + version + channel: the newest completed one, else one in flight
    // (running or interrupted, which hold the claim until they complete or are abandoned).
    [[nodiscard]] static Result<std::optional<history::ReleaseRecord>>
    holder(history::History& history, const QString& appId, const QString& version, const QString& channel);
    // `version` when no release holds it, else the next patch version that none holds.
    [[nodiscard]] static Result<QString> nextFree(history::History& history, const QString& appId,
                                                  const QString& version, const QString& channel);
};

} // namespace slipway::release
