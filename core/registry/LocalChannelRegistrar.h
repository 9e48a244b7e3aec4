#pragma once

#include "registry/Registrar.h"

#include <memory>

namespace slipway::storage {
class StorageTarget;
}

namespace slipway::registry {

// The self-hosted channel manifest: for each app and channel, the exact JSON an update endpoint
// answers for an update (wire-format spec section 5), published atomically to the storage target
// as APP/channels/CHANNEL.json next to the bundles.
class LocalChannelRegistrar : public Registrar
{
public:
    explicit LocalChannelRegistrar(std::shared_ptr<storage::StorageTarget> storage);

    [[nodiscard]] QString describe() const override;
    [[nodiscard]] Result<RegistrationResult> registerRelease(const RegistrationRequest& request,
                                                             const ProgressFn& progress = {}) override;
    [[nodiscard]] Result<bool> isRegistered(const RegistrationRequest& request) override;

    // Publishes a channel's whole manifest as given (rollouts write their section beside the stable release).
    [[nodiscard]] Result<RegistrationResult> publishManifest(const QString& appId, const QString& channel,
                                                             const QJsonObject& manifest, const ProgressFn& progress = {});
    // Whether a manifest is published for the channel at all.
    [[nodiscard]] Result<bool> hasManifest(const QString& appId, const QString& channel);
    // The manifest currently published for a channel (an error when there is none).
    [[nodiscard]] Result<QJsonObject> publishedManifest(const QString& appId, const QString& channel);

    // "APP/channels/CHANNEL.json"
    [[nodiscard]] static QString manifestKey(const QString& appId, const QString& channel);
    // manifestKey() once the app id and channel follow ReleaseName's rules (every read and write here).
    [[nodiscard]] static Result<QString> checkedManifestKey(const QString& appId, const QString& channel);
    // {version, url, session_key, checksum, min_update_version, key_id, released_at, [link], [comment]}
    [[nodiscard]] static QJsonObject manifestJson(const RegistrationRequest& request);
    // Whether a published manifest entry serves the same bundle as `expected` (version, url, session key, checksum
    // and key id).
    [[nodiscard]] static bool servesSame(const QJsonObject& published, const QJsonObject& expected);

private:
    std::shared_ptr<storage::StorageTarget> m_storage;
};

} // namespace slipway::registry
