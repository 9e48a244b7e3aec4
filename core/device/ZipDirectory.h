#pragma once

#include "common/InputLimits.h"
#include "common/Result.h"

#include <QList>
#include <QString>

class QFile;

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
    // More than maxEntries entries are refused before they are read (a bundle's limit unless told otherwise).
    [[nodiscard]] static Result<ZipListing> read(const QString& zipPath, quint64 maxEntries = limits::ZipEntries);
    // Where the entry's data starts in `file`: after its local header, whose name and extra field may
    // differ in length from the central directory's.
    [[nodiscard]] static Result<quint64> dataOffset(QFile& file, const ZipEntry& entry);
};

} // namespace slipway::device
