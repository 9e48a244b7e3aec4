#pragma once

#include "common/SecureBytes.h"
#include "registry/Registrar.h"

#include <QUrl>

#include <memory>

namespace slipway::registry {

class CapgoClient;

// Registers an encrypted bundle that is already hosted (an https URL) with Capgo Cloud or a
// self-hosted Capgo backend, as `capgo bundle upload APP --external URL --iv-session-key KEY
// --encrypted-checksum SIGNED -b VERSION -c CHANNEL` (@capgo/cli 8.68.1) does: same requests, same
// headers, same JSON fields. A version that already exists is a refusal, never a quiet success.
class CapgoRegistrar : public Registrar
{
public:
    // Error codes beyond the HTTP statuses the client reports.
    enum : int {
        VersionExistsCode = 3,    // nothing was written
        ChannelNotChangedCode = 4 // the version was registered, the channel still points where it did
    };
    // What Slipway sends as app_versions.cli_version: the CLI release whose wire contract it follows.
    static constexpr const char* ContractCliVersion = "8.68.1";

    CapgoRegistrar(QUrl apiHost, SecureBytes apiKey, QString profileName = {});
    ~CapgoRegistrar() override;

    // When the version already exists on Capgo: point the channel at it instead of refusing
    // (the app_versions row is left exactly as it is).
    void setRepointExistingVersion(bool repoint) { m_repointExisting = repoint; }

    [[nodiscard]] QString describe() const override;
    [[nodiscard]] Result<RegistrationResult> registerRelease(const RegistrationRequest& request,
                                                             const ProgressFn& progress = {}) override;
    [[nodiscard]] Result<bool> isRegistered(const RegistrationRequest& request) override;

    // The checks made before any request: https bundle URL, session key, checksum, versions.
    [[nodiscard]] static Status validate(const RegistrationRequest& request);

private:
    struct Channel
    {
        bool exists = false;
        qint64 id = 0;
        QJsonValue version; // the app_versions id it points at
    };

    [[nodiscard]] static Result<Channel> targetChannel(CapgoClient& client, const RegistrationRequest& request);
    [[nodiscard]] static Result<bool> versionExists(CapgoClient& client, const RegistrationRequest& request);
    [[nodiscard]] Result<qint64> versionId(CapgoClient& client, const RegistrationRequest& request);
    [[nodiscard]] Status checkPermission(CapgoClient& client, const RegistrationRequest& request,
                                         const QString& permission, const QJsonValue& channelId);
    [[nodiscard]] Result<QJsonObject> pointChannel(CapgoClient& client, const RegistrationRequest& request,
                                                   const Channel& channel);

    QUrl m_apiHost;
    SecureBytes m_apiKey;
    QString m_profileName;
    bool m_repointExisting = false;
};

// The registrar a profile name stands for (see RegistrarProfile.h): its API host from the profile
// file, its key from CAPGO_TOKEN or the keychain. Errors say what to add or set.
[[nodiscard]] Result<std::unique_ptr<Registrar>> openCapgoRegistrar(const QString& profileName);

} // namespace slipway::registry
