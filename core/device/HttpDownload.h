#pragma once

#include "common/Progress.h"
#include "common/Result.h"

#include <QString>
#include <QUrl>

namespace slipway::device {

// Where a download landed, or the failure the download step reports.
struct Download
{
    QString path;
    qint64 bytes = 0;
    QString detail;
};

// The phone's HTTP client as the simulator plays it: bounded reads, redirects as Android follows them.
class HttpDownload
{
public:
    [[nodiscard]] static bool isHttp(const QUrl& url);
    // Downloads `url` to `path`: at most the Content-Length it announces, never more than `maxBytes`, exactly
    // what was announced; following redirects as Android's HttpURLConnection does (at most five, only to
    // http(s), never between http and https). `what` names the download in messages ("a bundle").
    [[nodiscard]] static Result<Download> toFile(const QUrl& url, const QString& path,
                                                 qint64 maxBytes, const QString& what, const ProgressFn& progress = {});
    // A file:// URL is no download a phone can make; Slipway reads one only inside its own local release
    // storage (what `slipway serve` hands out for local releases), never a file elsewhere on this computer.
    [[nodiscard]] static Result<Download> fromLocalStorage(const QUrl& url, qint64 maxBytes, const QString& what);
};

} // namespace slipway::device
