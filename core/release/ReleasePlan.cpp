#include "release/ReleasePlan.h"

#include "common/BoundedFile.h"
#include "common/InputLimits.h"
#include "history/HistoryRecords.h"
#include "registry/ReleaseName.h"

#include <QFile>
#include <QJsonDocument>

namespace slipway::release {

QJsonObject ReleasePlan::toJson() const
{
    return QJsonObject{
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
                                   QStringLiteral("max_expansion")};
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
    plan.buildLimits.maxBytes = json.value(QStringLiteral("max_build_size")).toInteger(plan.buildLimits.maxBytes);
    plan.buildLimits.maxExpansion = json.value(QStringLiteral("max_expansion")).toInt(plan.buildLimits.maxExpansion);
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
    return Ok{};
}

} // namespace slipway::release
