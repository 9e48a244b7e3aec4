#include "bundle/ManifestFile.h"

#include <QJsonObject>

namespace slipway::bundle {

qint64 DeltaManifest::objectBytes() const
{
    qint64 total = 0;
    for (const ManifestFile& f : files)
        total += f.objectSize;
    return total;
}

QJsonObject ManifestFile::toJson() const
{
    return QJsonObject{{QStringLiteral("path"), path},
                       {QStringLiteral("file_name"), fileName},
                       {QStringLiteral("sha256"), sha256Hex},
                       {QStringLiteral("file_hash"), QString::fromLatin1(fileHash)},
                       {QStringLiteral("object"), objectName},
                       {QStringLiteral("size"), size},
                       {QStringLiteral("object_size"), objectSize}};
}

bool DeltaManifest::fromJson(const QJsonArray& json, DeltaManifest& out, QString* error)
{
    out.files.clear();
    out.files.reserve(size_t(json.size()));
    for (const auto& value : json) {
        const QJsonObject o = value.toObject();
        ManifestFile f;
        f.path = o.value(QStringLiteral("path")).toString();
        f.fileName = o.value(QStringLiteral("file_name")).toString();
        f.sha256Hex = o.value(QStringLiteral("sha256")).toString();
        f.fileHash = o.value(QStringLiteral("file_hash")).toString().toLatin1();
        f.objectName = o.value(QStringLiteral("object")).toString();
        f.size = o.value(QStringLiteral("size")).toInteger(-1);
        f.objectSize = o.value(QStringLiteral("object_size")).toInteger(-1);
        if (f.path.isEmpty() || f.fileName.isEmpty() || f.sha256Hex.size() != 64 || f.fileHash.isEmpty() ||
            f.objectName.isEmpty() || f.objectName.contains(QLatin1Char('/')) || f.size < 0 || f.objectSize < 0) {
            if (error)
                *error = QStringLiteral("entry %1 of the file list is incomplete").arg(out.files.size() + 1);
            return false;
        }
        out.files.push_back(std::move(f));
    }
    return true;
}

} // namespace slipway::bundle
