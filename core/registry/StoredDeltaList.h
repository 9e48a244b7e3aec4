#pragma once

#include "common/Result.h"

#include <QJsonArray>
#include <QString>

#include <optional>

namespace slipway::storage {
class StorageTarget;
}

namespace slipway::registry {

// A release's delta file list kept on the storage beside its bundle (APP/VERSION/delta-HASH.json for
// APP/VERSION/bundle-HASH.zip.encrypted): the channel manifest's entries as the release published them. A later
// promote or roll back of that release serves the delta again from it, not the zip alone.
class StoredDeltaList
{
public:
    struct Release
    {
        QString appId;
        QString version;
        QString bundleKey;    // the object key of the encrypted bundle
        QString bundleSha256; // of the encrypted bundle, as the history records it
    };

    // Empty when the bundle key is not one a release writes (such a release has no list).
    [[nodiscard]] static QString keyFor(const QString& bundleKey);
    [[nodiscard]] static Status publish(storage::StorageTarget& target, const Release& release,
                                        const QJsonArray& entries);
    // The entries, checked by the plugin's rules and against the release; nullopt when the release has no list (it
    // was published without a delta, or before lists were kept); an error when the list is damaged or another's.
    [[nodiscard]] static Result<std::optional<QJsonArray>> fetch(storage::StorageTarget& target,
                                                                 const Release& release);
};

} // namespace slipway::registry
