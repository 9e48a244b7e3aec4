#include "storage/S3Endpoint.h"

#include "crypto/Sha256.h"
#include "storage/ObjectKey.h"
#include "storage/RetryPolicy.h"
#include "storage/S3ErrorExplanation.h"

#include <QRegularExpression>

namespace slipway::storage {

S3Endpoint::S3Endpoint(S3Location location, StorageSecrets secrets, QString profileName)
    : m_location(std::move(location)), m_secrets(std::move(secrets)), m_profileName(std::move(profileName))
{
    while (m_location.prefix.startsWith(QLatin1Char('/')))
        m_location.prefix.remove(0, 1);
    while (m_location.prefix.endsWith(QLatin1Char('/')))
        m_location.prefix.chop(1);
}

QString S3Endpoint::describe() const
{
    QString text = QStringLiteral("s3://%1").arg(m_location.bucket);
    if (!m_location.prefix.isEmpty())
        text += QLatin1Char('/') + m_location.prefix;
    return text + QStringLiteral(" on %1").arg(m_location.endpoint.toString(QUrl::RemoveUserInfo));
}

QString S3Endpoint::fullKey(const QString& key) const
{
    return ObjectKey::join(m_location.prefix, key);
}

QByteArray S3Endpoint::canonicalPath(const QString& key) const
{
    QByteArray base = m_location.endpoint.path(QUrl::FullyEncoded).toUtf8();
    while (base.endsWith('/'))
        base.chop(1);
    if (m_location.pathStyle)
        base += '/' + ObjectKey::encode(m_location.bucket, false);
    return base + '/' + (key.isNull() ? QByteArray() : ObjectKey::encode(fullKey(key)));
}

QByteArray S3Endpoint::objectUrl(const QString& key, const QByteArray& query) const
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

void S3Endpoint::sign(CurlRequest& request, const QByteArray& payloadSha256Hex) const
{
    request.setAwsSigV4(m_location.region.toUtf8(), m_secrets.accessKeyId.toUtf8(), m_secrets.secretAccessKey.bytes());
    // libcurl 7.88 does not add the payload hash itself, and S3 requires it with header signing.
    request.addHeader("x-amz-content-sha256: " + payloadSha256Hex);
    if (!m_secrets.sessionToken.isEmpty())
        request.addHeader("x-amz-security-token: " + m_secrets.sessionToken.bytes());
}

CurlRequest::Outcome S3Endpoint::call(const QByteArray& method, const QString& key, const QByteArray& query, const QByteArray& body,
                                      const QList<QByteArray>& headers, int* attempts) const
{
    const QByteArray payloadHash = crypto::Sha256::of(body).toHex();
    return RetryPolicy().run([&] {
        CurlRequest request(objectUrl(key, query));
        sign(request, payloadHash);
        if (method == "HEAD")
            request.setHeadOnly();
        else if (method != "GET")
            request.setMethod(method);
        for (const QByteArray& header : headers)
            request.addHeader(header);
        if (!body.isEmpty())
            request.setBody(body);
        return request.perform();
    }, nullptr, attempts);
}

Error S3Endpoint::explain(const CurlRequest::Outcome& outcome, const QString& action, int attempts) const
{
    return S3ErrorExplanation(*this).of(outcome, action, attempts);
}

QString S3Endpoint::xmlValue(const QByteArray& xml, const char* tag)
{
    const QRegularExpression re(QStringLiteral("<%1>([^<]*)</%1>").arg(QLatin1String(tag)));
    const auto match = re.match(QString::fromUtf8(xml));
    return match.hasMatch() ? match.captured(1) : QString();
}

QByteArray S3Endpoint::normalizeEtag(QByteArray etag)
{
    etag.replace("&quot;", "\"");
    etag.replace("&#34;", "\"");
    return etag.trimmed();
}

QByteArray S3Endpoint::quotedHex(const QByteArray& raw)
{
    return '"' + raw.toHex() + '"';
}

QByteArray S3Endpoint::contentTypeFor(const QString& key)
{
    if (key.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive))
        return "application/zip";
    if (key.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        return "application/json";
    return "application/octet-stream";
}

} // namespace slipway::storage
