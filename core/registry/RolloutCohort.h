#pragma once

#include <QString>

namespace slipway::registry {

// Which devices a rollout reaches: a device is in when bucket(device, rollout) < percent x 100. The bucket is a
// pure function of the two ids (SHA-256), so every `serve` replica, the CLI and the GUI agree without talking,
// a device keeps its answer across requests, and raising the percentage never drops a device that was in.
class RolloutCohort
{
public:
    static constexpr int Buckets = 10000;

    // 0 .. Buckets-1: the first 8 bytes of SHA-256(device_id NUL rollout_id), big-endian, modulo Buckets.
    [[nodiscard]] static int bucket(const QString& deviceId, const QString& rolloutId);
    // Percent (0-100, two decimals count) as the bucket bound: 12.5 % -> 1250.
    [[nodiscard]] static int bound(double percent);
    [[nodiscard]] static bool includes(const QString& deviceId, const QString& rolloutId, double percent);
};

} // namespace slipway::registry
