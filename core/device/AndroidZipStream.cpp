#include "device/AndroidZipStream.h"

#include "crypto/Sha256.h"
#include "device/ZipFormat.h"

#include <QFile>
#include <QHash>
#include <QScopeGuard>
#include <QtEndian>

#include <zlib.h>

#include <algorithm>
#include <vector>

namespace slipway::device {

namespace {

using namespace zip;

constexpr qint64 LocalHeaderSize = 30;
constexpr qint64 ChunkBytes = 256LL * 1024;
constexpr int CancelledCode = 130;

// CRC-32 and sizes as an entry's local header or data descriptor declares them, or as its data turned out.
struct Sizes
{
    quint32 crc = 0;
    quint64 compressed = 0;
    quint64 uncompressed = 0;
};

QString hex(quint32 value)
{
    return QStringLiteral("%1").arg(value, 8, 16, QLatin1Char('0'));
}

Error damaged(const ZipEntry& e, const QString& why)
{
    return fail(QStringLiteral("The entry '%1' %2. Android's zip reader stops there and the phone refuses the whole "
                               "update; re-package the bundle (slipway bundle zip) from the web build.")
                    .arg(e.name, why));
}

Error disagree(const ZipEntry& e, const QString& what, quint64 local, quint64 central)
{
    return fail(QStringLiteral("The local header of '%1' says %2 %3 but the central directory says %4: Android reads "
                               "the local header, iOS the central directory, so the two phones would not install the "
                               "same bundle. Re-package the bundle (slipway bundle zip).")
                    .arg(e.name, what)
                    .arg(local)
                    .arg(central));
}

class Walk
{
public:
    Walk(QFile& file, const ZipListing& listing, const ProgressFn& progress, QHash<QString, QByteArray>* contentSha256)
        : m_file(file), m_listing(listing), m_progress(progress), m_contentSha256(contentSha256),
          m_end(static_cast<qint64>(listing.directoryOffset)),
          m_buffer(ChunkBytes), m_output(ChunkBytes)
    {
        for (qsizetype i = 0; i < listing.entries.size(); ++i)
            m_byOffset.insert(listing.entries.at(i).localHeaderOffset, i);
    }

    Status run()
    {
        QList<bool> met(m_listing.entries.size(), false);
        qint64 pos = 0;
        while (true) {
            const QByteArray header = readAt(pos, LocalHeaderSize);
            if (header.size() < LocalHeaderSize ||
                qFromLittleEndian<quint32>(header.constData()) != LocalHeaderSignature)
                break; // where ZipInputStream.getNextEntry() returns null: the end of what Android installs
            const auto index = m_byOffset.value(static_cast<quint64>(pos), -1);
            if (index < 0 || met.at(index))
                return fail(QStringLiteral("Android's zip reader meets an entry at byte %1 that the central directory "
                                           "does not list, so iOS would not install it. Re-package the bundle "
                                           "(slipway bundle zip).")
                                .arg(pos));
            met[index] = true;
            auto next = entry(pos, header, m_listing.entries.at(index));
            if (!next)
                return next.error();
            pos = next.value();
            if (!reportProgress(m_progress, pos, m_file.size()))
                return fail(QStringLiteral("Cancelled."), CancelledCode);
        }
        const auto missed = std::find(met.cbegin(), met.cend(), false);
        if (missed == met.cend())
            return Ok{};
        const ZipEntry& first = m_listing.entries.at(missed - met.cbegin());
        const auto left = std::count(met.cbegin(), met.cend(), false);
        if (pos == 0)
            return fail(QStringLiteral("The zip does not start with a local header (is something prepended to it?): "
                                       "Android's zip reader finds no entry at all, while iOS reads %1. Re-package the "
                                       "bundle (slipway bundle zip).")
                            .arg(m_listing.entries.size()));
        return fail(QStringLiteral("Android's zip reader stops at byte %1, where no local header follows, and never "
                                   "reaches '%2' (%3 of the %4 entries the central directory lists): the phone would "
                                   "install a partial bundle. Re-package the bundle (slipway bundle zip).")
                        .arg(pos)
                        .arg(first.name)
                        .arg(left)
                        .arg(m_listing.entries.size()));
    }

private:
    // One entry as ZipInputStream reads it; returns where the next local header should start.
    Result<qint64> entry(qint64 pos, const QByteArray& header, const ZipEntry& e)
    {
        ZipFieldReader h(header, 6);
        const quint16 flags = h.u16();
        const quint16 method = h.u16();
        h.skip(4);
        Sizes declared{h.u32(), h.u32(), h.u32()};
        const quint16 nameLength = h.u16();
        const quint16 extraLength = h.u16();
        const QByteArray nameAndExtra = readAt(pos + LocalHeaderSize, nameLength + extraLength);
        if (nameAndExtra.size() < nameLength + extraLength)
            return damaged(e, QStringLiteral("is cut short: its local header ends with the file"));
        const QByteArray name = nameAndExtra.left(nameLength);
        if (name != e.rawName)
            return fail(
                QStringLiteral("The local header at byte %1 names '%2' but the central directory calls it '%3': "
                               "Android would install '%2', iOS '%3'. Re-package the bundle (slipway bundle zip).")
                    .arg(pos)
                    .arg(QString::fromUtf8(name), e.name));
        if ((flags & EncryptedFlag) != 0 || (e.flags & EncryptedFlag) != 0)
            return damaged(e, QStringLiteral("is encrypted with a zip password, which phones cannot open (\"encrypted "
                                             "ZIP entry not supported\")"));
        if (method != e.method)
            return disagree(e, QStringLiteral("compression method"), method, e.method);
        if (method != Stored && method != Deflated)
            return damaged(e, QStringLiteral("uses compression method %1; phones read only stored (0) and deflated "
                                             "(8) entries")
                                  .arg(method));
        const bool descriptor = (flags & DescriptorFlag) != 0;
        if (descriptor && method == Stored)
            return damaged(e, QStringLiteral("is stored but puts its sizes in a data descriptor (\"only DEFLATED "
                                             "entries can have EXT descriptor\")"));
        if (!descriptor) {
            if (declared.compressed == Max32 || declared.uncompressed == Max32) {
                // ZipInputStream then takes both sizes from the zip64 field: uncompressed first.
                const QByteArray field = ZipFieldReader::zip64Field(nameAndExtra.mid(nameLength));
                ZipFieldReader zip64(field);
                if (zip64.has(16)) {
                    declared.uncompressed = zip64.u64();
                    declared.compressed = zip64.u64();
                }
            }
            if (auto same = matchesDirectory(e, declared); !same)
                return same.error();
        }
        const qint64 dataStart = pos + LocalHeaderSize + nameLength + extraLength;
        if (method == Stored) {
            // ZipInputStream reads exactly the uncompressed size of a stored entry.
            if (declared.compressed != declared.uncompressed)
                return damaged(e, QStringLiteral("is stored but its headers give two sizes (compressed %1, "
                                                 "uncompressed %2 bytes)")
                                      .arg(declared.compressed)
                                      .arg(declared.uncompressed));
            auto actual = readStored(dataStart, declared.uncompressed, e);
            if (!actual)
                return actual.error();
            if (auto same = matchesContent(e, declared, actual.value()); !same)
                return same.error();
            keepDigest(e);
            return dataStart + static_cast<qint64>(declared.uncompressed);
        }
        auto actual = inflate(dataStart, e);
        if (!actual)
            return actual.error();
        qint64 next = dataStart + static_cast<qint64>(actual->compressed);
        if (descriptor) {
            auto fromDescriptor = readDescriptor(next, actual.value(), e);
            if (!fromDescriptor)
                return fromDescriptor.error();
            declared = fromDescriptor->first;
            next = fromDescriptor->second;
            if (auto same = matchesDirectory(e, declared); !same)
                return same.error();
        }
        if (auto same = matchesContent(e, declared, actual.value()); !same)
            return same.error();
        keepDigest(e);
        return next;
    }

    void hash(const char* data, qint64 size)
    {
        if (m_contentSha256)
            m_digest.add(data, size);
    }

    void keepDigest(const ZipEntry& e)
    {
        if (m_contentSha256)
            m_contentSha256->insert(e.name, m_digest.finish());
    }

    static Status matchesDirectory(const ZipEntry& e, const Sizes& local)
    {
        if (local.uncompressed != e.uncompressedSize)
            return disagree(e, QStringLiteral("uncompressed size"), local.uncompressed, e.uncompressedSize);
        if (local.compressed != e.compressedSize)
            return disagree(e, QStringLiteral("compressed size"), local.compressed, e.compressedSize);
        if (local.crc != e.crc32)
            return fail(QStringLiteral("The local header of '%1' says CRC-32 %2 but the central directory says %3: "
                                       "Android reads the local header, iOS the central directory. Re-package the "
                                       "bundle (slipway bundle zip).")
                            .arg(e.name, hex(local.crc), hex(e.crc32)));
        return Ok{};
    }

    // ZipInputStream's own checks once an entry is read: size, then compressed size, then CRC-32.
    static Status matchesContent(const ZipEntry& e, const Sizes& declared, const Sizes& actual)
    {
        if (actual.uncompressed != declared.uncompressed)
            return damaged(e, QStringLiteral("holds %1 bytes but its headers declare a size of %2 (\"invalid entry "
                                             "size\")")
                                  .arg(actual.uncompressed)
                                  .arg(declared.uncompressed));
        if (actual.compressed != declared.compressed)
            return damaged(e,
                           QStringLiteral("takes %1 compressed bytes but its headers declare a compressed size of %2 "
                                          "(\"invalid entry compressed size\")")
                               .arg(actual.compressed)
                               .arg(declared.compressed));
        if (actual.crc != declared.crc)
            return damaged(e, QStringLiteral("is damaged: its content has CRC-32 %1 but its headers say %2 (\"invalid "
                                             "entry CRC\")")
                                  .arg(hex(actual.crc), hex(declared.crc)));
        return Ok{};
    }

    Result<Sizes> readStored(qint64 start, quint64 size, const ZipEntry& e)
    {
        if (start > m_end || size > static_cast<quint64>(m_end - start))
            return cutShort(e);
        Sizes actual;
        actual.crc = static_cast<quint32>(crc32_z(0, nullptr, 0));
        m_file.seek(start);
        quint64 left = size;
        while (left > 0) {
            const qint64 want = static_cast<qint64>(std::min<quint64>(left, ChunkBytes));
            const qint64 got = m_file.read(m_buffer.data(), want);
            if (got <= 0)
                return cutShort(e);
            actual.crc = static_cast<quint32>(
                crc32_z(actual.crc, reinterpret_cast<const Bytef*>(m_buffer.data()), static_cast<size_t>(got)));
            hash(m_buffer.data(), got);
            left -= static_cast<quint64>(got);
            if (!reportProgress(m_progress, start + static_cast<qint64>(size - left), m_file.size()))
                return fail(QStringLiteral("Cancelled."), CancelledCode);
        }
        actual.compressed = actual.uncompressed = size;
        return actual;
    }

    // Raw inflate from `start` until the deflate stream ends, as java.util.zip.Inflater(nowrap) does; the
    // output is only counted and hashed. It never runs past the central directory nor past the size the
    // central directory declares (the entry is wrong either way).
    Result<Sizes> inflate(qint64 start, const ZipEntry& e)
    {
        z_stream z{};
        if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
            return fail(QStringLiteral("Cannot start zlib's inflater."));
        const auto release = qScopeGuard([&z] { inflateEnd(&z); });
        Sizes actual;
        actual.crc = static_cast<quint32>(crc32_z(0, nullptr, 0));
        m_file.seek(start);
        qint64 at = start;
        int status = Z_OK;
        bool needsInput = true;
        while (status != Z_STREAM_END) {
            if (z.avail_in == 0 && needsInput) {
                const qint64 want = std::min<qint64>(ChunkBytes, m_end - at);
                const qint64 got = want > 0 ? m_file.read(m_buffer.data(), want) : 0;
                if (got <= 0)
                    return cutShort(e);
                at += got;
                z.next_in = reinterpret_cast<Bytef*>(m_buffer.data());
                z.avail_in = static_cast<uInt>(got);
            }
            z.next_out = reinterpret_cast<Bytef*>(m_output.data());
            z.avail_out = static_cast<uInt>(m_output.size());
            status = ::inflate(&z, Z_NO_FLUSH);
            if (status == Z_DATA_ERROR || status == Z_NEED_DICT || status == Z_MEM_ERROR || status == Z_STREAM_ERROR)
                return damaged(e, QStringLiteral("holds damaged deflate data (%1)")
                                      .arg(QString::fromLatin1(z.msg ? z.msg : "invalid stream")));
            needsInput = z.avail_out != 0; // a full output buffer may still hold more without new input
            const auto produced = static_cast<size_t>(m_output.size()) - z.avail_out;
            actual.crc =
                static_cast<quint32>(crc32_z(actual.crc, reinterpret_cast<const Bytef*>(m_output.data()), produced));
            hash(m_output.data(), static_cast<qint64>(produced));
            if (static_cast<quint64>(z.total_out) > e.uncompressedSize)
                return damaged(e,
                               QStringLiteral("inflates to more than the %1 bytes its size declares (\"invalid entry "
                                              "size\")")
                                   .arg(e.uncompressedSize));
            if (!reportProgress(m_progress, start + static_cast<qint64>(z.total_in), m_file.size()))
                return fail(QStringLiteral("Cancelled."), CancelledCode);
        }
        actual.compressed = z.total_in;
        actual.uncompressed = z.total_out;
        return actual;
    }

    // The data descriptor after a deflated entry, read the way ZipInputStream reads it: an optional
    // signature, then 32-bit sizes unless the entry went past 4 GiB. Returns the sizes and where it ends.
    Result<std::pair<Sizes, qint64>> readDescriptor(qint64 at, const Sizes& actual, const ZipEntry& e)
    {
        const bool wide = actual.compressed > Max32 || actual.uncompressed > Max32;
        const QByteArray bytes = readAt(at, std::min<qint64>(wide ? 24 : 16, m_end - at));
        ZipFieldReader r(bytes);
        const qsizetype signature =
            r.has(4) && qFromLittleEndian<quint32>(bytes.constData()) == DescriptorSignature ? 4 : 0;
        const qsizetype length = signature + (wide ? 20 : 12);
        if (!r.has(length))
            return cutShort(e);
        r.skip(signature);
        Sizes declared;
        declared.crc = r.u32();
        declared.compressed = wide ? r.u64() : r.u32();
        declared.uncompressed = wide ? r.u64() : r.u32();
        return std::pair{declared, at + length};
    }

    [[nodiscard]] Error cutShort(const ZipEntry& e) const
    {
        return damaged(e, QStringLiteral("is cut short: its data runs into the central directory at byte %1 (a "
                                         "truncated or badly written zip)")
                              .arg(m_end));
    }

    QByteArray readAt(qint64 pos, qint64 length)
    {
        if (pos < 0 || length <= 0 || !m_file.seek(pos))
            return {};
        return m_file.read(length);
    }

    QFile& m_file;
    const ZipListing& m_listing;
    const ProgressFn& m_progress;
    QHash<QString, QByteArray>* m_contentSha256;
    crypto::Sha256 m_digest;
    const qint64 m_end;
    std::vector<char> m_buffer;
    std::vector<char> m_output;
    QHash<quint64, qsizetype> m_byOffset;
};

} // namespace

Status AndroidZipStream::check(const QString& zipPath, const ZipListing& listing, const ProgressFn& progress,
                               QHash<QString, QByteArray>* contentSha256)
{
    QFile file(zipPath);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot read %1: %2").arg(zipPath, file.errorString()));
    return Walk(file, listing, progress, contentSha256).run();
}

} // namespace slipway::device
