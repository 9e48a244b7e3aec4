#include "registry/RolloutState.h"

#include "registry/RolloutCohort.h"

#include <cmath>

namespace slipway::registry {

namespace {

QJsonObject stableOf(const QJsonObject& manifest)
{
    QJsonObject stable = manifest;
    stable.remove(QStringLiteral("rollout"));
    return stable;
}

QString percentText(double percent)
{
    return QString::number(percent, 'g', 6) + QStringLiteral(" %");
}

} // namespace

QJsonObject RolloutState::toJson() const
{
    QJsonObject json{{QStringLiteral("id"), id},
                     {QStringLiteral("version"), version},
                     {QStringLiteral("percent"), percent},
                     {QStringLiteral("state"), state},
                     {QStringLiteral("release"), release},
                     {QStringLiteral("release_id"), releaseId},
                     {QStringLiteral("started_at"), startedAt},
                     {QStringLiteral("policy"), policy.toJson()}};
    if (!halt.isEmpty())
        json.insert(QStringLiteral("halt"), halt);
    return json;
}

Status RolloutState::checkPercent(double percent)
{
    if (!std::isfinite(percent) || percent < 0.0 || percent > 100.0)
        return fail(QStringLiteral("The rollout percentage must be a number from 0 to 100 (it is %1).").arg(percent));
    return Ok{};
}

Result<std::optional<RolloutState>> RolloutState::fromManifest(const QJsonObject& manifest)
{
    const QJsonValue section = manifest.value(QStringLiteral("rollout"));
    if (section.isUndefined() || section.isNull())
        return std::optional<RolloutState>();
    if (!section.isObject())
        return fail(QStringLiteral("The channel manifest's rollout is not an object."));
    const QJsonObject json = section.toObject();
    RolloutState r;
    r.id = json.value(QStringLiteral("id")).toString();
    r.version = json.value(QStringLiteral("version")).toString();
    r.percent = json.value(QStringLiteral("percent")).toDouble(-1);
    r.state = json.value(QStringLiteral("state")).toString();
    r.release = json.value(QStringLiteral("release")).toObject();
    r.releaseId = json.value(QStringLiteral("release_id")).toInteger();
    r.startedAt = json.value(QStringLiteral("started_at")).toString();
    r.halt = json.value(QStringLiteral("halt")).toObject();
    if (r.id.isEmpty() || r.version.isEmpty() || r.release.value(QStringLiteral("version")).toString() != r.version)
        return fail(QStringLiteral("The channel manifest's rollout lacks its id, version or release."));
    if (Status s = checkPercent(r.percent); !s)
        return s.error();
    if (r.state != Active && r.state != Paused && r.state != Halted && r.state != Aborted)
        return fail(QStringLiteral("The channel manifest's rollout state \"%1\" is unknown.").arg(r.state));
    auto policy = HealthPolicy::fromJson(json.value(QStringLiteral("policy")).toObject());
    if (!policy)
        return policy.error();
    r.policy = policy.value();
    return std::optional<RolloutState>(r);
}

ServedRelease RolloutState::choose(const QJsonObject& manifest, const QString& deviceId, const QString& runningVersion)
{
    ServedRelease served;
    served.manifest = stableOf(manifest);
    served.version = served.manifest.value(QStringLiteral("version")).toString();
    auto rollout = fromManifest(manifest);
    if (!rollout || !rollout->has_value()) {
        served.why = rollout ? QStringLiteral("The channel serves %1 to every device; no rollout is running.").arg(served.version)
                             : QStringLiteral("The channel serves %1: its rollout section is unreadable (%2).")
                                   .arg(served.version, rollout.error().message);
        return served;
    }
    const RolloutState& r = rollout->value();
    served.bucket = RolloutCohort::bucket(deviceId, r.id);
    const bool inCohort = !deviceId.isEmpty() && served.bucket < RolloutCohort::bound(r.percent);
    const QString cohort = QStringLiteral("bucket %1 of %2 for rollout %3; the cohort is buckets below %4 (%5)")
                               .arg(served.bucket)
                               .arg(RolloutCohort::Buckets)
                               .arg(r.id)
                               .arg(RolloutCohort::bound(r.percent))
                               .arg(percentText(r.percent));
    auto fromRollout = [&](const QString& why) {
        served.manifest = r.release;
        served.version = r.version;
        served.fromRollout = true;
        served.why = why;
        return served;
    };
    if (r.state == Aborted) {
        served.why = QStringLiteral("The rollout of %1 was aborted by its health policy: every device gets stable %2.")
                         .arg(r.version, served.version);
        return served;
    }
    if (r.state != Active) {
        if (runningVersion == r.version)
            return fromRollout(QStringLiteral("The rollout of %1 is %2; this device already runs it and keeps it.")
                                   .arg(r.version, r.state));
        served.why = QStringLiteral("The rollout of %1 is %2: no new device gets it, so this device gets stable %3 (%4).")
                         .arg(r.version, r.state, served.version, cohort);
        return served;
    }
    if (inCohort)
        return fromRollout(QStringLiteral("In the rollout of %1: %2.").arg(r.version, cohort));
    served.why = deviceId.isEmpty()
                     ? QStringLiteral("The request carries no device_id, so it gets stable %1.").arg(served.version)
                     : QStringLiteral("Not in the rollout of %1 (%2): it gets stable %3.").arg(r.version, cohort, served.version);
    return served;
}

} // namespace slipway::registry
