#pragma once

#include "common/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

namespace slipway::registry {

// The plugin never falls back from a failed delta to the zip: a device that keeps failing on one version's
// manifest would be stranded. This counts manifest failures reported through /stats per device and version;
// from the second one, that device is answered with the zip alone for that version. Bounded: past
// `capacity` device/version pairs the counts start over (those devices may get one more delta try).
// With a store (the history's device events, which every `serve` replica writes) a device that failed through
// another replica counts too.
class ManifestFailures
{
public:
    static constexpr int StrandedAfter = 2;
    // How many of `actions` a device reported about a version.
    using Store = std::function<Result<qint64>(const QString& appId, const QString& deviceId, const QString& version,
                                               const QStringList& actions)>;
    explicit ManifestFailures(int capacity) : m_capacity(capacity) {}

    void setStore(Store store) { m_store = std::move(store); }
    // One /stats event; counts it when its action is a manifest-path failure.
    void record(const QJsonObject& event);
    [[nodiscard]] bool stranded(const QString& appId, const QString& deviceId, const QString& version) const;
    [[nodiscard]] static bool isManifestFailure(const QString& action);

private:
    [[nodiscard]] static const QSet<QString>& actions();

    int m_capacity;
    Store m_store;
    QHash<QString, int> m_counts; // "device\nversion" -> failures
};

} // namespace slipway::registry
