#include "device/DeviceSimulator.h"

#include "common/ByteSize.h"
#include "common/DataLocation.h"
#include "common/InputLimits.h"
#include "device/UpdateAnswer.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
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
constexpr qint64 ReadBufferBytes = 1024LL * 1024;

// Runs a request to completion on a private event loop (the simulator is called from the CLI and
// from worker threads alike). `sink` receives the body as it arrives; false stops the transfer. Qt
// buffers at most ReadBufferBytes ahead of the sink, so a fast or endless body cannot fill memory.
QNetworkReply::NetworkError exchange(QNetworkReply* reply, const std::function<bool(const QByteArray&)>& sink,
                                     QString* error, int* status, QUrl* redirect = nullptr)
{
    reply->setReadBufferSize(ReadBufferBytes);
    QEventLoop loop;
    QTimer idle;
    idle.setSingleShot(true);
    idle.setInterval(AskTimeoutMs);
    bool stopped = false;
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, [&] {
        idle.start();
        if (!stopped && !sink(reply->readAll())) {
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
        stopped = !sink(reply->readAll());
    *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (redirect)
        *redirect = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
    const auto code = stopped ? QNetworkReply::OperationCanceledError : reply->error();
    *error = stopped ? QStringLiteral("Cancelled.") : reply->errorString();
    if (!idle.isActive() && code == QNetworkReply::OperationCanceledError && !stopped)
        *error = QStringLiteral("no answer for %1 s").arg(AskTimeoutMs / 1000);
    reply->deleteLater();
    return code;
}

bool isHttp(const QUrl& url)
{
    return url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https");
}

// Where a downloaded bundle landed, or the failure the download step reports.
struct Download
{
    QString path;
    qint64 bytes = 0;
    QString detail;
};

// One GET of a download: the bytes written to `file`, or where the server redirects.
struct Hop
{
    qint64 received = 0;
    QUrl redirect; // set for a 3xx answer
};

// GET `url` into `file`, as the plugin streams a bundle to a file: at most the Content-Length it
// announces, never more than limits::BundleBytes, and exactly what was announced. Redirects are
// returned, not followed (Qt would follow them without the read-buffer bound).
Result<Hop> fetchOnce(QNetworkAccessManager& network, const QUrl& url, QSaveFile& file, const ProgressFn& progress)
{
    QNetworkRequest get(url);
    get.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    get.setRawHeader("Accept-Encoding", "identity"); // so Content-Length counts the bytes that arrive
    QNetworkReply* reply = network.get(get);
    Hop hop;
    qint64 announced = -1;
    QString refused;
    const auto sink = [&](const QByteArray& chunk) {
        if (announced == -1) {
            const int answered = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (answered != 200)
                return false; // a redirect or an error: its body is not the bundle
            bool known = false;
            announced = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&known);
            if (!known)
                announced = -2; // close-delimited or chunked: only the ceiling applies
            else if (announced > limits::BundleBytes)
                refused = QStringLiteral("%1 announces %2, more than the %3 a bundle may be: refused before "
                                         "downloading.")
                              .arg(url.toString(), humanByteSize(announced), humanByteSize(limits::BundleBytes));
        }
        const qint64 cap = announced >= 0 ? announced : limits::BundleBytes;
        if (refused.isEmpty() && chunk.size() > cap - hop.received)
            refused = announced >= 0 ? QStringLiteral("%1 sends more than the %2 bytes it announced: refused.")
                                           .arg(url.toString())
                                           .arg(announced)
                                     : QStringLiteral("%1 sends more than %2, more than a bundle may be: refused.")
                                           .arg(url.toString(), humanByteSize(limits::BundleBytes));
        if (!refused.isEmpty())
            return false;
        if (file.write(chunk) != chunk.size()) {
            refused = QStringLiteral("Cannot write %1: %2").arg(file.fileName(), file.errorString());
            return false;
        }
        hop.received += chunk.size();
        return reportProgress(progress, hop.received, announced >= 0 ? announced : -1);
    };
    QString error;
    int status = 0;
    const auto code = exchange(reply, sink, &error, &status, &hop.redirect);
    if (!refused.isEmpty())
        return fail(refused);
    if (status >= 300 && status < 400 && hop.redirect.isValid())
        return hop;
    if (status != 0 && status != 200)
        return fail(
            QStringLiteral("Downloading %1 failed: the server answered HTTP %2.").arg(url.toString()).arg(status));
    if (announced >= 0 && hop.received != announced)
        return fail(QStringLiteral("The download of %1 ended after %2 of the %3 bytes it announced%4: the bundle is "
                                   "incomplete.")
                        .arg(url.toString())
                        .arg(hop.received)
                        .arg(announced)
                        .arg(code != QNetworkReply::NoError ? QStringLiteral(" (%1)").arg(error) : QString()));
    if (code != QNetworkReply::NoError)
        return fail(QStringLiteral("Downloading %1 failed: %2").arg(url.toString(), error));
    return hop;
}

// Downloads the bundle to `path`, following redirects as Android's HttpURLConnection does: at most
// five, only to http(s), never between http and https.
Result<Download> downloadOverHttp(QNetworkAccessManager& network, const QUrl& url, const QString& path,
                                  const ProgressFn& progress)
{
    constexpr int MaxRedirects = 5;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    const auto failed = [&](const QString& why) {
        file.cancelWriting();
        return fail(why);
    };
    QUrl current = url;
    for (int redirects = 0;; ++redirects) {
        auto hop = fetchOnce(network, current, file, progress);
        if (!hop)
            return failed(hop.error().message);
        if (!hop->redirect.isValid())
            break;
        const QUrl next = current.resolved(hop->redirect);
        if (redirects == MaxRedirects)
            return failed(QStringLiteral("%1 redirects more than %2 times; a phone gives up.")
                              .arg(url.toString())
                              .arg(MaxRedirects));
        if (!isHttp(next))
            return failed(QStringLiteral("%1 redirects to %2; a phone follows only http(s) redirects: refused.")
                              .arg(current.toString(), next.toString()));
        if (next.scheme() != current.scheme())
            return failed(QStringLiteral("%1 redirects to %2: Android does not follow a redirect between http and "
                                         "https, so the phone would fail here. Publish the bundle URL with the final "
                                         "scheme.")
                              .arg(current.toString(), next.toString()));
        current = next;
    }
    if (!file.commit())
        return fail(QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    const qint64 size = QFileInfo(path).size();
    return Download{path, size,
                    QStringLiteral("%1 from %2.")
                        .arg(humanByteSize(size), current == url ? url.toString()
                                                                 : url.toString() + QStringLiteral(" (redirected to ") +
                                                                       current.toString() + QLatin1Char(')'))};
}

// A file:// URL is no download a phone can make; Slipway reads one only inside its own local release
// storage (what `slipway serve` hands out for local releases), never a file elsewhere on this computer.
Result<Download> localBundle(const QUrl& url)
{
    const QString storage = QFileInfo(DataLocation::folder(QStringLiteral("storage"))).canonicalFilePath();
    const QFileInfo info(url.toLocalFile());
    // Links resolved; a missing file is placed by its folder so that it is reported as missing, not as elsewhere.
    const QString path = info.exists() ? info.canonicalFilePath()
                                       : QDir(info.absolutePath()).canonicalPath() + QLatin1Char('/') + info.fileName();
    if (storage.isEmpty() || !path.startsWith(storage + QLatin1Char('/')))
        return fail(QStringLiteral("The endpoint offered %1, a file on this computer outside Slipway's local storage "
                                   "(%2). A phone downloads bundles only over http(s): refused.")
                        .arg(url.toString(), storage.isEmpty() ? DataLocation::root() : storage));
    if (!info.exists())
        return fail(QStringLiteral("The endpoint offered %1, which does not exist (was the release's upload removed?).")
                        .arg(url.toString()));
    if (!info.isFile())
        return fail(QStringLiteral("The endpoint offered %1, which is not a regular file.").arg(url.toString()));
    if (info.size() > limits::BundleBytes)
        return fail(QStringLiteral("%1 is %2, more than the %3 a bundle may be.")
                        .arg(url.toString(), humanByteSize(info.size()), humanByteSize(limits::BundleBytes)));
    return Download{path, info.size(),
                    QStringLiteral("%1 read from Slipway's local storage (%2); a real phone needs an http(s) URL.")
                        .arg(humanByteSize(info.size()), path)};
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
    QNetworkAccessManager network;
    const QString deviceId =
        device.deviceId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : device.deviceId;

    // 1. Ask the update endpoint, as the plugin does at start and on resume.
    const QString askTitle = QStringLiteral("Ask the update endpoint");
    if (!device.updateUrl.isValid() || !isHttp(device.updateUrl)) {
        addStep(QStringLiteral("ask"), askTitle, false,
                QStringLiteral("The update URL '%1' is not an http(s) URL, the only kind the plugin asks.")
                    .arg(device.updateUrl.toString()));
        return result;
    }
    QNetworkRequest ask(device.updateUrl);
    ask.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QByteArray body;
    QString error;
    int status = 0;
    bool answerTooLarge = false;
    const auto askError = exchange(
        network.post(ask, QJsonDocument(deviceInfo(device, deviceId)).toJson(QJsonDocument::Compact)),
        [&](const QByteArray& chunk) {
            answerTooLarge = chunk.size() > limits::UpdateAnswerBytes - body.size();
            if (!answerTooLarge)
                body += chunk;
            return !answerTooLarge;
        },
        &error, &status);
    if (answerTooLarge) {
        addStep(QStringLiteral("ask"), askTitle, false,
                QStringLiteral("%1 answered with more than %2, larger than any update answer: refused. Check what the "
                               "endpoint serves.")
                    .arg(device.updateUrl.toString(), humanByteSize(limits::UpdateAnswerBytes)));
        return result;
    }
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
        addStep(
            QStringLiteral("ask"), askTitle, false,
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
    const QString downloadTitle = QStringLiteral("Download the bundle");
    std::unique_ptr<QTemporaryDir> scratch;
    QString folder = device.workFolder;
    if (folder.isEmpty()) {
        scratch = std::make_unique<QTemporaryDir>();
        folder = scratch->path();
    }
    QDir().mkpath(folder);
    Result<Download> download = fail(QStringLiteral("The endpoint offered %1; a phone downloads bundles only over "
                                                    "http(s): refused.")
                                         .arg(bundleUrl.toString()));
    if (isHttp(bundleUrl))
        // A fixed name: the version comes from the endpoint and must not choose where the file lands.
        download = downloadOverHttp(network, bundleUrl, QDir(folder).filePath(QStringLiteral("bundle.zip.encrypted")),
                                    progress);
    else if (bundleUrl.isLocalFile())
        download = localBundle(bundleUrl);
    if (!download) {
        addStep(QStringLiteral("download"), downloadTitle, false, download.error().message);
        return result;
    }
    addStep(QStringLiteral("download"), downloadTitle, true, download->detail);

    // 3. What the phone does before it switches: the device verifier's steps.
    VerificationInput input;
    input.encryptedPath = download->path;
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
