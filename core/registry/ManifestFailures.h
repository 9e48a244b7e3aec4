#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>

namespace slipway::registry {

// The plugin never falls back from a failed delta to the zip: a device that keeps failing on one version's
// manifest would be stranded. This counts manifest failures reported through /stats per device and version;
// from the second one, that device is answered with the zip alone for that version. Bounded: past
// `capacity` device/version pairs the counts start over (those devices may get one more delta try).
class ManifestFailures
{
public:
    static constexpr int StrandedAfter = 2;
    explicit ManifestFailures(int capacity) : m_capacity(capacity) {}

    // One /stats event; counts it when its action is a manifest-path failure.
    void record(const QJsonObject& event);
    [[nodiscard]] bool stranded(const QString& deviceId, const QString& version) const;
    [[nodiscard]] static bool isManifestFailure(const QString& action);

private:
    int m_capacity;
    QHash<QString, int> m_counts; // "device\nversion" -> failures
};

} // namespace slipway::registry
