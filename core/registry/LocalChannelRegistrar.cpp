#include "registry/LocalChannelRegistrar.h"

#include "common/InputLimits.h"
#include "common/JsonStream.h"
#include "registry/CapgoRegistrar.h"
#include "registry/ReleaseName.h"
#include "storage/StorageTarget.h"
#include "storage/StoredJson.h"

#include <algorithm>
#include <array>

namespace slipway::registry {

LocalChannelRegistrar::LocalChannelRegistrar(std::shared_ptr<storage::StorageTarget> storage)
    : m_storage(std::move(storage))
{
}

QString LocalChannelRegistrar::describe() const
{
    return QStringLiteral("channel manifest on %1").arg(m_storage->describe());
}

QString LocalChannelRegistrar::manifestKey(const QString& appId, const QString& channel)
{
    return QStringLiteral("%1/channels/%2.json").arg(appId, channel);
}

Result<QString> LocalChannelRegistrar::checkedManifestKey(const QString& appId, const QString& channel)
{
    // The names become the manifest's path: "a/b" would write APP/channels/a/b.json.
    if (Status s = ReleaseName::validateAppId(appId); !s)
        return s.error();
    if (Status s = ReleaseName::validateChannel(channel); !s)
        return s.error();
    return manifestKey(appId, channel);
}

QJsonObject LocalChannelRegistrar::manifestJson(const RegistrationRequest& request)
{
    QJsonObject manifest{
        {QStringLiteral("version"), request.version},
        {QStringLiteral("url"), request.bundleUrl.toString(QUrl::FullyEncoded)},
        {QStringLiteral("session_key"), request.ivSessionKey},
        {QStringLiteral("checksum"), request.signedChecksum},
        {QStringLiteral("min_update_version"),
         request.minUpdateVersion.isEmpty() ? QJsonValue() : QJsonValue(request.minUpdateVersion)},
        {QStringLiteral("key_id"), request.keyId},
        {QStringLiteral("released_at"),
         (request.releasedAt.isValid() ? request.releasedAt : QDateTime::currentDateTimeUtc())
             .toUTC()
             .toString(Qt::ISODateWithMs)},
    };
    if (!request.link.isEmpty())
        manifest.insert(QStringLiteral("link"), request.link);
    if (!request.comment.isEmpty())
        manifest.insert(QStringLiteral("comment"), request.comment);
    if (!request.deltaFiles.isEmpty())
        manifest.insert(QStringLiteral("manifest"), request.deltaFiles);
    return manifest;
}

Result<RegistrationResult> LocalChannelRegistrar::registerRelease(const RegistrationRequest& request,
                                                                  const ProgressFn& progress)
{
    if (Status s = ReleaseName::validateVersion(request.version); !s)
        return s.error();
    if (!request.bundleUrl.isValid() || request.bundleUrl.isEmpty())
        return fail(QStringLiteral("The bundle URL \"%1\" is not a valid URL; devices could not download it.")
                        .arg(request.bundleUrl.toString()));
    auto result = publishManifest(request.appId, request.channel, manifestJson(request), progress);
    if (result)
        result->summary = QStringLiteral("channel %1 of %2 now serves %3 (manifest %4)")
                              .arg(request.channel, request.appId, request.version, result->manifestUrl.toString());
    return result;
}

Result<RegistrationResult> LocalChannelRegistrar::publishManifest(const QString& appId, const QString& channel,
                                                                  const QJsonObject& manifest,
                                                                  const ProgressFn& progress)
{
    auto key = checkedManifestKey(appId, channel);
    if (!key)
        return key.error();
    // The storage target writes atomically: a device never reads a half-written manifest.
    if (Status published = storage::StoredJson::publish(
            *m_storage, key.value(), QStringLiteral("channel manifest"),
            [&](QIODevice& out) { return writeJson(out, manifest); }, progress);
        !published)
        return published.error();
    RegistrationResult result;
    result.manifestKey = key.value();
    result.manifestUrl = m_storage->publicUrl(key.value());
    result.published = manifest;
    result.summary = QStringLiteral("channel %1 of %2: manifest %3").arg(channel, appId, result.manifestUrl.toString());
    return result;
}

Result<QJsonObject> LocalChannelRegistrar::publishedManifest(const QString& appId, const QString& channel)
{
    auto checked = checkedManifestKey(appId, channel);
    if (!checked)
        return checked.error();
    return storage::StoredJson::fetch(*m_storage, checked.value(), limits::ChannelManifestBytes,
                                      QStringLiteral("channel manifest"));
}

Result<bool> LocalChannelRegistrar::hasManifest(const QString& appId, const QString& channel)
{
    auto key = checkedManifestKey(appId, channel);
    if (!key)
        return key.error();
    return m_storage->exists(key.value());
}

Result<bool> LocalChannelRegistrar::isRegistered(const RegistrationRequest& request)
{
    auto present = hasManifest(request.appId, request.channel);
    if (!present)
        return present.error();
    if (!present.value())
        return false;
    auto manifest = publishedManifest(request.appId, request.channel);
    if (!manifest)
        return manifest.error();
    return servesSame(manifest.value(), manifestJson(request));
}

bool LocalChannelRegistrar::servesSame(const QJsonObject& published, const QJsonObject& expected)
{
    static const std::array<QLatin1String, 5> fields{QLatin1String("version"), QLatin1String("url"),
                                                     QLatin1String("session_key"), QLatin1String("checksum"),
                                                     QLatin1String("key_id")};
    return std::ranges::all_of(fields,
                               [&](QLatin1String name) { return published.value(name) == expected.value(name); });
}

bool isChannelManifestProfile(const QString& profile)
{
    return profile.isEmpty() || profile == QLatin1String("local");
}

Result<std::unique_ptr<Registrar>> openRegistrar(const QString& profile,
                                                 std::shared_ptr<storage::StorageTarget> storage)
{
    if (isChannelManifestProfile(profile))
        return std::unique_ptr<Registrar>(std::make_unique<LocalChannelRegistrar>(std::move(storage)));
    // Registrar profiles are Capgo (Cloud or self-hosted) for now.
    return openCapgoRegistrar(profile);
}

} // namespace slipway::registry
