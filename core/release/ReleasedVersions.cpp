#include "release/ReleasedVersions.h"

#include "history/History.h"

#include <QVersionNumber>

namespace slipway::release {

Result<std::optional<history::ReleaseRecord>> ReleasedVersions::holder(history::History& history, const QString& appId,
                                                                       const QString& version, const QString& channel)
{
    auto completed = history.completedRelease(appId, version, channel);
    if (!completed || completed->has_value())
        return completed;
    history::ReleaseFilter filter;
    filter.appId = appId;
    filter.version = version;
    filter.channel = channel;
    filter.limit = 0;
    auto all = history.releases(filter);
    if (!all)
        return all.error();
    for (const history::ReleaseRecord& r : all.value()) {
        if (r.status == history::ReleaseStatus::Running || r.status == history::ReleaseStatus::Interrupted)
            return std::optional<history::ReleaseRecord>(r);
    }
    return std::optional<history::ReleaseRecord>();
}

Result<QString> ReleasedVersions::nextFree(history::History& history, const QString& appId, const QString& version,
                                           const QString& channel)
{
    QString candidate = version;
    for (int attempt = 0; attempt < 1000; ++attempt) {
        auto held = holder(history, appId, candidate, channel);
        if (!held)
            return held.error();
        if (!held->has_value())
            return candidate;
        const QVersionNumber number = QVersionNumber::fromString(candidate);
        if (number.segmentCount() < 1)
            return version;
        candidate = QVersionNumber(number.majorVersion(), number.minorVersion(), number.microVersion() + 1).toString();
    }
    return version;
}

} // namespace slipway::release
