#include "release/ReleasePlan.h"

#include "common/BoundedFile.h"
#include "common/InputLimits.h"
#include "history/HistoryRecords.h"
#include "registry/Registrar.h"
#include "registry/ReleaseName.h"

#include <QFile>
#include <QJsonDocument>

namespace slipway::release {

QJsonObject ReleasePlan::toJson() const
{
    QJsonObject json{
        {QStringLiteral("app_id"), appId},
        {QStringLiteral("version"), version},
        {QStringLiteral("channel"), channel},
        {QStringLiteral("build_source"), buildSource},
        {QStringLiteral("key_path"), keyPath},
        {QStringLiteral("checksum_format"), crypto::checksumFormatName(checksumFormat)},
        {history::PlanStorageProfileKey, storageProfile},
        {QStringLiteral("registrar_profile"), registrarProfile},
        {QStringLiteral("notes"), notes},
        {QStringLiteral("link"), link},
        {QStringLiteral("min_update_version"), minUpdateVersion},
        {QStringLiteral("allow_re_release"), allowReRelease},
        {QStringLiteral("allow_new_key"), allowNewKey},
        {QStringLiteral("code_check"), codeCheck},
        {QStringLiteral("max_build_size"), buildLimits.maxBytes},
        {QStringLiteral("max_expansion"), buildLimits.maxExpansion},
    };
    // Only when asked: the plans of releases to every device stay as they were.
    if (rolloutPercent > 0)
        json.insert(QStringLiteral("rollout_percent"), rolloutPercent);
    if (!delta)
        json.insert(QStringLiteral("delta"), false);
    if (deltaSkipEmpty)
        json.insert(QStringLiteral("delta_skip_empty"), true);
    return json;
}

Result<ReleasePlan> ReleasePlan::fromJson(const QJsonObject& json)
{
    static const QStringList known{QStringLiteral("app_id"),
                                   QStringLiteral("version"),
                                   QStringLiteral("channel"),
                                   QStringLiteral("build_source"),
                                   QStringLiteral("key_path"),
                                   QStringLiteral("checksum_format"),
                                   history::PlanStorageProfileKey,
                                   QStringLiteral("registrar_profile"),
                                   QStringLiteral("notes"),
                                   QStringLiteral("link"),
                                   QStringLiteral("min_update_version"),
                                   QStringLiteral("allow_re_release"),
                                   QStringLiteral("allow_new_key"),
                                   QStringLiteral("code_check"),
                                   QStringLiteral("max_build_size"),
                                   QStringLiteral("max_expansion"),
                                   QStringLiteral("rollout_percent"),
                                   QStringLiteral("delta"),
                                   QStringLiteral("delta_skip_empty")};
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!known.contains(it.key()))
            return fail(QStringLiteral("Unknown field \"%1\" in the release plan; known fields: %2.")
                            .arg(it.key(), known.join(QStringLiteral(", "))));
    }
    ReleasePlan plan;
    plan.appId = json.value(QStringLiteral("app_id")).toString();
    plan.version = json.value(QStringLiteral("version")).toString();
    plan.channel = json.value(QStringLiteral("channel")).toString(plan.channel);
    plan.buildSource = json.value(QStringLiteral("build_source")).toString();
    plan.keyPath = json.value(QStringLiteral("key_path")).toString();
    if (json.contains(QStringLiteral("checksum_format"))) {
        auto format = crypto::checksumFormatFromString(json.value(QStringLiteral("checksum_format")).toString());
        if (!format)
            return format.error();
        plan.checksumFormat = format.value();
    }
    plan.storageProfile = json.value(history::PlanStorageProfileKey).toString();
    plan.registrarProfile = json.value(QStringLiteral("registrar_profile")).toString();
    plan.notes = json.value(QStringLiteral("notes")).toString();
    plan.link = json.value(QStringLiteral("link")).toString();
    plan.minUpdateVersion = json.value(QStringLiteral("min_update_version")).toString();
    plan.allowReRelease = json.value(QStringLiteral("allow_re_release")).toBool(false);
    plan.allowNewKey = json.value(QStringLiteral("allow_new_key")).toBool(false);
    plan.codeCheck = json.value(QStringLiteral("code_check")).toBool(true);
    plan.delta = json.value(QStringLiteral("delta")).toBool(true);
    plan.deltaSkipEmpty = json.value(QStringLiteral("delta_skip_empty")).toBool(false);
    plan.buildLimits.maxBytes = json.value(QStringLiteral("max_build_size")).toInteger(plan.buildLimits.maxBytes);
    plan.buildLimits.maxExpansion = json.value(QStringLiteral("max_expansion")).toInt(plan.buildLimits.maxExpansion);
    const QJsonValue rollout = json.value(QStringLiteral("rollout_percent"));
    if (!rollout.isUndefined() && !rollout.isNull()) {
        const double percent = rollout.toDouble(-1);
        if (!rollout.isDouble() || percent != static_cast<double>(static_cast<int>(percent)) || percent < 0 ||
            percent > MaxRolloutPercent)
            return fail(QStringLiteral("rollout_percent in the release plan must be a whole number from %1 to %2 "
                                       "(0: no rollout).")
                            .arg(MinRolloutPercent)
                            .arg(MaxRolloutPercent));
        plan.rolloutPercent = static_cast<int>(percent);
    }
    if (plan.buildLimits.maxBytes < 0 || plan.buildLimits.maxExpansion < 0)
        return fail(
            QStringLiteral("max_build_size and max_expansion in the release plan must be 0 (no limit) or more."));
    return plan;
}

Result<ReleasePlan> ReleasePlan::fromFile(const QString& path)
{
    auto bytes = readBoundedFile(path, limits::ConfigFileBytes, QStringLiteral("release plan"));
    if (!bytes)
        return bytes.error();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.value(), &error);
    if (!doc.isObject())
        return fail(QStringLiteral("The release plan %1 is not a JSON object (%2 at offset %3).")
                        .arg(path, error.errorString())
                        .arg(error.offset));
    return fromJson(doc.object());
}

Status ReleasePlan::validate() const
{
    QStringList missing;
    if (appId.trimmed().isEmpty())
        missing << QStringLiteral("the app id (--app-id, e.g. com.example.app)");
    if (version.trimmed().isEmpty())
        missing << QStringLiteral("the version (--version, e.g. 1.4.0)");
    if (buildSource.trimmed().isEmpty())
        missing << QStringLiteral("the build (--path, a web build folder or a CI archive)");
    if (channel.trimmed().isEmpty())
        missing << QStringLiteral("the channel (--channel, e.g. production)");
    if (!missing.isEmpty())
        return fail(QStringLiteral("The release plan lacks %1.").arg(missing.join(QStringLiteral(", "))), 2);
    // App id, version and channel become storage keys: one rule for every command that names them.
    if (Status s = registry::ReleaseName::validateChannel(channel); !s)
        return s;
    if (Status s = registry::ReleaseName::validateAppId(appId); !s)
        return s;
    if (Status s = registry::ReleaseName::validateVersion(version); !s)
        return s;
    return checkRollout(rolloutPercent, registrarProfile);
}

Status ReleasePlan::checkRollout(int percent, const QString& registrarProfile)
{
    if (percent == 0)
        return Ok{};
    if (percent < MinRolloutPercent || percent > MaxRolloutPercent)
        return fail(QStringLiteral("The rollout percentage must be a whole number from %1 to %2 (got %3): %1-%2 % of "
                                   "the devices get the new version first, the others keep the channel's stable "
                                   "release. To release to every device, leave the rollout out.")
                        .arg(MinRolloutPercent)
                        .arg(MaxRolloutPercent)
                        .arg(percent),
                    2);
    if (!registry::isChannelManifestProfile(registrarProfile))
        return fail(QStringLiteral("Refused: \"roll out to %1 % first\" needs the self-hosted channel manifest "
                                   "(Slipway's serve answers devices by cohort), but this release registers with "
                                   "the update service profile \"%2\" (Capgo), which Slipway cannot stage. Nothing "
                                   "was uploaded. Release without a rollout, or register with the local channel "
                                   "manifest.")
                        .arg(percent)
                        .arg(registrarProfile),
                    2);
    return Ok{};
}

} // namespace slipway::release
