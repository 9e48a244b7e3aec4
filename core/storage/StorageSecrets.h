#pragma once

#include "common/Result.h"
#include "common/SecureBytes.h"
#include "storage/StorageProfile.h"

#include <QString>

namespace slipway::storage {

// The secret half of a storage profile. It comes from the environment (CI, scripts) or from the OS
// keychain (desktop) and lives only in memory: never in the profile file, the history or a log.
//   S3:     AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (AWS_REGION for the region)
//   WebDAV: SLIPWAY_WEBDAV_PASSWORD (basic auth, user from the URL) or SLIPWAY_WEBDAV_TOKEN (bearer)
//   SFTP:   SLIPWAY_SFTP_KEY (private key file), SLIPWAY_SFTP_KEY_PASSPHRASE
struct StorageSecrets
{
    QString accessKeyId;
    SecureBytes secretAccessKey;
    SecureBytes sessionToken;
    SecureBytes password;
    SecureBytes token;
    SecureBytes keyPassphrase;
    QString source; // "environment", "keychain" or "none": for messages

    // Environment first (the ecosystems' convention), then the keychain entry of the profile's name.
    [[nodiscard]] static Result<StorageSecrets> resolve(const StorageProfile& profile);
    // Keychain entries: service "slipway-storage", account = profile name, value = JSON of the fields.
    [[nodiscard]] static Status storeInKeychain(const QString& profileName, const StorageSecrets& secrets);
    [[nodiscard]] static Result<StorageSecrets> readFromKeychain(const QString& profileName);
    [[nodiscard]] static Status removeFromKeychain(const QString& profileName);
};

} // namespace slipway::storage
