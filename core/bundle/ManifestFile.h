#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace slipway::bundle {

// One file of a delta ("manifest") release: the object a phone downloads for it and what it checks.
struct ManifestFile
{
    QString path;       // the file's path in the bundle (the phone's target)
    QString fileName;   // `file_name` on the wire: the path, with ".br" when the object is brotli-compressed
    QString sha256Hex;  // lowercase SHA-256 of the original bytes
    QByteArray fileHash; // `file_hash` on the wire: sha256Hex, or the V3-signed block in hex when encrypted (Latin-1:
                         // 512 bytes a file instead of 1 KiB, for thousands of files in every step)
    QString objectName; // the object file in the release's object folder (content-addressed)
    qint64 size = 0;        // original bytes
    qint64 objectSize = 0;  // bytes stored (compressed and/or encrypted)

    [[nodiscard]] bool brotli() const { return fileName.endsWith(QLatin1String(".br")); }
    // {path, file_name, sha256, file_hash, object, size, object_size}: one element of the saved file list
    [[nodiscard]] QJsonObject toJson() const;
};

// The file list of a release in zip order; saved beside the bundle and recorded in the channel manifest.
struct DeltaManifest
{
    std::vector<ManifestFile> files;
    bool encrypted = false;
    QString note; // files left out on purpose (--delta-skip-empty), said aloud

    [[nodiscard]] qint64 objectBytes() const;
    // `json`: the elements ManifestFile::toJson made, in order.
    [[nodiscard]] static bool fromJson(const QJsonArray& json, DeltaManifest& out, QString* error);
};

} // namespace slipway::bundle
