#include "bundle/ZipStreamWriter.h"

#include <QString>

namespace slipway::bundle {

namespace {

constexpr quint32 LocalHeaderSignature = 0x04034b50;
constexpr quint32 CentralHeaderSignature = 0x02014b50;
constexpr quint32 EndSignature = 0x06054b50;
constexpr quint32 Zip64EndSignature = 0x06064b50;
constexpr quint32 Zip64LocatorSignature = 0x07064b50;
constexpr quint16 Utf8NamesFlag = 0x0800;
constexpr quint16 VersionDefault = 20;
constexpr quint16 VersionZip64 = 45;
constexpr quint16 MadeByUnix = 3 << 8;
constexpr quint64 Max32 = 0xffffffffULL;
constexpr quint64 Max16 = 0xffffULL;

void put16(QByteArray& b, quint16 v)
{
    b.append(char(v & 0xff));
    b.append(char((v >> 8) & 0xff));
}

void put32(QByteArray& b, quint32 v)
{
    for (int i = 0; i < 4; ++i)
        b.append(char((v >> (8 * i)) & 0xff));
}

void put64(QByteArray& b, quint64 v)
{
    for (int i = 0; i < 8; ++i)
        b.append(char((v >> (8 * i)) & 0xff));
}

} // namespace

Status ZipStreamWriter::emit(const QByteArray& bytes)
{
    if (auto st = m_sink(bytes.constData(), bytes.size()); !st)
        return st;
    m_offset += quint64(bytes.size());
    return Ok{};
}

Status ZipStreamWriter::beginEntry(const Entry& entry)
{
    if (m_inEntry && m_remaining != 0)
        return fail(QStringLiteral("Internal error: the previous zip entry is incomplete."));
    if (entry.name.size() > 0xffff)
        return fail(QStringLiteral("A file name is too long for a zip: %1").arg(QString::fromUtf8(entry.name.left(80))));
    // The local header carries the sizes itself, or in a zip64 extra field when they overflow 32 bits.
    const bool zip64 = entry.compressedSize >= Max32 || entry.uncompressedSize >= Max32;
    QByteArray h;
    h.reserve(30 + entry.name.size() + 20);
    put32(h, LocalHeaderSignature);
    put16(h, zip64 ? VersionZip64 : VersionDefault);
    put16(h, Utf8NamesFlag);
    put16(h, entry.method);
    put16(h, DosTime);
    put16(h, DosDate);
    put32(h, entry.crc32);
    put32(h, zip64 ? quint32(Max32) : quint32(entry.compressedSize));
    put32(h, zip64 ? quint32(Max32) : quint32(entry.uncompressedSize));
    put16(h, quint16(entry.name.size()));
    put16(h, zip64 ? 20 : 0);
    h.append(entry.name);
    if (zip64) {
        put16(h, 0x0001);
        put16(h, 16);
        put64(h, entry.uncompressedSize);
        put64(h, entry.compressedSize);
    }
    m_written.push_back({entry, m_offset});
    m_inEntry = true;
    m_remaining = entry.compressedSize;
    return emit(h);
}

Status ZipStreamWriter::writeData(const char* data, qint64 size)
{
    if (!m_inEntry || quint64(size) > m_remaining)
        return fail(QStringLiteral("Internal error: more zip entry data than announced."));
    if (auto st = m_sink(data, size); !st)
        return st;
    m_offset += quint64(size);
    m_remaining -= quint64(size);
    return Ok{};
}

Status ZipStreamWriter::finish()
{
    if (m_inEntry && m_remaining != 0)
        return fail(QStringLiteral("Internal error: the last zip entry is incomplete."));
    const quint64 centralStart = m_offset;
    QByteArray c;
    for (const Written& w : m_written) {
        const Entry& e = w.entry;
        QByteArray extra;
        if (e.uncompressedSize >= Max32)
            put64(extra, e.uncompressedSize);
        if (e.compressedSize >= Max32)
            put64(extra, e.compressedSize);
        if (w.offset >= Max32)
            put64(extra, w.offset);
        if (!extra.isEmpty()) {
            QByteArray field;
            put16(field, 0x0001);
            put16(field, quint16(extra.size()));
            extra.prepend(field);
        }
        const bool zip64 = !extra.isEmpty();
        const bool isDir = e.name.endsWith('/');
        put32(c, CentralHeaderSignature);
        put16(c, MadeByUnix | (zip64 ? VersionZip64 : VersionDefault));
        put16(c, zip64 ? VersionZip64 : VersionDefault);
        put16(c, Utf8NamesFlag);
        put16(c, e.method);
        put16(c, DosTime);
        put16(c, DosDate);
        put32(c, e.crc32);
        put32(c, e.compressedSize >= Max32 ? quint32(Max32) : quint32(e.compressedSize));
        put32(c, e.uncompressedSize >= Max32 ? quint32(Max32) : quint32(e.uncompressedSize));
        put16(c, quint16(e.name.size()));
        put16(c, quint16(extra.size()));
        put16(c, 0); // comment
        put16(c, 0); // disk
        put16(c, 0); // internal attributes
        put32(c, (e.unixMode << 16) | (isDir ? 0x10 : 0));
        put32(c, w.offset >= Max32 ? quint32(Max32) : quint32(w.offset));
        c.append(e.name);
        c.append(extra);
        if (c.size() >= (1 << 20)) {
            if (auto st = emit(c); !st)
                return st;
            c.clear();
        }
    }
    if (auto st = emit(c); !st)
        return st;
    const quint64 centralSize = m_offset - centralStart;
    const quint64 count = m_written.size();
    const bool zip64 = count >= Max16 || centralSize >= Max32 || centralStart >= Max32;
    QByteArray end;
    if (zip64) {
        const quint64 zip64EndOffset = m_offset;
        put32(end, Zip64EndSignature);
        put64(end, 44);
        put16(end, MadeByUnix | VersionZip64);
        put16(end, VersionZip64);
        put32(end, 0);
        put32(end, 0);
        put64(end, count);
        put64(end, count);
        put64(end, centralSize);
        put64(end, centralStart);
        put32(end, Zip64LocatorSignature);
        put32(end, 0);
        put64(end, zip64EndOffset);
        put32(end, 1);
    }
    put32(end, EndSignature);
    put16(end, 0);
    put16(end, 0);
    put16(end, count >= Max16 ? quint16(Max16) : quint16(count));
    put16(end, count >= Max16 ? quint16(Max16) : quint16(count));
    put32(end, centralSize >= Max32 ? quint32(Max32) : quint32(centralSize));
    put32(end, centralStart >= Max32 ? quint32(Max32) : quint32(centralStart));
    put16(end, 0);
    return emit(end);
}

} // namespace slipway::bundle
