#pragma once

#include "common/Result.h"

#include <QList>
#include <QString>

namespace slipway::device {

// One entry of a zip as its central directory lists it.
struct ZipEntry
{
    QByteArray rawName; // bytes as stored (UTF-8 when flag 0x0800 is set)
    QString name;       // rawName read as UTF-8 (invalid bytes replaced), for messages and layout rules
    quint16 madeBy = 0; // "version made by": the high byte is the host system (3 = Unix)
    quint16 flags = 0;
    quint16 method = 0;
    quint32 crc32 = 0;
    quint64 compressedSize = 0;
    quint64 uncompressedSize = 0;
    quint64 localHeaderOffset = 0;
    quint32 externalAttributes = 0;
    [[nodiscard]] bool isDirectory() const { return name.endsWith(QLatin1Char('/')); }
    // The Unix file type bits (S_IFMT of the mode) when the entry was made on Unix, else 0.
    [[nodiscard]] quint32 unixFileType() const;
};

struct ZipListing
{
    QList<ZipEntry> entries;
    quint64 directoryOffset = 0; // where the central directory starts: no entry's data may reach past it
};

// Reads the central directory of a zip file (zip64 included): the entries a reader that trusts the
// directory (iOS's ZIPFoundation) extracts. Sizes, entry count and unpacked total have limits
// (common/InputLimits.h). AndroidZipStream then checks that Android's reader meets the same entries.
class ZipDirectory
{
public:
    [[nodiscard]] static Result<ZipListing> read(const QString& zipPath);
};

} // namespace slipway::device
