#pragma once

#include "common/Progress.h"
#include "common/Result.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace slipway::storage {
class StorageTarget;
}

namespace slipway::registry {

// What the update service must learn about a bundle that is already encrypted and uploaded.
struct RegistrationRequest
{
    QString appId;
    QString version;
    QString channel;
    QUrl bundleUrl;         // where devices download the encrypted bundle
    QString ivSessionKey;   // `session_key` on the wire
    QString signedChecksum; // `checksum` on the wire
    QString keyId;          // Capgo key_id of the public key devices hold
    QString minUpdateVersion;
    QString link;
    QString comment;
    QDateTime releasedAt;
    qint64 releaseId = 0; // the history's release id (0 when unknown)
    // The delta: [{file_name, file_hash, download_url, sha256, size, object_size}] (self-hosted channel manifests;
    // the update endpoint answers the first three).
    QJsonArray deltaFiles;
};

struct RegistrationResult
{
    QString summary;     // one line for a release manager: what now points where
    QString manifestKey; // storage key of a published manifest (self-hosted), empty otherwise
    QUrl manifestUrl;
    QJsonObject published; // what devices will be answered (the update response), when known
};

// Makes a release known to the update service: Capgo Cloud, a self-hosted Capgo, or a channel
// manifest next to the bundles. Used by the runner's Register step.
class Registrar
{
public:
    virtual ~Registrar() = default;
    [[nodiscard]] virtual QString describe() const = 0;
    [[nodiscard]] virtual Result<RegistrationResult> registerRelease(const RegistrationRequest& request,
                                                                     const ProgressFn& progress = {}) = 0;
    // True when the service already serves exactly this release on the channel (resume checks it
    // instead of trusting a stale record).
    [[nodiscard]] virtual Result<bool> isRegistered(const RegistrationRequest& request) = 0;
};

// Opens the registrar a release plan names. Empty or "local": the channel manifest published on
// `storage` next to the bundles (LocalChannelRegistrar). Other profiles (Capgo Cloud, self-hosted
// Capgo) are resolved by the registry module.
// Whether a registrar profile names the self-hosted channel manifest (the only registrar with staged rollouts).
[[nodiscard]] bool isChannelManifestProfile(const QString& profile);
[[nodiscard]] Result<std::unique_ptr<Registrar>> openRegistrar(const QString& profile,
                                                               std::shared_ptr<storage::StorageTarget> storage);

} // namespace slipway::registry
