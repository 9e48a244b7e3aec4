#pragma once

#include "common/Progress.h"
#include "common/Result.h"
#include "crypto/RsaKey.h"
#include "device/DeviceVerifier.h"
#include "device/ManifestEntry.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <functional>

namespace slipway::device {

// Gets one manifest object: either downloads `url` into `scratchPath` and returns that path, or returns the
// path of a local file that already holds the object (ManifestInstall::localFetcher). The error says why,
// naming the URL.
using ManifestFetch = std::function<Result<QString>(const QString& url, const QString& scratchPath)>;

// What the phone has on disk around an update.
struct DeviceState
{
    QString builtinDir; // the app's shipped web build (Android files/public, iOS public/); empty: none
    QString cacheDir;   // the plugin's download cache of {sha256}_{basename} files, read and filled; empty: none
    QString outDir;     // the new bundle folder as the phone has it; new or empty; empty: assemble, then discard
    bool checkOnly = false; // decode and check every file without writing the bundle (the release's verify step)
};

struct ManifestInstallInput
{
    QJsonArray manifest;      // the answer's `manifest`: [{file_name, file_hash, download_url}, ...]
    QList<ManifestEntry> entries; // instead of `manifest`: entries already read (a release's own file list)
    QString sessionKey;       // the answer's `session_key`
    crypto::RsaKey publicKey; // the app's public key; null: a plain (unencrypted, unsigned) bundle
    DeviceState device;
    ManifestFetch fetch;
};

struct ManifestInstallReport
{
    QList<VerificationStep> steps; // session-key, unwrap-key (encrypted only), manifest-entries, manifest-files, write-bundle
    int filesTotal = 0;
    int downloaded = 0;
    int reusedBuiltin = 0;
    int reusedCache = 0;
    qint64 bytesDownloaded = 0; // as fetched (compressed, encrypted)
    QString failedFile;         // the file_name of the entry that failed the update, if one did
    QString failureAction;      // the plugin's stats action for the failure (manifest_path_fail, ...)
    // Every target with the lowercase SHA-256 its bytes were checked against (complete once accepted): what
    // the release's verify step compares with the zip's tree.
    QMap<QString, QString> fileHashes;

    [[nodiscard]] bool accepted() const;
    [[nodiscard]] const VerificationStep* failedStep() const;
    [[nodiscard]] QString summary() const;
    // {filesTotal, downloaded, reusedBuiltin, reusedCache, bytesDownloaded}
    [[nodiscard]] QJsonObject countsJson() const;
};

// Does with an update answer's manifest what @capgo/capacitor-updater 8.51.23 does: with a public key the
// session key and a signed hash per file are required; each target (file_name without ".br") must be a
// safe relative path, distinct from every other; each file comes from the builtin folder (same SHA-256),
// else the cache, else a download that is decrypted, brotli-decoded (".br" names only) and checked
// against its SHA-256. One bad file fails the whole update; the bundle is assembled beside outDir and
// moved there only when every file checks out. Files stream through in fixed chunks.
class ManifestInstall
{
public:
    [[nodiscard]] static ManifestInstallReport install(const ManifestInstallInput& input,
                                                       const ProgressFn& progress = {});
    // Reads file:// URLs of local object files in place (the release's verify step, tests).
    [[nodiscard]] static ManifestFetch localFetcher();
};

} // namespace slipway::device
