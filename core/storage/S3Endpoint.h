#pragma once

#include "storage/CurlRequest.h"
#include "storage/StorageSecrets.h"

#include <QUrl>

#include <atomic>

namespace slipway::storage {

// Where objects live in an S3-compatible service (AWS, Cloudflare R2, MinIO, Ceph RGW, ...).
struct S3Location
{
    QUrl endpoint;    // scheme://host[:port]; AWS's regional endpoint when none is given
    QString bucket;
    QString prefix;   // key prefix inside the bucket, without leading or trailing '/'
    QString region = QStringLiteral("us-east-1");
    bool pathStyle = true; // https://endpoint/bucket/key rather than https://bucket.endpoint/key
};

// One bucket (and prefix) of an S3 service with its credentials: object URLs, Signature V4 signing,
// signed requests with retries, and the explanation of what the server answered.
class S3Endpoint
{
public:
    S3Endpoint(S3Location location, StorageSecrets secrets, QString profileName);

    [[nodiscard]] QString describe() const;
    [[nodiscard]] const S3Location& location() const { return m_location; }
    [[nodiscard]] const StorageSecrets& secrets() const { return m_secrets; }
    [[nodiscard]] const QString& profileName() const { return m_profileName; }

    [[nodiscard]] QByteArray objectUrl(const QString& key, const QByteArray& query = {}) const;
    [[nodiscard]] QByteArray canonicalPath(const QString& key) const;
    void sign(CurlRequest& request, const QByteArray& payloadSha256Hex) const;
    // A signed request without a streamed body (HEAD, GET, DELETE, POST of a small document), retried.
    [[nodiscard]] CurlRequest::Outcome call(const QByteArray& method, const QString& key, const QByteArray& query = {},
                                            const QByteArray& body = {}, const QList<QByteArray>& headers = {},
                                            int* attempts = nullptr) const;
    [[nodiscard]] Error explain(const CurlRequest::Outcome& outcome, const QString& action, int attempts = 1) const;

    // The text of the first <tag> element of an S3 XML answer.
    [[nodiscard]] static QString xmlValue(const QByteArray& xml, const char* tag);
    [[nodiscard]] static QByteArray normalizeEtag(QByteArray etag);
    // An MD5 as S3 writes it in an ETag: "hex".
    [[nodiscard]] static QByteArray quotedHex(const QByteArray& raw);
    [[nodiscard]] static QByteArray contentTypeFor(const QString& key);

private:
    [[nodiscard]] QString fullKey(const QString& key) const;

    S3Location m_location;
    StorageSecrets m_secrets;
    QString m_profileName;
};

} // namespace slipway::storage
