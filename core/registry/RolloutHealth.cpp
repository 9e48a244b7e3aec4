#include "registry/RolloutHealth.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace slipway::registry {

namespace {

QString percentText(double fraction)
{
    return QStringLiteral("%1 %").arg(fraction * 100.0, 0, 'f', 1);
}

} // namespace

QJsonObject HealthPolicy::toJson() const
{
    return QJsonObject{{QStringLiteral("min_devices"), minDevices},
                       {QStringLiteral("failure_threshold"), failureThreshold},
                       {QStringLiteral("action"), action}};
}

Result<HealthPolicy> HealthPolicy::fromJson(const QJsonObject& json)
{
    HealthPolicy policy;
    if (json.contains(QStringLiteral("min_devices"))) {
        const QJsonValue v = json.value(QStringLiteral("min_devices"));
        if (!v.isDouble() || v.toDouble() != std::floor(v.toDouble()))
            return fail(QStringLiteral("The rollout policy's min_devices must be a whole number."));
        policy.minDevices = v.toInt();
    }
    if (json.contains(QStringLiteral("failure_threshold"))) {
        const QJsonValue v = json.value(QStringLiteral("failure_threshold"));
        if (!v.isDouble())
            return fail(QStringLiteral("The rollout policy's failure_threshold must be a number."));
        policy.failureThreshold = v.toDouble();
    }
    if (json.contains(QStringLiteral("action")))
        policy.action = json.value(QStringLiteral("action")).toString();
    if (Status s = policy.check(); !s)
        return s.error();
    return policy;
}

Status HealthPolicy::check() const
{
    if (minDevices < 1 || minDevices > 10'000'000)
        return fail(QStringLiteral("The minimum number of devices must be from 1 to 10000000 (it is %1).").arg(minDevices));
    if (!(failureThreshold > 0.0 && failureThreshold < 1.0))
        return fail(QStringLiteral("The failure threshold must be a percentage above 0 and below 100 (it is %1 %).")
                        .arg(failureThreshold * 100.0));
    if (action != QLatin1String("pause") && action != QLatin1String("abort"))
        return fail(QStringLiteral("The halt action must be pause or abort (it is \"%1\").").arg(action));
    return Ok{};
}

QString HealthPolicy::describe() const
{
    return QStringLiteral("%1 when, after at least %2 devices, the 95 % lower bound of the failure rate is above %3")
        .arg(action)
        .arg(minDevices)
        .arg(percentText(failureThreshold));
}

QJsonObject HaltDecision::toJson() const
{
    return QJsonObject{{QStringLiteral("halt"), halt},
                       {QStringLiteral("action"), action},
                       {QStringLiteral("failure_rate"), failureRate},
                       {QStringLiteral("lower_bound"), lowerBound},
                       {QStringLiteral("reason"), reason}};
}

double RolloutHealth::wilsonLowerBound(qint64 failures, qint64 trials, double z)
{
    if (trials <= 0)
        return 0.0;
    const auto n = static_cast<double>(trials);
    const double p = static_cast<double>(std::clamp<qint64>(failures, 0, trials)) / n;
    const double z2 = z * z;
    const double centre = p + z2 / (2.0 * n);
    const double margin = z * std::sqrt((p * (1.0 - p) + z2 / (4.0 * n)) / n);
    return std::max(0.0, (centre - margin) / (1.0 + z2 / n));
}

HaltDecision RolloutHealth::decide(const HealthPolicy& policy, const RolloutTally& tally)
{
    HaltDecision d;
    d.failureRate = tally.devices > 0 ? static_cast<double>(tally.failed) / static_cast<double>(tally.devices) : 0.0;
    d.lowerBound = wilsonLowerBound(tally.failed, tally.devices);
    const QString counts = QStringLiteral("%1 of %2 devices (%3) reported a failure with %4; 95 % lower bound %5")
                               .arg(tally.failed)
                               .arg(tally.devices)
                               .arg(percentText(d.failureRate), tally.version, percentText(d.lowerBound));
    if (tally.devices < policy.minDevices) {
        d.reason = QStringLiteral("Watching: %1 of the %2 devices the policy waits for have tried %3.")
                       .arg(tally.devices)
                       .arg(policy.minDevices)
                       .arg(tally.version);
        return d;
    }
    if (d.lowerBound <= policy.failureThreshold) {
        d.reason = QStringLiteral("Healthy: %1, not above the %2 threshold.").arg(counts, percentText(policy.failureThreshold));
        return d;
    }
    d.halt = true;
    d.action = policy.action;
    QStringList top;
    for (const auto& [action, devices] : tally.topFailures)
        top << QStringLiteral("%1 x%2").arg(action).arg(devices);
    d.reason = QStringLiteral("Halted (%1): %2, above the %3 threshold.")
                   .arg(policy.action == QLatin1String("abort") ? QStringLiteral("aborted") : QStringLiteral("paused"),
                        counts, percentText(policy.failureThreshold));
    if (!top.isEmpty())
        d.reason += QStringLiteral(" Top failures: %1.").arg(top.join(QStringLiteral(", ")));
    if (tally.reverted > 0)
        d.reason += QStringLiteral(" %1 devices went back to the builtin or a previous bundle.").arg(tally.reverted);
    if (!tally.exampleDevices.isEmpty())
        d.reason += QStringLiteral(" Example devices: %1.").arg(tally.exampleDevices.join(QStringLiteral(", ")));
    return d;
}

} // namespace slipway::registry
