#include "storage/StreamedTransfer.h"

#include "crypto/Sha256.h"
#include "storage/ObjectKey.h"
#include "storage/FileCopy.h"
#include "storage/RetryPolicy.h"
#include "storage/UploadTransport.h"

#include <QFile>

namespace slipway::storage {

CurlRequest::Outcome StreamedTransfer::put(const QByteArray& url, const Prepare& prepare, StagedUpload& upload,
                                           const ProgressFn& progress, bool* cancelled, int* attempts)
{
    const qint64 size = upload.size;
    return RetryPolicy().run([&] {
        auto hash = std::make_shared<crypto::Sha256>();
        CurlRequest request(url);
        prepare(request);
        request.setBodyFile(upload.localPath, 0, size);
        // Hashed while sending: a retry starts over (curl rewinds through a new request).
        request.setBodyObserver([hash](const char* data, qint64 n) { hash->add(data, n); });
        request.setProgress([&](qint64 sent, qint64) {
            if (!reportProgress(progress, qMin(sent, size), size))
                *cancelled = true;
            return !*cancelled;
        });
        auto outcome = request.perform();
        upload.sha256 = hash->finish();
        return outcome;
    }, nullptr, attempts);
}

CurlRequest::Outcome StreamedTransfer::readBack(const QByteArray& url, const Prepare& prepare, QByteArray* sha256, qint64* size,
                                                int* attempts)
{
    return RetryPolicy().run([&] {
        auto hash = std::make_shared<crypto::Sha256>();
        auto received = std::make_shared<qint64>(0);
        CurlRequest request(url);
        prepare(request);
        request.setDownloadObserver([hash, received](const char* data, qint64 n) {
            hash->add(data, n);
            *received += n;
        });
        auto outcome = request.perform();
        *sha256 = hash->finish();
        *size = *received;
        return outcome;
    }, nullptr, attempts);
}

Status StreamedTransfer::download(const QByteArray& url, const Prepare& prepare, const QString& key, const QString& localPath,
                                  const ProgressFn& progress, const Explain& explain, const Check& check)
{
    if (auto valid = ObjectKey::validate(key); !valid)
        return valid;
    const QString temp = FileCopy::temporarySibling(localPath);
    bool cancelled = false;
    int attempts = 0;
    const auto outcome = RetryPolicy().run([&] {
        CurlRequest request(url);
        prepare(request);
        request.setDownloadFile(temp);
        request.setProgress([&](qint64, qint64 received) {
            if (!reportProgress(progress, received, -1))
                cancelled = true;
            return !cancelled;
        });
        return request.perform();
    }, nullptr, &attempts);
    // SFTP answers no HTTP status.
    const bool arrived = !cancelled && !outcome.transportFailed() && (outcome.status == 200 || outcome.status == 0);
    Status done = arrived ? Status(Ok{})
                          : (cancelled ? Status(fail(QStringLiteral("Cancelled: %1 was not downloaded.").arg(key))) : Status(explain(outcome, attempts)));
    if (done && check)
        done = check(outcome, temp);
    if (done)
        done = FileCopy::replace(temp, localPath);
    if (!done)
        QFile::remove(temp);
    return done;
}

} // namespace slipway::storage
