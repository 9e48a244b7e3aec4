#include "storage/S3Storage.h"


#include "common/BoundedFile.h"
#include "common/InputLimits.h"
#include "common/DataLocation.h"
#include "storage/ContentDigest.h"
#include "storage/FileCopy.h"
#include "storage/ObjectKey.h"
#include "storage/RetryPolicy.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMap>
#include <QRegularExpression>
#include <QSaveFile>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

namespace slipway::storage {

namespace {

QString xmlValue(const QByteArray& xml, const char* tag)
{
    const QRegularExpression re(QStringLiteral("<%1>([^<]*)</%1>").arg(QLatin1String(tag)));
    const auto match = re.match(QString::fromUtf8(xml));
    return match.hasMatch() ? match.captured(1) : QString();
}

QByteArray normalizeEtag(QByteArray etag)
{
    etag.replace("&quot;", "\"");
    etag.replace("&#34;", "\"");
    return etag.trimmed();
}

QByteArray quotedHex(const QByteArray& raw)
{
    return '"' + raw.toHex() + '"';
}

QByteArray contentTypeFor(const QString& key)
{
    if (key.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive))
        return "application/zip";
    if (key.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        return "application/json";
    return "application/octet-stream";
}

bool isUnreachable(int curlCode)
{
    // CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_OPERATION_TIMEDOUT, CURLE_SSL_CONNECT_ERROR
    return curlCode == 6 || curlCode == 7 || curlCode == 28 || curlCode == 35;
}

// The upload id of an interrupted multipart upload, with what identifies the local file it belongs to.
struct MultipartState
{
    QString uploadId;
    QString localPath;
    qint64 size = 0;
    qint64 modifiedMs = 0;
    qint64 partSize = 0;
    QString sha256;

    [[nodiscard]] bool matches(const MultipartState& other) const
    {
        return localPath == other.localPath && size == other.size && modifiedMs == other.modifiedMs
               && partSize == other.partSize && sha256 == other.sha256;
    }
    static MultipartState load(const QString& path)
    {
        MultipartState s;
        const auto bytes = readBoundedFile(path, limits::ConfigFileBytes, QStringLiteral("multipart upload state"));
        if (!bytes)
            return s;
        const QJsonObject o = QJsonDocument::fromJson(bytes.value()).object();
        s.uploadId = o.value(QStringLiteral("uploadId")).toString();
        s.localPath = o.value(QStringLiteral("localPath")).toString();
        s.size = o.value(QStringLiteral("size")).toInteger();
        s.modifiedMs = o.value(QStringLiteral("modifiedMs")).toInteger();
        s.partSize = o.value(QStringLiteral("partSize")).toInteger();
        s.sha256 = o.value(QStringLiteral("sha256")).toString();
        return s;
    }
    [[nodiscard]] bool save(const QString& path, const QString& target) const
    {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return false;
        file.write(QJsonDocument(QJsonObject{{QStringLiteral("uploadId"), uploadId},
                                             {QStringLiteral("target"), target},
                                             {QStringLiteral("localPath"), localPath},
                                             {QStringLiteral("size"), size},
                                             {QStringLiteral("modifiedMs"), modifiedMs},
                                             {QStringLiteral("partSize"), partSize},
                                             {QStringLiteral("sha256"), sha256}})
                       .toJson());
        return file.commit();
    }
};

struct ListedPart
{
    QByteArray etag;
    qint64 size = 0;
};

} // namespace

S3Storage::S3Storage(S3Location location, StorageSecrets secrets, QUrl publicBaseUrl, QString profileName)
    : m_location(std::move(location)), m_secrets(std::move(secrets)), m_publicBase(std::move(publicBaseUrl)),
      m_profileName(std::move(profileName))
{
    while (m_location.prefix.startsWith(QLatin1Char('/')))
        m_location.prefix.remove(0, 1);
    while (m_location.prefix.endsWith(QLatin1Char('/')))
        m_location.prefix.chop(1);
}

QString S3Storage::describe() const
{
    QString text = QStringLiteral("s3://%1").arg(m_location.bucket);
    if (!m_location.prefix.isEmpty())
        text += QLatin1Char('/') + m_location.prefix;
    return text + QStringLiteral(" on %1").arg(m_location.endpoint.toString(QUrl::RemoveUserInfo));
}

QString S3Storage::fullKey(const QString& key) const
{
    return ObjectKey::join(m_location.prefix, key);
}

QByteArray S3Storage::canonicalPath(const QString& key) const
{
    QByteArray base = m_location.endpoint.path(QUrl::FullyEncoded).toUtf8();
    while (base.endsWith('/'))
        base.chop(1);
    if (m_location.pathStyle)
        base += '/' + ObjectKey::encode(m_location.bucket, false);
    return base + '/' + (key.isNull() ? QByteArray() : ObjectKey::encode(fullKey(key)));
}

QByteArray S3Storage::objectUrl(const QString& key, const QByteArray& query) const
{
    const QUrl& e = m_location.endpoint;
    QByteArray authority = e.host(QUrl::FullyEncoded).toUtf8();
    if (!m_location.pathStyle)
        authority = m_location.bucket.toUtf8() + '.' + authority;
    if (e.port() > 0)
        authority += ':' + QByteArray::number(e.port());
    QByteArray url = e.scheme().toUtf8() + "://" + authority + canonicalPath(key);
    if (!query.isEmpty())
        url += '?' + query;
    return url;
}

void S3Storage::sign(CurlRequest& request, const QByteArray& payloadSha256Hex) const
{
    request.setAwsSigV4(m_location.region.toUtf8(), m_secrets.accessKeyId.toUtf8(), m_secrets.secretAccessKey.bytes());
    // libcurl 7.88 does not add the payload hash itself, and S3 requires it with header signing.
    request.addHeader("x-amz-content-sha256: " + payloadSha256Hex);
    if (!m_secrets.sessionToken.isEmpty())
        request.addHeader("x-amz-security-token: " + m_secrets.sessionToken.bytes());
}

Error S3Storage::explain(const CurlRequest::Outcome& outcome, const QString& action, int attempts) const
{
    const QString where = describe();
    if (outcome.cancelled)
        return fail(QStringLiteral("Cancelled while trying to %1.").arg(action));
    if (outcome.transportFailed()) {
        const QString tries = attempts > 1 ? QStringLiteral(" after %1 attempts").arg(attempts) : QString();
        if (isUnreachable(outcome.curlCode))
            return fail(QStringLiteral("Cannot reach the S3 endpoint %1%2 (%3). Check the endpoint URL, the network and "
                                       "that the server is running.")
                            .arg(m_location.endpoint.toString(QUrl::RemoveUserInfo), tries, outcome.curlError));
        return fail(QStringLiteral("The connection to %1 failed while trying to %2%3: %4.").arg(where, action, tries, outcome.curlError));
    }
    const QString code = xmlValue(outcome.body, "Code");
    const QString serverMessage = xmlValue(outcome.body, "Message");
    const QString secretSource = m_secrets.source == QLatin1String("keychain")
                                     ? QStringLiteral("the secret stored in the keychain for profile '%1'").arg(m_profileName)
                                     : QStringLiteral("AWS_SECRET_ACCESS_KEY");
    const QString keySource = m_secrets.source == QLatin1String("keychain")
                                  ? QStringLiteral("the access key stored in the keychain for profile '%1'").arg(m_profileName)
                                  : QStringLiteral("AWS_ACCESS_KEY_ID");
    if (code == QLatin1String("SignatureDoesNotMatch"))
        return fail(QStringLiteral("The S3 server rejected the request signature (SignatureDoesNotMatch): the secret access "
                                   "key is wrong for access key ID '%1'. Check %2.")
                        .arg(m_secrets.accessKeyId, secretSource));
    if (code == QLatin1String("InvalidAccessKeyId"))
        return fail(QStringLiteral("The S3 server does not know the access key ID '%1' (InvalidAccessKeyId). Check %2.")
                        .arg(m_secrets.accessKeyId, keySource));
    if (code == QLatin1String("NoSuchBucket"))
        return fail(QStringLiteral("The bucket '%1' does not exist on %2 (NoSuchBucket). Create it or fix the s3:// URL.")
                        .arg(m_location.bucket, m_location.endpoint.toString(QUrl::RemoveUserInfo)));
    if (code == QLatin1String("AccessDenied") || code == QLatin1String("AllAccessDisabled"))
        return fail(QStringLiteral("Access denied (AccessDenied) while trying to %1 on %2: the credentials are valid but lack "
                                   "permission for this bucket or key. Ask for s3:PutObject, s3:GetObject, s3:DeleteObject "
                                   "and the multipart permissions on it.")
                        .arg(action, where));
    if (code == QLatin1String("RequestTimeTooSkewed"))
        return fail(QStringLiteral("The S3 server refused the request because this computer's clock is off (RequestTimeTooSkewed): "
                                   "set the clock right and try again."));
    if (code == QLatin1String("AuthorizationHeaderMalformed") || code == QLatin1String("PermanentRedirect"))
        return fail(QStringLiteral("The bucket '%1' is in another region than '%2' (%3: %4). Set region= in the s3:// URL.")
                        .arg(m_location.bucket, m_location.region, code, serverMessage));
    if (code == QLatin1String("XAmzContentSHA256Mismatch") || code == QLatin1String("BadDigest"))
        return fail(QStringLiteral("The bytes arrived damaged at %1 (%2): the server refused them. Try again; if it keeps "
                                   "happening, something between here and the server corrupts data.")
                        .arg(where, code));
    if (code == QLatin1String("NoSuchKey") || (outcome.status == 404 && code.isEmpty()))
        return fail(QStringLiteral("Not found while trying to %1 on %2 (HTTP 404).").arg(action, where));
    if (outcome.status == 403)
        return fail(QStringLiteral("The S3 server refused to %1 on %2 (HTTP 403%3): check the access key, the secret and the "
                                   "bucket permissions.")
                        .arg(action, where, code.isEmpty() ? QString() : QStringLiteral(" ") + code));
    return fail(QStringLiteral("The S3 server could not %1 on %2 (HTTP %3%4%5)%6.")
                    .arg(action, where)
                    .arg(outcome.status)
                    .arg(code.isEmpty() ? QString() : QStringLiteral(" ") + code,
                         serverMessage.isEmpty() ? QString() : QStringLiteral(": ") + serverMessage,
                         attempts > 1 ? QStringLiteral(" after %1 attempts").arg(attempts) : QString()));
}

QString S3Storage::stateFilePath(const QString& key) const
{
    const QByteArray id = ContentDigest::sha256(objectUrl(key)).toHex().left(24);
    return DataLocation::folder(QStringLiteral("uploads")) + QStringLiteral("/s3-%1.json").arg(QString::fromLatin1(id));
}

Status S3Storage::upload(const QString& localPath, const QString& key, const ProgressFn& progress)
{
    if (auto valid = ObjectKey::validate(key); !valid)
        return valid;
    m_report = UploadReport{};
    const QFileInfo info(localPath);
    if (!info.isFile())
        return fail(QStringLiteral("Cannot read %1: no such file.").arg(localPath));
    if (info.size() >= m_multipartThreshold)
        return putMultipart(localPath, key, info.size(), progress);
    return putSingle(localPath, key, info.size(), progress);
}

Status S3Storage::putSingle(const QString& localPath, const QString& key, qint64 size, const ProgressFn& progress)
{
    QFile file(localPath);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot read %1: %2").arg(localPath, file.errorString()));
    const QByteArray body = file.readAll();
    if (body.size() != size)
        return fail(QStringLiteral("Cannot read %1 completely (it changed while reading?).").arg(localPath));
    QByteArray sha;
    QByteArray md5;
    ContentDigest digest;
    digest.add(body);
    digest.finish(&sha, &md5);
    const QByteArray shaHex = sha.toHex();
    m_report.sha256 = shaHex;
    if (!reportProgress(progress, 0, size))
        return fail(QStringLiteral("Cancelled: nothing was uploaded to %1.").arg(key));

    bool cancelled = false;
    int attempts = 0;
    const RetryPolicy retry;
    const auto outcome = retry.run(
        [&] {
            CurlRequest request(objectUrl(key));
            sign(request, m_signPayload ? shaHex : QByteArray("UNSIGNED-PAYLOAD"));
            request.addHeader("Content-Type: " + contentTypeFor(key));
            request.addHeader("Content-MD5: " + md5.toBase64());
            request.addHeader("x-amz-meta-sha256: " + shaHex);
            request.setBody(body);
            request.setProgress([&](qint64 sent, qint64) {
                if (!reportProgress(progress, qMin(sent, size), size))
                    cancelled = true;
                return !cancelled;
            });
            return request.perform();
        },
        nullptr, &attempts);
    if (outcome.cancelled || cancelled)
        return fail(QStringLiteral("Cancelled: the upload of %1 was stopped; nothing was stored at that key.").arg(key));
    if (outcome.transportFailed() || outcome.status != 200)
        return explain(outcome, QStringLiteral("upload %1").arg(key), attempts);
    const QByteArray etag = normalizeEtag(outcome.headers.value("etag"));
    if (!etag.isEmpty() && etag != quotedHex(md5))
        return fail(QStringLiteral("%1 answered the upload of %2 with ETag %3 instead of %4: the stored bytes differ.")
                        .arg(describe(), key, QString::fromLatin1(etag), QString::fromLatin1(quotedHex(md5))));
    reportProgress(progress, size, size);
    return verifyStored(key, size, quotedHex(md5), shaHex);
}

Status S3Storage::verifyStored(const QString& key, qint64 size, const QByteArray& etag, const QByteArray& sha256Hex)
{
    auto stored = stat(key);
    if (!stored)
        return fail(QStringLiteral("The upload of %1 finished but the object cannot be checked: %2").arg(key, stored.error().message));
    if (stored->size != size)
        return fail(QStringLiteral("%1 holds %2 bytes at %3 instead of %4: the upload did not land intact.")
                        .arg(describe())
                        .arg(stored->size)
                        .arg(key)
                        .arg(size));
    if (normalizeEtag(stored->etag.toLatin1()) != etag)
        return fail(QStringLiteral("%1 holds %2 with ETag %3 instead of %4: the stored bytes differ from the local file.")
                        .arg(describe(), key, stored->etag, QString::fromLatin1(etag)));
    Q_UNUSED(sha256Hex);
    return Ok{};
}

Status S3Storage::putMultipart(const QString& localPath, const QString& key, qint64 size, const ProgressFn& progress)
{
    // S3 allows 10,000 parts: grow the part size for very large files.
    qint64 partSize = qMax<qint64>(m_partSize, 5LL * 1024 * 1024);
    while ((size + partSize - 1) / partSize > 10000)
        partSize *= 2;
    const int partCount = static_cast<int>((size + partSize - 1) / partSize);

    QByteArray shaHex;
    m_report.parts = partCount;

    MultipartState wanted;
    wanted.localPath = QFileInfo(localPath).absoluteFilePath();
    wanted.size = size;
    wanted.modifiedMs = QFileInfo(localPath).lastModified().toMSecsSinceEpoch();
    wanted.partSize = partSize;
    const QString statePath = stateFilePath(key);
    const RetryPolicy retry;
    int attempts = 0;

    // Resume: the parts an earlier, interrupted run already stored.
    QMap<int, ListedPart> stored;
    QString uploadId;
    const MultipartState previous = MultipartState::load(statePath);
    if (!previous.uploadId.isEmpty() && previous.matches(wanted)) {
        QString marker;
        bool listed = true;
        for (;;) {
            QByteArray query;
            if (!marker.isEmpty())
                query = "part-number-marker=" + CurlRequest::encodeQueryValue(marker) + '&';
            query += "uploadId=" + CurlRequest::encodeQueryValue(previous.uploadId);
            const auto outcome = retry.run([&] {
                CurlRequest request(objectUrl(key, query));
                sign(request, ContentDigest::sha256({}).toHex());
                return request.perform();
            }, nullptr, &attempts);
            if (outcome.transportFailed() || outcome.status != 200) {
                if (outcome.status == 404) { // NoSuchUpload: it was aborted or completed meanwhile
                    listed = false;
                    break;
                }
                return explain(outcome, QStringLiteral("list the parts already uploaded for %1").arg(key), attempts);
            }
            static const QRegularExpression partRe(
                QStringLiteral("<Part>.*?<PartNumber>(\\d+)</PartNumber>.*?<ETag>([^<]*)</ETag>.*?<Size>(\\d+)</Size>.*?</Part>"),
                QRegularExpression::DotMatchesEverythingOption);
            const QString xml = QString::fromUtf8(outcome.body);
            for (auto it = partRe.globalMatch(xml); it.hasNext();) {
                const auto m = it.next();
                stored.insert(m.captured(1).toInt(), ListedPart{normalizeEtag(m.captured(2).toUtf8()), m.captured(3).toLongLong()});
            }
            if (xmlValue(outcome.body, "IsTruncated") != QLatin1String("true"))
                break;
            marker = xmlValue(outcome.body, "NextPartNumberMarker");
            if (marker.isEmpty())
                break;
        }
        if (listed)
            uploadId = previous.uploadId;
        else
            stored.clear();
    } else if (!previous.uploadId.isEmpty()) {
        // The local file changed since: the old parts are useless.
        const auto ignored = retry.run([&] {
            CurlRequest request(objectUrl(key, "uploadId=" + CurlRequest::encodeQueryValue(previous.uploadId)));
            sign(request, ContentDigest::sha256({}).toHex());
            request.setMethod("DELETE");
            return request.perform();
        });
        Q_UNUSED(ignored);
        QFile::remove(statePath);
    }

    if (uploadId.isEmpty()) {
        const auto outcome = retry.run([&] {
            CurlRequest request(objectUrl(key, "uploads="));
            sign(request, ContentDigest::sha256({}).toHex());
            request.setMethod("POST");
            request.addHeader("Content-Type: " + contentTypeFor(key));
            return request.perform();
        }, nullptr, &attempts);
        if (outcome.transportFailed() || outcome.status != 200)
            return explain(outcome, QStringLiteral("start the multipart upload of %1").arg(key), attempts);
        uploadId = xmlValue(outcome.body, "UploadId");
        if (uploadId.isEmpty())
            return fail(QStringLiteral("%1 started a multipart upload without an upload id: it does not speak S3 correctly.").arg(describe()));
        wanted.uploadId = uploadId;
        if (!wanted.save(statePath, QString::fromUtf8(objectUrl(key))))
            return fail(QStringLiteral("Cannot record the multipart upload in %1: check that the data folder is writable.").arg(statePath));
    }
    const QByteArray uploadIdQuery = "uploadId=" + CurlRequest::encodeQueryValue(uploadId);

    // Parts go up in parallel; the calling thread only reports progress and relays a cancel.
    std::vector<QByteArray> partMd5(static_cast<size_t>(partCount));
    std::atomic<int> nextPart{0};
    std::atomic<bool> stop{false};
    std::atomic<bool> cancel{false};
    std::atomic<qint64> completedBytes{0};
    std::atomic<int> resumed{0};
    const int workers = qBound(1, m_parallel, partCount);
    std::vector<std::atomic<qint64>> inflight(static_cast<size_t>(workers));
    std::mutex errorMutex;
    std::optional<Error> firstError;
    auto setError = [&](Error error) {
        std::lock_guard lock(errorMutex);
        if (!firstError)
            firstError = std::move(error);
        stop = true;
    };

    auto work = [&](int worker) {
        QFile file(localPath);
        if (!file.open(QIODevice::ReadOnly)) {
            setError(fail(QStringLiteral("Cannot read %1: %2").arg(localPath, file.errorString())));
            return;
        }
        for (;;) {
            const int index = nextPart.fetch_add(1);
            if (index >= partCount || stop || cancel)
                return;
            const qint64 offset = index * partSize;
            const qint64 length = qMin(partSize, size - offset);
            const int partNumber = index + 1;
            const auto known = stored.constFind(partNumber);
            if (known != stored.constEnd() && known->size == length) {
                // Stored by an interrupted run: keep it if its ETag is the MD5 of our bytes.
                if (!file.seek(offset)) {
                    setError(fail(QStringLiteral("Cannot read %1: %2").arg(localPath, file.errorString())));
                    return;
                }
                const QByteArray md5 = ContentDigest::md5(file.read(length));
                partMd5[static_cast<size_t>(index)] = md5;
                if (known->etag == quotedHex(md5)) {
                    ++resumed;
                    completedBytes += length;
                    continue;
                }
            }
            // The part streams from the file and is hashed as it goes (no pass before sending); the
            // server's ETag must then equal our MD5, or the part is sent again.
            const QByteArray query = "partNumber=" + QByteArray::number(partNumber) + '&' + uploadIdQuery;
            CurlRequest::Outcome outcome;
            QByteArray md5;
            int partAttempts = 0;
            for (int integrityTry = 0; integrityTry < 2; ++integrityTry) {
                outcome = retry.run([&] {
                    inflight[static_cast<size_t>(worker)] = 0;
                    auto digest = std::make_shared<ContentDigest>(ContentDigest::Md5);
                    CurlRequest request(objectUrl(key, query));
                    sign(request, QByteArray("UNSIGNED-PAYLOAD"));
                    request.setBodyFile(localPath, offset, length);
                    request.setBodyObserver([digest](const char* data, qint64 n) { digest->add(data, n); });
                    request.setCancelFlag(&cancel);
                    request.setProgress([&](qint64 sent, qint64) {
                        inflight[static_cast<size_t>(worker)] = sent;
                        return !stop.load();
                    });
                    auto result = request.perform();
                    digest->finish(nullptr, &md5);
                    return result;
                }, &cancel, &partAttempts);
                inflight[static_cast<size_t>(worker)] = 0;
                if (outcome.transportFailed() || outcome.status != 200
                    || normalizeEtag(outcome.headers.value("etag")) == quotedHex(md5))
                    break;
            }
            if (cancel || (outcome.cancelled && stop))
                return;
            if (outcome.transportFailed() || outcome.status != 200) {
                setError(explain(outcome, QStringLiteral("upload part %1 of %2 of %3").arg(partNumber).arg(partCount).arg(key), partAttempts));
                return;
            }
            const QByteArray etag = normalizeEtag(outcome.headers.value("etag"));
            if (etag != quotedHex(md5)) {
                setError(fail(QStringLiteral("%1 stored part %2 of %3 with ETag %4 instead of %5 twice: the bytes arrive damaged.")
                                  .arg(describe())
                                  .arg(partNumber)
                                  .arg(key, QString::fromLatin1(etag), QString::fromLatin1(quotedHex(md5)))));
                return;
            }
            partMd5[static_cast<size_t>(index)] = md5;
            completedBytes += length;
        }
    };

    if (!reportProgress(progress, 0, size))
        cancel = true;
    // The whole file's SHA-256 (for the report) is computed alongside the parts, not in an extra pass first.
    std::thread hasher([&] {
        QFile file(localPath);
        if (!file.open(QIODevice::ReadOnly))
            return;
        ContentDigest digest(ContentDigest::Sha256);
        QByteArray chunk(1 << 20, Qt::Uninitialized);
        qint64 n = 0;
        while (!stop && !cancel && (n = file.read(chunk.data(), chunk.size())) > 0)
            digest.add(chunk.constData(), n);
        QByteArray sha;
        digest.finish(&sha);
        if (!stop && !cancel && n == 0)
            shaHex = sha.toHex();
    });
    std::vector<std::thread> threads;
    for (int i = 0; i < workers && !cancel; ++i)
        threads.emplace_back(work, i);
    for (;;) {
        qint64 done = completedBytes.load();
        for (auto& f : inflight)
            done += f.load();
        if (!cancel && !reportProgress(progress, qMin(done, size), size))
            cancel = true;
        if (nextPart.load() >= partCount + workers || stop || cancel) {
            for (auto& t : threads)
                if (t.joinable())
                    t.join();
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    hasher.join();
    m_report.partsResumed = resumed.load();
    m_report.sha256 = shaHex;

    auto abortUpload = [&] {
        auto outcome = retry.run([&] {
            CurlRequest request(objectUrl(key, uploadIdQuery));
            sign(request, ContentDigest::sha256({}).toHex());
            request.setMethod("DELETE");
            return request.perform();
        });
        if (outcome.status == 204 || outcome.status == 200 || outcome.status == 404)
            QFile::remove(statePath);
        return outcome;
    };
    if (cancel) {
        const auto aborted = abortUpload();
        if (aborted.transportFailed() || (aborted.status != 204 && aborted.status != 200 && aborted.status != 404))
            return fail(QStringLiteral("Cancelled. The unfinished multipart upload of %1 could not be aborted (%2); nothing "
                                       "is visible at that key, and the bucket's lifecycle rules will clean it up.")
                            .arg(key, explain(aborted, QStringLiteral("abort the upload")).message));
        return fail(QStringLiteral("Cancelled: the multipart upload of %1 was aborted; nothing was stored at that key.").arg(key));
    }
    if (firstError) {
        const int partsStored = static_cast<int>(completedBytes.load() / partSize);
        return fail(QStringLiteral("%1 The multipart upload is kept: run the same upload again to resume it (about %2 of %3 "
                                   "parts are already stored).")
                        .arg(firstError->message)
                        .arg(partsStored)
                        .arg(partCount));
    }

    QByteArray xml = "<CompleteMultipartUpload>";
    QByteArray allMd5;
    for (int i = 0; i < partCount; ++i) {
        xml += "<Part><PartNumber>" + QByteArray::number(i + 1) + "</PartNumber><ETag>" + quotedHex(partMd5[static_cast<size_t>(i)])
               + "</ETag></Part>";
        allMd5 += partMd5[static_cast<size_t>(i)];
    }
    xml += "</CompleteMultipartUpload>";
    if (shaHex.isEmpty())
        return fail(QStringLiteral("Cannot read %1 to compute its SHA-256.").arg(localPath));
    // The hash and the parts were read separately: they describe the same bytes only if the file stood still.
    if (const QFileInfo after(localPath); after.size() != size || after.lastModified().toMSecsSinceEpoch() != wanted.modifiedMs)
        return fail(QStringLiteral("%1 changed while it was being uploaded: nothing was published; upload it again.").arg(localPath));
    const QByteArray expectedEtag = '"' + ContentDigest::md5(allMd5).toHex() + '-' + QByteArray::number(partCount) + '"';
    const auto completed = retry.run([&] {
        CurlRequest request(objectUrl(key, uploadIdQuery));
        sign(request, ContentDigest::sha256(xml).toHex());
        request.setMethod("POST");
        request.addHeader("Content-Type: application/xml");
        request.setBody(xml);
        auto outcome = request.perform();
        // S3 may answer 200 and still report an error in the body (it decides after the headers went out).
        if (outcome.status == 200 && outcome.body.contains("<Error>")) {
            const QString code = xmlValue(outcome.body, "Code");
            if (code == QLatin1String("InternalError") || code == QLatin1String("SlowDown"))
                outcome.status = 500;
            else
                outcome.status = 400;
        }
        return outcome;
    }, nullptr, &attempts);
    if (completed.transportFailed() || completed.status != 200) {
        // A lost answer to a Complete that did succeed: the object is there with our bytes.
        if (completed.status == 404 && verifyStored(key, size, expectedEtag, shaHex).ok()) {
            QFile::remove(statePath);
            reportProgress(progress, size, size);
            return Ok{};
        }
        return explain(completed, QStringLiteral("complete the multipart upload of %1").arg(key), attempts);
    }
    QFile::remove(statePath);
    reportProgress(progress, size, size);
    return verifyStored(key, size, expectedEtag, shaHex);
}

Result<StoredObject> S3Storage::stat(const QString& key)
{
    if (auto valid = ObjectKey::validate(key); !valid)
        return valid.error();
    int attempts = 0;
    const auto outcome = RetryPolicy().run([&] {
        CurlRequest request(objectUrl(key));
        sign(request, ContentDigest::sha256({}).toHex());
        request.setHeadOnly();
        return request.perform();
    }, nullptr, &attempts);
    if (outcome.transportFailed() || outcome.status != 200) {
        if (outcome.status == 404 && !outcome.transportFailed())
            return fail(QStringLiteral("%1 is not in %2.").arg(key, describe()), 4);
        return explain(outcome, QStringLiteral("look up %1").arg(key), attempts);
    }
    StoredObject object;
    object.key = key;
    object.size = outcome.headers.value("content-length").toLongLong();
    object.etag = QString::fromLatin1(normalizeEtag(outcome.headers.value("etag")));
    object.modified = QLocale::c().toDateTime(QString::fromLatin1(outcome.headers.value("last-modified")),
                                               QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    object.modified.setTimeSpec(Qt::UTC);
    return object;
}

Result<bool> S3Storage::exists(const QString& key)
{
    auto found = stat(key);
    if (found)
        return true;
    if (found.error().code == 4)
        return false;
    return found.error();
}

Status S3Storage::remove(const QString& key)
{
    if (auto valid = ObjectKey::validate(key); !valid)
        return valid;
    int attempts = 0;
    const auto outcome = RetryPolicy().run([&] {
        CurlRequest request(objectUrl(key));
        sign(request, ContentDigest::sha256({}).toHex());
        request.setMethod("DELETE");
        return request.perform();
    }, nullptr, &attempts);
    if (!outcome.transportFailed() && (outcome.status == 204 || outcome.status == 200 || outcome.status == 404))
        return Ok{};
    return explain(outcome, QStringLiteral("delete %1").arg(key), attempts);
}

Status S3Storage::download(const QString& key, const QString& localPath, const ProgressFn& progress)
{
    if (auto valid = ObjectKey::validate(key); !valid)
        return valid;
    const QString temp = FileCopy::temporarySibling(localPath);
    bool cancelled = false;
    int attempts = 0;
    const auto outcome = RetryPolicy().run([&] {
        CurlRequest request(objectUrl(key));
        sign(request, ContentDigest::sha256({}).toHex());
        request.setDownloadFile(temp);
        request.setProgress([&](qint64, qint64 received) {
            if (!reportProgress(progress, received, -1))
                cancelled = true;
            return !cancelled;
        });
        return request.perform();
    }, nullptr, &attempts);
    if (cancelled || outcome.transportFailed() || outcome.status != 200) {
        QFile::remove(temp);
        if (cancelled)
            return fail(QStringLiteral("Cancelled: %1 was not downloaded.").arg(key));
        if (outcome.status == 404)
            return fail(QStringLiteral("%1 is not in %2.").arg(key, describe()));
        return explain(outcome, QStringLiteral("download %1").arg(key), attempts);
    }
    // An object we uploaded carries its SHA-256: check the download against it.
    const QByteArray expected = outcome.headers.value("x-amz-meta-sha256");
    if (!expected.isEmpty()) {
        auto got = ContentDigest::sha256OfFile(temp);
        if (!got || got.value().toHex() != expected) {
            QFile::remove(temp);
            return fail(QStringLiteral("The download of %1 does not match its recorded SHA-256: the stored object is damaged.").arg(key));
        }
    }
    if (auto moved = FileCopy::replace(temp, localPath); !moved) {
        QFile::remove(temp);
        return moved;
    }
    return Ok{};
}

QUrl S3Storage::publicUrl(const QString& key) const
{
    if (!m_publicBase.isEmpty())
        return ObjectKey::appendTo(m_publicBase, key);
    return QUrl::fromEncoded(objectUrl(key), QUrl::StrictMode);
}

QUrl S3Storage::presignedGetUrl(const QString& key, int expiresSeconds) const
{
    return presignedGetUrl(key, expiresSeconds, QDateTime::currentDateTimeUtc());
}

QUrl S3Storage::presignedGetUrl(const QString& key, int expiresSeconds, const QDateTime& signingTime) const
{
    const QDateTime now = signingTime.toUTC();
    const QByteArray amzDate = now.toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
    const QByteArray dateStamp = amzDate.left(8);
    const QByteArray region = m_location.region.toUtf8();
    const QByteArray scope = dateStamp + '/' + region + "/s3/aws4_request";
    QMap<QByteArray, QByteArray> params;
    params.insert("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
    params.insert("X-Amz-Credential", m_secrets.accessKeyId.toUtf8() + '/' + scope);
    params.insert("X-Amz-Date", amzDate);
    params.insert("X-Amz-Expires", QByteArray::number(qBound(1, expiresSeconds, 604800)));
    params.insert("X-Amz-SignedHeaders", "host");
    if (!m_secrets.sessionToken.isEmpty())
        params.insert("X-Amz-Security-Token", m_secrets.sessionToken.bytes());
    QByteArray query;
    for (auto it = params.cbegin(); it != params.cend(); ++it) {
        if (!query.isEmpty())
            query += '&';
        query += ObjectKey::encode(QString::fromUtf8(it.key()), false) + '=' + ObjectKey::encode(QString::fromUtf8(it.value()), false);
    }
    const QByteArray url = objectUrl(key);
    const QUrl parsed = QUrl::fromEncoded(url);
    QByteArray host = parsed.host(QUrl::FullyEncoded).toUtf8();
    if (parsed.port() > 0)
        host += ':' + QByteArray::number(parsed.port());
    const QByteArray canonical = "GET\n" + canonicalPath(key) + '\n' + query + "\nhost:" + host + "\n\nhost\nUNSIGNED-PAYLOAD";
    const QByteArray toSign = "AWS4-HMAC-SHA256\n" + amzDate + '\n' + scope + '\n' + ContentDigest::sha256(canonical).toHex();
    QByteArray k = ContentDigest::hmacSha256("AWS4" + m_secrets.secretAccessKey.bytes(), dateStamp);
    k = ContentDigest::hmacSha256(k, region);
    k = ContentDigest::hmacSha256(k, "s3");
    k = ContentDigest::hmacSha256(k, "aws4_request");
    const QByteArray signature = ContentDigest::hmacSha256(k, toSign).toHex();
    return QUrl::fromEncoded(url + '?' + query + "&X-Amz-Signature=" + signature, QUrl::StrictMode);
}

} // namespace slipway::storage
