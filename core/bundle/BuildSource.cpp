#include "bundle/BuildSource.h"

#include "bundle/ArchiveReader.h"
#include "bundle/OutputFile.h"
#include "common/ByteSize.h"

#include <KCompressionDevice>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QTemporaryFile>

#include <algorithm>
#include <cmath>
#include <limits>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

namespace slipway::bundle {

namespace {

// Names inside a zip are compared as UTF-8 bytes so the order never depends on the locale.
bool pathLess(const BuildEntry& a, const BuildEntry& b)
{
    return a.path.toUtf8() < b.path.toUtf8();
}

QString changedMessage(const BuildEntry& e)
{
    return QStringLiteral(
               "%1 changed or could not be read while it was being packaged. Make sure the build is finished "
               "and nothing writes to it, then try again.")
        .arg(e.path);
}

enum class Measured { Complete, SoFar };

// The build's size limits, checked against what a folder holds or an archive declares, and again while
// a compressed tar is unpacked (`measured` is then SoFar: the stream is stopped at the limit).
Status checkBuildSize(const QString& path, bool archive, quint64 bytes, quint64 archiveBytes, const BuildLimits& limits,
                      Measured measured = Measured::Complete)
{
    const bool soFar = measured == Measured::SoFar;
    const QString what = archive ? QStringLiteral("The archive %1 unpacks to").arg(path)
                                 : QStringLiteral("The build folder %1 holds").arg(path);
    const QString amount = (soFar ? QStringLiteral("more than ") : QString()) +
                           humanByteSize(qint64(std::min<quint64>(bytes, quint64(std::numeric_limits<qint64>::max()))));
    if (limits.maxBytes > 0 && bytes > quint64(limits.maxBytes)) {
        const QString example = soFar ? QString()
                                      : QStringLiteral(" (for example --max-build-size %1G)")
                                            .arg(std::ceil(double(bytes) / double(1LL << 30)));
        return fail(
            QStringLiteral(
                "%1 %2, more than the %3 a build may have. If this really is your web build, raise the limit with "
                "--max-build-size%4.")
                .arg(what, amount, humanByteSize(limits.maxBytes), example),
            BuildSource::TooLargeCode);
    }
    if (archive && limits.maxExpansion > 0 && archiveBytes > 0 && bytes > quint64(limits::BuildExpansionFloorBytes) &&
        bytes / archiveBytes >= quint64(limits.maxExpansion)) {
        const quint64 ratio = bytes / archiveBytes;
        const QString example = soFar ? QString() : QStringLiteral(" %1").arg(ratio + 1);
        return fail(
            QStringLiteral(
                "%1 %2 from %3: it expands %4%5 times, more than the %6 times a CI artifact may, so it looks like a "
                "zip bomb. If it really is your build, allow it with --max-expansion%7.")
                .arg(what, amount, humanByteSize(qint64(archiveBytes)),
                     soFar ? QStringLiteral("more than ") : QString())
                .arg(ratio)
                .arg(limits.maxExpansion)
                .arg(example),
            BuildSource::TooLargeCode);
    }
    return Ok{};
}

Error tooManyEntries(const QString& path)
{
    return fail(
        QStringLiteral(
            "%1 holds more than %2 files and folders, more than a build may have. Point --path at the web build's "
            "output folder (often dist/ or www/).")
            .arg(path)
            .arg(limits::BuildEntries),
        BuildSource::TooLargeCode);
}

class FolderSource final : public BuildSource
{
public:
    explicit FolderSource(const QString& path) : BuildSource(Kind::Folder, path) {}

    Status scan(const BuildLimits& limits, const ScanControl& control)
    {
        m_limits = limits;
        m_control = &control;
        const QFileInfo rootInfo(m_path);
        m_root = rootInfo.canonicalFilePath();
        if (m_root.isEmpty() || !rootInfo.isDir())
            return fail(QStringLiteral("The build folder %1 does not exist.").arg(m_path));
        if (::access(QFile::encodeName(m_root).constData(), R_OK | X_OK) != 0)
            return fail(QStringLiteral("The build folder %1 cannot be read (permission denied).").arg(m_path));
        QSet<QString> visiting{m_root};
        if (auto st = walk(QFile::encodeName(m_root), QByteArray(), visiting); !st) {
            m_entries = {}; // a refused folder's entries are not kept (they may be a whole disk's)
            return st;
        }
        sortEntries();
        return checkBuildSize(m_path, false, m_bytes, 0, limits);
    }

    Result<std::unique_ptr<QIODevice>> openFile(const BuildEntry& entry) const override
    {
        auto file = std::make_unique<QFile>(entry.sourceName);
        if (!file->open(QIODevice::ReadOnly))
            return fail(QStringLiteral("Cannot read %1 from the build: %2.").arg(entry.path, file->errorString()));
        return std::unique_ptr<QIODevice>(std::move(file));
    }

private:
    [[nodiscard]] bool insideRoot(const QString& canonical) const
    {
        return canonical == m_root || canonical.startsWith(m_root + QLatin1Char('/'));
    }

    // Every few hundred entries: cancelled? over the size limit already? (then there is no point in
    // walking the rest of a disk). Reports progress every few thousand.
    [[nodiscard]] Status checkWalk()
    {
        if (++m_sinceCheck < 256)
            return Ok{};
        m_sinceCheck = 0;
        if (m_control->cancelled())
            return fail(QStringLiteral("The scan of %1 was cancelled.").arg(m_path), CancelledCode);
        if (m_limits.maxBytes > 0 && m_bytes > quint64(m_limits.maxBytes))
            return checkBuildSize(m_path, false, m_bytes, 0, m_limits, Measured::SoFar);
        if (m_control->progress && (m_entries.size() % 4096) < 256)
            m_control->progress(qint64(m_entries.size()), qint64(m_bytes));
        return Ok{};
    }

    // Walks the folder by its raw names (readdir), so a name that is not UTF-8 is reported, not skipped.
    Status walk(const QByteArray& dirNative, const QByteArray& relative, QSet<QString>& visiting)
    {
        std::vector<QByteArray> names;
        if (DIR* dir = ::opendir(dirNative.constData())) {
            while (const dirent* d = ::readdir(dir)) {
                const QByteArray name(d->d_name);
                if (name != "." && name != "..")
                    names.push_back(name);
            }
            ::closedir(dir);
        }
        std::sort(names.begin(), names.end());
        for (const QByteArray& name : names) {
            if (qint64(m_entries.size()) + qint64(m_nameProblems.size()) >= limits::BuildEntries)
                return tooManyEntries(m_path);
            if (Status st = checkWalk(); !st)
                return st;
            const QByteArray rel = relative.isEmpty() ? name : relative + '/' + name;
            const QByteArray native = dirNative + '/' + name;
            struct stat st
            {
            };
            const bool statted = ::lstat(native.constData(), &st) == 0;
            const BuildName checked = BuildName::check(rel);
            if (checked.problem != BuildName::Problem::None) {
                // A folder with such a name is reported once, not walked.
                const bool dir = statted && S_ISDIR(st.st_mode);
                m_nameProblems.push_back(
                    {checked.shown + (dir ? QStringLiteral("/") : QString()), checked.problem, checked.reason});
                continue;
            }
            BuildEntry e;
            e.path = checked.path;
            const QString full = QFile::decodeName(native);
            e.sourceName = full;
            if (!statted) {
                e.unreadable = true;
                m_entries.push_back(std::move(e));
                continue;
            }
            QString realDir;
            if (S_ISLNK(st.st_mode)) {
                e.symlinkTarget = QFile::symLinkTarget(full);
                const QString canonical = QFileInfo(full).canonicalFilePath();
                struct stat target {};
                if (canonical.isEmpty() || !insideRoot(canonical) || ::stat(native.constData(), &target) != 0) {
                    e.symlinkEscapes = true;
                    m_entries.push_back(std::move(e));
                    continue;
                }
                st = target;
                if (S_ISDIR(st.st_mode))
                    realDir = canonical;
            } else if (S_ISDIR(st.st_mode)) {
                realDir = full;
            }
            e.mode = st.st_mode & 07777;
            if (S_ISDIR(st.st_mode)) {
                e.isDir = true;
                const QString canonicalDir = QFileInfo(realDir).canonicalFilePath();
                if (::access(native.constData(), R_OK | X_OK) != 0) {
                    e.unreadable = true;
                    m_entries.push_back(std::move(e));
                    continue;
                }
                m_entries.push_back(e);
                if (visiting.contains(canonicalDir)) {
                    // A link back to one of its own parents would repeat forever.
                    m_entries.back().symlinkEscapes = true;
                    continue;
                }
                visiting.insert(canonicalDir);
                Status inner = walk(native, rel, visiting);
                visiting.remove(canonicalDir);
                if (!inner)
                    return inner;
            } else if (S_ISREG(st.st_mode)) {
                e.size = st.st_size;
                m_bytes += quint64(std::max<qint64>(0, e.size));
                e.unreadable = ::access(native.constData(), R_OK) != 0;
                m_entries.push_back(std::move(e));
            } else {
                e.special = true;
                m_entries.push_back(std::move(e));
            }
        }
        return Ok{};
    }

    QString m_root;
    BuildLimits m_limits;
    const ScanControl* m_control = nullptr;
    quint64 m_bytes = 0; // regular files found so far
    int m_sinceCheck = 0;
};

enum class ArchiveFormat { Unknown, Zip, Tar, Gzip, Bzip2, Xz, Zstd, SevenZip };

ArchiveFormat sniff(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return ArchiveFormat::Unknown;
    const QByteArray head = f.read(512);
    if (head.startsWith("PK\x03\x04") || head.startsWith("PK\x05\x06"))
        return ArchiveFormat::Zip;
    if (head.startsWith("\x1f\x8b"))
        return ArchiveFormat::Gzip;
    if (head.startsWith("BZh"))
        return ArchiveFormat::Bzip2;
    if (head.startsWith(QByteArray("\xfd" "7zXZ\x00", 6)))
        return ArchiveFormat::Xz;
    if (head.startsWith("\x28\xb5\x2f\xfd"))
        return ArchiveFormat::Zstd;
    if (head.startsWith("7z\xbc\xaf\x27\x1c"))
        return ArchiveFormat::SevenZip;
    if (head.size() >= 262 && head.mid(257, 5) == "ustar")
        return ArchiveFormat::Tar;
    return ArchiveFormat::Unknown;
}

// A damaged or truncated stream must fail loudly instead of giving a partial build, and a small
// archive that unpacks to gigabytes must stop at the build's limits, not fill the disk.
Result<std::unique_ptr<QTemporaryFile>> decompressTar(const QString& path, KCompressionDevice::CompressionType type,
                                                      const QString& kind, const BuildLimits& limits)
{
    KCompressionDevice in(path, type);
    const QString damaged = QStringLiteral("The archive %1 is damaged or truncated (the %2 stream does not decompress completely). "
                                           "Download the CI artifact again.").arg(path, kind);
    if (!in.open(QIODevice::ReadOnly))
        return fail(damaged);
    auto out = std::make_unique<QTemporaryFile>(QDir::tempPath() + QStringLiteral("/slipway-build-XXXXXX.tar"));
    if (!out->open())
        return fail(QStringLiteral("Cannot create a temporary file in %1 to read %2: %3.")
                        .arg(QDir::tempPath(), path, out->errorString()));
    const quint64 compressed = quint64(QFileInfo(path).size());
    QByteArray buf(1 << 20, Qt::Uninitialized);
    quint64 written = 0;
    for (;;) {
        const qint64 n = in.read(buf.data(), buf.size());
        if (n < 0 || in.error() != QFileDevice::NoError)
            return fail(damaged);
        if (n == 0)
            break;
        written += quint64(n);
        if (auto st = checkBuildSize(path, true, written, compressed, limits, Measured::SoFar); !st)
            return st.error();
        if (auto st = OutputFile::writeAll(out->handle(), buf.constData(), n,
                                           QStringLiteral("the unpacked copy of %1").arg(path), QDir::tempPath(),
                                           QStringLiteral("set TMPDIR to a folder on a larger disk"));
            !st)
            return st.error();
    }
    if (!in.atEnd() || written == 0)
        return fail(damaged);
    return out;
}

// Resolves a link target lexically against the folder holding the link; empty when it leaves the build.
QString resolveInside(const QString& dir, const QString& target)
{
    if (target.startsWith(QLatin1Char('/')))
        return {};
    QStringList parts = dir.isEmpty() ? QStringList() : dir.split(QLatin1Char('/'));
    for (const QString& p : target.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (p == QLatin1String("."))
            continue;
        if (p == QLatin1String("..")) {
            if (parts.isEmpty())
                return {};
            parts.removeLast();
            continue;
        }
        parts << p;
    }
    return parts.join(QLatin1Char('/'));
}

class ArchiveSource final : public BuildSource
{
public:
    ArchiveSource(Kind kind, const QString& path, std::unique_ptr<ArchiveReader> reader,
                  std::unique_ptr<QTemporaryFile> plainTar = {})
        : BuildSource(kind, path), m_plainTar(std::move(plainTar)), m_reader(std::move(reader))
    {
    }

    Status scan(const BuildLimits& limits)
    {
        auto members = m_reader->readMembers();
        if (!members)
            return members.error();
        m_members = std::move(members.value());
        if (qint64(m_members.size()) > limits::BuildEntries)
            return tooManyEntries(m_path);
        // Limits first, from what the archive declares: nothing is decompressed for a bomb.
        constexpr quint64 Unbounded = std::numeric_limits<quint64>::max();
        quint64 declared = 0;
        for (const ArchiveMember& m : m_members) {
            if (m.type == ArchiveMember::Type::File)
                declared = m.size > Unbounded - declared ? Unbounded : declared + m.size;
        }
        if (m_kind == Kind::SevenZip && declared > quint64(limits::SevenZipBytes))
            return fail(QStringLiteral("The archive %1 unpacks to %2; a 7z artifact is decoded in memory, so it may "
                                       "hold at most %3. Use a "
                                       "zip or tar.gz artifact for a build this large.")
                            .arg(m_path,
                                 humanByteSize(
                                     qint64(std::min<quint64>(declared, quint64(std::numeric_limits<qint64>::max())))),
                                 humanByteSize(limits::SevenZipBytes)));
        if (auto st = checkBuildSize(m_path, true, declared, quint64(QFileInfo(m_path).size()), limits); !st)
            return st;
        if (auto st = m_reader->verify(m_members); !st)
            return st;
        assemble();
        return Ok{};
    }

    Result<std::unique_ptr<QIODevice>> openFile(const BuildEntry& entry) const override
    {
        if (entry.member < 0 || size_t(entry.member) >= m_members.size())
            return fail(QStringLiteral("%1 is missing from the archive %2.").arg(entry.path, m_path));
        return std::unique_ptr<QIODevice>(openVerified(*m_reader, m_members[size_t(entry.member)]));
    }

private:
    void nameProblem(const BuildName& name, BuildName::Problem kind, const QString& reason)
    {
        m_nameProblems.push_back({name.shown, kind, reason});
    }

    // Ensures the folders above `path` exist; false when one of them is a file.
    bool addParents(const QString& path, const BuildName& name)
    {
        qsizetype slash = path.indexOf(QLatin1Char('/'));
        while (slash > 0) {
            const QString parent = path.left(slash);
            const auto found = m_index.constFind(parent);
            if (found == m_index.constEnd()) {
                BuildEntry dir;
                dir.path = parent;
                dir.isDir = true;
                dir.mode = 0755;
                m_index.insert(parent, qsizetype(m_entries.size()));
                m_entries.push_back(std::move(dir));
            } else if (!m_entries[size_t(*found)].isDir) {
                nameProblem(name, BuildName::Problem::Unrepresentable,
                            QStringLiteral("is inside %1, which the archive also holds as a file").arg(parent));
                return false;
            }
            slash = path.indexOf(QLatin1Char('/'), slash + 1);
        }
        return true;
    }

    void assemble()
    {
        using T = ArchiveMember::Type;
        for (size_t i = 0; i < m_members.size(); ++i) {
            const ArchiveMember& m = m_members[i];
            const BuildName name = BuildName::check(m.name, m.nameError);
            if (name.problem != BuildName::Problem::None) {
                nameProblem(name, name.problem, name.reason);
                continue;
            }
            if (name.path.isEmpty()) {
                if (m.type != T::Folder)
                    nameProblem(name, BuildName::Problem::Unrepresentable,
                                QStringLiteral("has no name (it is the archive's root)"));
                continue;
            }
            if (!addParents(name.path, name))
                continue;
            if (const auto found = m_index.constFind(name.path); found != m_index.constEnd()) {
                if (!(m.type == T::Folder && m_entries[size_t(*found)].isDir))
                    nameProblem(
                        name, BuildName::Problem::Unrepresentable,
                        QStringLiteral("appears more than once in the archive, so which one would ship is not clear"));
                continue;
            }
            BuildEntry e;
            e.path = name.path;
            e.mode = m.mode;
            e.member = qsizetype(i);
            switch (m.type) {
            case T::Folder:
                e.isDir = true;
                break;
            case T::File:
                e.size = qint64(std::min<quint64>(m.size, quint64(std::numeric_limits<qint64>::max())));
                e.damaged = m.damaged;
                break;
            case T::Symlink:
            case T::HardLink:
                e.symlinkTarget = QString::fromUtf8(m.linkTarget);
                if (!m.damaged.isEmpty())
                    e.damaged = m.damaged;
                else if (e.symlinkTarget.isEmpty())
                    e.symlinkEscapes = true;
                if (m.type == T::HardLink)
                    m_hardLinkTargets.insert(qsizetype(i), BuildName::check(m.linkTarget).path);
                break;
            case T::Special:
                e.special = true;
                break;
            }
            m_index.insert(e.path, qsizetype(m_entries.size()));
            m_entries.push_back(std::move(e));
        }
        stripSingleTopFolder();
        resolveLinks();
        sortEntries();
    }

    void stripSingleTopFolder()
    {
        // As devices do: one folder alone at the top (ignoring __MACOSX and dot-names), and no index.html.
        QStringList visible;
        bool hasIndex = false;
        for (const BuildEntry& e : m_entries) {
            if (e.path.contains(QLatin1Char('/')))
                continue;
            hasIndex = hasIndex || e.path == QLatin1String("index.html");
            if (e.path != QLatin1String("__MACOSX") && !e.path.startsWith(QLatin1Char('.')))
                visible << e.path;
        }
        if (visible.size() != 1 || hasIndex || !m_entries[size_t(m_index.value(visible.first()))].isDir)
            return;
        m_strippedTop = visible.first();
        const QString prefix = m_strippedTop + QLatin1Char('/');
        std::vector<BuildEntry> kept;
        for (BuildEntry& e : m_entries) {
            if (!e.path.startsWith(prefix))
                continue;
            e.path = e.path.mid(prefix.size());
            kept.push_back(std::move(e));
        }
        m_entries = std::move(kept);
        m_index.clear();
        for (size_t i = 0; i < m_entries.size(); ++i)
            m_index.insert(m_entries[i].path, qsizetype(i));
    }

    // Archive links are resolved inside the build and ship their target's content; anything else is refused.
    void resolveLinks()
    {
        for (BuildEntry& e : m_entries) {
            if (e.symlinkTarget.isEmpty() || e.symlinkEscapes || !e.damaged.isEmpty() || e.member < 0)
                continue;
            const bool hardLink = m_members[size_t(e.member)].type == ArchiveMember::Type::HardLink;
            QString target;
            if (hardLink) {
                target = m_hardLinkTargets.value(e.member); // from the archive root
                if (!m_strippedTop.isEmpty())
                    target = target.startsWith(m_strippedTop + QLatin1Char('/')) ? target.mid(m_strippedTop.size() + 1)
                                                                                 : QString();
            } else {
                const qsizetype slash = e.path.lastIndexOf(QLatin1Char('/'));
                target = resolveInside(slash < 0 ? QString() : e.path.left(slash), e.symlinkTarget);
            }
            const auto found = target.isEmpty() ? m_index.constEnd() : m_index.constFind(target);
            const BuildEntry* t = found == m_index.constEnd() ? nullptr : &m_entries[size_t(*found)];
            if (!t || t->isDir || t->special || t->member < 0 || !t->symlinkTarget.isEmpty()) {
                e.symlinkEscapes = true;
                continue;
            }
            e.member = t->member;
            e.size = t->size;
            e.damaged = t->damaged;
        }
    }

    std::unique_ptr<QTemporaryFile> m_plainTar; // declared first: the reader using it goes away before it
    std::unique_ptr<ArchiveReader> m_reader;
    std::vector<ArchiveMember> m_members;
    QHash<QString, qsizetype> m_index;           // path -> entry
    QHash<qsizetype, QString> m_hardLinkTargets; // member -> target path from the archive root
};

} // namespace

BuildSource::~BuildSource() = default;

QString BuildSource::kindName() const
{
    switch (m_kind) {
    case Kind::Folder: return QStringLiteral("folder");
    case Kind::Zip: return QStringLiteral("zip");
    case Kind::Tar: return QStringLiteral("tar");
    case Kind::SevenZip: return QStringLiteral("7z");
    }
    return {};
}

void BuildSource::sortEntries()
{
    std::sort(m_entries.begin(), m_entries.end(), pathLess);
}

QString BuildSource::damagedMessage(const QString& entryPath, const QString& detail) const
{
    return QStringLiteral("%1 is damaged in the archive %2: %3. Download the CI artifact again.")
        .arg(entryPath, QFileInfo(m_path).fileName(), detail);
}

QString BuildSource::readProblem(const QIODevice& device)
{
    if (const auto* verified = dynamic_cast<const VerifiedDevice*>(&device); verified && !verified->problem().isEmpty())
        return verified->problem();
    return {};
}

QString BuildSource::readFailure(const BuildEntry& entry, const QIODevice& device) const
{
    if (const QString problem = readProblem(device); !problem.isEmpty())
        return damagedMessage(entry.path, problem);
    return changedMessage(entry);
}

Result<std::unique_ptr<BuildSource>> BuildSource::open(const QString& path, const BuildLimits& limits,
                                                       const ScanControl& control)
{
    const QFileInfo info(path);
    if (!info.exists())
        return fail(QStringLiteral("%1 does not exist. Give the build folder (for example dist/) or the CI artifact archive.").arg(path));
    if (info.isDir()) {
        auto folder = std::make_unique<FolderSource>(path);
        if (auto st = folder->scan(limits, control); !st)
            return st.error();
        return std::unique_ptr<BuildSource>(std::move(folder));
    }
    if (!info.isReadable())
        return fail(QStringLiteral("%1 cannot be read (permission denied).").arg(path));

    std::unique_ptr<ArchiveReader> reader;
    std::unique_ptr<QTemporaryFile> plainTar;
    Kind kind = Kind::Tar;
    auto compressedTar = [&](KCompressionDevice::CompressionType type, const QString& name) -> Status {
        auto tar = decompressTar(path, type, name, limits);
        if (!tar)
            return tar.error();
        plainTar = std::move(tar.value());
        reader = ArchiveReader::tar(plainTar->fileName(), path);
        return Ok{};
    };
    Status prepared = Ok{};
    switch (sniff(path)) {
    case ArchiveFormat::Zip:
        reader = ArchiveReader::zip(path);
        kind = Kind::Zip;
        break;
    case ArchiveFormat::SevenZip:
        reader = ArchiveReader::sevenZip(path);
        kind = Kind::SevenZip;
        break;
    case ArchiveFormat::Tar:
        reader = ArchiveReader::tar(path, path);
        break;
    case ArchiveFormat::Gzip:
        prepared = compressedTar(KCompressionDevice::GZip, QStringLiteral("gzip"));
        break;
    case ArchiveFormat::Bzip2:
        prepared = compressedTar(KCompressionDevice::BZip2, QStringLiteral("bzip2"));
        break;
    case ArchiveFormat::Xz:
        prepared = compressedTar(KCompressionDevice::Xz, QStringLiteral("xz"));
        break;
    case ArchiveFormat::Zstd:
        prepared = compressedTar(KCompressionDevice::Zstd, QStringLiteral("zstd"));
        break;
    case ArchiveFormat::Unknown:
        return fail(QStringLiteral("%1 is neither a folder nor a supported archive (zip, tar, tar.gz, tar.bz2, tar.xz, tar.zst, 7z).")
                        .arg(path));
    }
    if (!prepared)
        return prepared.error();
    auto source = std::make_unique<ArchiveSource>(kind, path, std::move(reader), std::move(plainTar));
    if (auto st = source->scan(limits); !st)
        return st.error();
    return std::unique_ptr<BuildSource>(std::move(source));
}

} // namespace slipway::bundle
