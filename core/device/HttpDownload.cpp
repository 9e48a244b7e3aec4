#include "device/HttpDownload.h"

#include "common/ByteSize.h"
#include "common/DataLocation.h"
#include "device/HttpExchange.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace slipway::device {

namespace {

// One GET of a download: the bytes written to `file`, or where the server redirects.
struct Hop
{
    qint64 received = 0;
    QUrl redirect; // set for a 3xx answer
};

// GET `url` into `file`, as the plugin streams a download to a file: at most the Content-Length it
// announces, never more than maxBytes, and exactly what was announced. Redirects are returned, not followed.
Result<Hop> fetchOnce(const QUrl& url, QSaveFile& file, qint64 maxBytes, const QString& what,
                      const ProgressFn& progress)
{
    Hop hop;
    QString refused;
    const auto sink = [&](const HttpHead& head, const QByteArray& chunk) {
        if (head.status != 200)
            return false; // a redirect or an error: its body is not the download
        if (head.contentLength > maxBytes)
            refused = QStringLiteral("%1 announces %2, more than the %3 %4 may be: refused before downloading.")
                          .arg(url.toString(), humanByteSize(head.contentLength), humanByteSize(maxBytes), what);
        else if (chunk.size() > maxBytes - hop.received)
            refused = QStringLiteral("%1 sends more than %2, more than %3 may be: refused.")
                          .arg(url.toString(), humanByteSize(maxBytes), what);
        else if (file.write(chunk) != chunk.size())
            refused = QStringLiteral("Cannot write %1: %2").arg(file.fileName(), file.errorString());
        if (!refused.isEmpty())
            return false;
        hop.received += chunk.size();
        return reportProgress(progress, hop.received, head.contentLength);
    };
    const HttpOutcome outcome = HttpExchange::run({QByteArrayLiteral("GET"), url, {}, {}}, sink);
    const HttpHead& head = outcome.head;
    if (!refused.isEmpty())
        return fail(refused);
    if (head.status >= 300 && head.status < 400 && !head.location.isEmpty()) {
        hop.redirect = QUrl::fromEncoded(head.location);
        return hop;
    }
    if (head.status != 0 && head.status != 200)
        return fail(
            QStringLiteral("Downloading %1 failed: the server answered HTTP %2.").arg(url.toString()).arg(head.status));
    if (outcome.stopped)
        return fail(QStringLiteral("Downloading %1 was cancelled.").arg(url.toString()));
    if (head.contentLength >= 0 && hop.received != head.contentLength)
        return fail(QStringLiteral("The download of %1 ended after %2 of the %3 bytes it announced (%4): the download is "
                                   "incomplete.")
                        .arg(url.toString())
                        .arg(hop.received)
                        .arg(head.contentLength)
                        .arg(outcome.error));
    if (!outcome.complete())
        return fail(QStringLiteral("Downloading %1 failed: %2").arg(url.toString(), outcome.error));
    return hop;
}

} // namespace

bool HttpDownload::isHttp(const QUrl& url)
{
    return url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https");
}

Result<Download> HttpDownload::toFile(const QUrl& url, const QString& path,
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
        auto hop = fetchOnce(current, file, maxBytes, what, progress);
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
