// 7z CI artifacts. KArchive's K7Zip decodes a whole archive into memory, trusts the sizes its header
// declares and never checks a file's CRC-32, so the header is read here first (names as stored,
// declared sizes, CRCs) and every packed stream is decoded once, streaming, against those
// declarations before K7Zip is allowed to open the archive and hand over content.
#include "bundle/ArchiveReader.h"

#include "bundle/BuildName.h"
#include "common/InputLimits.h"

#include <K7Zip>
#include <KArchiveDirectory>
#include <KArchiveFile>

#include <QBuffer>
#include <QFile>
#include <QHash>
#include <QScopeGuard>
#include <QtEndian>

#include <libdeflate.h>
#include <lzma.h>

#include <functional>

#include <sys/stat.h>

namespace slipway::bundle {

namespace {

enum Property : quint8 {
    kEnd = 0x00,
    kHeader = 0x01,
    kArchiveProperties = 0x02,
    kAdditionalStreamsInfo = 0x03,
    kMainStreamsInfo = 0x04,
    kFilesInfo = 0x05,
    kPackInfo = 0x06,
    kUnpackInfo = 0x07,
    kSubStreamsInfo = 0x08,
    kSize = 0x09,
    kCrc = 0x0A,
    kFolder = 0x0B,
    kCodersUnpackSize = 0x0C,
    kNumUnpackStream = 0x0D,
    kEmptyStream = 0x0E,
    kEmptyFile = 0x0F,
    kAnti = 0x10,
    kName = 0x11,
    kWinAttributes = 0x15,
    kEncodedHeader = 0x17,
};

constexpr qint64 SignatureHeaderSize = 32;
constexpr qint64 IoChunk = 1024LL * 1024;
constexpr quint64 MaxCoders = 32;
constexpr quint32 UnixExtension = 0x8000;
constexpr quint32 WinDirectory = 0x10;
constexpr qint64 LinkTargetBytes = 4096;
// An LZMA stream may end a few bytes before its packed size says (the range coder's flush).
constexpr quint64 PackedSlack = 16;

struct Coder
{
    QByteArray id;
    quint64 inStreams = 1;
    quint64 outStreams = 1;
    QByteArray props;
};

struct Folder
{
    std::vector<Coder> coders;
    std::vector<std::pair<quint64, quint64>> bindPairs; // (in stream, out stream)
    std::vector<quint64> packedStreams;                 // in streams fed by packed streams
    std::vector<quint64> unpackSizes;                   // one per out stream
    std::optional<quint32> crc;
    quint64 substreams = 1;
    quint64 firstPackStream = 0;

    [[nodiscard]] bool outStreamBound(quint64 out) const
    {
        return std::any_of(bindPairs.begin(), bindPairs.end(), [&](const auto& p) { return p.second == out; });
    }
    // Only Copy coders: the data is stored as is, and a file is a range of the archive.
    [[nodiscard]] bool stored() const
    {
        return std::all_of(coders.begin(), coders.end(), [](const Coder& c) { return c.id == QByteArray(1, '\0'); });
    }
    [[nodiscard]] quint64 unpackSize() const
    {
        for (quint64 i = 0; i < unpackSizes.size(); ++i) {
            if (!outStreamBound(i))
                return unpackSizes[i];
        }
        return 0;
    }
};

struct StreamsInfo
{
    quint64 packPos = 0;
    std::vector<quint64> packSizes;
    std::vector<Folder> folders;
    std::vector<quint64> substreamSizes;
    std::vector<std::optional<quint32>> substreamCrcs;
};

// Bounds-checked reading of a 7z header; any overrun or absurd count marks it bad.
class HeaderParser
{
public:
    explicit HeaderParser(const QByteArray& data) : m_data(data) {}

    [[nodiscard]] bool bad() const { return m_bad; }
    [[nodiscard]] qsizetype pos() const { return m_pos; }
    [[nodiscard]] qsizetype remaining() const { return m_data.size() - m_pos; }
    void setPos(qsizetype pos)
    {
        if (pos < m_pos || pos > m_data.size())
            m_bad = true;
        else
            m_pos = pos;
    }
    quint8 byte()
    {
        if (m_pos >= m_data.size()) {
            m_bad = true;
            return kEnd;
        }
        return static_cast<quint8>(m_data[m_pos++]);
    }
    quint32 u32()
    {
        quint32 v = 0;
        for (int i = 0; i < 4; ++i)
            v |= quint32(byte()) << (8 * i);
        return v;
    }
    quint64 number()
    {
        const quint8 first = byte();
        quint8 mask = 0x80;
        quint64 value = 0;
        for (int i = 0; i < 8; ++i) {
            if ((first & mask) == 0) {
                const quint64 high = first & (mask - 1U);
                return value | (high << (8 * i));
            }
            value |= quint64(byte()) << (8 * i);
            mask >>= 1;
        }
        return value;
    }
    // A count of items that each take at least one byte of what is left.
    quint64 count()
    {
        const quint64 n = number();
        if (n > quint64(remaining()) + 1)
            m_bad = true;
        return m_bad ? 0 : n;
    }
    QByteArray bytes(quint64 n)
    {
        if (n > quint64(remaining())) {
            m_bad = true;
            return {};
        }
        QByteArray out = m_data.mid(m_pos, qsizetype(n));
        m_pos += qsizetype(n);
        return out;
    }
    std::vector<bool> bits(quint64 n)
    {
        std::vector<bool> out;
        if ((n + 7) / 8 > quint64(remaining())) {
            m_bad = true;
            return out;
        }
        out.reserve(n);
        quint8 current = 0;
        for (quint64 i = 0; i < n; ++i) {
            if (i % 8 == 0)
                current = byte();
            out.push_back((current & (0x80 >> (i % 8))) != 0);
        }
        return out;
    }
    std::vector<bool> allOrBits(quint64 n)
    {
        if (byte() != 0) {
            std::vector<bool> all(size_t(n), true);
            return all;
        }
        return bits(n);
    }
    std::vector<std::optional<quint32>> digests(quint64 n)
    {
        const std::vector<bool> defined = allOrBits(n);
        std::vector<std::optional<quint32>> out(defined.size());
        for (size_t i = 0; i < defined.size() && !m_bad; ++i) {
            if (defined[i])
                out[i] = u32();
        }
        return out;
    }
    void markBad() { m_bad = true; }

private:
    const QByteArray& m_data;
    qsizetype m_pos = 0;
    bool m_bad = false;
};

void readPackInfo(HeaderParser& p, StreamsInfo& s)
{
    s.packPos = p.number();
    const quint64 n = p.count();
    for (quint8 id = p.byte(); id != kEnd && !p.bad(); id = p.byte()) {
        if (id == kSize) {
            for (quint64 i = 0; i < n && !p.bad(); ++i)
                s.packSizes.push_back(p.number());
        } else if (id == kCrc) {
            (void)p.digests(n);
        } else {
            p.markBad();
        }
    }
    if (s.packSizes.size() != n)
        p.markBad();
}

void readFolder(HeaderParser& p, Folder& f)
{
    const quint64 coders = p.number();
    if (coders == 0 || coders > MaxCoders) {
        p.markBad();
        return;
    }
    quint64 totalIn = 0;
    quint64 totalOut = 0;
    for (quint64 i = 0; i < coders && !p.bad(); ++i) {
        const quint8 flags = p.byte();
        Coder c;
        c.id = p.bytes(flags & 0x0F);
        if (flags & 0x10) {
            c.inStreams = p.number();
            c.outStreams = p.number();
        }
        if (flags & 0x20)
            c.props = p.bytes(p.number());
        if ((flags & 0x80) || c.inStreams > MaxCoders || c.outStreams > MaxCoders)
            p.markBad();
        totalIn += c.inStreams;
        totalOut += c.outStreams;
        f.coders.push_back(std::move(c));
    }
    if (p.bad() || totalOut == 0 || totalIn < totalOut - 1) {
        p.markBad();
        return;
    }
    for (quint64 i = 0; i + 1 < totalOut; ++i) {
        const quint64 in = p.number();
        const quint64 out = p.number();
        f.bindPairs.emplace_back(in, out);
    }
    const quint64 packed = totalIn - (totalOut - 1);
    if (packed == 1) {
        for (quint64 in = 0; in < totalIn; ++in) {
            if (std::none_of(f.bindPairs.begin(), f.bindPairs.end(), [&](const auto& b) { return b.first == in; })) {
                f.packedStreams.push_back(in);
                break;
            }
        }
    } else {
        for (quint64 i = 0; i < packed && !p.bad(); ++i)
            f.packedStreams.push_back(p.number());
    }
    if (f.packedStreams.size() != packed)
        p.markBad();
}

void readUnpackInfo(HeaderParser& p, StreamsInfo& s)
{
    if (p.byte() != kFolder) {
        p.markBad();
        return;
    }
    const quint64 n = p.count();
    if (p.byte() != 0) { // folders stored elsewhere: not written by any 7z tool in use
        p.markBad();
        return;
    }
    s.folders.resize(n);
    quint64 packIndex = 0;
    for (Folder& f : s.folders) {
        readFolder(p, f);
        f.firstPackStream = packIndex;
        packIndex += f.packedStreams.size();
        if (p.bad())
            return;
    }
    if (p.byte() != kCodersUnpackSize) {
        p.markBad();
        return;
    }
    for (Folder& f : s.folders) {
        quint64 outs = 0;
        for (const Coder& c : f.coders)
            outs += c.outStreams;
        for (quint64 i = 0; i < outs && !p.bad(); ++i)
            f.unpackSizes.push_back(p.number());
    }
    for (quint8 id = p.byte(); id != kEnd && !p.bad(); id = p.byte()) {
        if (id != kCrc) {
            p.markBad();
            break;
        }
        const auto crcs = p.digests(n);
        for (size_t i = 0; i < crcs.size() && i < s.folders.size(); ++i)
            s.folders[i].crc = crcs[i];
    }
}

void readSubStreamsInfo(HeaderParser& p, StreamsInfo& s)
{
    quint8 id = p.byte();
    quint64 total = 0;
    if (id == kNumUnpackStream) {
        for (Folder& f : s.folders) {
            f.substreams = p.number();
            total += f.substreams;
            if (total > quint64(limits::BuildEntries))
                p.markBad();
        }
        id = p.byte();
    } else {
        total = s.folders.size();
    }
    const bool sizesGiven = id == kSize;
    for (const Folder& f : s.folders) {
        if (f.substreams == 0)
            continue;
        quint64 sum = 0;
        for (quint64 i = 0; i + 1 < f.substreams && sizesGiven && !p.bad(); ++i) {
            const quint64 size = p.number();
            s.substreamSizes.push_back(size);
            sum += size;
        }
        if ((!sizesGiven && f.substreams != 1) || sum > f.unpackSize())
            p.markBad();
        s.substreamSizes.push_back(f.unpackSize() - sum);
    }
    if (sizesGiven)
        id = p.byte();
    quint64 unknown = 0;
    for (const Folder& f : s.folders)
        unknown += (f.substreams == 1 && f.crc) ? 0 : f.substreams;
    std::vector<std::optional<quint32>> digests;
    for (; id != kEnd && !p.bad(); id = p.byte()) {
        if (id != kCrc) {
            p.markBad();
            break;
        }
        digests = p.digests(unknown);
    }
    size_t next = 0;
    for (const Folder& f : s.folders) {
        if (f.substreams == 1 && f.crc) {
            s.substreamCrcs.push_back(f.crc);
            continue;
        }
        for (quint64 i = 0; i < f.substreams; ++i)
            s.substreamCrcs.push_back(next < digests.size() ? digests[next++] : std::nullopt);
    }
    if (s.substreamSizes.size() != total)
        p.markBad();
}

void readStreamsInfo(HeaderParser& p, StreamsInfo& s)
{
    quint8 id = p.byte();
    if (id == kPackInfo) {
        readPackInfo(p, s);
        id = p.byte();
    }
    if (id == kUnpackInfo) {
        readUnpackInfo(p, s);
        id = p.byte();
    }
    if (id == kSubStreamsInfo) {
        readSubStreamsInfo(p, s);
        id = p.byte();
    } else {
        for (const Folder& f : s.folders) {
            s.substreamSizes.push_back(f.unpackSize());
            s.substreamCrcs.push_back(f.crc);
        }
    }
    if (id != kEnd)
        p.markBad();
}

// A 7z name (UTF-16LE) as UTF-8; a lone surrogate is written as \uXXXX text and reported.
QByteArray utf8Name(const QByteArray& utf16, QString& error)
{
    QString text;
    for (qsizetype i = 0; i + 1 < utf16.size(); i += 2) {
        const auto unit = char16_t(quint8(utf16[i]) | (quint8(utf16[i + 1]) << 8));
        const bool high = QChar::isHighSurrogate(unit);
        const bool low = QChar::isLowSurrogate(unit);
        if (high && i + 3 < utf16.size()) {
            const auto next = char16_t(quint8(utf16[i + 2]) | (quint8(utf16[i + 3]) << 8));
            if (QChar::isLowSurrogate(next)) {
                text += QChar(unit);
                text += QChar(next);
                i += 2;
                continue;
            }
        }
        if (high || low) {
            error = QStringLiteral("is not valid UTF-16 (a lone surrogate, shown as \\u%1), so it has no UTF-8 form")
                        .arg(unsigned(unit), 4, 16, QLatin1Char('0'));
            text += QStringLiteral("\\u%1").arg(unsigned(unit), 4, 16, QLatin1Char('0'));
            continue;
        }
        text += QChar(unit);
    }
    return text.toUtf8();
}

struct FileRecord
{
    QByteArray name;
    QString nameError;
    bool emptyStream = false;
    bool emptyFile = false;
    bool anti = false;
    std::optional<quint32> attributes;
};

std::vector<FileRecord> readFilesInfo(HeaderParser& p)
{
    const quint64 n = p.count();
    if (n > quint64(limits::BuildEntries)) {
        p.markBad();
        return {};
    }
    std::vector<FileRecord> files(n);
    std::vector<size_t> empties;
    for (quint8 type = p.byte(); type != kEnd && !p.bad(); type = p.byte()) {
        const quint64 size = p.number();
        if (size > quint64(p.remaining())) {
            p.markBad();
            break;
        }
        const qsizetype end = p.pos() + qsizetype(size);
        switch (type) {
        case kEmptyStream: {
            const auto v = p.bits(n);
            empties.clear();
            for (size_t i = 0; i < v.size(); ++i) {
                files[i].emptyStream = v[i];
                if (v[i])
                    empties.push_back(i);
            }
            break;
        }
        case kEmptyFile:
        case kAnti: {
            const auto v = p.bits(empties.size());
            for (size_t i = 0; i < v.size(); ++i)
                (type == kEmptyFile ? files[empties[i]].emptyFile : files[empties[i]].anti) = v[i];
            break;
        }
        case kName: {
            if (p.byte() != 0) {
                p.markBad();
                break;
            }
            const QByteArray all = p.bytes(quint64(end - p.pos()));
            qsizetype at = 0;
            for (FileRecord& f : files) {
                qsizetype stop = at;
                while (stop + 1 < all.size() && (all[stop] != 0 || all[stop + 1] != 0))
                    stop += 2;
                if (stop + 1 >= all.size()) {
                    p.markBad();
                    break;
                }
                f.name = utf8Name(all.mid(at, stop - at), f.nameError);
                at = stop + 2;
            }
            break;
        }
        case kWinAttributes: {
            const auto defined = p.allOrBits(n);
            if (p.byte() != 0) {
                p.markBad();
                break;
            }
            for (size_t i = 0; i < defined.size() && !p.bad(); ++i) {
                if (defined[i])
                    files[i].attributes = p.u32();
            }
            break;
        }
        default:
            break; // times, start positions, padding: not needed
        }
        p.setPos(end);
    }
    return files;
}

const QByteArray CopyMethod = QByteArray::fromHex("00");
const QByteArray LzmaMethod = QByteArray::fromHex("030101");
const QByteArray Lzma2Method = QByteArray::fromHex("21");

QString methodName(const QByteArray& id)
{
    static const QHash<QByteArray, QString> names{
        {QByteArray::fromHex("03"), QStringLiteral("the Delta filter")},
        {QByteArray::fromHex("03030103"), QStringLiteral("the x86 (BCJ) filter")},
        {QByteArray::fromHex("0303011b"), QStringLiteral("the BCJ2 filter")},
        {QByteArray::fromHex("03030501"), QStringLiteral("the ARM filter")},
        {QByteArray::fromHex("0a"), QStringLiteral("the ARM64 filter")},
        {QByteArray::fromHex("030401"), QStringLiteral("PPMd compression")},
        {QByteArray::fromHex("040108"), QStringLiteral("Deflate compression")},
        {QByteArray::fromHex("040202"), QStringLiteral("BZip2 compression")},
        {QByteArray::fromHex("06f10701"), QStringLiteral("AES encryption")},
    };
    return names.value(id, QStringLiteral("the method %1").arg(QString::fromLatin1(id.toHex())));
}

// Why KArchive cannot hand over this folder's content faithfully, or empty. It decodes LZMA and LZMA2
// blocks of a single method; filters (BCJ, Delta...) and other methods come out wrong or not at all,
// and Copy is read from the archive directly.
QString unsupportedMethod(const Folder& folder)
{
    for (const Coder& c : folder.coders) {
        if (c.id != CopyMethod && c.id != LzmaMethod && c.id != Lzma2Method)
            return methodName(c.id);
    }
    if (folder.coders.size() != 1 || folder.packedStreams.size() != 1)
        return QStringLiteral("a chain of methods");
    return {};
}

using Sink = std::function<void(const char* data, qint64 size)>;

// Decodes one folder's packed stream, exactly as far as its declared size, and checks that the packed
// data ends there too (no output hidden past the declared size that K7Zip would decode into memory).
class FolderDecoder
{
public:
    FolderDecoder(QFile& file, qint64 offset, quint64 packedSize, const Folder& folder)
        : m_file(file), m_offset(offset), m_packed(packedSize), m_folder(folder)
    {
    }

    // Empty when the folder decoded to exactly its declared size; otherwise what was wrong. The
    // folder must have passed unsupportedMethod().
    QString run(const Sink& sink)
    {
        if (!m_file.seek(m_offset))
            return m_file.errorString();
        m_in.resize(IoChunk);
        m_out.resize(IoChunk);
        if (m_folder.coders.front().id == CopyMethod)
            return copy(sink);
        return lzma(sink);
    }

private:
    qint64 readInput(char* into, qint64 max)
    {
        const qint64 want = qint64(std::min<quint64>(quint64(max), m_packed - m_consumed));
        if (want == 0)
            return 0;
        const qint64 n = m_file.read(into, want);
        if (n > 0)
            m_consumed += quint64(n);
        return n;
    }

    QString copy(const Sink& sink)
    {
        if (m_packed != m_folder.unpackSize())
            return QStringLiteral("its stored data is %1 bytes where the archive declares %2")
                .arg(m_packed)
                .arg(m_folder.unpackSize());
        for (qint64 n; (n = readInput(m_in.data(), m_in.size())) > 0;)
            sink(m_in.constData(), n);
        return m_consumed == m_packed ? QString() : QStringLiteral("the archive is truncated");
    }

    QString lzma(const Sink& sink)
    {
        const Coder& coder = m_folder.coders.front();
        const quint64 target = m_folder.unpackSize();
        lzma_filter filters[2] = {{coder.id == LzmaMethod ? LZMA_FILTER_LZMA1 : LZMA_FILTER_LZMA2, nullptr},
                                  {LZMA_VLI_UNKNOWN, nullptr}};
        auto release = qScopeGuard([&] { free(filters[0].options); }); // allocated by liblzma with malloc
        if (lzma_properties_decode(&filters[0], nullptr, reinterpret_cast<const uint8_t*>(coder.props.constData()),
                                   size_t(coder.props.size())) != LZMA_OK)
            return QStringLiteral("its LZMA settings are damaged");
        auto* opt = static_cast<lzma_options_lzma*>(filters[0].options);
        // No dictionary needs to be larger than what it decodes: a forged header cannot make us allocate more.
        opt->dict_size = quint32(std::max<quint64>(LZMA_DICT_SIZE_MIN, std::min<quint64>(opt->dict_size, target)));
        if (filters[0].id == LZMA_FILTER_LZMA1) {
            filters[0].id =
                LZMA_FILTER_LZMA1EXT; // decode exactly the declared size; 7z may or may not write an end marker
            opt->ext_flags = LZMA_LZMA1EXT_ALLOW_EOPM;
            lzma_set_ext_size(*opt, target);
        }
        lzma_stream strm = LZMA_STREAM_INIT;
        if (lzma_raw_decoder(&strm, filters) != LZMA_OK)
            return QStringLiteral("its LZMA settings are damaged");
        auto end = qScopeGuard([&] { lzma_end(&strm); });
        quint64 produced = 0;
        lzma_ret rc = LZMA_OK;
        for (;;) {
            if (strm.avail_in == 0) {
                const qint64 n = readInput(m_in.data(), m_in.size());
                if (n < 0)
                    return m_file.errorString();
                strm.next_in = reinterpret_cast<const uint8_t*>(m_in.constData());
                strm.avail_in = size_t(n);
            }
            // One byte of room past the declared size shows a stream that goes on.
            const quint64 room = std::min<quint64>(quint64(m_out.size()), target - produced + 1);
            strm.next_out = reinterpret_cast<uint8_t*>(m_out.data());
            strm.avail_out = size_t(room);
            const bool lastInput = strm.avail_in == 0 && m_consumed == m_packed;
            rc = lzma_code(&strm, lastInput ? LZMA_FINISH : LZMA_RUN);
            const quint64 n = room - strm.avail_out;
            if (produced + n > target)
                return QStringLiteral("it decompresses to more than the %1 bytes the archive declares").arg(target);
            sink(m_out.constData(), qint64(n));
            produced += n;
            if (rc == LZMA_STREAM_END)
                break;
            if (rc != LZMA_OK)
                return rc == LZMA_BUF_ERROR ? QStringLiteral("its packed data ends early (truncated)")
                                            : QStringLiteral("its LZMA data is damaged");
            if (lastInput && n == 0)
                break;
        }
        const quint64 left = strm.avail_in + (m_packed - m_consumed);
        if (produced != target)
            return QStringLiteral("it decompresses to %1 bytes where the archive declares %2")
                .arg(produced)
                .arg(target);
        if (rc != LZMA_STREAM_END || left > PackedSlack)
            return QStringLiteral("its packed data does not end where the decompressed data does");
        return {};
    }

    QFile& m_file;
    qint64 m_offset;
    quint64 m_packed;
    const Folder& m_folder;
    quint64 m_consumed = 0;
    QByteArray m_in;
    QByteArray m_out;
};

class SevenZipReader final : public ArchiveReader
{
public:
    explicit SevenZipReader(QString path) : m_path(std::move(path)), m_file(m_path) {}

    Result<std::vector<ArchiveMember>> readMembers() override
    {
        if (!m_file.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("Cannot read %1: %2.").arg(m_path, m_file.errorString()));
        const QByteArray start = m_file.read(SignatureHeaderSize);
        if (start.size() != SignatureHeaderSize)
            return damaged(QStringLiteral("its start header is cut short"));
        const auto u32at = [&](int at) { return qFromLittleEndian<quint32>(start.constData() + at); };
        const auto u64at = [&](int at) { return qFromLittleEndian<quint64>(start.constData() + at); };
        if (u32at(8) != quint32(libdeflate_crc32(0, start.constData() + 12, 20)))
            return damaged(QStringLiteral("its start header has a wrong CRC-32"));
        const quint64 nextOffset = u64at(12);
        const quint64 nextSize = u64at(20);
        if (nextSize == 0)
            return std::vector<ArchiveMember>(); // an empty archive
        if (nextSize > quint64(limits::ArchiveHeaderBytes) || nextOffset > quint64(m_file.size()) ||
            nextOffset + nextSize > quint64(m_file.size() - SignatureHeaderSize))
            return damaged(QStringLiteral("its header lies past the end of the file (truncated)"));
        m_file.seek(qint64(SignatureHeaderSize + nextOffset));
        QByteArray header = m_file.read(qint64(nextSize));
        if (quint64(header.size()) != nextSize ||
            u32at(28) != quint32(libdeflate_crc32(0, header.constData(), size_t(nextSize))))
            return damaged(QStringLiteral("its header has a wrong CRC-32"));
        for (int round = 0; round < 4 && !header.isEmpty() && quint8(header[0]) == kEncodedHeader; ++round) {
            auto decoded = decodeHeader(header);
            if (!decoded)
                return decoded.error();
            header = decoded.value();
        }
        HeaderParser p(header);
        if (p.byte() != kHeader)
            return damaged(QStringLiteral("its header is not one 7-Zip writes"));
        quint8 id = p.byte();
        if (id == kArchiveProperties) {
            for (quint8 type = p.byte(); type != kEnd && !p.bad(); type = p.byte())
                (void)p.bytes(p.number());
            id = p.byte();
        }
        if (id == kAdditionalStreamsInfo)
            return damaged(QStringLiteral("its header uses additional streams, which 7-Zip does not write"));
        if (id == kMainStreamsInfo) {
            readStreamsInfo(p, m_streams);
            id = p.byte();
        }
        std::vector<FileRecord> files;
        if (id == kFilesInfo) {
            files = readFilesInfo(p);
            id = p.byte();
        }
        if (p.bad() || id != kEnd)
            return damaged(QStringLiteral("its header is damaged"));
        if (auto st = checkPackedStreams(); !st)
            return st.error();
        return members(files);
    }

    Status verify(std::vector<ArchiveMember>& members) override
    {
        // Members with content, per folder, in stream order.
        std::vector<std::vector<ArchiveMember*>> byFolder(m_streams.folders.size());
        for (ArchiveMember& m : members) {
            if (m.method >= 0 && size_t(m.method) < byFolder.size())
                byFolder[size_t(m.method)].push_back(&m);
        }
        for (size_t i = 0; i < m_streams.folders.size(); ++i) {
            const Folder& folder = m_streams.folders[i];
            auto& list = byFolder[i];
            size_t current = 0;
            quint64 doneInMember = 0;
            quint32 crc = 0;
            quint32 folderCrc = 0;
            const auto closeMember = [&]() {
                ArchiveMember& m = *list[current];
                if (m.crc32 && *m.crc32 != crc && m.damaged.isEmpty())
                    m.damaged = QStringLiteral("its CRC-32 is %1 where the archive declares %2")
                                    .arg(crc, 8, 16, QLatin1Char('0'))
                                    .arg(*m.crc32, 8, 16, QLatin1Char('0'));
                ++current;
                doneInMember = 0;
                crc = 0;
            };
            const Sink sink = [&](const char* data, qint64 size) {
                folderCrc = quint32(libdeflate_crc32(folderCrc, data, size_t(size)));
                while (size > 0 && current < list.size()) {
                    ArchiveMember& m = *list[current];
                    const qint64 take = qint64(std::min<quint64>(quint64(size), m.size - doneInMember));
                    crc = quint32(libdeflate_crc32(crc, data, size_t(take)));
                    if (m.type == ArchiveMember::Type::Symlink && qint64(m.linkTarget.size()) + take <= LinkTargetBytes)
                        m.linkTarget.append(data, take);
                    doneInMember += quint64(take);
                    data += take;
                    size -= take;
                    if (doneInMember == m.size)
                        closeMember();
                }
            };
            while (current < list.size() && list[current]->size == 0)
                closeMember();
            if (const QString method = unsupportedMethod(folder); !method.isEmpty())
                return fail(
                    QStringLiteral(
                        "The archive %1 uses %2, which Slipway cannot read faithfully. Create the 7z with "
                        "7-Zip's usual settings and no filters (7z a -mf=off), or use a zip or tar.gz artifact.")
                        .arg(m_path, method));
            FolderDecoder decoder(m_file, packOffset(folder), m_streams.packSizes[folder.firstPackStream], folder);
            QString why = decoder.run(sink);
            while (current < list.size() && list[current]->size == 0)
                closeMember();
            if (why.isEmpty() && folder.crc && *folder.crc != folderCrc)
                why = QStringLiteral("the compressed block holding it has a wrong CRC-32");
            if (!why.isEmpty()) {
                // The block itself is wrong: that says more than the CRC of a file cut out of it.
                m_folderDamaged = true;
                for (ArchiveMember* m : list)
                    m->damaged = QStringLiteral("the compressed block holding it is damaged: %1").arg(why);
            }
        }
        m_verified = true;
        return Ok{};
    }

    Result<std::unique_ptr<QIODevice>> openContent(const ArchiveMember& member) override
    {
        if (!m_verified)
            return fail(QStringLiteral("Internal error: the 7z archive was not checked before use."));
        if (member.method < 0 || size_t(member.method) >= m_streams.folders.size()) { // an empty file has no stream
            auto empty = std::make_unique<QBuffer>();
            empty->open(QIODevice::ReadOnly);
            return std::unique_ptr<QIODevice>(std::move(empty));
        }
        if (m_folderDamaged) // K7Zip would decode the damaged block too, however large it really is
            return fail(QStringLiteral("another part of the archive is damaged"));
        const Folder& folder = m_streams.folders[size_t(member.method)];
        if (folder.stored()) // KArchive does not read 7z's Copy method; the bytes are right there
            return openFileSlice(m_path, quint64(packOffset(folder)) + member.offset, member.size);
        if (!m_archive) {
            // Only now, with every folder checked to decode to its declared size, may K7Zip decode it into memory.
            m_archive = std::make_unique<K7Zip>(m_path);
            if (!m_archive->open(QIODevice::ReadOnly))
                return fail(QStringLiteral("KArchive cannot open %1: %2").arg(m_path, m_archive->errorString()));
        }
        const QString path = BuildName::check(member.name).path;
        const KArchiveEntry* entry = m_archive->directory()->entry(path);
        if (!entry || !entry->isFile())
            return fail(QStringLiteral("it is missing from what KArchive reads of the archive"));
        QIODevice* device = static_cast<const KArchiveFile*>(entry)->createDevice();
        if (!device || (!device->isOpen() && !device->open(QIODevice::ReadOnly))) {
            delete device;
            return fail(QStringLiteral("KArchive cannot read it"));
        }
        return std::unique_ptr<QIODevice>(device);
    }

private:
    [[nodiscard]] Error damaged(const QString& why) const
    {
        return fail(QStringLiteral("The archive %1 is damaged: %2. Download the CI artifact again.").arg(m_path, why));
    }

    [[nodiscard]] qint64 packOffset(const Folder& folder) const
    {
        quint64 offset = SignatureHeaderSize + m_streams.packPos;
        for (quint64 i = 0; i < folder.firstPackStream; ++i)
            offset += m_streams.packSizes[i];
        return qint64(offset);
    }

    Status checkPackedStreams()
    {
        quint64 end = SignatureHeaderSize + m_streams.packPos;
        for (quint64 size : m_streams.packSizes) {
            end += size;
            if (end < size || end > quint64(m_file.size()))
                return damaged(QStringLiteral("its packed data lies past the end of the file (truncated)"));
        }
        for (const Folder& f : m_streams.folders) {
            if (f.firstPackStream + f.packedStreams.size() > m_streams.packSizes.size())
                return damaged(QStringLiteral("its header is damaged"));
        }
        return Ok{};
    }

    Result<QByteArray> decodeHeader(const QByteArray& encoded)
    {
        HeaderParser p(encoded);
        p.byte();
        StreamsInfo s;
        readStreamsInfo(p, s);
        if (p.bad() || s.folders.size() != 1 || s.packSizes.empty())
            return damaged(QStringLiteral("its compressed header is damaged"));
        const Folder& folder = s.folders.front();
        if (folder.unpackSize() > quint64(limits::ArchiveHeaderBytes))
            return damaged(QStringLiteral("its header is implausibly large"));
        const quint64 offset = SignatureHeaderSize + s.packPos;
        if (offset + s.packSizes.front() > quint64(m_file.size()) || offset + s.packSizes.front() < offset)
            return damaged(QStringLiteral("its header lies past the end of the file (truncated)"));
        if (const QString method = unsupportedMethod(folder); !method.isEmpty())
            return fail(
                QStringLiteral("The archive %1 has its header stored with %2, which Slipway cannot read. Create the 7z "
                               "with 7-Zip's usual settings, or use a zip or tar.gz artifact.")
                    .arg(m_path, method));
        QByteArray out;
        FolderDecoder decoder(m_file, qint64(offset), s.packSizes.front(), folder);
        const QString why = decoder.run([&](const char* data, qint64 size) { out.append(data, size); });
        if (!why.isEmpty())
            return damaged(QStringLiteral("its compressed header is damaged (%1)").arg(why));
        if (folder.crc && *folder.crc != quint32(libdeflate_crc32(0, out.constData(), size_t(out.size()))))
            return damaged(QStringLiteral("its compressed header has a wrong CRC-32"));
        return out;
    }

    Result<std::vector<ArchiveMember>> members(const std::vector<FileRecord>& files)
    {
        // Substream k belongs to the folder whose substreams cover k.
        std::vector<int> folderOf;
        for (size_t f = 0; f < m_streams.folders.size(); ++f)
            folderOf.insert(folderOf.end(), m_streams.folders[f].substreams, int(f));
        std::vector<ArchiveMember> out;
        out.reserve(files.size());
        std::vector<quint64> folderOffset(m_streams.folders.size(), 0);
        size_t stream = 0;
        for (const FileRecord& f : files) {
            ArchiveMember m;
            m.name = f.name;
            m.nameError = f.nameError;
            if (f.name.isEmpty() && f.nameError.isEmpty())
                m.nameError = QStringLiteral("has no name in the archive");
            const quint32 attributes = f.attributes.value_or(0);
            const quint32 mode = (attributes & UnixExtension) ? attributes >> 16 : 0;
            m.mode = (mode & 07777) ? (mode & 07777) : 0644;
            m.method = -1;
            if (!f.emptyStream) {
                if (stream >= m_streams.substreamSizes.size())
                    return damaged(QStringLiteral("its header lists more files than it has data for"));
                m.size = m_streams.substreamSizes[stream];
                m.crc32 = m_streams.substreamCrcs[stream];
                m.method = folderOf[stream];
                m.offset = folderOffset[size_t(m.method)];
                folderOffset[size_t(m.method)] += m.size;
                ++stream;
            }
            const bool folder = (f.emptyStream && !f.emptyFile) || S_ISDIR(mode) ||
                                (!(attributes & UnixExtension) && (attributes & WinDirectory) && f.emptyStream);
            // An anti-item is a deletion marker of an update archive, not a file.
            if (f.anti || (!folder && (mode & S_IFMT) != 0 && !S_ISREG(mode) && !S_ISLNK(mode))) {
                m.type = ArchiveMember::Type::Special;
            } else if (folder) {
                m.type = ArchiveMember::Type::Folder;
            } else if (S_ISLNK(mode)) {
                m.type = ArchiveMember::Type::Symlink;
                if (m.size > quint64(LinkTargetBytes))
                    m.damaged =
                        QStringLiteral("it is a link whose target is longer than %1 bytes").arg(LinkTargetBytes);
            }
            out.push_back(std::move(m));
        }
        if (stream != m_streams.substreamSizes.size())
            return damaged(QStringLiteral("its header lists fewer files than it has data for"));
        return out;
    }

    QString m_path;
    QFile m_file;
    StreamsInfo m_streams;
    bool m_verified = false;
    bool m_folderDamaged = false;
    std::unique_ptr<K7Zip> m_archive;
};

} // namespace

std::unique_ptr<ArchiveReader> ArchiveReader::sevenZip(const QString& path)
{
    return std::make_unique<SevenZipReader>(path);
}

} // namespace slipway::bundle
