#include "device/ZipDirectory.h"

#include "common/ByteSize.h"
#include "common/InputLimits.h"
#include "device/ZipFormat.h"

#include <QFile>
#include <QtEndian>

#include <algorithm>

namespace slipway::device {

namespace {

using namespace zip;

Error corrupt(const QString& why)
{
    return fail(QStringLiteral("The bundle is not a valid zip: %1.").arg(why));
}

struct DirectoryLocation
{
    quint64 offset = 0;
    quint64 size = 0;
    quint64 entries = 0;
};

Result<DirectoryLocation> locateDirectory(QFile& file)
{
    const qint64 fileSize = file.size();
    const qint64 tailSize = std::min<qint64>(fileSize, 65535 + 22);
    file.seek(fileSize - tailSize);
    const QByteArray tail = file.read(tailSize);
    qsizetype eocd = -1;
    for (qsizetype i = tail.size() - 22; i >= 0; --i) {
        if (qFromLittleEndian<quint32>(tail.constData() + i) == EndOfDirectorySignature) {
            eocd = i;
            break;
        }
    }
    if (eocd < 0)
        return corrupt(QStringLiteral("no end-of-directory record (truncated or not a zip)"));
    ZipFieldReader r(tail, eocd + 8);
    DirectoryLocation loc;
    r.skip(2);
    loc.entries = r.u16();
    loc.size = r.u32();
    loc.offset = r.u32();
    const bool needsZip64 = loc.entries == 0xFFFF || loc.size == 0xFFFFFFFF || loc.offset == 0xFFFFFFFF;
    if (needsZip64 && eocd >= 20 && qFromLittleEndian<quint32>(tail.constData() + eocd - 20) == Zip64LocatorSignature) {
        ZipFieldReader locator(tail, eocd - 20 + 8);
        const quint64 zip64EndOffset = locator.u64();
        file.seek(static_cast<qint64>(zip64EndOffset));
        const QByteArray record = file.read(56);
        if (record.size() < 56 || qFromLittleEndian<quint32>(record.constData()) != Zip64EndSignature)
            return corrupt(QStringLiteral("a broken zip64 end record"));
        ZipFieldReader z(record, 24);
        z.skip(8);
        loc.entries = z.u64();
        loc.size = z.u64();
        loc.offset = z.u64();
    }
    if (loc.offset > static_cast<quint64>(fileSize) || loc.size > static_cast<quint64>(fileSize) - loc.offset)
        return corrupt(QStringLiteral("the central directory lies past the end of the file (truncated)"));
    return loc;
}

// The zip64 field holds, in this order, only the values whose 32-bit field is 0xFFFFFFFF.
void applyZip64Extra(const QByteArray& extra, ZipEntry& entry, bool sizeMax, bool csizeMax, bool offsetMax)
{
    const QByteArray field = ZipFieldReader::zip64Field(extra);
    ZipFieldReader r(field);
    if (sizeMax && r.has(8))
        entry.uncompressedSize = r.u64();
    if (csizeMax && r.has(8))
        entry.compressedSize = r.u64();
    if (offsetMax && r.has(8))
        entry.localHeaderOffset = r.u64();
}

} // namespace

quint32 ZipEntry::unixFileType() const
{
    constexpr quint16 UnixHost = 3;
    return (madeBy >> 8) == UnixHost ? (externalAttributes >> 16) & 0170000 : 0;
}

Result<ZipListing> ZipDirectory::read(const QString& zipPath, quint64 maxEntries)
{
    QFile file(zipPath);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot read %1: %2").arg(zipPath, file.errorString()));
    auto loc = locateDirectory(file);
    if (!loc)
        return loc.error();
    if (loc->entries > maxEntries)
        return corrupt(QStringLiteral("it lists %1 entries, more than the %2 allowed").arg(loc->entries).arg(maxEntries));
    if (loc->size > static_cast<quint64>(limits::ZipCentralDirectoryBytes))
        return corrupt(
            QStringLiteral("its central directory takes %1, more than the %2 a bundle may have")
                .arg(humanByteSize(static_cast<qint64>(loc->size)), humanByteSize(limits::ZipCentralDirectoryBytes)));
    file.seek(static_cast<qint64>(loc->offset));
    const QByteArray directory = file.read(static_cast<qint64>(loc->size));
    if (directory.size() != static_cast<qsizetype>(loc->size))
        return corrupt(QStringLiteral("the central directory cannot be read whole (truncated)"));
    ZipFieldReader r(directory);
    ZipListing listing;
    listing.directoryOffset = loc->offset;
    listing.entries.reserve(static_cast<qsizetype>(loc->entries));
    quint64 unpacked = 0;
    for (quint64 i = 0; i < loc->entries; ++i) {
        if (!r.has(46) || r.u32() != CentralHeaderSignature)
            return corrupt(QStringLiteral("entry %1 of the central directory is damaged").arg(i + 1));
        ZipEntry e;
        e.madeBy = r.u16();
        r.skip(2);
        e.flags = r.u16();
        e.method = r.u16();
        r.skip(4);
        e.crc32 = r.u32();
        const quint32 csize = r.u32();
        const quint32 usize = r.u32();
        const quint16 nameLength = r.u16();
        const quint16 extraLength = r.u16();
        const quint16 commentLength = r.u16();
        r.skip(4);
        e.externalAttributes = r.u32();
        const quint32 offset = r.u32();
        if (!r.has(nameLength + extraLength + commentLength))
            return corrupt(QStringLiteral("entry %1 of the central directory is cut short").arg(i + 1));
        e.rawName = r.bytes(nameLength);
        e.name = QString::fromUtf8(e.rawName);
        e.compressedSize = csize;
        e.uncompressedSize = usize;
        e.localHeaderOffset = offset;
        applyZip64Extra(r.bytes(extraLength), e, usize == 0xFFFFFFFF, csize == 0xFFFFFFFF, offset == 0xFFFFFFFF);
        r.skip(commentLength);
        if (e.localHeaderOffset >= loc->offset)
            return corrupt(QStringLiteral("the entry '%1' starts at byte %2, inside or past the central directory")
                               .arg(e.name)
                               .arg(e.localHeaderOffset));
        unpacked += std::min<quint64>(e.uncompressedSize, limits::BundleUnpackedBytes + 1ULL);
        if (unpacked > static_cast<quint64>(limits::BundleUnpackedBytes))
            return fail(QStringLiteral("The bundle unpacks to more than %1 (at the entry '%2'): more than a phone "
                                       "should unpack. Ship a smaller web build.")
                            .arg(humanByteSize(limits::BundleUnpackedBytes), e.name));
        listing.entries.append(e);
    }
    return listing;
}

Result<quint64> ZipDirectory::dataOffset(QFile& file, const ZipEntry& entry)
{
    constexpr qint64 LocalHeaderBytes = 30;
    QByteArray header;
    if (file.seek(static_cast<qint64>(entry.localHeaderOffset)))
        header = file.read(LocalHeaderBytes);
    if (header.size() < LocalHeaderBytes || qFromLittleEndian<quint32>(header.constData()) != LocalHeaderSignature)
        return corrupt(QStringLiteral("the local header of '%1' is missing").arg(entry.name));
    return entry.localHeaderOffset + LocalHeaderBytes + qFromLittleEndian<quint16>(header.constData() + 26) +
           qFromLittleEndian<quint16>(header.constData() + 28);
}

} // namespace slipway::device
