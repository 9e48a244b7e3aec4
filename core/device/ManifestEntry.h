#pragma once

#include "common/Result.h"

#include <QJsonArray>
#include <QList>
#include <QString>

namespace slipway::device {

// One entry of an update answer's `manifest` array, as the plugin reads it.
struct ManifestEntry
{
    QString fileName;    // `file_name`: the path in the bundle, ".br" appended when the object is brotli
    QString fileHash;    // `file_hash`: lowercase SHA-256 hex, or its signed block (hex or base64) when encrypted
    QString downloadUrl; // `download_url`

    // Every entry an object with the three strings, each within its limits::Manifest* length, and at most
    // limits::ManifestEntries of them; otherwise a message naming the first bad entry.
    [[nodiscard]] static Result<QList<ManifestEntry>> parseList(const QJsonArray& manifest);
    // The same limits for entries already read (a release's own file list, checked without a JSON copy).
    [[nodiscard]] static Result<QList<ManifestEntry>> checkList(const QList<ManifestEntry>& entries);
};

} // namespace slipway::device
