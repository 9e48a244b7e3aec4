#pragma once

#include "storage/S3Endpoint.h"
#include "storage/StorageTarget.h"

#include <QDateTime>
#include <QUrl>

namespace slipway::storage {

// S3 over libcurl with Signature V4. Small files go up in one PUT, files from 64 MiB on as a
// parallel multipart upload (S3MultipartUpload: resumable, aborted on cancel). Every request body
// carries its Content-MD5 (and optionally its signed SHA-256), so the server refuses bytes that are
// not the hashed ones; what landed is proven by size and ETag (the MD5, or for multipart the MD5 of
// the parts' MD5s).
class S3Storage : public StorageTarget
{
public:
    S3Storage(S3Location location, StorageSecrets secrets, QUrl publicBaseUrl = {}, QString profileName = {});

    [[nodiscard]] QString describe() const override;
    [[nodiscard]] Result<StoredObject> stat(const QString& key) override;
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

    [[nodiscard]] const S3Location& location() const { return m_endpoint.location(); }

private:
    [[nodiscard]] Status send(StagedUpload& upload, const ProgressFn& progress) override;
    [[nodiscard]] Status prove(StagedUpload& upload) override;
    void discard(const StagedUpload& upload) override;
    [[nodiscard]] Status putSingle(StagedUpload& upload, const ProgressFn& progress);

    S3Endpoint m_endpoint;
    QUrl m_publicBase;
    qint64 m_multipartThreshold = 64LL * 1024 * 1024;
    qint64 m_partSize = 16LL * 1024 * 1024;
    int m_parallel = 4;
    bool m_signPayload = false;
};

} // namespace slipway::storage
