#include "storage/S3MultipartState.h"

#include "common/BoundedFile.h"
#include "common/InputLimits.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace slipway::storage {

bool S3MultipartState::matches(const S3MultipartState& other) const
{
    return localPath == other.localPath && size == other.size && modifiedMs == other.modifiedMs && partSize == other.partSize;
}

S3MultipartState S3MultipartState::load(const QString& path)
{
    S3MultipartState s;
    const auto bytes = readBoundedFile(path, limits::ConfigFileBytes, QStringLiteral("multipart upload state"));
    if (!bytes)
        return s;
    const QJsonObject o = QJsonDocument::fromJson(bytes.value()).object();
    s.uploadId = o.value(QStringLiteral("uploadId")).toString();
    s.localPath = o.value(QStringLiteral("localPath")).toString();
    s.size = o.value(QStringLiteral("size")).toInteger();
    s.modifiedMs = o.value(QStringLiteral("modifiedMs")).toInteger();
    s.partSize = o.value(QStringLiteral("partSize")).toInteger();
    return s;
}

bool S3MultipartState::save(const QString& path, const QString& target) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("uploadId"), uploadId},
                                         {QStringLiteral("target"), target},
                                         {QStringLiteral("localPath"), localPath},
                                         {QStringLiteral("size"), size},
                                         {QStringLiteral("modifiedMs"), modifiedMs},
                                         {QStringLiteral("partSize"), partSize}})
                   .toJson());
    return file.commit();
}

} // namespace slipway::storage
