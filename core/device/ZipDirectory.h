#pragma once

#include "common/Result.h"

#include <QList>
#include <QString>

namespace slipway::device {

// One entry of a zip as a phone's streaming reader meets it.
struct ZipEntry
{
    QByteArray rawName; // bytes as stored (UTF-8 when flag 0x0800 is set)
    QString name;
    quint16 flags = 0;
    quint16 method = 0;
    quint32 crc32 = 0;
    quint64 compressedSize = 0;
    quint64 uncompressedSize = 0;
    quint64 localHeaderOffset = 0;
    bool localHeaderHasSizes = false; // bit 3 clear in the local header: sizes and CRC are final there
    [[nodiscard]] bool isDirectory() const { return name.endsWith(QLatin1Char('/')); }
};

// Reads the central directory of a zip file (zip64 included) and cross-checks each local header.
class ZipDirectory
{
public:
    [[nodiscard]] static Result<QList<ZipEntry>> read(const QString& zipPath);
};

} // namespace slipway::device
