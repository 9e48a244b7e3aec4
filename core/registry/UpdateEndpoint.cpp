#include "registry/UpdateEndpoint.h"

#include "project/SemanticVersion.h"
#include "registry/LocalChannelRegistrar.h"
#include "storage/StorageTarget.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>

namespace slipway::registry {

namespace {

const QString DefaultChannel = QStringLiteral("production");

QJsonObject requestObject(const QHttpServerRequest& request)
{
    return QJsonDocument::fromJson(request.body()).object();
}

} // namespace

UpdateEndpoint::UpdateEndpoint(std::shared_ptr<storage::StorageTarget> storage, Hooks hooks, QObject* parent)
    : QObject(parent), m_storage(std::move(storage)), m_hooks(std::move(hooks)), m_server(std::make_unique<QHttpServer>())
{
    m_server->route(QStringLiteral("/updates"), QHttpServerRequest::Method::Post, [this](const QHttpServerRequest& request) {
        return QHttpServerResponse(updates(requestObject(request)));
    });
    m_server->route(QStringLiteral("/stats"), QHttpServerRequest::Method::Post, [this](const QHttpServerRequest& request) {
        const QJsonDocument doc = QJsonDocument::fromJson(request.body());
        const QJsonArray events = doc.isArray() ? doc.array() : QJsonArray{doc.object()};
        int recorded = 0;
        for (const auto& event : events) {
            if (!event.isObject())
                continue;
            if (m_hooks.recordStats)
                m_hooks.recordStats(event.toObject());
            ++recorded;
        }
        return QHttpServerResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}, {QStringLiteral("recorded"), recorded}});
    });
    m_server->route(QStringLiteral("/channel_self"), [this](const QHttpServerRequest& request) {
        const QJsonObject device = requestObject(request);
        const QString deviceId = device.value(QStringLiteral("device_id")).toString();
        switch (request.method()) {
        case QHttpServerRequest::Method::Post: {
            const QString channel = device.value(QStringLiteral("channel")).toString();
            if (channel.isEmpty())
                return QHttpServerResponse(noUpdate(QStringLiteral("missing_channel"), QStringLiteral("No channel given."),
                                                    QStringLiteral("failed")),
                                           QHttpServerResponse::StatusCode::BadRequest);
            m_deviceChannels.insert(deviceId, channel);
            return QHttpServerResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                                   {QStringLiteral("message"), QStringLiteral("Device now on channel %1").arg(channel)}});
        }
        case QHttpServerRequest::Method::Put:
            return QHttpServerResponse(QJsonObject{{QStringLiteral("channel"), channelFor(device)},
                                                   {QStringLiteral("status"), QStringLiteral("ok")}});
        default: {
            QJsonArray list;
            const QString appId = request.query().queryItemValue(QStringLiteral("app_id"));
            for (const QString& name : m_hooks.channels ? m_hooks.channels(appId) : QStringList{DefaultChannel})
                list.append(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("public"), true},
                                        {QStringLiteral("allow_self_set"), true}});
            return QHttpServerResponse(QJsonObject{{QStringLiteral("channels"), list}});
        }
        }
    });
}

UpdateEndpoint::~UpdateEndpoint() = default;

Result<quint16> UpdateEndpoint::listen(const QHostAddress& address, quint16 port)
{
    const quint16 bound = m_server->listen(address, port);
    if (bound == 0)
        return fail(QStringLiteral("Cannot listen on %1:%2 (is the port in use, or the address not on this machine?).")
                        .arg(address.toString())
                        .arg(port));
    return bound;
}

QJsonObject UpdateEndpoint::noUpdate(const QString& error, const QString& message, const QString& kind)
{
    return QJsonObject{{QStringLiteral("error"), error}, {QStringLiteral("message"), message}, {QStringLiteral("kind"), kind}};
}

QString UpdateEndpoint::channelFor(const QJsonObject& device) const
{
    QString chosen = m_deviceChannels.value(device.value(QStringLiteral("device_id")).toString());
    if (!chosen.isEmpty())
        return chosen;
    const QString preferred = device.value(QStringLiteral("defaultChannel")).toString();
    return preferred.isEmpty() ? DefaultChannel : preferred;
}

QJsonObject UpdateEndpoint::updates(const QJsonObject& device)
{
    const QString appId = device.value(QStringLiteral("app_id")).toString();
    if (appId.isEmpty())
        return noUpdate(QStringLiteral("missing_app_id"), QStringLiteral("The request has no app_id."), QStringLiteral("failed"));
    const QString channel = channelFor(device);
    LocalChannelRegistrar registrar(m_storage);
    auto published = m_storage->exists(LocalChannelRegistrar::manifestKey(appId, channel));
    if (published && !published.value())
        return noUpdate(QStringLiteral("no_channel"),
                        QStringLiteral("No release is published for %1 on channel %2.").arg(appId, channel),
                        QStringLiteral("failed"));
    auto manifest = published ? registrar.publishedManifest(appId, channel) : Result<QJsonObject>(published.error());
    if (!manifest)
        return noUpdate(QStringLiteral("manifest_unreadable"),
                        QStringLiteral("The manifest of %1 on channel %2 cannot be read: %3")
                            .arg(appId, channel, manifest.error().message),
                        QStringLiteral("failed"));
    return answer(manifest.value(), device);
}

QJsonObject UpdateEndpoint::answer(const QJsonObject& manifest, const QJsonObject& device)
{
    const QString version = manifest.value(QStringLiteral("version")).toString();
    if (device.value(QStringLiteral("version_name")).toString() == version)
        return noUpdate(QStringLiteral("no_new_version_available"), QStringLiteral("No new version available"),
                        QStringLiteral("up_to_date"));
    const QString deviceKey = device.value(QStringLiteral("key_id")).toString();
    const QString bundleKey = manifest.value(QStringLiteral("key_id")).toString();
    if (!deviceKey.isEmpty() && !bundleKey.isEmpty() && deviceKey != bundleKey)
        return noUpdate(QStringLiteral("key_id_mismatch"),
                        QStringLiteral("The app holds public key %1 but version %2 is encrypted for key %3: it could not "
                                       "decrypt it.")
                            .arg(deviceKey, version, bundleKey),
                        QStringLiteral("blocked"));
    const QString minimum = manifest.value(QStringLiteral("min_update_version")).toString();
    if (!minimum.isEmpty()) {
        const auto required = project::SemanticVersion::parse(minimum);
        const auto native = project::SemanticVersion::parse(device.value(QStringLiteral("version_build")).toString());
        if (required && (!native || *native < *required))
            return noUpdate(QStringLiteral("below_min_update_version"),
                            QStringLiteral("Version %1 needs app version %2 or later; this device runs %3.")
                                .arg(version, minimum, device.value(QStringLiteral("version_build")).toString()),
                            QStringLiteral("blocked"));
    }
    QJsonObject update{{QStringLiteral("version"), version},
                       {QStringLiteral("url"), manifest.value(QStringLiteral("url"))},
                       {QStringLiteral("session_key"), manifest.value(QStringLiteral("session_key"))},
                       {QStringLiteral("checksum"), manifest.value(QStringLiteral("checksum"))}};
    for (const char* optional : {"link", "comment"})
        if (manifest.contains(QLatin1String(optional)))
            update.insert(QLatin1String(optional), manifest.value(QLatin1String(optional)));
    return update;
}

} // namespace slipway::registry
