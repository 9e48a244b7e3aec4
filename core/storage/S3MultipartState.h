#pragma once

#include <QString>

namespace slipway::storage {

// The record of an interrupted multipart upload (DataLocation "uploads"): its upload id and what
// identifies the local file it belongs to, so a later run resumes it only for the same bytes.
struct S3MultipartState
{
    QString uploadId;
    QString localPath;
    qint64 size = 0;
    qint64 modifiedMs = 0;
    qint64 partSize = 0;

    [[nodiscard]] bool matches(const S3MultipartState& other) const;
    // An empty state when there is no readable record.
    [[nodiscard]] static S3MultipartState load(const QString& path);
    [[nodiscard]] bool save(const QString& path, const QString& target) const;
};

} // namespace slipway::storage
