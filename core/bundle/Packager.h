#pragma once

#include "bundle/ManifestEncoder.h"
#include "bundle/Preflight.h"
#include "common/Progress.h"
#include "common/Result.h"
#include "crypto/BundleCipher.h"
#include "crypto/BlockSigner.h"

#include <QString>

#include <atomic>
#include <optional>
#include <vector>

namespace slipway::bundle {

// What to package and where. The source is a build folder or a CI artifact archive
// (zip, tar, tar.gz, tar.xz, tar.zst, tar.bz2, 7z); archives are read in place.
struct PackageRequest
{
    QString sourcePath;
    QString zipPath;             // the plain bundle zip, written atomically
    QString encryptedPath;       // optional: when set (with a signer) the encrypted bundle is written in the same pass
    crypto::SignerPtr signer;    // the private key (a file or a token), needed when encryptedPath is set
    PreflightOptions preflight;  // version, app id, code check, junk handling
    // Optional, a delta release: each shipped file also becomes an object in this folder in the same pass
    // (brotli when it pays, encrypted with the zip's session key when encryptedPath is set).
    QString manifestFolder;
    int brotliQuality = ManifestOptions::DefaultBrotliQuality;
    // Where the brotli forms of files are kept between releases (bundle/BrotliCache); empty: compress every file.
    QString brotliCacheFolder;
    // Optional: set to true from any thread to stop; the packager then removes what it started.
    const std::atomic_bool* cancelFlag = nullptr;
};

struct PackageResult
{
    QString zipPath;
    QString sha256Hex;       // lowercase hex SHA-256 of the plain zip (Capgo's `checksum` for unencrypted bundles)
    qint64 files = 0;        // file entries in the zip (directories not counted)
    qint64 bytes = 0;        // total uncompressed bytes of those files
    qint64 zipSize = 0;
    std::vector<PreflightCheck> checks; // the pre-flight results (all non-blocking when packaging succeeded)
    std::optional<crypto::BundleSeal> seal; // set when an encrypted bundle was written
    QString encryptedPath;
    // The delta file list, when asked for and possible; otherwise why not (encrypted empty files).
    std::optional<DeltaManifest> manifest;
    QString manifestWithheld;
};

// Turns a build into a Capgo bundle: pre-flight, then one streaming pass that compresses on every
// core, writes the zip, hashes it and (with a key) encrypts it. Nothing is left behind on failure.
class Packager
{
public:
    // Runs pre-flight first; any blocking check stops the run with an error listing the failures.
    // `progress` gets uncompressed bytes done / total and may return false to cancel.
    [[nodiscard]] static Result<PackageResult> package(const PackageRequest& request, const ProgressFn& progress = {});
    // The entries of `source` the zip holds (and the delta describes).
    [[nodiscard]] static std::vector<const BuildEntry*> shippedEntries(const BuildSource& source, bool excludeJunk);
};

} // namespace slipway::bundle
