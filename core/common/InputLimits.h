#pragma once

#include <QtGlobal>

// Every input Slipway reads has a ceiling; they all live here so the rules are stated once.
namespace slipway::limits {

// Files read whole (common/BoundedFile)
inline constexpr qint64 KeyFileBytes = 64LL * 1024;          // a PEM RSA key is under 4 KiB
inline constexpr qint64 ConfigFileBytes = 4LL * 1024 * 1024; // capacitor.config.json, profiles, plans, state
inline constexpr qint64 ChannelManifestBytes = 16LL * 1024 * 1024;
inline constexpr qint64 SecretBytes = 64LL * 1024;           // a passphrase or storage secret on stdin

// Build inputs: a build folder or CI artifact archive (bundle/BuildSource). The first two are defaults a
// release may raise (PreflightOptions::limits, --max-build-size, --max-expansion); the others are fixed.
inline constexpr qint64 BuildBytes = 2LL * 1024 * 1024 * 1024;         // the build's files, uncompressed
inline constexpr int BuildExpansionRatio = 100;                        // uncompressed bytes per archive byte...
inline constexpr qint64 BuildExpansionFloorBytes = 64LL * 1024 * 1024; // ...once the build is larger than this
inline constexpr qint64 BuildEntries = 250'000;                        // files, folders and links in one build
inline constexpr int BuildNameBytes = 1024;                            // a relative path: iOS opens no longer one
inline constexpr int BuildNamePartBytes = 255;                         // one name: phone file systems' limit
inline constexpr qint64 SevenZipBytes = 512LL * 1024 * 1024;           // KArchive decodes a whole 7z in memory
inline constexpr qint64 ArchiveHeaderBytes = 64LL * 1024 * 1024;       // a 7z header, tar long names, pax records

} // namespace slipway::limits
