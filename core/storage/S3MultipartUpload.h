#pragma once

#include "common/Progress.h"
#include "common/Result.h"

#include <QByteArray>
#include <QMap>
#include <QString>

#include <optional>

namespace slipway::storage {

class S3Endpoint;
struct StagedUpload;

// One file sent as an S3 multipart upload: parts go up in parallel, each with its Content-MD5 from
// a hashing pass that runs ahead of the senders (so the server refuses bytes that changed between
// hashing and sending) and feeds the whole file's SHA-256 on the way. The upload id is recorded
// (DataLocation "uploads") so an interrupted run resumes through ListParts; a cancel aborts it.
class S3MultipartUpload
{
public:
    S3MultipartUpload(const S3Endpoint& endpoint, qint64 partSize, int parallel);

    // Sends every part and completes the upload (upload.published once the key holds it; then
    // upload.expectedEtag is the multipart ETag the stored object must show).
    [[nodiscard]] Status send(StagedUpload& upload, const ProgressFn& progress);
    // Ends an unfinished upload on the server and forgets its record.
    [[nodiscard]] Status abort(const QString& key, const QString& uploadId) const;

private:
    struct ListedPart
    {
        QByteArray etag;
        qint64 size = 0;
    };
    [[nodiscard]] QString stateFilePath(const QString& key) const;
    // The parts an earlier run stored, or nothing when the server no longer knows that upload.
    [[nodiscard]] Result<std::optional<QMap<int, ListedPart>>> listParts(const QString& key, const QString& uploadId) const;
    [[nodiscard]] Status resumeOrStart(StagedUpload& upload, QMap<int, ListedPart>& stored);
    [[nodiscard]] Status sendParts(StagedUpload& upload, const QMap<int, ListedPart>& stored, const ProgressFn& progress);
    [[nodiscard]] Status complete(StagedUpload& upload);

    const S3Endpoint& m_endpoint;
    qint64 m_partSize;
    int m_parallel;
    int m_partCount = 0;
    QList<QByteArray> m_partMd5;
};

} // namespace slipway::storage
