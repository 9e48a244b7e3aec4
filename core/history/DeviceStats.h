#pragma once

#include "common/Result.h"
#include "history/HistoryRecords.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace slipway::history {

class History;

// What the devices reported about one version of an app: each device counted once per outcome.
struct VersionTally
{
    QString version;
    qint64 devices = 0;  // devices that applied the version or reported a failure with it
    qint64 applied = 0;  // devices that switched to it
    qint64 failed = 0;   // devices that reported at least one failure with it
    qint64 reverted = 0; // devices that went back to the builtin or a previous bundle from it
    QList<QPair<QString, qint64>> topFailures; // failure action -> devices, most first
    QStringList exampleDevices;                // a few devices that failed, first failures first

    [[nodiscard]] QJsonObject toJson() const;
};

// One device's standing with one version.
struct DeviceVersionRecord
{
    QString version;
    bool applied = false;
    bool failed = false;
    bool reverted = false;
    QString failureAction; // the first failure it reported with this version
    QString lastAction;
    QDateTime lastAt;
};

// A device event with what it means for the version it names (the registry classifies the plugin's actions).
struct StatsEvent
{
    enum class Outcome { None, Applied, Failed, Reverted };
    DeviceEvent event;
    Outcome outcome = Outcome::None;
};

// The device statistics beside the release history (same SQLite file and connection): every event as received
// (device_events) and, per app, version and device, whether it applied, failed or left the version
// (device_versions), so that a rollout's health is one indexed query whatever the fleet's size. Telemetry, not
// audit evidence: these rows are not sealed.
class DeviceStats
{
public:
    explicit DeviceStats(History& history) : m_history(history) {}

    // All events in one write transaction (serve batches what arrives in a fraction of a second).
    [[nodiscard]] Status record(const QList<StatsEvent>& events);
    [[nodiscard]] Result<VersionTally> tally(const QString& appId, const QString& version, int examples = 5);
    // Newest first.
    [[nodiscard]] Result<QList<DeviceEvent>> eventsOf(const QString& appId, const QString& deviceId, int limit = 20);
    // The versions a device reported about, most recent first.
    [[nodiscard]] Result<QList<DeviceVersionRecord>> versionsOf(const QString& appId, const QString& deviceId);
    [[nodiscard]] Result<qint64> eventCount(const QString& appId);
    // Events with one of `actions` that a device reported about a version.
    [[nodiscard]] Result<qint64> reportsOf(const QString& appId, const QString& deviceId, const QString& version,
                                           const QStringList& actions);

    // The channel a device chose (POST /channel_self); none when it never chose one.
    [[nodiscard]] Result<std::optional<QString>> chosenChannel(const QString& appId, const QString& deviceId);
    [[nodiscard]] Status chooseChannel(const QString& appId, const QString& deviceId, const QString& channel);
    // Devices that reported one of `actions` with `version`, per minute (UTC), oldest first: adoption over time.
    [[nodiscard]] Result<QList<QPair<QDateTime, qint64>>> perMinute(const QString& appId, const QString& version,
                                                                    const QStringList& actions);

private:
    History& m_history;
};

} // namespace slipway::history
