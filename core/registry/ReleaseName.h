#pragma once

#include "common/Result.h"

#include <QString>

namespace slipway::registry {

// The one rule for the names a release is filed under. App ids, versions and channels become
// storage keys and file names (APP/VERSION/bundle-….zip.encrypted, APP/channels/CHANNEL.json), so
// each is one path segment of safe characters: a letter or digit first, then letters, digits, '.',
// '_' and '-' (a version may also use '+', semver build metadata), at most
// limits::ReleaseNameChars characters. `release` (ReleasePlan::validate), `channel set`
// (ChannelControl), the channel manifest registrar and `serve`'s device requests all check names
// here; errors exit with code 2.
class ReleaseName
{
public:
    // An app id or channel name by the rule above (no message): what `slipway serve` accepts from a
    // device for the names a release can be published under.
    [[nodiscard]] static bool isPlainName(const QString& name);
    [[nodiscard]] static Status validateAppId(const QString& appId);
    [[nodiscard]] static Status validateVersion(const QString& version);
    [[nodiscard]] static Status validateChannel(const QString& channel);
};

} // namespace slipway::registry
