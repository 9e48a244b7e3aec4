#pragma once

#include "common/Result.h"
#include "registry/ChosenChannels.h"
#include "registry/HttpListener.h"
#include "registry/ManifestFailures.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace slipway::storage {
class StorageTarget;
}

namespace slipway::registry {

// A small update endpoint speaking @capgo/capacitor-updater's protocol from the channel manifests
// on a storage target: POST /updates, POST /stats, and /channel_self (POST sets a device's channel,
// PUT reads it, GET lists channels), and GET/HEAD /files/KEY: the bundles and delta objects of a local folder
// storage, so that phones on the LAN can download what the default workspace publishes (they cannot open
// file:// URLs; the answer's URLs point at this endpoint, by the address the phone used). For QA phones on the LAN and for demos. Requests pass the HTTP limits of
// HttpListener and the field rules of DeviceRequest before anything is looked up or recorded.
class UpdateEndpoint : public QObject
{
    Q_OBJECT
public:
    // Where the endpoint records what devices report and learns which channels exist.
    struct Hooks
    {
        std::function<Status(const QJsonObject& event)> recordStats; // one checked event (error code 503: busy)
        std::function<QStringList(const QString& appId)> channels;   // channels released for an app
        std::function<void(const QString& line)> report;             // refused requests, in plain words
        // What devices told any `serve` sharing this history (unset: what they told this one, in memory).
        ChosenChannels::Store chosenChannels;
        ManifestFailures::Store reports;
    };

    UpdateEndpoint(std::shared_ptr<storage::StorageTarget> storage, Hooks hooks, QObject* parent = nullptr);
    ~UpdateEndpoint() override;

    // How long a channel manifest read from storage is reused (default 1000 ms; 0 reads it for every request).
    // Rollout changes made by another process reach devices after at most this long; so do the channels devices chose
    // through another `serve` sharing the history.
    void setManifestTtl(int milliseconds)
    {
        m_manifestTtlMs = milliseconds;
        m_chosenChannels.setTtl(milliseconds);
    }
    // The manifest a channel publishes (none when the channel has none), from the cache while fresh.
    [[nodiscard]] Result<std::optional<QJsonObject>> manifest(const QString& appId, const QString& channel);
    // Forget a cached manifest (after this process changed it).
    void invalidate(const QString& appId, const QString& channel);

    // Connection timeout and cap (limits::ServeTimeoutMs, limits::ServeConnections unless set); before listen().
    void setSettings(const HttpListener::Settings& settings);

    // Starts listening; returns the port (useful with port 0).
    [[nodiscard]] Result<quint16> listen(const QHostAddress& address, quint16 port);

    [[nodiscard]] int openConnections() const { return m_listener->openConnections(); }

    // The answer to one request that passed the HTTP limits (routing, field rules, the decision).
    [[nodiscard]] HttpResponse handle(const HttpRequest& request);

    // Send delta answers to @capgo/capacitor-updater 5.x and 6.x too (only after testing them: DeltaGate).
    void setDeltaForOldPlugins(bool on) { m_deltaOldPlugins = on; }

    // The decision for one device, from the release the channel serves it (RolloutState::choose; pure; unit-tested).
    // With a file list and a plugin that handles it (DeltaGate), the answer carries `manifest` beside the zip.
    [[nodiscard]] static QJsonObject answer(const QJsonObject& manifest, const QJsonObject& device,
                                            bool deltaOldPlugins = false);
    [[nodiscard]] static QJsonObject noUpdate(const QString& error, const QString& message, const QString& kind);

private:
    [[nodiscard]] HttpResponse updates(const HttpRequest& request);
    [[nodiscard]] HttpResponse stats(const HttpRequest& request);
    [[nodiscard]] HttpResponse channelSelf(const HttpRequest& request);
    [[nodiscard]] HttpResponse file(const HttpRequest& request);
    // file:// URLs of the local folder storage become this endpoint's /files/ URLs on the host the phone asked.
    void servePublicUrls(QJsonObject& answer, const HttpRequest& request) const;
    [[nodiscard]] QString servedUrl(const QString& url, const QString& base) const;
    [[nodiscard]] HttpResponse refuse(const HttpRequest& request, int status, const QString& error,
                                      const QString& message) const;
    [[nodiscard]] QString channelFor(const QJsonObject& device);

    std::shared_ptr<storage::StorageTarget> m_storage;
    Hooks m_hooks;
    std::unique_ptr<HttpListener> m_listener;
    ChosenChannels m_chosenChannels{limits::ServeDeviceChannels};
    struct CachedManifest
    {
        std::optional<QJsonObject> manifest;
        QElapsedTimer age;
    };
    QHash<QString, CachedManifest> m_manifests; // "app/channel" -> as last read
    int m_manifestTtlMs = 0;
    bool m_deltaOldPlugins = false;
    ManifestFailures m_manifestFailures{limits::ServeDeviceChannels};
};

} // namespace slipway::registry
