// Tar CI artifacts (plain, or decompressed by BuildSource first), read from their raw headers: ustar
// prefixes, GNU long names and pax records give the names exactly as stored, every header checksum is
// checked, and a member whose data runs past the end means a truncated download.
#include "bundle/ArchiveReader.h"

#include "common/InputLimits.h"

#include <QFile>

#include <algorithm>

namespace slipway::bundle {

namespace {

constexpr qint64 Block = 512;
constexpr qint64 NoPaxSize = -1;
constexpr qint64 BrokenPaxSize = -2;

qint64 tarNumber(const char* field, int size)
{
    if (static_cast<unsigned char>(field[0]) & 0x80) { // base-256, for sizes past 8 GiB
        if (static_cast<unsigned char>(field[0]) != 0x80)
            return -1; // negative, or more than 63 bits
        quint64 v = 0;
        for (int i = 1; i < size; ++i) {
            if (v >> 55)
                return -1;
            v = (v << 8) | static_cast<unsigned char>(field[i]);
        }
        return static_cast<qint64>(v);
    }
    const QByteArray text = QByteArray(field, size).split('\0').value(0).trimmed();
    if (text.isEmpty())
        return 0;
    bool ok = false;
    const qint64 v = text.toLongLong(&ok, 8);
    return ok && v >= 0 ? v : -1;
}

bool checksumMatches(const char* h)
{
    const qint64 stored = tarNumber(h + 148, 8);
    qint64 unsignedSum = 0;
    qint64 signedSum = 0; // some old tars summed signed chars
    for (int i = 0; i < Block; ++i) {
        const bool field = i >= 148 && i < 156;
        unsignedSum += field ? ' ' : static_cast<unsigned char>(h[i]);
        signedSum += field ? ' ' : static_cast<signed char>(h[i]);
    }
    return stored >= 0 && (stored == unsignedSum || stored == signedSum);
}

QByteArray cString(const char* field, int size)
{
    return {field, int(qstrnlen(field, size_t(size)))};
}

// pax records: "LENGTH key=value\n", LENGTH counting the whole record.
void readPaxRecords(const QByteArray& data, QByteArray& path, QByteArray& linkPath, qint64& size)
{
    qsizetype pos = 0;
    while (pos < data.size()) {
        const qsizetype space = data.indexOf(' ', pos);
        if (space < 0)
            return;
        bool ok = false;
        const qsizetype length = data.mid(pos, space - pos).toLongLong(&ok);
        if (!ok || length <= space - pos || pos + length > data.size())
            return;
        const QByteArray record = data.mid(space + 1, length - (space - pos) - 2); // without the '\n'
        const qsizetype eq = record.indexOf('=');
        if (eq > 0) {
            const QByteArray key = record.left(eq);
            const QByteArray value = record.mid(eq + 1);
            if (key == "path")
                path = value;
            else if (key == "linkpath")
                linkPath = value;
            else if (key == "size") {
                const qint64 v = value.toLongLong(&ok);
                size = ok && v >= 0 ? v : BrokenPaxSize;
            }
        }
        pos += length;
    }
}

class TarReader final : public ArchiveReader
{
public:
    TarReader(QString path, QString shownPath) : m_path(std::move(path)), m_shown(std::move(shownPath)) {}

    Result<std::vector<ArchiveMember>> readMembers() override
    {
        QFile f(m_path);
        if (!f.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("Cannot read %1: %2.").arg(m_shown, f.errorString()));
        const qint64 fileSize = f.size();
        std::vector<ArchiveMember> members;
        QByteArray longName;
        QByteArray longLink;
        QByteArray paxPath;
        QByteArray paxLink;
        qint64 paxSize = NoPaxSize;
        char h[Block];
        for (qint64 pos = 0;;) {
            if (pos == fileSize)
                break; // no end-of-archive blocks: tolerated, as tar does
            if (!f.seek(pos) || f.read(h, Block) != Block)
                return damaged(QStringLiteral("it ends in the middle of a header (truncated)"));
            if (std::all_of(h, h + Block, [](char c) { return c == 0; }))
                break;
            if (!checksumMatches(h))
                return damaged(QStringLiteral("the header at byte %1 has a wrong checksum").arg(pos));
            const char type = h[156];
            qint64 size = tarNumber(h + 124, 12);
            if (paxSize != NoPaxSize && type != 'x' && type != 'g')
                size = paxSize;
            if (size < 0)
                return damaged(QStringLiteral("the header at byte %1 has an unreadable size").arg(pos));
            const qint64 dataStart = pos + Block;
            if (size > fileSize - dataStart)
                return fail(
                    QStringLiteral("The archive %1 is truncated (%2 is cut short). Download the CI artifact again.")
                        .arg(m_shown, QString::fromUtf8(memberName(h, longName, paxPath))));
            if (type == 'L' || type == 'K' || type == 'x' || type == 'g') {
                if (size > limits::ArchiveHeaderBytes)
                    return damaged(QStringLiteral("an extended header at byte %1 is implausibly large").arg(pos));
                const QByteArray data = f.read(size);
                if (type == 'L')
                    longName = cString(data.constData(), int(data.size()));
                else if (type == 'K')
                    longLink = cString(data.constData(), int(data.size()));
                else if (type == 'x')
                    readPaxRecords(data, paxPath, paxLink, paxSize);
            } else if (type != 'V') { // 'V': a volume label, not a file
                if (qint64(members.size()) >= limits::BuildEntries)
                    return fail(QStringLiteral("The archive %1 holds more than %2 entries, more than a build may have.")
                                    .arg(m_shown)
                                    .arg(limits::BuildEntries));
                ArchiveMember m;
                m.name = memberName(h, longName, paxPath);
                m.linkTarget = !paxLink.isEmpty() ? paxLink : !longLink.isEmpty() ? longLink : cString(h + 157, 100);
                m.mode = quint32(std::max<qint64>(tarNumber(h + 100, 8), 0)) & 07777;
                m.offset = quint64(dataStart);
                m.packedSize = quint64(size);
                setType(m, type, size);
                members.push_back(std::move(m));
                longName.clear();
                longLink.clear();
                paxPath.clear();
                paxLink.clear();
                paxSize = NoPaxSize;
            }
            pos = dataStart + (size + Block - 1) / Block * Block;
        }
        return members;
    }

    Status verify(std::vector<ArchiveMember>& /*members*/) override
    {
        // Tar carries no checksum of the data; the headers and sizes were checked by readMembers().
        return Ok{};
    }

    Result<std::unique_ptr<QIODevice>> openContent(const ArchiveMember& member) override
    {
        return openFileSlice(m_path, member.offset, member.packedSize);
    }

private:
    static QByteArray memberName(const char* h, const QByteArray& longName, const QByteArray& paxPath)
    {
        if (!paxPath.isEmpty())
            return paxPath;
        if (!longName.isEmpty())
            return longName;
        QByteArray name = cString(h, 100);
        if (QByteArray(h + 257, 5) == "ustar" && h[345])
            name = cString(h + 345, 155) + '/' + name;
        return name;
    }

    static void setType(ArchiveMember& m, char type, qint64 size)
    {
        using T = ArchiveMember::Type;
        switch (type) {
        case '0':
        case '\0':
        case '7': // contiguous file: a plain file everywhere else
            m.type = m.name.endsWith('/') ? T::Folder : T::File;
            m.size = m.type == T::File ? quint64(size) : 0;
            return;
        case '5':
        case 'D': // GNU dump directory
            m.type = T::Folder;
            return;
        case '2':
            m.type = T::Symlink;
            return;
        case '1':
            m.type = T::HardLink;
            return;
        case '3':
        case '4':
        case '6':
            m.type = T::Special;
            return;
        default:
            m.type = T::File;
            m.size = quint64(size);
            m.damaged = QStringLiteral("it is a tar entry of type '%1' (such as a sparse or multi-volume file), which "
                                       "Slipway cannot read faithfully")
                            .arg(QChar::fromLatin1(type));
        }
    }

    [[nodiscard]] Error damaged(const QString& why) const
    {
        return fail(QStringLiteral("The archive %1 is damaged: %2. Download the CI artifact again.").arg(m_shown, why));
    }

    QString m_path;
    QString m_shown;
};

} // namespace

std::unique_ptr<ArchiveReader> ArchiveReader::tar(const QString& path, const QString& shownPath)
{
    return std::make_unique<TarReader>(path, shownPath);
}

} // namespace slipway::bundle
