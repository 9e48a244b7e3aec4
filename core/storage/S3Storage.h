#pragma once

#include "common/SecureBytes.h"
#include "storage/CurlRequest.h"
#include "storage/StorageSecrets.h"
#include "storage/StorageTarget.h"

#include <QDateTime>
#include <QUrl>

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

// S3 over libcurl with Signature V4. Files from 64 MiB on go up in parallel multipart parts; an
// interrupted multipart upload is remembered (DataLocation "uploads") and resumed with ListParts;
// a cancel aborts it. Every request body carries its Content-MD5 (and optionally its signed
// SHA-256), so the server refuses corrupted bytes; the stored object is then checked by size and
// ETag (the MD5, or for multipart the MD5 of the parts' MD5s), which proves the bytes landed.
class S3Storage : public StorageTarget
{
public:
    S3Storage(S3Location location, StorageSecrets secrets, QUrl publicBaseUrl = {}, QString profileName = {});

    [[nodiscard]] QString describe() const override;
    [[nodiscard]] Status upload(const QString& localPath, const QString& key, const ProgressFn& progress = {}) override;
    [[nodiscard]] Result<StoredObject> stat(const QString& key) override;
    [[nodiscard]] Result<bool> exists(const QString& key) override;
    [[nodiscard]] Status remove(const QString& key) override;
    [[nodiscard]] Status download(const QString& key, const QString& localPath, const ProgressFn& progress = {}) override;
    [[nodiscard]] QUrl publicUrl(const QString& key) const override;

    // A time-limited GET URL that needs no credentials (Signature V4 query string).
    [[nodiscard]] QUrl presignedGetUrl(const QString& key, int expiresSeconds = 3600) const;
    // The same, signed as of `signingTime` (UTC): for known-answer tests.
    [[nodiscard]] QUrl presignedGetUrl(const QString& key, int expiresSeconds, const QDateTime& signingTime) const;

    // Tuning (defaults: 64 MiB threshold, 16 MiB parts, 4 parts in flight).
    void setMultipartThreshold(qint64 bytes) { m_multipartThreshold = bytes; }
    void setPartSize(qint64 bytes) { m_partSize = bytes; }
    void setParallelParts(int parts) { m_parallel = parts; }
    // Integrity of every request body: Content-MD5 (default; cheap for the server to check) or, in
    // addition, the real SHA-256 signed into x-amz-content-sha256 (servers verify it more slowly).
    void setSignPayload(bool sign) { m_signPayload = sign; }

    // What the last upload did, for reports and tests.
    struct UploadReport
    {
        QByteArray sha256;  // hex
        int parts = 0;      // 0 = single PUT
        int partsResumed = 0;
    };
    [[nodiscard]] const UploadReport& lastUpload() const { return m_report; }
    [[nodiscard]] const S3Location& location() const { return m_location; }

private:
    [[nodiscard]] QString fullKey(const QString& key) const;
    [[nodiscard]] QByteArray objectUrl(const QString& key, const QByteArray& query = {}) const;
    [[nodiscard]] QByteArray canonicalPath(const QString& key) const;
    [[nodiscard]] QString stateFilePath(const QString& key) const;
    [[nodiscard]] Error explain(const CurlRequest::Outcome& outcome, const QString& action, int attempts = 1) const;
    void sign(CurlRequest& request, const QByteArray& payloadSha256Hex) const;
    [[nodiscard]] Status putSingle(const QString& localPath, const QString& key, qint64 size, const ProgressFn& progress);
    [[nodiscard]] Status putMultipart(const QString& localPath, const QString& key, qint64 size, const ProgressFn& progress);
    [[nodiscard]] Status verifyStored(const QString& key, qint64 size, const QByteArray& etag, const QByteArray& sha256Hex);

    S3Location m_location;
    StorageSecrets m_secrets;
    QUrl m_publicBase;
    QString m_profileName;
    qint64 m_multipartThreshold = 64LL * 1024 * 1024;
    qint64 m_partSize = 16LL * 1024 * 1024;
    int m_parallel = 4;
    bool m_signPayload = false;
    UploadReport m_report;
};

} // namespace slipway::storage
