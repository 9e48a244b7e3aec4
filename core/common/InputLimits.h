#pragma once

#include <QtGlobal>

// Every input Slipway reads has a ceiling; they all live here so the rules are stated once.
namespace slipway::limits {

// Files read whole (common/BoundedFile)
inline constexpr qint64 KeyFileBytes = 64LL * 1024;          // a PEM RSA key is under 4 KiB
inline constexpr qint64 ConfigFileBytes = 4LL * 1024 * 1024; // capacitor.config.json, profiles, plans, state
inline constexpr qint64 ChannelManifestBytes = 16LL * 1024 * 1024;
inline constexpr qint64 SecretBytes = 64LL * 1024;           // a passphrase or storage secret on stdin
inline constexpr qint64 UploadJournalBytes = 64LL * 1024 * 1024; // proven objects of a set: ~400,000 lines

// PKCS#11 tokens (crypto/Pkcs11*): a key URI, a PIN, what one token may list.
inline constexpr int Pkcs11UriChars = 4096;
inline constexpr int Pkcs11PinBytes = 256;
inline constexpr int Pkcs11ObjectsPerSearch = 1024;

// The device side (core/device): what a phone downloads and unzips, as the verifier and the simulator read it.
// An update endpoint's JSON answer: room for a delta manifest of ManifestEntries files with signed hashes
// (about 900 bytes an entry).
inline constexpr qint64 UpdateAnswerBytes = 16LL * 1024 * 1024;
// The status line and headers of any answer a simulated phone reads (device/HttpExchange), and its chunked trailers.
inline constexpr qint64 DeviceAnswerHeadBytes = 64LL * 1024;
// A delta manifest in an update answer (Capgo refuses deltas over 10,000 files) and its fields, in characters:
// a build path plus ".br", a signed hash (512 hex or 344 base64 characters), a download URL.
inline constexpr int ManifestEntries = 10000;
inline constexpr int ManifestFileNameChars = 1024 + 3;
inline constexpr int ManifestHashChars = 1024;
inline constexpr int ManifestUrlChars = 8192;
// One manifest file, as downloaded and as decoded (decrypted, brotli-decoded): no more than a whole bundle.
inline constexpr qint64 ManifestFileBytes = 2LL * 1024 * 1024 * 1024;
// An encrypted bundle, downloaded by `device simulate` or checked by the device verifier.
inline constexpr qint64 BundleBytes = 2LL * 1024 * 1024 * 1024;
// Every entry of a bundle, unpacked (the phone writes it all to its storage).
inline constexpr qint64 BundleUnpackedBytes = 8LL * 1024 * 1024 * 1024;
// Entries and central directory of a bundle zip (web builds have a few thousand files).
inline constexpr qint64 ZipEntries = 100000;
inline constexpr qint64 ZipCentralDirectoryBytes = 32LL * 1024 * 1024;

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

// slipway serve, the update endpoint (registry/HttpRequestParser, registry/HttpListener, registry/DeviceRequest).
// The plugin's requests are JSON objects of under 1 KiB; everything past these limits is refused while it arrives.
// Request line + headers, and header lines (431 past either).
inline constexpr qint64 ServeRequestHeadBytes = qint64{8} * 1024;
inline constexpr int ServeRequestHeaderFields = 64;
// A body, judged from Content-Length before it is read (413 past it).
inline constexpr qint64 ServeRequestBodyBytes = qint64{16} * 1024;
// Events in one POST /stats.
inline constexpr int ServeStatsEvents = 32;
// A connection idle this long, or still sending one request this long after its first byte, is closed (408).
inline constexpr int ServeTimeoutMs = 10 * 1000;
// Open connections; more are answered 503 and closed at once.
inline constexpr int ServeConnections = 64;
// Bytes Qt reads from a socket ahead of the parser; answers queued for a client that does not read them.
inline constexpr qint64 ServeReadChunkBytes = qint64{64} * 1024;
inline constexpr qint64 ServeWriteBacklogBytes = qint64{1024} * 1024;
// Devices whose POST /channel_self choice is remembered.
inline constexpr int ServeDeviceChannels = 10 * 1000;
// Stats events received but not yet written to the history (a batch is written every ServeStatsFlushMs);
// past it /stats answers 503 until the writer catches up, so nothing is acknowledged and then lost to memory.
inline constexpr int ServeStatsBacklog = 200 * 1000;
inline constexpr int ServeStatsFlushMs = 200;
// `slipway device fleet`: simulated phones, rounds.
inline constexpr int FleetDevices = 200 * 1000;
inline constexpr int FleetRounds = 1000;
inline constexpr qint64 FleetStateBytes = qint64{64} * 1024 * 1024;
// The brotli forms of build files kept between releases (bundle/BrotliCache): the least recently used go beyond it.
inline constexpr qint64 BrotliCacheBytes = qint64{1024} * 1024 * 1024;
// Fields of the plugin's requests, in characters (a UUID device_id is 36, Capgo's key_id 20).
inline constexpr int DeviceAppIdChars = 128;
inline constexpr int DeviceIdChars = 64;
inline constexpr int DeviceChannelChars = 64;
inline constexpr int DeviceVersionChars = 64; // version_name, old_version_name
inline constexpr int DeviceKeyIdChars = 64;
inline constexpr int DeviceActionChars = 64;
inline constexpr int DeviceTextChars = 128; // version_build, version_code, version_os, plugin_version, custom_id, ...

// Release names (registry/ReleaseName): app ids, versions and channels become storage keys and file
// names (APP/VERSION/bundle-….zip.encrypted, APP/channels/CHANNEL.json), well under NAME_MAX (255)
inline constexpr int ReleaseNameChars = 128;

// A desk (history/Desk): USER@HOST, as $SLIPWAY_DESK may name it; a host name is at most 253 characters.
inline constexpr int DeskChars = 320;

} // namespace slipway::limits
