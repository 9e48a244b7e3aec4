// Zip CI artifacts, read from the central directory (the one a phone and unzip use) with every entry's
// data checked against its declared size and CRC-32.
#include "bundle/ArchiveReader.h"

#include "common/InputLimits.h"
#include "device/ZipDirectory.h"

#include <QFile>

#include <sys/stat.h>

namespace slipway::bundle {

namespace {

constexpr quint16 Stored = 0;
constexpr quint16 Deflated = 8;
constexpr quint16 EncryptedFlags = 0x0001 | 0x0040; // traditional and strong encryption
constexpr int MadeByUnix = 3;
constexpr quint64 LinkTargetBytes = 4096;

QString methodName(quint16 method)
{
    switch (method) {
    case 9:
        return QStringLiteral("Deflate64");
    case 12:
        return QStringLiteral("bzip2");
    case 14:
        return QStringLiteral("LZMA");
    case 93:
        return QStringLiteral("Zstandard");
    case 95:
        return QStringLiteral("xz");
    case 98:
        return QStringLiteral("PPMd");
    case 99:
        return QStringLiteral("AES encryption");
    default:
        return QStringLiteral("method %1").arg(method);
    }
}

class ZipReader final : public ArchiveReader
{
public:
    explicit ZipReader(QString path) : m_path(std::move(path)) {}

    Result<std::vector<ArchiveMember>> readMembers() override
    {
        auto directory = device::ZipDirectory::read(m_path, quint64(limits::BuildEntries));
        if (!directory)
            return fail(QStringLiteral("The archive %1 cannot be read: %2 Download the CI artifact again.")
                            .arg(m_path, directory.error().message));
        QFile file(m_path);
        if (!file.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("The archive %1 cannot be read: %2.").arg(m_path, file.errorString()));
        std::vector<ArchiveMember> members;
        members.reserve(size_t(directory->entries.size()));
        for (const device::ZipEntry& e : directory->entries) {
            auto dataOffset = device::ZipDirectory::dataOffset(file, e);
            if (!dataOffset)
                return fail(QStringLiteral("The archive %1 cannot be read: %2 Download the CI artifact again.")
                                .arg(m_path, dataOffset.error().message));
            ArchiveMember m;
            m.name = e.rawName;
            m.size = e.uncompressedSize;
            m.crc32 = e.crc32;
            m.offset = dataOffset.value();
            m.packedSize = e.compressedSize;
            m.method = e.method;
            const bool unix = (e.madeBy >> 8) == MadeByUnix;
            const quint32 mode = unix ? e.externalAttributes >> 16 : 0;
            m.mode = (mode & 07777) ? (mode & 07777) : 0644;
            if (e.rawName.endsWith('/') || S_ISDIR(mode))
                m.type = ArchiveMember::Type::Folder;
            else if (S_ISLNK(mode))
                m.type = ArchiveMember::Type::Symlink;
            else if ((mode & S_IFMT) != 0 && !S_ISREG(mode))
                m.type = ArchiveMember::Type::Special;
            if (e.flags & EncryptedFlags)
                m.damaged = QStringLiteral("it is encrypted; Slipway reads unencrypted archives only");
            else if (e.method != Stored && e.method != Deflated && m.type != ArchiveMember::Type::Folder)
                m.damaged =
                    QStringLiteral("it is compressed with %1, and Slipway reads stored and deflated entries only: "
                                   "re-create the zip with the usual settings")
                        .arg(methodName(e.method));
            if (m.type == ArchiveMember::Type::Symlink)
                readLinkTarget(m);
            members.push_back(std::move(m));
        }
        return members;
    }

    Result<std::unique_ptr<QIODevice>> openContent(const ArchiveMember& member) override
    {
        auto slice = openFileSlice(m_path, member.offset, member.packedSize);
        if (!slice)
            return slice.error();
        if (member.method == Deflated)
            return inflating(std::move(slice.value()));
        return std::move(slice.value());
    }

private:
    void readLinkTarget(ArchiveMember& m)
    {
        if (!m.damaged.isEmpty())
            return;
        if (m.size > LinkTargetBytes) {
            m.damaged = QStringLiteral("it is a link whose target is longer than %1 bytes").arg(LinkTargetBytes);
            return;
        }
        auto device = openVerified(*this, m);
        m.linkTarget = device->readAll();
        m.damaged = device->problem();
    }

    QString m_path;
};

} // namespace

std::unique_ptr<ArchiveReader> ArchiveReader::zip(const QString& path)
{
    return std::make_unique<ZipReader>(path);
}

} // namespace slipway::bundle
