#include "storage/S3MultipartUpload.h"

#include "common/DataLocation.h"
#include "crypto/Md5.h"
#include "crypto/Sha256.h"
#include "storage/RetryPolicy.h"
#include "storage/S3Endpoint.h"
#include "storage/S3MultipartState.h"
#include "storage/UploadTransport.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace slipway::storage {

namespace {

constexpr qint64 kMinPartSize = 5LL * 1024 * 1024;
constexpr int kMaxParts = 10000;
constexpr qint64 kHashChunk = 1 << 20;

// What the hashing pass and the part senders share.
struct PartPipeline
{
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<QByteArray> md5;   // per part, filled in order by the hashing pass
    int hashed = 0;                // parts whose MD5 is known
    int nextToSend = 0;            // the next part a sender takes
    std::atomic<bool> stop{false}; // a part failed for good
    std::atomic<bool> cancel{false};
    std::atomic<qint64> completedBytes{0};
    std::atomic<int> resumed{0};
    std::atomic<int> finishedThreads{0};
    std::optional<Error> firstError;
    bool integrityFailed = false;

    void setError(Error error, bool integrity = false)
    {
        {
            std::lock_guard lock(mutex);
            if (!firstError) {
                firstError = std::move(error);
                integrityFailed = integrity;
            }
            stop = true;
        }
        changed.notify_all();
    }
    void setCancelled()
    {
        {
            std::lock_guard lock(mutex);
            cancel = true;
        }
        changed.notify_all();
    }
    [[nodiscard]] bool halted() const { return stop.load() || cancel.load(); }
};

} // namespace

S3MultipartUpload::S3MultipartUpload(const S3Endpoint& endpoint, qint64 partSize, int parallel)
    : m_endpoint(endpoint), m_partSize(partSize), m_parallel(parallel)
{
}

QString S3MultipartUpload::stateFilePath(const QString& key) const
{
    const QByteArray id = crypto::Sha256::of(m_endpoint.objectUrl(key)).toHex().left(24);
    return DataLocation::folder(QStringLiteral("uploads")) + QStringLiteral("/s3-%1.json").arg(QString::fromLatin1(id));
}

Status S3MultipartUpload::abort(const QString& key, const QString& uploadId) const
{
    int attempts = 0;
    const auto outcome = m_endpoint.call("DELETE", key, "uploadId=" + CurlRequest::encodeQueryValue(uploadId), {}, {}, &attempts);
    if (outcome.transportFailed() || (outcome.status != 204 && outcome.status != 200 && outcome.status != 404))
        return m_endpoint.explain(outcome, QStringLiteral("abort the multipart upload of %1").arg(key), attempts);
    QFile::remove(stateFilePath(key));
    return Ok{};
}

Result<std::optional<QMap<int, S3MultipartUpload::ListedPart>>> S3MultipartUpload::listParts(const QString& key,
                                                                                              const QString& uploadId) const
{
    static const QRegularExpression partRe(
        QStringLiteral("<Part>.*?<PartNumber>(\\d+)</PartNumber>.*?<ETag>([^<]*)</ETag>.*?<Size>(\\d+)</Size>.*?</Part>"),
        QRegularExpression::DotMatchesEverythingOption);
    QMap<int, ListedPart> stored;
    QString marker;
    for (;;) {
        QByteArray query;
        if (!marker.isEmpty())
            query = "part-number-marker=" + CurlRequest::encodeQueryValue(marker) + '&';
        query += "uploadId=" + CurlRequest::encodeQueryValue(uploadId);
        int attempts = 0;
        const auto outcome = m_endpoint.call("GET", key, query, {}, {}, &attempts);
        if (!outcome.transportFailed() && outcome.status == 404) // NoSuchUpload: aborted or completed meanwhile
            return std::optional<QMap<int, ListedPart>>();
        if (outcome.transportFailed() || outcome.status != 200)
            return m_endpoint.explain(outcome, QStringLiteral("list the parts already uploaded for %1").arg(key), attempts);
        const QString xml = QString::fromUtf8(outcome.body);
        for (auto it = partRe.globalMatch(xml); it.hasNext();) {
            const auto m = it.next();
            stored.insert(m.captured(1).toInt(), ListedPart{S3Endpoint::normalizeEtag(m.captured(2).toUtf8()), m.captured(3).toLongLong()});
        }
        if (S3Endpoint::xmlValue(outcome.body, "IsTruncated") != QLatin1String("true"))
            break;
        marker = S3Endpoint::xmlValue(outcome.body, "NextPartNumberMarker");
        if (marker.isEmpty())
            break;
    }
    return std::optional(stored);
}

Status S3MultipartUpload::resumeOrStart(StagedUpload& upload, QMap<int, ListedPart>& stored)
{
    const QFileInfo info(upload.localPath);
    S3MultipartState wanted;
    wanted.localPath = info.absoluteFilePath();
    wanted.size = upload.size;
    wanted.modifiedMs = info.lastModified().toMSecsSinceEpoch();
    wanted.partSize = m_partSize;
    const QString statePath = stateFilePath(upload.key);
    const S3MultipartState previous = S3MultipartState::load(statePath);
    if (!previous.uploadId.isEmpty() && previous.matches(wanted)) {
        auto listed = listParts(upload.key, previous.uploadId);
        if (!listed)
            return listed.error();
        if (listed.value()) {
            stored = *listed.value();
            upload.stagingName = previous.uploadId;
            return Ok{};
        }
    } else if (!previous.uploadId.isEmpty()) {
        // The local file changed since: the old parts are useless.
        const auto ignored = abort(upload.key, previous.uploadId);
        Q_UNUSED(ignored);
    }
    QFile::remove(statePath);
    int attempts = 0;
    const auto outcome = m_endpoint.call("POST", upload.key, "uploads=", {}, {"Content-Type: " + S3Endpoint::contentTypeFor(upload.key)}, &attempts);
    if (outcome.transportFailed() || outcome.status != 200)
        return m_endpoint.explain(outcome, QStringLiteral("start the multipart upload of %1").arg(upload.key), attempts);
    wanted.uploadId = S3Endpoint::xmlValue(outcome.body, "UploadId");
    if (wanted.uploadId.isEmpty())
        return fail(QStringLiteral("%1 started a multipart upload without an upload id: it does not speak S3 correctly.")
                        .arg(m_endpoint.describe()));
    upload.stagingName = wanted.uploadId;
    if (!wanted.save(statePath, QString::fromUtf8(m_endpoint.objectUrl(upload.key))))
        return fail(QStringLiteral("Cannot record the multipart upload in %1: check that the data folder is writable.").arg(statePath));
    return Ok{};
}

Status S3MultipartUpload::send(StagedUpload& upload, const ProgressFn& progress)
{
    // S3 allows 10,000 parts: grow the part size for very large files.
    m_partSize = qMax(m_partSize, kMinPartSize);
    while ((upload.size + m_partSize - 1) / m_partSize > kMaxParts)
        m_partSize *= 2;
    m_partCount = static_cast<int>((upload.size + m_partSize - 1) / m_partSize);
    upload.parts = m_partCount;

    QMap<int, ListedPart> stored;
    if (auto started = resumeOrStart(upload, stored); !started)
        return started;
    upload.resumable = true;
    if (auto sent = sendParts(upload, stored, progress); !sent)
        return sent;
    return complete(upload);
}

Status S3MultipartUpload::sendParts(StagedUpload& upload, const QMap<int, ListedPart>& stored, const ProgressFn& progress)
{
    const QString& localPath = upload.localPath;
    const QString& key = upload.key;
    const qint64 size = upload.size;
    const qint64 partSize = m_partSize;
    const int partCount = m_partCount;
    const int workers = qBound(1, m_parallel, partCount);
    const QByteArray uploadIdQuery = "uploadId=" + CurlRequest::encodeQueryValue(upload.stagingName);
    const RetryPolicy retry;
    PartPipeline pipe;
    pipe.md5.resize(static_cast<size_t>(partCount));
    std::vector<std::atomic<qint64>> inflight(static_cast<size_t>(workers));
    QByteArray sha256;

    // The hashing pass: each part's MD5 (its Content-MD5) and the whole file's SHA-256, read once and
    // kept a few parts ahead of the senders so the CPU work overlaps the network.
    auto hash = [&] {
        QFile file(localPath);
        if (!file.open(QIODevice::ReadOnly)) {
            pipe.setError(fail(QStringLiteral("Cannot read %1: %2").arg(localPath, file.errorString())));
            return;
        }
        crypto::Sha256 whole;
        crypto::Md5 part;
        QByteArray chunk(kHashChunk, Qt::Uninitialized);
        for (int index = 0; index < partCount; ++index) {
            {
                std::unique_lock lock(pipe.mutex);
                pipe.changed.wait(lock, [&] { return pipe.halted() || index < pipe.nextToSend + 2 * workers; });
            }
            if (pipe.halted())
                return;
            for (qint64 left = qMin(partSize, size - index * partSize); left > 0;) {
                const qint64 n = file.read(chunk.data(), qMin(left, kHashChunk));
                if (n <= 0) {
                    pipe.setError(fail(QStringLiteral("Cannot read %1 (%2): it changed while it was being uploaded.")
                                           .arg(localPath, n < 0 ? file.errorString() : QStringLiteral("it became shorter"))),
                                  true);
                    return;
                }
                whole.add(chunk.constData(), n);
                part.add(chunk.constData(), n);
                left -= n;
            }
            {
                std::lock_guard lock(pipe.mutex);
                pipe.md5[static_cast<size_t>(index)] = part.finish();
                pipe.hashed = index + 1;
            }
            pipe.changed.notify_all();
        }
        sha256 = whole.finish();
    };

    auto sendOne = [&](int worker, int index, const QByteArray& md5) {
        const qint64 offset = index * partSize;
        const qint64 length = qMin(partSize, size - offset);
        const int partNumber = index + 1;
        const QByteArray expected = S3Endpoint::quotedHex(md5);
        if (const auto known = stored.constFind(partNumber); known != stored.constEnd() && known->size == length && known->etag == expected) {
            ++pipe.resumed; // stored by an interrupted run, and its ETag is the MD5 of our bytes
            pipe.completedBytes += length;
            return;
        }
        const QByteArray query = "partNumber=" + QByteArray::number(partNumber) + '&' + uploadIdQuery;
        auto& sent = inflight[static_cast<size_t>(worker)];
        int attempts = 0;
        const auto outcome = retry.run([&] {
            sent = 0;
            CurlRequest request(m_endpoint.objectUrl(key, query));
            m_endpoint.sign(request, QByteArray("UNSIGNED-PAYLOAD"));
            request.addHeader("Content-MD5: " + md5.toBase64());
            request.setBodyFile(localPath, offset, length);
            request.setCancelFlag(&pipe.cancel);
            request.setProgress([&](qint64 now, qint64) {
                sent = now;
                return !pipe.stop.load();
            });
            return request.perform();
        }, &pipe.cancel, &attempts);
        sent = 0;
        if (pipe.halted())
            return;
        const QString action = QStringLiteral("upload part %1 of %2 of %3").arg(partNumber).arg(partCount).arg(key);
        if (outcome.transportFailed() || outcome.status != 200) {
            const bool refusedBytes = outcome.status == 400;
            pipe.setError(m_endpoint.explain(outcome, action, attempts), refusedBytes);
            return;
        }
        if (const QByteArray etag = S3Endpoint::normalizeEtag(outcome.headers.value("etag")); etag != expected) {
            pipe.setError(fail(QStringLiteral("%1 stored part %2 of %3 with ETag %4 instead of %5: the stored bytes differ from "
                                              "the ones sent.")
                                   .arg(m_endpoint.describe())
                                   .arg(partNumber)
                                   .arg(key, QString::fromLatin1(etag), QString::fromLatin1(expected))),
                          true);
            return;
        }
        pipe.completedBytes += length;
    };

    auto work = [&](int worker) {
        for (;;) {
            int index = 0;
            QByteArray md5;
            {
                std::unique_lock lock(pipe.mutex);
                pipe.changed.wait(lock, [&] { return pipe.halted() || pipe.nextToSend >= partCount || pipe.nextToSend < pipe.hashed; });
                if (pipe.halted() || pipe.nextToSend >= partCount)
                    break;
                index = pipe.nextToSend++;
                md5 = pipe.md5[static_cast<size_t>(index)];
            }
            pipe.changed.notify_all();
            sendOne(worker, index, md5);
        }
        ++pipe.finishedThreads;
    };

    if (!reportProgress(progress, 0, size))
        pipe.cancel = true;
    std::vector<std::thread> threads;
    threads.emplace_back([&] {
        hash();
        ++pipe.finishedThreads;
    });
    for (int i = 0; i < workers; ++i)
        threads.emplace_back(work, i);
    while (pipe.finishedThreads.load() < static_cast<int>(threads.size())) {
        qint64 done = pipe.completedBytes.load();
        for (const auto& f : inflight)
            done += f.load();
        if (!pipe.cancel && !reportProgress(progress, qMin(done, size), size))
            pipe.setCancelled();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    for (auto& t : threads)
        t.join();
    upload.partsResumed = pipe.resumed.load();

    if (pipe.cancel) {
        const QString uploadId = upload.stagingName;
        upload.stagingName.clear();
        upload.resumable = false;
        if (auto aborted = abort(key, uploadId); !aborted)
            return fail(QStringLiteral("Cancelled. The unfinished multipart upload of %1 could not be aborted (%2); nothing "
                                       "is visible at that key, and the bucket's lifecycle rules will clean it up.")
                            .arg(key, aborted.error().message));
        return fail(QStringLiteral("Cancelled: the multipart upload of %1 was aborted; nothing was stored at that key.").arg(key));
    }
    if (pipe.firstError) {
        if (pipe.integrityFailed) {
            upload.resumable = false; // what was stored may not be our bytes: start over next time
            return fail(QStringLiteral("%1 The multipart upload was abandoned; nothing was published at %2.")
                            .arg(pipe.firstError->message, key));
        }
        const int partsStored = static_cast<int>(pipe.completedBytes.load() / partSize);
        return fail(QStringLiteral("%1 The multipart upload is kept: run the same upload again to resume it (about %2 of %3 "
                                   "parts are already stored).")
                        .arg(pipe.firstError->message)
                        .arg(partsStored)
                        .arg(partCount));
    }
    upload.sha256 = sha256;
    m_partMd5.clear();
    for (const QByteArray& md5 : pipe.md5)
        m_partMd5.append(md5);
    return Ok{};
}

Status S3MultipartUpload::complete(StagedUpload& upload)
{
    QByteArray xml = "<CompleteMultipartUpload>";
    QByteArray allMd5;
    for (int i = 0; i < m_partCount; ++i) {
        xml += "<Part><PartNumber>" + QByteArray::number(i + 1) + "</PartNumber><ETag>" + S3Endpoint::quotedHex(m_partMd5.at(i))
               + "</ETag></Part>";
        allMd5 += m_partMd5.at(i);
    }
    xml += "</CompleteMultipartUpload>";
    upload.expectedEtag = '"' + crypto::Md5::of(allMd5).toHex() + '-' + QByteArray::number(m_partCount) + '"';
    const QByteArray query = "uploadId=" + CurlRequest::encodeQueryValue(upload.stagingName);
    int attempts = 0;
    auto completed = m_endpoint.call("POST", upload.key, query, xml, {"Content-Type: application/xml"}, &attempts);
    // S3 may answer 200 and still report an error in the body (it decides after the headers went out).
    if (completed.status == 200 && completed.body.contains("<Error>")) {
        const QString code = S3Endpoint::xmlValue(completed.body, "Code");
        completed.status = (code == QLatin1String("InternalError") || code == QLatin1String("SlowDown")) ? 500 : 400;
    }
    // A lost answer to a Complete that did succeed (404 on the retry) is settled by the proof of what the key holds.
    if (!completed.transportFailed() && (completed.status == 200 || completed.status == 404)) {
        QFile::remove(stateFilePath(upload.key));
        upload.stagingName.clear();
        upload.published = true;
        upload.resumable = false;
        return Ok{};
    }
    return m_endpoint.explain(completed, QStringLiteral("complete the multipart upload of %1").arg(upload.key), attempts);
}

} // namespace slipway::storage
