#pragma once

#include "common/Progress.h"
#include "crypto/RsaKey.h"
#include "device/DeviceVerifier.h"

#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace slipway::device {

// What a phone running @capgo/capacitor-updater tells its update endpoint.
struct DeviceProfile
{
    QUrl updateUrl;
    QString appId;
    crypto::RsaKey publicKey;                        // the key in the app's capacitor.config
    QString versionName = QStringLiteral("builtin"); // the bundle it runs now
    QString versionBuild = QStringLiteral("1.0.0");  // the native app version
    QString platform = QStringLiteral("android");
    QString deviceId; // a random UUID when empty
    QString defaultChannel;
    QString workFolder; // where the download lands; a temporary folder when empty
    QString pluginVersion; // @capgo/capacitor-updater's version it reports (DeviceSimulator::PluginVersion when empty)
    QString builtinDir;    // the app's shipped web build, reused by the manifest path; empty: none
    QString cacheDir;      // the plugin's delta cache ({sha256}_{basename}), read and filled; empty: none
    QString outDir;        // where the bundle is written as the phone has it (new or empty); empty: not kept
};

// The phone's verdict: "applied" (it would switch to `version`), "up_to_date", "blocked" or "failed".
struct SimulationResult
{
    QString outcome;
    QString version;
    QJsonObject response;          // the endpoint's answer
    QList<VerificationStep> steps; // ask, download, then the device verifier's steps
    QString path;                  // "manifest" or "zip": how the phone got the update (empty: it did not try)
    int filesTotal = 0;
    int filesDownloaded = 0;
    int reusedBuiltin = 0;
    int reusedCache = 0;
    qint64 bytesDownloaded = 0;
    QString failureAction; // the plugin's stats action when the manifest path failed (download_manifest_file_fail, ...)
    QString failedFile;    // the manifest entry that failed it
    [[nodiscard]] bool applied() const { return outcome == QLatin1String("applied"); }
    [[nodiscard]] QString summary() const;
};

// Does what the plugin does: POST the info object, read the answer (at most limits::UpdateAnswerBytes); with
// a manifest in it, ManifestInstall's steps (every file from the builtin folder, the cache or a download);
// otherwise download the bundle over http(s) to a file (at most its Content-Length and limits::BundleBytes,
// exactly what was announced), the device verifier's steps and, with an output folder or a cache, the
// unpacking (QuaZip) and the cache filling. A file:// URL is read only inside Slipway's own
// local release storage (DataLocation/storage); any other scheme is refused, as a phone cannot fetch it.
class DeviceSimulator
{
public:
    static inline const QString PluginVersion = QStringLiteral("8.51.14");
    // The info object the plugin POSTs to /updates for this device.
    [[nodiscard]] static QJsonObject deviceInfo(const DeviceProfile& device, const QString& deviceId);
    [[nodiscard]] static SimulationResult simulate(const DeviceProfile& device, const ProgressFn& progress = {});
};

} // namespace slipway::device
