#include "device/DeviceSimulator.h"

#include "device/UpdateAnswer.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>

#include <memory>

namespace slipway::device {

namespace {

constexpr int AskTimeoutMs = 30000;
const QString PluginVersion = QStringLiteral("8.51.14");

// Runs a request to completion on a private event loop (the simulator is called from the CLI and
// from worker threads alike). `sink` receives the body as it arrives; false stops the transfer.
QNetworkReply::NetworkError exchange(QNetworkAccessManager& network, QNetworkReply* reply,
                                     const std::function<bool(const QByteArray&)>& sink, QString* error, int* status)
{
    QEventLoop loop;
    QTimer idle;
    idle.setSingleShot(true);
    idle.setInterval(AskTimeoutMs);
    bool stopped = false;
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, [&] {
        idle.start();
        if (!sink(reply->readAll())) {
            stopped = true;
            reply->abort();
        }
    });
    QObject::connect(&idle, &QTimer::timeout, &loop, [&] { reply->abort(); });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    idle.start();
    if (!reply->isFinished())
        loop.exec();
    if (!stopped && reply->bytesAvailable() > 0)
        sink(reply->readAll());
    *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const auto code = stopped ? QNetworkReply::OperationCanceledError : reply->error();
    *error = stopped ? QStringLiteral("Cancelled.") : reply->errorString();
    if (!idle.isActive() && code == QNetworkReply::OperationCanceledError && !stopped)
        *error = QStringLiteral("no answer for %1 s").arg(AskTimeoutMs / 1000);
    Q_UNUSED(network);
    reply->deleteLater();
    return code;
}

QJsonObject deviceInfo(const DeviceProfile& device, const QString& deviceId)
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
        {QStringLiteral("plugin_version"), PluginVersion},
        {QStringLiteral("is_emulator"), true},
        {QStringLiteral("is_prod"), false},
    };
    if (!device.defaultChannel.isEmpty())
        info.insert(QStringLiteral("defaultChannel"), device.defaultChannel);
    if (!device.publicKey.isNull())
        info.insert(QStringLiteral("key_id"), device.publicKey.keyId());
    return info;
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
            .arg(response.value(QStringLiteral("message")).toString(response.value(QStringLiteral("error")).toString()));
    if (outcome == QLatin1String("revert"))
        return QStringLiteral("The endpoint told the phone to go back to its built-in bundle.");
    for (const auto& step : steps)
        if (!step.passed)
            return QStringLiteral("The phone would not apply the update: %1 failed: %2").arg(step.title, step.detail);
    return QStringLiteral("The phone would not apply the update: %1")
        .arg(response.value(QStringLiteral("message")).toString(response.value(QStringLiteral("error")).toString()));
}

SimulationResult DeviceSimulator::simulate(const DeviceProfile& device, const ProgressFn& progress)
{
    SimulationResult result;
    result.outcome = QStringLiteral("failed");
    auto addStep = [&](const QString& id, const QString& title, bool passed, const QString& detail) {
        result.steps.append({id, title, passed, detail});
        return passed;
    };
    QNetworkAccessManager network;
    const QString deviceId = device.deviceId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : device.deviceId;

    // 1. Ask the update endpoint, as the plugin does at start and on resume.
    const QString askTitle = QStringLiteral("Ask the update endpoint");
    if (!device.updateUrl.isValid() || device.updateUrl.scheme().isEmpty()) {
        addStep(QStringLiteral("ask"), askTitle, false, QStringLiteral("The update URL '%1' is not valid.").arg(device.updateUrl.toString()));
        return result;
    }
    QNetworkRequest ask(device.updateUrl);
    ask.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QByteArray body;
    QString error;
    int status = 0;
    const auto askError = exchange(network, network.post(ask, QJsonDocument(deviceInfo(device, deviceId)).toJson(QJsonDocument::Compact)),
                                   [&](const QByteArray& chunk) { body += chunk; return body.size() < (1 << 20); }, &error, &status);
    const UpdateAnswer answer = UpdateAnswer::parse(body);
    if (askError != QNetworkReply::NoError && answer.raw.isEmpty()) {
        addStep(QStringLiteral("ask"), askTitle, false,
                QStringLiteral("Cannot reach %1: %2").arg(device.updateUrl.toString(), error));
        return result;
    }
    result.response = answer.raw;
    result.version = answer.version;
    switch (answer.kind) {
    case UpdateAnswer::Kind::Update:
        break;
    case UpdateAnswer::Kind::Invalid:
        addStep(QStringLiteral("ask"), askTitle, false,
                QStringLiteral("%1 answered HTTP %2: %3").arg(device.updateUrl.toString()).arg(status).arg(answer.message));
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
    addStep(QStringLiteral("ask"), askTitle, true,
            QStringLiteral("Update to %1 offered at %2.").arg(result.version, bundleUrl.toString()));

    // 2. Download the bundle.
    std::unique_ptr<QTemporaryDir> scratch;
    QString folder = device.workFolder;
    if (folder.isEmpty()) {
        scratch = std::make_unique<QTemporaryDir>();
        folder = scratch->path();
    }
    QDir().mkpath(folder);
    const QString downloadPath = QDir(folder).filePath(QStringLiteral("%1.zip.encrypted").arg(result.version));
    const QString downloadTitle = QStringLiteral("Download the bundle");
    QSaveFile file(downloadPath);
    if (!file.open(QIODevice::WriteOnly)) {
        addStep(QStringLiteral("download"), downloadTitle, false, QStringLiteral("Cannot write %1: %2").arg(downloadPath, file.errorString()));
        return result;
    }
    qint64 received = 0;
    bool writeFailed = false;
    QNetworkRequest get(bundleUrl);
    get.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    const auto downloadError = exchange(network, network.get(get),
                                        [&](const QByteArray& chunk) {
                                            if (file.write(chunk) != chunk.size()) {
                                                writeFailed = true;
                                                return false;
                                            }
                                            received += chunk.size();
                                            return reportProgress(progress, received, -1);
                                        },
                                        &error, &status);
    if (downloadError != QNetworkReply::NoError || writeFailed || (status != 0 && status != 200)) {
        file.cancelWriting();
        addStep(QStringLiteral("download"), downloadTitle, false,
                writeFailed ? QStringLiteral("Cannot write %1: %2").arg(downloadPath, file.errorString())
                            : QStringLiteral("Downloading %1 failed: %2%3")
                                  .arg(bundleUrl.toString(), error,
                                       status ? QStringLiteral(" (HTTP %1)").arg(status) : QString()));
        return result;
    }
    if (!file.commit()) {
        addStep(QStringLiteral("download"), downloadTitle, false, QStringLiteral("Cannot write %1: %2").arg(downloadPath, file.errorString()));
        return result;
    }
    addStep(QStringLiteral("download"), downloadTitle, true, QStringLiteral("%1 bytes from %2.").arg(received).arg(bundleUrl.toString()));

    // 3. What the phone does before it switches: the device verifier's steps.
    VerificationInput input;
    input.encryptedPath = downloadPath;
    input.ivSessionKey = answer.sessionKey;
    input.signedChecksum = answer.checksum;
    input.publicKey = device.publicKey;
    const VerificationReport report = DeviceVerifier::verify(input, progress);
    result.steps += report.steps;
    if (report.accepted())
        result.outcome = QStringLiteral("applied");
    return result;
}

} // namespace slipway::device
