#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QIODevice>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

// Internal to core/bundle: the CI archive formats as their own headers declare them. BuildSource turns
// the members into a build; nothing here interprets a name or trusts content it has not checked.
namespace slipway::bundle {

// One entry of an archive, exactly as the archive declares it.
struct ArchiveMember
{
    enum class Type { File, Folder, Symlink, HardLink, Special };
    QByteArray name;   // as stored: UTF-8 expected, '/'-separated (a zip folder ends with '/')
    QString nameError; // the format's own name encoding is broken (a 7z name that is not UTF-16)
    Type type = Type::File;
    quint64 size = 0;             // declared uncompressed size
    quint32 mode = 0;             // permission bits, when the archive has them
    QByteArray linkTarget;        // Symlink (relative to the link's folder) or HardLink (relative to the archive root)
    std::optional<quint32> crc32; // declared CRC-32 of the content, when the format carries one
    QString damaged;              // why the content cannot be trusted, found while the archive was opened
    // Where the reader finds the content.
    quint64 offset = 0;
    quint64 packedSize = 0;
    int method = 0;
};

class ArchiveReader
{
public:
    ArchiveReader() = default;
    virtual ~ArchiveReader();
    ArchiveReader(const ArchiveReader&) = delete;
    ArchiveReader& operator=(const ArchiveReader&) = delete;

    // Every member the archive declares, in archive order; an error when its structure is broken or
    // it holds more than limits::BuildEntries members.
    [[nodiscard]] virtual Result<std::vector<ArchiveMember>> readMembers() = 0;
    // Reads every member's content once and notes on the member what does not match its declaration
    // (size, CRC-32). Call only after the declared sizes passed the build's limits.
    [[nodiscard]] virtual Status verify(std::vector<ArchiveMember>& members);
    // The member's stored bytes, uncompressed but unchecked: open them through openVerified().
    [[nodiscard]] virtual Result<std::unique_ptr<QIODevice>> openContent(const ArchiveMember& member) = 0;

    static std::unique_ptr<ArchiveReader> zip(const QString& path);
    static std::unique_ptr<ArchiveReader> tar(const QString& path, const QString& shownPath);
    static std::unique_ptr<ArchiveReader> sevenZip(const QString& path);
};

// Hands over a member's bytes only as its archive declares them: exactly `size` bytes and, when the
// format carries one, the declared CRC-32. Anything else fails the read that would complete the
// content (read() returns -1 or comes up short) and problem() says what was wrong.
class VerifiedDevice final : public QIODevice
{
public:
    VerifiedDevice(std::unique_ptr<QIODevice> inner, const ArchiveMember& member);
    // A device whose every read fails with `problem` (content that could not even be opened).
    explicit VerifiedDevice(const QString& problem);
    ~VerifiedDevice() override;
    VerifiedDevice(const VerifiedDevice&) = delete;
    VerifiedDevice& operator=(const VerifiedDevice&) = delete;

    [[nodiscard]] bool isSequential() const override { return true; }
    // Empty while everything read so far matches the declaration.
    [[nodiscard]] const QString& problem() const { return m_problem; }

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char* /*data*/, qint64 /*size*/) override { return -1; }

private:
    qint64 failWith(const QString& problem);
    bool finish();

    std::unique_ptr<QIODevice> m_inner;
    quint64 m_size = 0;
    std::optional<quint32> m_expectedCrc;
    quint64 m_done = 0;
    quint32 m_crc = 0;
    bool m_finished = false;
    QString m_problem;
};

// Reads a member through VerifiedDevice; a member that cannot be opened gives a device whose reads fail
// with the reason, so every problem with content reaches the caller the same way.
[[nodiscard]] std::unique_ptr<VerifiedDevice> openVerified(ArchiveReader& reader, const ArchiveMember& member);

// A byte range of a file as a device of its own (stored zip data, a tar member).
[[nodiscard]] Result<std::unique_ptr<QIODevice>> openFileSlice(const QString& path, quint64 offset, quint64 length);
// Raw deflate (zip method 8) decompressed on the fly.
[[nodiscard]] std::unique_ptr<QIODevice> inflating(std::unique_ptr<QIODevice> compressed);

} // namespace slipway::bundle
