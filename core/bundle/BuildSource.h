#pragma once

#include "bundle/BuildName.h"
#include "common/InputLimits.h"
#include "common/Result.h"

#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

class QIODevice;

namespace slipway::bundle {

// How large a build may be. The defaults stop a zip bomb before it is unpacked; a release whose build
// really is larger raises them explicitly (--max-build-size, --max-expansion). 0 means no limit.
struct BuildLimits
{
    qint64 maxBytes = limits::BuildBytes;           // the files, uncompressed
    int maxExpansion = limits::BuildExpansionRatio; // uncompressed bytes per byte of an archive
};

// Lets a caller watch and stop the scan of a build (a folder picked by mistake may be a whole disk).
struct ScanControl
{
    const std::atomic_bool* cancelFlag = nullptr; // set from any thread: the scan stops with CancelledCode
    // Called from the scanning thread every few thousand entries with what was found so far.
    std::function<void(qint64 entries, qint64 bytes)> progress;
    [[nodiscard]] bool cancelled() const { return cancelFlag && cancelFlag->load(std::memory_order_relaxed); }
};

// One file or folder of a build, as it will appear in the bundle.
struct BuildEntry
{
    QString path; // relative to the build root, '/'-separated, no trailing slash
    bool isDir = false;
    qint64 size = 0;
    quint32 mode = 0;      // Unix permission bits as found (the zip normalises them)
    QString symlinkTarget; // set when the entry is a link in the source
    // Problems that keep the entry out of a bundle; pre-flight turns them into blocking checks.
    bool symlinkEscapes = false; // a link pointing outside the build or to nothing
    bool special = false;        // a FIFO, socket or device file
    bool unreadable = false;
    QString damaged;       // why the archive's copy cannot be trusted (a CRC-32 or size that does not match)
    QString sourceName;    // internal: the file's path (folders)
    qsizetype member = -1; // internal: the archive member holding the content (archives)
};

// A name the build cannot ship under (see BuildName): reported, never silently changed or dropped.
struct NameProblem
{
    QString name; // as stored, with \xNN for undecodable bytes; a folder ends with '/'
    BuildName::Problem kind = BuildName::Problem::Unsafe;
    QString reason;
};

// A build to package: a folder, or a CI artifact archive read in place (zip, tar, tar.gz, tar.bz2,
// tar.xz, tar.zst, 7z). A single top-level folder inside an archive becomes the root. Archive
// content is checked against what the archive declares (sizes, CRC-32) before anything uses it.
class BuildSource
{
public:
    enum class Kind { Folder, Zip, Tar, SevenZip };

    virtual ~BuildSource();
    BuildSource(const BuildSource&) = delete;
    BuildSource& operator=(const BuildSource&) = delete;

    // The Error code of a scan stopped through ScanControl::cancelFlag.
    static constexpr int CancelledCode = 130;
    // The Error code of a build over its size or entry limits (a folder that is not a web build).
    static constexpr int TooLargeCode = 6;

    // Fails when the input is missing, unreadable, structurally broken or over `limits`. A folder is
    // walked with `control` (cancel, progress); the walk stops as soon as a limit is passed, so a
    // folder picked by mistake (a home folder, `/`) is refused quickly and in bounded memory.
    [[nodiscard]] static Result<std::unique_ptr<BuildSource>> open(const QString& path, const BuildLimits& limits = {},
                                                                   const ScanControl& control = {});

    [[nodiscard]] Kind kind() const { return m_kind; }
    [[nodiscard]] QString kindName() const;
    [[nodiscard]] const QString& path() const { return m_path; }
    // The archive's top folder that became the root (e.g. "dist"), empty otherwise.
    [[nodiscard]] const QString& strippedTopFolder() const { return m_strippedTop; }
    // Names that cannot ship as they are; their files are not in entries().
    [[nodiscard]] const std::vector<NameProblem>& nameProblems() const { return m_nameProblems; }
    // Every entry, sorted by path (byte order of the UTF-8 names).
    [[nodiscard]] const std::vector<BuildEntry>& entries() const { return m_entries; }

    // Opens a file entry's content. An archive's content comes through a check of its declared size and
    // CRC-32; archive sources share one reader: use from one thread at a time.
    [[nodiscard]] virtual Result<std::unique_ptr<QIODevice>> openFile(const BuildEntry& entry) const = 0;
    // Why reading `entry` through `device` failed or came up short, for the release manager.
    [[nodiscard]] QString readFailure(const BuildEntry& entry, const QIODevice& device) const;
    // What an archive found wrong with the content read through `device` ("its CRC-32 is ..."), or empty.
    [[nodiscard]] static QString readProblem(const QIODevice& device);
    // "PATH is damaged in the archive NAME: DETAIL. Download the CI artifact again."
    [[nodiscard]] QString damagedMessage(const QString& entryPath, const QString& detail) const;

protected:
    BuildSource(Kind kind, QString path) : m_kind(kind), m_path(std::move(path)) {}
    void sortEntries();

    Kind m_kind;
    QString m_path;
    QString m_strippedTop;
    std::vector<NameProblem> m_nameProblems;
    std::vector<BuildEntry> m_entries;
};

} // namespace slipway::bundle
