#pragma once

#include "common/Result.h"
#include "release/DeltaPublication.h"

#include <QJsonObject>
#include <QString>

#include <atomic>

namespace slipway::release {

// Before a release is packaged (the Review page): what a phone on the channel's current version would download
// through the delta, from the SHA-256 of every file the zip will hold. Sizes are the files' own, before brotli and
// encryption: the objects are not made yet.
class DeltaForecast
{
public:
    // `previousRelease`: the channel manifest's current entry (its "manifest" lists each file's sha256);
    // `previousZipBytes`: that version's bundle, what the zip answer costs. `cancel` stops the hashing.
    [[nodiscard]] static Result<DeltaSaving> forecast(const QString& buildPath, bool excludeJunk,
                                                      const QJsonObject& previousRelease, qint64 previousZipBytes,
                                                      const std::atomic<bool>* cancel = nullptr);
};

} // namespace slipway::release
