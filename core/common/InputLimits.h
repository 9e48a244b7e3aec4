#pragma once

#include <QtGlobal>

// Every input Slipway reads has a ceiling; they all live here so the rules are stated once.
namespace slipway::limits {

// Files read whole (common/BoundedFile)
inline constexpr qint64 KeyFileBytes = 64LL * 1024;          // a PEM RSA key is under 4 KiB
inline constexpr qint64 ConfigFileBytes = 4LL * 1024 * 1024; // capacitor.config.json, profiles, plans, state
inline constexpr qint64 ChannelManifestBytes = 16LL * 1024 * 1024;
inline constexpr qint64 SecretBytes = 64LL * 1024;           // a passphrase or storage secret on stdin

// The device side (core/device): what a phone downloads and unzips, as the verifier and the simulator read it.
// An update endpoint's JSON answer (room for a delta manifest of some thousand files).
inline constexpr qint64 UpdateAnswerBytes = 8LL * 1024 * 1024;
// An encrypted bundle, downloaded by `device simulate` or checked by the device verifier.
inline constexpr qint64 BundleBytes = 2LL * 1024 * 1024 * 1024;
// Every entry of a bundle, unpacked (the phone writes it all to its storage).
inline constexpr qint64 BundleUnpackedBytes = 8LL * 1024 * 1024 * 1024;
// Entries and central directory of a bundle zip (web builds have a few thousand files).
inline constexpr qint64 ZipEntries = 100000;
inline constexpr qint64 ZipCentralDirectoryBytes = 32LL * 1024 * 1024;

} // namespace slipway::limits
