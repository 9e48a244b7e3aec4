#pragma once

#include "common/Result.h"
#include "history/DeviceStats.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace slipway::registry {

// When a rollout stops itself: once at least minDevices devices tried the version, and the Wilson 95 % lower
// bound of their failure rate is above failureThreshold (so a few unlucky early devices do not stop a good
// release, and a clearly bad one stops long before most phones see it).
struct HealthPolicy
{
    int minDevices = 50;
    double failureThreshold = 0.05; // a fraction: 0.05 = 5 %
    QString action = QStringLiteral("pause"); // pause | abort

    [[nodiscard]] QJsonObject toJson() const;
    // Missing fields keep their defaults; wrong ones are an error naming the field.
    [[nodiscard]] static Result<HealthPolicy> fromJson(const QJsonObject& json);
    [[nodiscard]] Status check() const;
    [[nodiscard]] QString describe() const;
};

using RolloutTally = history::VersionTally;

struct HaltDecision
{
    bool halt = false;
    QString action;      // pause | abort when halting
    double failureRate = 0;
    double lowerBound = 0; // Wilson 95 % lower bound of the failure rate
    QString reason;        // plain words with the numbers, for channel status, the GUI and the audit chain

    [[nodiscard]] QJsonObject toJson() const;
};

class RolloutHealth
{
public:
    // Wilson score interval lower bound for `failures` out of `trials` (z = 1.96); 0 when trials is 0.
    [[nodiscard]] static double wilsonLowerBound(qint64 failures, qint64 trials, double z = 1.96);
    [[nodiscard]] static HaltDecision decide(const HealthPolicy& policy, const RolloutTally& tally);
};

} // namespace slipway::registry
