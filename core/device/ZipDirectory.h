#pragma once

#include "common/Result.h"

#include <QList>
#include <QString>

#include <cstdint>

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
    quint64 dataOffset = 0;    // where the entry's stored data starts (after its local header)
    quint16 versionMadeBy = 0; // high byte 3: Unix, and externalAttributes >> 16 is the file mode
    quint32 externalAttributes = 0;
    bool localHeaderHasSizes = false; // bit 3 clear in the local header: sizes and CRC are final there
    [[nodiscard]] bool isDirectory() const { return name.endsWith(QLatin1Char('/')); }
};

// Reads the central directory of a zip file (zip64 included) and cross-checks each local header.
class ZipDirectory
{
public:
    // A zip declaring more than maxEntries entries is refused before they are read.
    [[nodiscard]] static Result<QList<ZipEntry>> read(const QString& zipPath, quint64 maxEntries = UINT64_MAX);
};

} // namespace slipway::device
