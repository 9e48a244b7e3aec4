#pragma once

#include "common/Result.h"
#include "storage/StorageTarget.h"

#include <QString>

#include <memory>

namespace slipway::storage {

// Opens a storage target from a saved profile name ("prod-cdn") or a storage URL:
//   s3://BUCKET/PREFIX?endpoint=https://host:port&region=eu-west-1&style=path|virtual
//   https://host/path or http://host/path              (WebDAV / HTTP PUT)
//   sftp://USER@HOST:PORT/PATH?host-key=SHA256:...&key=/path/to/id_ed25519
//   file:///PATH
// Secrets come from the environment (CI) or the OS keychain (desktop), never from the profile.
[[nodiscard]] Result<std::unique_ptr<StorageTarget>> openStorage(const QString& profileNameOrUrl);
// What a release, the channel control and `slipway serve` publish to: the named profile or URL, or,
// when empty, the embedded local folder storage under the data folder (DataLocation/storage).
[[nodiscard]] Result<std::shared_ptr<StorageTarget>> openReleaseStorage(const QString& profileNameOrUrl);

} // namespace slipway::storage

namespace slipway::storage {
struct StorageProfile;
// The same for a profile already in hand (the CLI's `storage add` checks one before saving it).
[[nodiscard]] Result<std::unique_ptr<StorageTarget>> openProfile(const StorageProfile& profile);
struct StorageSecrets;
// The same with secrets in hand (the desktop's Test connection tries exactly what is typed).
[[nodiscard]] Result<std::unique_ptr<StorageTarget>> openProfile(const StorageProfile& profile, StorageSecrets secrets);
} // namespace slipway::storage
