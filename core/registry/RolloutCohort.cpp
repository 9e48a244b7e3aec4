#include "registry/RolloutCohort.h"

#include "crypto/Sha256.h"

#include <algorithm>
#include <cmath>

namespace slipway::registry {

int RolloutCohort::bucket(const QString& deviceId, const QString& rolloutId)
{
    QByteArray input = deviceId.toUtf8();
    input.append('\0');
    input.append(rolloutId.toUtf8());
    const QByteArray digest = crypto::Sha256::of(input);
    quint64 value = 0;
    for (int i = 0; i < 8; ++i)
        value = (value << 8) | static_cast<quint8>(digest.at(i));
    return static_cast<int>(value % Buckets);
}

int RolloutCohort::bound(double percent)
{
    if (!std::isfinite(percent))
        return 0;
    return std::clamp(static_cast<int>(std::lround(percent * 100.0)), 0, Buckets);
}

bool RolloutCohort::includes(const QString& deviceId, const QString& rolloutId, double percent)
{
    return bucket(deviceId, rolloutId) < bound(percent);
}

} // namespace slipway::registry
