#include "device/ZipDirectory.h"

#include <QFile>
#include <QtEndian>

namespace slipway::device {

namespace {

constexpr quint32 LocalHeaderSignature = 0x04034b50;
constexpr quint32 CentralHeaderSignature = 0x02014b50;
constexpr quint32 EndOfDirectorySignature = 0x06054b50;
constexpr quint32 Zip64LocatorSignature = 0x07064b50;
constexpr quint32 Zip64EndSignature = 0x06064b50;

class ByteReader
{
public:
    explicit ByteReader(const QByteArray& data, qsizetype pos = 0) : m_data(data), m_pos(pos) {}
    [[nodiscard]] bool has(qsizetype n) const { return m_pos >= 0 && m_pos + n <= m_data.size(); }
    quint16 u16() { return take<quint16>(); }
    quint32 u32() { return take<quint32>(); }
    quint64 u64() { return take<quint64>(); }
    QByteArray bytes(qsizetype n)
    {
        QByteArray out = m_data.mid(m_pos, n);
        m_pos += n;
        return out;
    }
    void skip(qsizetype n) { m_pos += n; }
    [[nodiscard]] qsizetype pos() const { return m_pos; }

private:
    template<typename T>
    T take()
    {
        const T value = qFromLittleEndian<T>(m_data.constData() + m_pos);
        m_pos += sizeof(T);
        return value;
    }
    const QByteArray& m_data;
    qsizetype m_pos;
};

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
    ByteReader r(tail, eocd + 8);
    DirectoryLocation loc;
    r.skip(2);
    loc.entries = r.u16();
    loc.size = r.u32();
    loc.offset = r.u32();
    const bool needsZip64 = loc.entries == 0xFFFF || loc.size == 0xFFFFFFFF || loc.offset == 0xFFFFFFFF;
    if (needsZip64 && eocd >= 20 && qFromLittleEndian<quint32>(tail.constData() + eocd - 20) == Zip64LocatorSignature) {
        ByteReader locator(tail, eocd - 20 + 8);
        const quint64 zip64EndOffset = locator.u64();
        file.seek(static_cast<qint64>(zip64EndOffset));
        const QByteArray record = file.read(56);
        if (record.size() < 56 || qFromLittleEndian<quint32>(record.constData()) != Zip64EndSignature)
            return corrupt(QStringLiteral("a broken zip64 end record"));
        ByteReader z(record, 24);
        z.skip(8);
        loc.entries = z.u64();
        loc.size = z.u64();
        loc.offset = z.u64();
    }
    if (loc.offset + loc.size > static_cast<quint64>(fileSize))
        return corrupt(QStringLiteral("the central directory lies past the end of the file (truncated)"));
    return loc;
}

void applyZip64Extra(const QByteArray& extra, ZipEntry& entry, bool sizeMax, bool csizeMax, bool offsetMax)
{
    ByteReader r(extra);
    while (r.has(4)) {
        const quint16 id = r.u16();
        const quint16 length = r.u16();
        if (!r.has(length))
            return;
        if (id != 0x0001) {
            r.skip(length);
            continue;
        }
        if (sizeMax && r.has(8))
            entry.uncompressedSize = r.u64();
        if (csizeMax && r.has(8))
            entry.compressedSize = r.u64();
        if (offsetMax && r.has(8))
            entry.localHeaderOffset = r.u64();
        return;
    }
}

} // namespace

Result<QList<ZipEntry>> ZipDirectory::read(const QString& zipPath, quint64 maxEntries)
{
    QFile file(zipPath);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot read %1: %2").arg(zipPath, file.errorString()));
    auto loc = locateDirectory(file);
    if (!loc)
        return loc.error();
    if (loc->size > 512ULL * 1024 * 1024)
        return corrupt(QStringLiteral("an implausibly large central directory"));
    if (loc->entries > maxEntries)
        return fail(QStringLiteral("%1 holds %2 entries, more than the %3 allowed.")
                        .arg(zipPath)
                        .arg(loc->entries)
                        .arg(maxEntries));
    file.seek(static_cast<qint64>(loc->offset));
    const QByteArray directory = file.read(static_cast<qint64>(loc->size));
    ByteReader r(directory);
    QList<ZipEntry> entries;
    for (quint64 i = 0; i < loc->entries; ++i) {
        if (!r.has(46) || r.u32() != CentralHeaderSignature)
            return corrupt(QStringLiteral("entry %1 of the central directory is damaged").arg(i + 1));
        ZipEntry e;
        e.versionMadeBy = r.u16();
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
        entries.append(e);
    }
    for (auto& e : entries) {
        file.seek(static_cast<qint64>(e.localHeaderOffset));
        const QByteArray header = file.read(30);
        if (header.size() < 30 || qFromLittleEndian<quint32>(header.constData()) != LocalHeaderSignature)
            return corrupt(QStringLiteral("the local header of '%1' is missing").arg(e.name));
        const auto localFlags = qFromLittleEndian<quint16>(header.constData() + 6);
        e.localHeaderHasSizes = (localFlags & 0x0008) == 0;
        e.dataOffset = e.localHeaderOffset + 30 + qFromLittleEndian<quint16>(header.constData() + 26) +
                       qFromLittleEndian<quint16>(header.constData() + 28);
    }
    return entries;
}

} // namespace slipway::device
