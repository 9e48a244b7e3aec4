#pragma once

#include <QtGlobal>

// Every input Slipway reads has a ceiling; they all live here so the rules are stated once.
namespace slipway::limits {

// Files read whole (common/BoundedFile)
inline constexpr qint64 KeyFileBytes = 64 * 1024;          // a PEM RSA key is under 4 KiB
inline constexpr qint64 ConfigFileBytes = 4 * 1024 * 1024; // capacitor.config.json, profiles, plans, state
inline constexpr qint64 ChannelManifestBytes = 16 * 1024 * 1024;
inline constexpr qint64 SecretBytes = 64 * 1024;           // a passphrase or storage secret on stdin

} // namespace slipway::limits
