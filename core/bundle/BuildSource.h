#pragma once

#include "common/Result.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class QIODevice;

namespace slipway::bundle {

// One file or folder of a build, as it will appear in the bundle.
struct BuildEntry
{
    QString path;          // relative to the build root, '/'-separated, no trailing slash
    bool isDir = false;
    qint64 size = 0;
    quint32 mode = 0;      // Unix permission bits as found (the zip normalises them)
    QString symlinkTarget; // set when the entry is a symbolic link in the source
    // Problems that keep the entry out of a bundle; pre-flight turns them into blocking checks.
    QString unsafeName;    // why the name is unsafe ("..", absolute, backslash, NUL)
    bool symlinkEscapes = false; // a link pointing outside the build or to nothing
    bool special = false;  // a FIFO, socket or device file
    bool unreadable = false;
    QString sourceName;    // internal: where the content lives (file path or archive entry path)
};

// A build to package: a folder, or a CI artifact archive read in place (zip, tar, tar.gz, tar.bz2,
// tar.xz, tar.zst, 7z). A single top-level folder inside an archive becomes the root.
class BuildSource
{
public:
    enum class Kind { Folder, Zip, Tar, SevenZip };

    virtual ~BuildSource();
    BuildSource(const BuildSource&) = delete;
    BuildSource& operator=(const BuildSource&) = delete;

    [[nodiscard]] static Result<std::unique_ptr<BuildSource>> open(const QString& path);

    [[nodiscard]] Kind kind() const { return m_kind; }
    [[nodiscard]] QString kindName() const;
    [[nodiscard]] const QString& path() const { return m_path; }
    // The archive's top folder that became the root (e.g. "dist"), empty otherwise.
    [[nodiscard]] const QString& strippedTopFolder() const { return m_strippedTop; }
    // Raw archive names KArchive would silently make relative (absolute tar names), with the reason.
    [[nodiscard]] const QStringList& rewrittenArchiveNames() const { return m_rewrittenNames; }
    // Every entry, sorted by path (byte order of the UTF-8 names).
    [[nodiscard]] const std::vector<BuildEntry>& entries() const { return m_entries; }

    // Opens a file entry's content. Archive sources share one reader: use from one thread at a time.
    [[nodiscard]] virtual Result<std::unique_ptr<QIODevice>> openFile(const BuildEntry& entry) const = 0;

protected:
    BuildSource(Kind kind, QString path) : m_kind(kind), m_path(std::move(path)) {}
    void sortEntries();

    Kind m_kind;
    QString m_path;
    QString m_strippedTop;
    QStringList m_rewrittenNames;
    std::vector<BuildEntry> m_entries;
};

// Why a relative name cannot be unpacked safely on a device, or empty when it is fine.
[[nodiscard]] QString unsafeNameReason(const QString& name);

} // namespace slipway::bundle
