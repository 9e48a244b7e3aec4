#include "device/HttpDownload.h"

#include "common/ByteSize.h"
#include "common/DataLocation.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QNetworkRequest>
#include <QSaveFile>
#include <QTimer>

namespace slipway::device {

namespace {

constexpr int AskTimeoutMs = 30000;
constexpr qint64 ReadBufferBytes = 1024LL * 1024;

// One GET of a download: the bytes written to `file`, or where the server redirects.
struct Hop
{
    qint64 received = 0;
    QUrl redirect; // set for a 3xx answer
};

// GET `url` into `file`, as the plugin streams a download to a file: at most the Content-Length it
// announces, never more than maxBytes, and exactly what was announced. Redirects are
// returned, not followed (Qt would follow them without the read-buffer bound).
Result<Hop> fetchOnce(QNetworkAccessManager& network, const QUrl& url, QSaveFile& file, qint64 maxBytes,
                      const QString& what, const ProgressFn& progress)
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
                return false; // a redirect or an error: its body is not the download
            bool known = false;
            announced = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&known);
            if (!known)
                announced = -2; // close-delimited or chunked: only the ceiling applies
            else if (announced > maxBytes)
                refused = QStringLiteral("%1 announces %2, more than the %3 %4 may be: refused before "
                                         "downloading.")
                              .arg(url.toString(), humanByteSize(announced), humanByteSize(maxBytes), what);
        }
        const qint64 cap = announced >= 0 ? announced : maxBytes;
        if (refused.isEmpty() && chunk.size() > cap - hop.received)
            refused = announced >= 0 ? QStringLiteral("%1 sends more than the %2 bytes it announced: refused.")
                                           .arg(url.toString())
                                           .arg(announced)
                                     : QStringLiteral("%1 sends more than %2, more than %3 may be: refused.")
                                           .arg(url.toString(), humanByteSize(maxBytes), what);
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
    const auto code = HttpDownload::exchange(reply, sink, &error, &status, &hop.redirect);
    if (!refused.isEmpty())
        return fail(refused);
    if (status >= 300 && status < 400 && hop.redirect.isValid())
        return hop;
    if (status != 0 && status != 200)
        return fail(
            QStringLiteral("Downloading %1 failed: the server answered HTTP %2.").arg(url.toString()).arg(status));
    if (announced >= 0 && hop.received != announced)
        return fail(QStringLiteral("The download of %1 ended after %2 of the %3 bytes it announced%4: the download is "
                                   "incomplete.")
                        .arg(url.toString())
                        .arg(hop.received)
                        .arg(announced)
                        .arg(code != QNetworkReply::NoError ? QStringLiteral(" (%1)").arg(error) : QString()));
    if (code != QNetworkReply::NoError)
        return fail(QStringLiteral("Downloading %1 failed: %2").arg(url.toString(), error));
    return hop;
}

} // namespace

QNetworkReply::NetworkError HttpDownload::exchange(QNetworkReply* reply, const std::function<bool(const QByteArray&)>& sink,
                                     QString* error, int* status, QUrl* redirect)
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

bool HttpDownload::isHttp(const QUrl& url)
{
    return url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https");
}

Result<Download> HttpDownload::toFile(QNetworkAccessManager& network, const QUrl& url, const QString& path,
                                      qint64 maxBytes, const QString& what, const ProgressFn& progress)
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
        auto hop = fetchOnce(network, current, file, maxBytes, what, progress);
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

Result<Download> HttpDownload::fromLocalStorage(const QUrl& url, qint64 maxBytes, const QString& what)
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
    if (info.size() > maxBytes)
        return fail(QStringLiteral("%1 is %2, more than the %3 %4 may be.")
                        .arg(url.toString(), humanByteSize(info.size()), humanByteSize(maxBytes), what));
    return Download{path, info.size(),
                    QStringLiteral("%1 read from Slipway's local storage (%2); a real phone needs an http(s) URL.")
                        .arg(humanByteSize(info.size()), path)};
}

} // namespace slipway::device
