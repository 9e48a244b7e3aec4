#pragma once

#include "common/Result.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QObject>

#include <functional>
#include <memory>

class QHttpServer;

namespace slipway::storage {
class StorageTarget;
}

namespace slipway::registry {

// A small update endpoint speaking @capgo/capacitor-updater's protocol from the channel manifests
// on a storage target: POST /updates, POST /stats, and /channel_self (POST sets a device's channel,
// PUT reads it, GET lists channels). For QA phones on the LAN and for demos.
class UpdateEndpoint : public QObject
{
    Q_OBJECT
public:
    // Where the endpoint records what devices report and learns which channels exist.
    struct Hooks
    {
        std::function<void(const QJsonObject& event)> recordStats;     // one plugin stats event
        std::function<QStringList(const QString& appId)> channels;       // channels released for an app
    };

    UpdateEndpoint(std::shared_ptr<storage::StorageTarget> storage, Hooks hooks, QObject* parent = nullptr);
    ~UpdateEndpoint() override;

    // Starts listening; returns the port (useful with port 0).
    [[nodiscard]] Result<quint16> listen(const QHostAddress& address, quint16 port);

    // The decision for one device, from the manifest its channel publishes (pure; unit-tested).
    [[nodiscard]] static QJsonObject answer(const QJsonObject& manifest, const QJsonObject& device);
    [[nodiscard]] static QJsonObject noUpdate(const QString& error, const QString& message, const QString& kind);

private:
    [[nodiscard]] QJsonObject updates(const QJsonObject& device);
    [[nodiscard]] QString channelFor(const QJsonObject& device) const;

    std::shared_ptr<storage::StorageTarget> m_storage;
    Hooks m_hooks;
    std::unique_ptr<QHttpServer> m_server;
    QMap<QString, QString> m_deviceChannels; // device_id -> channel chosen through /channel_self
};

} // namespace slipway::registry
