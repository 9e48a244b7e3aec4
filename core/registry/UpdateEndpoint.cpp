#include "registry/UpdateEndpoint.h"

#include "project/SemanticVersion.h"
#include "registry/ByteRange.h"
#include "registry/DeltaGate.h"
#include "registry/DeviceRequest.h"
#include "registry/LocalChannelRegistrar.h"
#include "registry/RolloutState.h"
#include "storage/FolderStorage.h"
#include "storage/ObjectKey.h"
#include "storage/StorageTarget.h"

#include <QFileInfo>

#include <QDir>
#include <QJsonArray>
#include <QRegularExpression>

namespace slipway::registry {

namespace {

const QString DefaultChannel = QStringLiteral("production");

HttpResponse ok(QJsonObject json)
{
    return HttpResponse{200, std::move(json), std::nullopt};
}

} // namespace

UpdateEndpoint::UpdateEndpoint(std::shared_ptr<storage::StorageTarget> storage, Hooks hooks, QObject* parent)
    : QObject(parent), m_storage(std::move(storage)), m_hooks(std::move(hooks)),
      m_listener(std::make_unique<HttpListener>([this](const HttpRequest& request) { return handle(request); }))
{
    m_listener->setReporter(m_hooks.report);
    m_chosenChannels.setStore(m_hooks.chosenChannels);
    m_manifestFailures.setStore(m_hooks.reports);
}

UpdateEndpoint::~UpdateEndpoint() = default;

void UpdateEndpoint::setSettings(const HttpListener::Settings& settings)
{
    m_listener->setSettings(settings);
}

Result<quint16> UpdateEndpoint::listen(const QHostAddress& address, quint16 port)
{
    if (!m_listener->listen(address, port))
        return fail(QStringLiteral("Cannot listen on %1:%2 (is the port in use, or the address not on this machine?).")
                        .arg(address.toString())
                        .arg(port));
    return m_listener->serverPort();
}

QJsonObject UpdateEndpoint::noUpdate(const QString& error, const QString& message, const QString& kind)
{
    return HttpResponse::failure(200, error, message, kind).json;
}

HttpResponse UpdateEndpoint::refuse(const HttpRequest& request, int status, const QString& error,
                                    const QString& message) const
{
    if (m_hooks.report)
        m_hooks.report(QStringLiteral("refused %1 %2 (HTTP %3): %4")
                           .arg(QString::fromLatin1(request.method), QString::fromLatin1(request.path))
                           .arg(status)
                           .arg(message));
    return HttpResponse::failure(status, error, message);
}

HttpResponse UpdateEndpoint::handle(const HttpRequest& request)
{
    const bool post = request.method == "POST";
    if (request.path == "/updates")
        return post
                   ? updates(request)
                   : refuse(request, 405, QStringLiteral("method_not_allowed"), QStringLiteral("/updates takes POST."));
    if (request.path == "/stats")
        return post ? stats(request)
                    : refuse(request, 405, QStringLiteral("method_not_allowed"), QStringLiteral("/stats takes POST."));
    if (request.path == "/channel_self")
        return channelSelf(request);
    if (request.path.startsWith("/files/"))
        return request.method == "GET" || request.method == "HEAD"
                   ? file(request)
                   : refuse(request, 405, QStringLiteral("method_not_allowed"), QStringLiteral("/files/ takes GET."));
    return refuse(request, 404, QStringLiteral("not_found"),
                  QStringLiteral("This endpoint serves /updates, /stats, /channel_self and /files/."));
}

QString UpdateEndpoint::channelFor(const QJsonObject& device)
{
    const QString deviceId = device.value(QStringLiteral("device_id")).toString();
    auto chosen = m_chosenChannels.of(device.value(QStringLiteral("app_id")).toString(), deviceId);
    if (chosen && chosen->has_value())
        return *chosen.value();
    if (!chosen && m_hooks.report)
        m_hooks.report(QStringLiteral("the channel device %1 chose cannot be read (%2): answered from its default")
                           .arg(deviceId, chosen.error().message));
    const QString preferred = device.value(QStringLiteral("defaultChannel")).toString();
    return preferred.isEmpty() ? DefaultChannel : preferred;
}

HttpResponse UpdateEndpoint::updates(const HttpRequest& request)
{
    auto device = DeviceRequest::parse(request.body, DeviceRequest::Kind::Update);
    if (!device)
        return refuse(request, 400, QStringLiteral("invalid_request"), device.error().message);
    const QString appId = device->value(QStringLiteral("app_id")).toString();
    const QString channel = channelFor(device.value());
    auto manifest = this->manifest(appId, channel);
    if (manifest && !manifest->has_value())
        return ok(noUpdate(QStringLiteral("no_channel"),
                           QStringLiteral("No release is published for %1 on channel %2.").arg(appId, channel),
                           QStringLiteral("failed")));
    if (!manifest)
        return ok(noUpdate(QStringLiteral("manifest_unreadable"),
                           QStringLiteral("The manifest of %1 on channel %2 cannot be read: %3")
                               .arg(appId, channel, manifest.error().message),
                           QStringLiteral("failed")));
    const QString deviceId = device->value(QStringLiteral("device_id")).toString();
    const ServedRelease served =
        RolloutState::choose(manifest->value(), deviceId, device->value(QStringLiteral("version_name")).toString());
    QJsonObject update = answer(served.manifest, device.value(), m_deltaOldPlugins);
    if (update.contains(QStringLiteral("manifest")) &&
        m_manifestFailures.stranded(appId, deviceId, update.value(QStringLiteral("version")).toString())) {
        update.remove(QStringLiteral("manifest"));
        if (m_hooks.report)
            m_hooks.report(QStringLiteral("device %1 failed twice on the delta of %2: answered with the zip alone")
                               .arg(deviceId, update.value(QStringLiteral("version")).toString()));
    }
    servePublicUrls(update, request);
    return ok(update);
}

Result<std::optional<QJsonObject>> UpdateEndpoint::manifest(const QString& appId, const QString& channel)
{
    const QString key = LocalChannelRegistrar::manifestKey(appId, channel);
    if (auto it = m_manifests.constFind(key); it != m_manifests.constEnd() && it->age.isValid() &&
                                              !it->age.hasExpired(m_manifestTtlMs))
        return it->manifest;
    // A bounded cache: app ids and channels come from devices.
    if (m_manifests.size() >= limits::ServeDeviceChannels)
        m_manifests.clear();
    auto published = m_storage->exists(key);
    if (!published)
        return published.error();
    CachedManifest entry;
    if (published.value()) {
        LocalChannelRegistrar registrar(m_storage);
        auto read = registrar.publishedManifest(appId, channel);
        if (!read)
            return read.error();
        entry.manifest = read.value();
    }
    entry.age.start();
    m_manifests.insert(key, entry);
    return entry.manifest;
}

void UpdateEndpoint::invalidate(const QString& appId, const QString& channel)
{
    m_manifests.remove(LocalChannelRegistrar::manifestKey(appId, channel));
}

HttpResponse UpdateEndpoint::stats(const HttpRequest& request)
{
    auto events = DeviceRequest::parseStats(request.body);
    if (!events)
        return refuse(request, 400, QStringLiteral("invalid_request"), events.error().message);
    int recorded = 0;
    for (const QJsonObject& event : events.value())
        m_manifestFailures.record(event);
    for (const QJsonObject& event : events.value()) {
        if (m_hooks.recordStats) {
            if (Status stored = m_hooks.recordStats(event); !stored)
                return refuse(request, stored.error().code == 503 ? 503 : 500, QStringLiteral("not_recorded"),
                              QStringLiteral("%1 of %2 events were recorded; then: %3")
                                  .arg(recorded)
                                  .arg(events->size())
                                  .arg(stored.error().message));
        }
        ++recorded;
    }
    return ok(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}, {QStringLiteral("recorded"), recorded}});
}

HttpResponse UpdateEndpoint::channelSelf(const HttpRequest& request)
{
    if (request.method == "GET") {
        const QString appId = request.query.queryItemValue(QStringLiteral("app_id"), QUrl::FullyDecoded);
        if (Status valid = DeviceRequest::checkField(QStringLiteral("app_id"), appId); !valid)
            return refuse(request, 400, QStringLiteral("invalid_request"), valid.error().message);
        QJsonArray list;
        for (const QString& name : m_hooks.channels ? m_hooks.channels(appId) : QStringList{DefaultChannel})
            list.append(QJsonObject{{QStringLiteral("name"), name},
                                    {QStringLiteral("public"), true},
                                    {QStringLiteral("allow_self_set"), true}});
        return ok(QJsonObject{{QStringLiteral("channels"), list}});
    }
    const bool set = request.method == "POST";
    if (!set && request.method != "PUT")
        return refuse(request, 405, QStringLiteral("method_not_allowed"),
                      QStringLiteral("/channel_self takes POST (set), PUT (read) or GET (list)."));
    auto device =
        DeviceRequest::parse(request.body, set ? DeviceRequest::Kind::SetChannel : DeviceRequest::Kind::GetChannel);
    if (!device)
        return refuse(request, 400, QStringLiteral("invalid_request"), device.error().message);
    if (!set)
        return ok(QJsonObject{{QStringLiteral("channel"), channelFor(device.value())},
                              {QStringLiteral("status"), QStringLiteral("ok")}});
    const QString deviceId = device->value(QStringLiteral("device_id")).toString();
    const QString channel = device->value(QStringLiteral("channel")).toString();
    if (Status kept = m_chosenChannels.choose(device->value(QStringLiteral("app_id")).toString(), deviceId, channel);
        !kept)
        return refuse(request, 503, QStringLiteral("not_recorded"), kept.error().message);
    return ok(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                          {QStringLiteral("message"), QStringLiteral("Device now on channel %1").arg(channel)}});
}

QJsonObject UpdateEndpoint::answer(const QJsonObject& manifest, const QJsonObject& device, bool deltaOldPlugins)
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
    const QJsonArray files = manifest.value(QStringLiteral("manifest")).toArray();
    if (!files.isEmpty() &&
        DeltaGate::acceptsManifest(device.value(QStringLiteral("plugin_version")).toString(), deltaOldPlugins)) {
        QJsonArray wire;
        for (const auto& entry : files) {
            const QJsonObject file = entry.toObject();
            wire.append(QJsonObject{{QStringLiteral("file_name"), file.value(QStringLiteral("file_name"))},
                                    {QStringLiteral("file_hash"), file.value(QStringLiteral("file_hash"))},
                                    {QStringLiteral("download_url"), file.value(QStringLiteral("download_url"))}});
        }
        update.insert(QStringLiteral("manifest"), wire);
    }
    return update;
}

void UpdateEndpoint::servePublicUrls(QJsonObject& answer, const HttpRequest& request) const
{
    if (!dynamic_cast<const storage::FolderStorage*>(m_storage.get()))
        return;
    // The phone reached us by this name; anything odd in the header falls back to the address it connected to.
    QString host = QString::fromLatin1(request.header("host"));
    static const QRegularExpression hostRule(QStringLiteral("^[A-Za-z0-9.:\\[\\]-]{1,255}$"));
    if (!hostRule.match(host).hasMatch())
        host = QStringLiteral("%1:%2").arg(m_listener->serverAddress().toString()).arg(m_listener->serverPort());
    const QString base = QStringLiteral("http://%1/files/").arg(host);
    if (answer.contains(QStringLiteral("url")))
        answer.insert(QStringLiteral("url"), servedUrl(answer.value(QStringLiteral("url")).toString(), base));
    if (!answer.contains(QStringLiteral("manifest")))
        return;
    QJsonArray files = answer.value(QStringLiteral("manifest")).toArray();
    for (auto entry : files) {
        QJsonObject file = entry.toObject();
        file.insert(QStringLiteral("download_url"),
                    servedUrl(file.value(QStringLiteral("download_url")).toString(), base));
        entry = file;
    }
    answer.insert(QStringLiteral("manifest"), files);
}

QString UpdateEndpoint::servedUrl(const QString& url, const QString& base) const
{
    const auto* folder = dynamic_cast<const storage::FolderStorage*>(m_storage.get());
    const QUrl parsed(url);
    if (!folder || !parsed.isLocalFile())
        return url;
    const QString root = QDir::cleanPath(QDir(folder->rootPath()).absolutePath()) + QLatin1Char('/');
    const QString path = QDir::cleanPath(parsed.toLocalFile());
    if (!path.startsWith(root))
        return url;
    return base + QString::fromLatin1(storage::ObjectKey::encode(path.mid(root.size())));
}

HttpResponse UpdateEndpoint::file(const HttpRequest& request)
{
    const auto* folder = dynamic_cast<const storage::FolderStorage*>(m_storage.get());
    if (!folder)
        return refuse(request, 404, QStringLiteral("not_found"),
                      QStringLiteral("Files are served only from a local folder storage; this one serves them itself."));
    const QString key = QUrl::fromPercentEncoding(request.path.mid(int(qstrlen("/files/"))));
    if (Status valid = storage::ObjectKey::validate(key); !valid)
        return refuse(request, 400, QStringLiteral("invalid_request"), valid.error().message);
    const QFileInfo info(folder->pathOf(key));
    if (!info.isFile() || info.isSymLink())
        return refuse(request, 404, QStringLiteral("not_found"), QStringLiteral("No file %1 in the storage.").arg(key));
    const ByteRange range = ByteRange::parse(request.header("range"), info.size());
    if (range.kind == ByteRange::Kind::Unsatisfiable)
        return refuse(request, 416, QStringLiteral("range_not_satisfiable"),
                      QStringLiteral("%1 has %2 bytes; the range asked for lies past its end.").arg(key).arg(info.size()));
    HttpResponse response;
    response.status = range.kind == ByteRange::Kind::Partial ? 206 : 200;
    response.file = HttpResponse::FileBody{info.absoluteFilePath(), range.offset, range.length, info.size()};
    return response;
}

} // namespace slipway::registry
