#include "device/DeviceSimulator.h"

#include "common/ByteSize.h"
#include "common/InputLimits.h"
#include "device/BundleUnzip.h"
#include "device/DownloadCache.h"
#include "device/HttpDownload.h"
#include "device/HttpExchange.h"
#include "device/ManifestInstall.h"
#include "device/StagedFolder.h"
#include "device/UpdateAnswer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QUuid>

#include <memory>

namespace slipway::device {

namespace {

// The manifest path: every file from the builtin folder, the cache, or a download over http(s) (a file://
// URL only inside Slipway's local storage, as for the zip).
void installManifest(const DeviceProfile& device, const UpdateAnswer& answer, const ProgressFn& progress,
                     SimulationResult& result)
{
    result.path = QStringLiteral("manifest");
    ManifestInstallInput input;
    input.manifest = answer.manifest;
    input.sessionKey = answer.sessionKey;
    input.publicKey = device.publicKey;
    input.device = {device.builtinDir, device.cacheDir, device.outDir};
    const QString what = QStringLiteral("a manifest file");
    input.fetch = [&what](const QString& url, const QString& scratchPath) -> Result<QString> {
        const QUrl parsed(url, QUrl::StrictMode);
        Result<Download> download = fail(QStringLiteral("a phone downloads only over http(s): refused."));
        if (HttpDownload::isHttp(parsed))
            download = HttpDownload::toFile(parsed, scratchPath, limits::ManifestFileBytes, what);
        else if (parsed.isLocalFile())
            download = HttpDownload::fromLocalStorage(parsed, limits::ManifestFileBytes, what);
        if (!download)
            return download.error();
        return download->path;
    };
    const ManifestInstallReport report = ManifestInstall::install(input, progress);
    result.steps += report.steps;
    result.filesTotal = report.filesTotal;
    result.filesDownloaded = report.downloaded;
    result.reusedBuiltin = report.reusedBuiltin;
    result.reusedCache = report.reusedCache;
    result.bytesDownloaded = report.bytesDownloaded;
    result.failureAction = report.failureAction;
    result.failedFile = report.failedFile;
    if (report.accepted())
        result.outcome = QStringLiteral("applied");
}

// Unpacks the verified zip into the device's bundle folder with QuaZip and caches every file.
bool unpackZip(const DeviceProfile& device, const QString& zipPath, const QString& root, SimulationResult& result)
{
    const QString title = QStringLiteral("Unpack the bundle (QuaZip) and fill the delta cache");
    const auto failed = [&](const QString& why) {
        result.steps.append({QStringLiteral("unpack"), title, false, why});
        return false;
    };
    auto staged = StagedFolder::create(device.outDir);
    if (!staged)
        return failed(staged.error().message);
    auto files = BundleUnzip::extract(zipPath, root, staged.value()->path());
    if (!files)
        return failed(files.error().message);
    const DownloadCache cache(device.cacheDir);
    for (const UnpackedFile& file : std::as_const(files.value()))
        if (Status stored = cache.store(file.sha256Hex, file.path, QDir(staged.value()->path()).filePath(file.path));
            !stored)
            return failed(stored.error().message);
    if (Status moved = staged.value()->commit(); !moved)
        return failed(moved.error().message);
    result.filesTotal = static_cast<int>(files->size());
    result.filesDownloaded = result.filesTotal;
    result.steps.append(
        {QStringLiteral("unpack"), title, true,
         QStringLiteral("%1 files%2%3.")
             .arg(files->size())
             .arg(device.outDir.isEmpty() ? QString() : QStringLiteral(" written to %1").arg(staged.value()->destination()))
             .arg(cache.isEnabled() ? QStringLiteral(", each cached in %1").arg(device.cacheDir) : QString())});
    return true;
}

} // namespace

QString SimulationResult::summary() const
{
    if (applied())
        return QStringLiteral("The phone downloaded, verified and would apply version %1.").arg(version);
    if (outcome == QLatin1String("up_to_date"))
        return QStringLiteral("The phone is up to date: the endpoint has nothing newer (%1).")
            .arg(response.value(QStringLiteral("message")).toString());
    if (outcome == QLatin1String("blocked"))
        return QStringLiteral("The endpoint blocked the update: %1")
            .arg(
                response.value(QStringLiteral("message")).toString(response.value(QStringLiteral("error")).toString()));
    if (outcome == QLatin1String("revert"))
        return QStringLiteral("The endpoint told the phone to go back to its built-in bundle.");
    for (const auto& step : steps)
        if (!step.passed)
            return QStringLiteral("The phone would not apply the update: %1 failed: %2").arg(step.title, step.detail);
    return QStringLiteral("The phone would not apply the update: %1")
        .arg(response.value(QStringLiteral("message")).toString(response.value(QStringLiteral("error")).toString()));
}

QJsonObject DeviceSimulator::deviceInfo(const DeviceProfile& device, const QString& deviceId)
{
    QJsonObject info{
        {QStringLiteral("platform"), device.platform},
        {QStringLiteral("device_id"), deviceId},
        {QStringLiteral("app_id"), device.appId},
        {QStringLiteral("custom_id"), QString()},
        {QStringLiteral("version_build"), device.versionBuild},
        {QStringLiteral("version_code"), QStringLiteral("1")},
        {QStringLiteral("version_os"), QStringLiteral("14")},
        {QStringLiteral("version_name"), device.versionName},
        {QStringLiteral("plugin_version"), device.pluginVersion.isEmpty() ? PluginVersion : device.pluginVersion},
        {QStringLiteral("is_emulator"), true},
        {QStringLiteral("is_prod"), false},
    };
    if (!device.defaultChannel.isEmpty())
        info.insert(QStringLiteral("defaultChannel"), device.defaultChannel);
    if (!device.publicKey.isNull())
        info.insert(QStringLiteral("key_id"), device.publicKey.keyId());
    return info;
}

SimulationResult DeviceSimulator::simulate(const DeviceProfile& device, const ProgressFn& progress)
{
    SimulationResult result;
    result.outcome = QStringLiteral("failed");
    auto addStep = [&](const QString& id, const QString& title, bool passed, const QString& detail) {
        result.steps.append({id, title, passed, detail});
        return passed;
    };
    const QString deviceId =
        device.deviceId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : device.deviceId;

    // 1. Ask the update endpoint, as the plugin does at start and on resume.
    const QString askTitle = QStringLiteral("Ask the update endpoint");
    if (!device.updateUrl.isValid() || !HttpDownload::isHttp(device.updateUrl)) {
        addStep(QStringLiteral("ask"), askTitle, false,
                QStringLiteral("The update URL '%1' is not an http(s) URL, the only kind the plugin asks.")
                    .arg(device.updateUrl.toString()));
        return result;
    }
    QByteArray body;
    bool answerTooLarge = false;
    const HttpOutcome asked = HttpExchange::run(
        {QByteArrayLiteral("POST"), device.updateUrl, QByteArrayLiteral("application/json"),
         QJsonDocument(deviceInfo(device, deviceId)).toJson(QJsonDocument::Compact)},
        [&](const HttpHead&, const QByteArray& chunk) {
            answerTooLarge = chunk.size() > limits::UpdateAnswerBytes - body.size();
            if (!answerTooLarge)
                body += chunk;
            return !answerTooLarge;
        });
    if (answerTooLarge) {
        addStep(QStringLiteral("ask"), askTitle, false,
                QStringLiteral("%1 answered with more than %2, larger than any update answer: refused. Check what the "
                               "endpoint serves.")
                    .arg(device.updateUrl.toString(), humanByteSize(limits::UpdateAnswerBytes)));
        return result;
    }
    const UpdateAnswer answer = UpdateAnswer::parse(body);
    if (!asked.complete() && answer.raw.isEmpty()) {
        addStep(QStringLiteral("ask"), askTitle, false,
                QStringLiteral("Cannot reach %1: %2").arg(device.updateUrl.toString(), asked.error));
        return result;
    }
    result.response = answer.raw;
    result.version = answer.version;
    switch (answer.kind) {
    case UpdateAnswer::Kind::Update:
        break;
    case UpdateAnswer::Kind::Invalid:
        addStep(
            QStringLiteral("ask"), askTitle, false,
            QStringLiteral("%1 answered HTTP %2: %3")
                .arg(device.updateUrl.toString())
                .arg(asked.head.status)
                .arg(answer.message));
        return result;
    case UpdateAnswer::Kind::Revert:
        result.outcome = answer.kindName();
        addStep(QStringLiteral("ask"), askTitle, true, QStringLiteral("The endpoint asks for the built-in bundle."));
        return result;
    default:
        result.outcome = answer.kindName();
        addStep(QStringLiteral("ask"), askTitle, answer.kind != UpdateAnswer::Kind::Failed,
                QStringLiteral("The endpoint answered %1: %2").arg(answer.kindName(), answer.message));
        return result;
    }
    const QUrl bundleUrl = answer.url;
    std::unique_ptr<QTemporaryDir> scratch;
    QString folder = device.workFolder;
    if (folder.isEmpty()) {
        scratch = std::make_unique<QTemporaryDir>();
        folder = scratch->path();
    }
    QDir().mkpath(folder);
    // The plugin takes the manifest path whenever the answer has one; the zip is then not downloaded.
    if (!answer.manifest.isEmpty()) {
        addStep(QStringLiteral("ask"), askTitle, true,
                QStringLiteral("Update to %1 offered as a manifest of %2 files (the zip at %3 is not downloaded).")
                    .arg(result.version)
                    .arg(answer.manifest.size())
                    .arg(bundleUrl.toString()));
        installManifest(device, answer, progress, result);
        return result;
    }
    addStep(QStringLiteral("ask"), askTitle, true,
            QStringLiteral("Update to %1 offered at %2.").arg(result.version, bundleUrl.toString()));

    // 2. Download the bundle.
    result.path = QStringLiteral("zip");
    const QString downloadTitle = QStringLiteral("Download the bundle");
    Result<Download> download = fail(QStringLiteral("The endpoint offered %1; a phone downloads bundles only over "
                                                    "http(s): refused.")
                                         .arg(bundleUrl.toString()));
    if (HttpDownload::isHttp(bundleUrl))
        // A fixed name: the version comes from the endpoint and must not choose where the file lands.
        download = HttpDownload::toFile(bundleUrl,
                                        QDir(folder).filePath(QStringLiteral("bundle.zip.encrypted")),
                                        limits::BundleBytes, QStringLiteral("a bundle"), progress);
    else if (bundleUrl.isLocalFile())
        download = HttpDownload::fromLocalStorage(bundleUrl, limits::BundleBytes, QStringLiteral("a bundle"));
    if (!download) {
        addStep(QStringLiteral("download"), downloadTitle, false, download.error().message);
        return result;
    }
    addStep(QStringLiteral("download"), downloadTitle, true, download->detail);
    result.bytesDownloaded = download->bytes;

    // 3. What the phone does before it switches: the device verifier's steps.
    const bool unpack = !device.outDir.isEmpty() || !device.cacheDir.isEmpty();
    VerificationInput input;
    input.encryptedPath = download->path;
    input.ivSessionKey = answer.sessionKey;
    input.signedChecksum = answer.checksum;
    input.publicKey = device.publicKey;
    if (unpack)
        input.decryptedOutPath = QDir(folder).filePath(QStringLiteral("bundle.zip"));
    const VerificationReport report = DeviceVerifier::verify(input, progress);
    result.steps += report.steps;
    result.filesTotal = report.entries;
    result.filesDownloaded = report.entries;
    if (!report.accepted())
        return result;
    // 4. Unpack as the phone does, then fill its delta cache (plugin >= 8.42.4).
    if (unpack) {
        const bool unpacked = unpackZip(device, input.decryptedOutPath, report.root, result);
        QFile::remove(input.decryptedOutPath);
        if (!unpacked)
            return result;
    }
    result.outcome = QStringLiteral("applied");
    return result;
}

} // namespace slipway::device
