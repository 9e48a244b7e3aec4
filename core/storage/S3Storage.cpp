#include "storage/S3Storage.h"

#include "crypto/HmacSha256.h"
#include "crypto/Md5.h"
#include "crypto/Sha256.h"
#include "storage/ObjectKey.h"
#include "storage/RetryPolicy.h"
#include "storage/S3MultipartUpload.h"
#include "storage/StreamedTransfer.h"

#include <QFile>
#include <QLocale>
#include <QMap>

namespace slipway::storage {

namespace {

constexpr qint64 kHashChunk = 1 << 20;

} // namespace

S3Storage::S3Storage(S3Location location, StorageSecrets secrets, QUrl publicBaseUrl, QString profileName)
    : m_endpoint(std::move(location), std::move(secrets), std::move(profileName)), m_publicBase(std::move(publicBaseUrl))
{
}

QString S3Storage::describe() const
{
    return m_endpoint.describe();
}

Status S3Storage::send(StagedUpload& upload, const ProgressFn& progress)
{
    if (upload.size >= m_multipartThreshold)
        return S3MultipartUpload(m_endpoint, m_partSize, m_parallel).send(upload, progress);
    return putSingle(upload, progress);
}

Status S3Storage::putSingle(StagedUpload& upload, const ProgressFn& progress)
{
    // Content-MD5 and the x-amz-meta-sha256 header go before the body: hash first, in one read.
    QFile file(upload.localPath);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot read %1: %2").arg(upload.localPath, file.errorString()));
    crypto::Md5 md5;
    crypto::Sha256 sha;
    QByteArray chunk(static_cast<qsizetype>(qMin(kHashChunk, qMax<qint64>(upload.size, 1))), Qt::Uninitialized);
    qint64 total = 0;
    for (qint64 n = 0; (n = file.read(chunk.data(), chunk.size())) > 0;) {
        md5.add(chunk.constData(), n);
        sha.add(chunk.constData(), n);
        total += n;
    }
    if (total != upload.size)
        return fail(QStringLiteral("Cannot read %1 completely (it changed while reading?).").arg(upload.localPath));
    const QByteArray contentMd5 = md5.finish();
    upload.sha256 = sha.finish();
    upload.expectedEtag = S3Endpoint::quotedHex(contentMd5);
    const QByteArray shaHex = upload.sha256.toHex();

    const qint64 size = upload.size;
    bool cancelled = false;
    int attempts = 0;
    const auto outcome = RetryPolicy().run(
        [&] {
            CurlRequest request(m_endpoint.objectUrl(upload.key));
            m_endpoint.sign(request, m_signPayload ? shaHex : QByteArray("UNSIGNED-PAYLOAD"));
            request.addHeader("Content-Type: " + S3Endpoint::contentTypeFor(upload.key));
            request.addHeader("Content-MD5: " + contentMd5.toBase64());
            request.addHeader("x-amz-meta-sha256: " + shaHex);
            request.setBodyFile(upload.localPath, 0, size);
            request.setProgress([&](qint64 sent, qint64) {
                if (!reportProgress(progress, qMin(sent, size), size))
                    cancelled = true;
                return !cancelled;
            });
            return request.perform();
        },
        nullptr, &attempts);
    if (outcome.cancelled || cancelled)
        return fail(QStringLiteral("Cancelled: the upload of %1 was stopped; nothing was stored at that key.").arg(upload.key));
    if (outcome.transportFailed() || outcome.status != 200)
        return m_endpoint.explain(outcome, QStringLiteral("upload %1").arg(upload.key), attempts);
    upload.published = true;
    upload.landedEtag = S3Endpoint::normalizeEtag(outcome.headers.value("etag"));
    upload.landedSize = outcome.uploaded;
    return Ok{};
}

Status S3Storage::prove(StagedUpload& upload)
{
    // A multipart object is checked where it is stored; a single PUT's answer already carries the
    // ETag the server computed over the bytes it took.
    if (upload.landedEtag.isEmpty() || upload.parts > 0) {
        auto stored = stat(upload.key);
        if (!stored)
            return fail(QStringLiteral("The upload of %1 finished but the object cannot be checked: %2").arg(upload.key, stored.error().message));
        upload.landedSize = stored->size;
        upload.landedEtag = S3Endpoint::normalizeEtag(stored->etag.toLatin1());
    }
    if (upload.landedSize != upload.size)
        return fail(QStringLiteral("%1 holds %2 bytes at %3 instead of %4: the upload did not land intact.")
                        .arg(describe())
                        .arg(upload.landedSize)
                        .arg(upload.key)
                        .arg(upload.size));
    if (upload.landedEtag != upload.expectedEtag)
        return fail(QStringLiteral("%1 holds %2 with ETag %3 instead of %4: the stored bytes differ from the local file.")
                        .arg(describe(), upload.key, QString::fromLatin1(upload.landedEtag), QString::fromLatin1(upload.expectedEtag)));
    return Ok{};
}

void S3Storage::discard(const StagedUpload& upload)
{
    if (upload.published) {
        const auto ignored = remove(upload.key);
        Q_UNUSED(ignored);
    } else if (!upload.stagingName.isEmpty()) {
        const auto ignored = S3MultipartUpload(m_endpoint, m_partSize, m_parallel).abort(upload.key, upload.stagingName);
        Q_UNUSED(ignored);
    }
}

Result<StoredObject> S3Storage::stat(const QString& key)
{
    if (auto valid = ObjectKey::validate(key); !valid)
        return valid.error();
    int attempts = 0;
    const auto outcome = m_endpoint.call("HEAD", key, {}, {}, {}, &attempts);
    if (outcome.transportFailed() || outcome.status != 200) {
        if (outcome.status == 404 && !outcome.transportFailed())
            return fail(QStringLiteral("%1 is not in %2.").arg(key, describe()), NotFound);
        return m_endpoint.explain(outcome, QStringLiteral("look up %1").arg(key), attempts);
    }
    StoredObject object;
    object.key = key;
    object.size = outcome.headers.value("content-length").toLongLong();
    object.etag = QString::fromLatin1(S3Endpoint::normalizeEtag(outcome.headers.value("etag")));
    object.modified = QLocale::c().toDateTime(QString::fromLatin1(outcome.headers.value("last-modified")),
                                               QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    object.modified.setTimeSpec(Qt::UTC);
    return object;
}

Status S3Storage::remove(const QString& key)
{
    if (auto valid = ObjectKey::validate(key); !valid)
        return valid;
    int attempts = 0;
    const auto outcome = m_endpoint.call("DELETE", key, {}, {}, {}, &attempts);
    if (!outcome.transportFailed() && (outcome.status == 204 || outcome.status == 200 || outcome.status == 404))
        return Ok{};
    return m_endpoint.explain(outcome, QStringLiteral("delete %1").arg(key), attempts);
}

Status S3Storage::download(const QString& key, const QString& localPath, const ProgressFn& progress)
{
    const auto explain = [&](const CurlRequest::Outcome& outcome, int attempts) {
        if (outcome.status == 404)
            return fail(QStringLiteral("%1 is not in %2.").arg(key, describe()), NotFound);
        return m_endpoint.explain(outcome, QStringLiteral("download %1").arg(key), attempts);
    };
    // An object we uploaded carries its SHA-256: check the download against it.
    const auto check = [&](const CurlRequest::Outcome& outcome, const QString& downloaded) -> Status {
        const QByteArray expected = outcome.headers.value("x-amz-meta-sha256");
        if (expected.isEmpty())
            return Ok{};
        auto got = crypto::Sha256::ofFile(downloaded);
        if (!got || got.value().toHex() != expected)
            return fail(QStringLiteral("The download of %1 does not match its recorded SHA-256: the stored object is damaged.").arg(key));
        return Ok{};
    };
    return StreamedTransfer::download(
        m_endpoint.objectUrl(key), [this](CurlRequest& r) { m_endpoint.sign(r, crypto::Sha256::of({}).toHex()); }, key, localPath,
        progress, explain, check);
}

QUrl S3Storage::publicUrl(const QString& key) const
{
    if (!m_publicBase.isEmpty())
        return ObjectKey::appendTo(m_publicBase, key);
    return QUrl::fromEncoded(m_endpoint.objectUrl(key), QUrl::StrictMode);
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
    const QByteArray region = m_endpoint.location().region.toUtf8();
    const QByteArray scope = dateStamp + '/' + region + "/s3/aws4_request";
    QMap<QByteArray, QByteArray> params;
    params.insert("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
    params.insert("X-Amz-Credential", m_endpoint.secrets().accessKeyId.toUtf8() + '/' + scope);
    params.insert("X-Amz-Date", amzDate);
    params.insert("X-Amz-Expires", QByteArray::number(qBound(1, expiresSeconds, 604800)));
    params.insert("X-Amz-SignedHeaders", "host");
    if (!m_endpoint.secrets().sessionToken.isEmpty())
        params.insert("X-Amz-Security-Token", m_endpoint.secrets().sessionToken.bytes());
    QByteArray query;
    for (auto it = params.cbegin(); it != params.cend(); ++it) {
        if (!query.isEmpty())
            query += '&';
        query += ObjectKey::encode(QString::fromUtf8(it.key()), false) + '=' + ObjectKey::encode(QString::fromUtf8(it.value()), false);
    }
    const QByteArray url = m_endpoint.objectUrl(key);
    const QUrl parsed = QUrl::fromEncoded(url);
    QByteArray host = parsed.host(QUrl::FullyEncoded).toUtf8();
    if (parsed.port() > 0)
        host += ':' + QByteArray::number(parsed.port());
    const QByteArray canonical = "GET\n" + m_endpoint.canonicalPath(key) + '\n' + query + "\nhost:" + host + "\n\nhost\nUNSIGNED-PAYLOAD";
    const QByteArray toSign = "AWS4-HMAC-SHA256\n" + amzDate + '\n' + scope + '\n' + crypto::Sha256::of(canonical).toHex();
    QByteArray k = crypto::HmacSha256::of("AWS4" + m_endpoint.secrets().secretAccessKey.bytes(), dateStamp);
    k = crypto::HmacSha256::of(k, region);
    k = crypto::HmacSha256::of(k, "s3");
    k = crypto::HmacSha256::of(k, "aws4_request");
    const QByteArray signature = crypto::HmacSha256::of(k, toSign).toHex();
    return QUrl::fromEncoded(url + '?' + query + "&X-Amz-Signature=" + signature, QUrl::StrictMode);
}

} // namespace slipway::storage
