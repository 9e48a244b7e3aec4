#include "bundle/BuildSource.h"

#include <K7Zip>
#include <KArchive>
#include <KArchiveDirectory>
#include <KArchiveFile>
#include <KCompressionDevice>
#include <KTar>
#include <KZip>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryFile>

#include <algorithm>

#include <sys/stat.h>
#include <unistd.h>

namespace slipway::bundle {

namespace {

// Names inside a zip are compared as UTF-8 bytes so the order never depends on the locale.
bool pathLess(const BuildEntry& a, const BuildEntry& b)
{
    return a.path.toUtf8() < b.path.toUtf8();
}

class FolderSource final : public BuildSource
{
public:
    explicit FolderSource(const QString& path) : BuildSource(Kind::Folder, path) {}

    Status scan()
    {
        const QFileInfo rootInfo(m_path);
        m_root = rootInfo.canonicalFilePath();
        if (m_root.isEmpty() || !rootInfo.isDir())
            return fail(QStringLiteral("The build folder %1 does not exist.").arg(m_path));
        if (::access(QFile::encodeName(m_root).constData(), R_OK | X_OK) != 0)
            return fail(QStringLiteral("The build folder %1 cannot be read (permission denied).").arg(m_path));
        QSet<QString> visiting{m_root};
        walk(m_root, QString(), visiting);
        sortEntries();
        return Ok{};
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

    void walk(const QString& dirPath, const QString& prefix, QSet<QString>& visiting)
    {
        QDir dir(dirPath);
        const QStringList names = dir.entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
        for (const QString& name : names) {
            BuildEntry e;
            e.path = prefix.isEmpty() ? name : prefix + QLatin1Char('/') + name;
            const QString full = dirPath + QLatin1Char('/') + name;
            e.sourceName = full;
            e.unsafeName = unsafeNameReason(name);
            struct stat st {};
            const QByteArray native = QFile::encodeName(full);
            if (::lstat(native.constData(), &st) != 0) {
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
                walk(full, e.path, visiting);
                visiting.remove(canonicalDir);
            } else if (S_ISREG(st.st_mode)) {
                e.size = st.st_size;
                e.unreadable = ::access(native.constData(), R_OK) != 0;
                m_entries.push_back(std::move(e));
            } else {
                e.special = true;
                m_entries.push_back(std::move(e));
            }
        }
    }

    QString m_root;
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

// KTar would decompress into a temporary tar without noticing a damaged or truncated stream, and
// then offer a partial build. Decompressing here, once, lets a broken download fail loudly.
Result<std::unique_ptr<QTemporaryFile>> decompressTar(const QString& path, KCompressionDevice::CompressionType type, const QString& kind)
{
    KCompressionDevice in(path, type);
    const QString damaged = QStringLiteral("The archive %1 is damaged or truncated (the %2 stream does not decompress completely). "
                                           "Download the CI artifact again.").arg(path, kind);
    if (!in.open(QIODevice::ReadOnly))
        return fail(damaged);
    auto out = std::make_unique<QTemporaryFile>(QDir::tempPath() + QStringLiteral("/slipway-build-XXXXXX.tar"));
    if (!out->open())
        return fail(QStringLiteral("Cannot create a temporary file in %1 to read %2: %3.").arg(QDir::tempPath(), path, out->errorString()));
    QByteArray buf(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = in.read(buf.data(), buf.size());
        if (n < 0 || in.error() != QFileDevice::NoError)
            return fail(damaged);
        if (n == 0)
            break;
        if (out->write(buf.constData(), n) != n)
            return fail(QStringLiteral("Cannot unpack %1 into %2: %3. Free some space there or set TMPDIR.")
                            .arg(path, QDir::tempPath(), out->errorString()));
    }
    if (!in.atEnd() || out->size() == 0)
        return fail(damaged);
    if (!out->flush())
        return fail(damaged);
    return out;
}

qint64 tarNumber(const char* field, int size)
{
    if (static_cast<unsigned char>(field[0]) & 0x80) { // base-256, for sizes past 8 GiB
        quint64 v = 0;
        for (int i = 1; i < size; ++i) {
            if (v >> 55)
                return -1; // more than 63 bits: not a size any real archive holds
            v = (v << 8) | static_cast<unsigned char>(field[i]);
        }
        return static_cast<qint64>(v);
    }
    return QByteArray(field, size).trimmed().split('\0').value(0).trimmed().toLongLong(nullptr, 8);
}

// KArchive drops the leading '/' of absolute tar names before we see them; read the raw headers
// (ustar prefix, GNU long names, pax paths) to report such names instead of quietly moving files.
QStringList absoluteTarNames(const QString& tarPath)
{
    QStringList found;
    QFile f(tarPath);
    if (!f.open(QIODevice::ReadOnly))
        return found;
    QByteArray longName;
    qint64 pos = 0;
    const qint64 fileSize = f.size();
    char h[512];
    while (f.seek(pos) && f.read(h, 512) == 512) {
        if (std::all_of(h, h + 512, [](char c) { return c == 0; }))
            break;
        const qint64 size = tarNumber(h + 124, 12);
        // A damaged header (negative or past-the-end size) must end the walk, not loop on it.
        if (size < 0 || size > fileSize)
            break;
        const char type = h[156];
        QByteArray data;
        if (type == 'L' || type == 'x') {
            if (size > (1 << 20))
                break;
            data = f.read(size);
        }
        if (type == 'L') {
            longName = data.left(data.indexOf('\0') < 0 ? data.size() : data.indexOf('\0'));
        } else if (type == 'x') {
            for (const QByteArray& record : data.split('\n')) {
                const qsizetype eq = record.indexOf("path=");
                if (eq > 0 && record.at(eq - 1) == ' ')
                    longName = record.mid(eq + 5);
            }
        } else if (type != 'g' && type != 'K') {
            QByteArray name = longName;
            if (name.isEmpty()) {
                name = QByteArray(h, int(qstrnlen(h, 100)));
                if (QByteArray(h + 257, 5) == "ustar" && h[345]) {
                    name = QByteArray(h + 345, int(qstrnlen(h + 345, 155))) + '/' + name;
                }
            }
            if (name.startsWith('/'))
                found << QFile::decodeName(name);
            longName.clear();
        }
        pos += 512 + (size + 511) / 512 * 512;
    }
    return found;
}

class ArchiveSource final : public BuildSource
{
public:
    ArchiveSource(Kind kind, const QString& path, std::unique_ptr<KArchive> archive, std::unique_ptr<QTemporaryFile> plainTar = {})
        : BuildSource(kind, path), m_plainTar(std::move(plainTar)), m_archive(std::move(archive))
    {
    }

    Status scan()
    {
        if (!m_archive->open(QIODevice::ReadOnly)) {
            const QString why = m_archive->errorString();
            return fail(QStringLiteral("The archive %1 cannot be read: it is damaged, truncated or not a %2 archive%3. "
                                       "Download the CI artifact again.")
                            .arg(m_path, kindName(), why.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(why)));
        }
        const KArchiveDirectory* root = m_archive->directory();
        if (!root)
            return fail(QStringLiteral("The archive %1 has no readable contents.").arg(m_path));
        root = stripSingleTopFolder(root);
        walk(root, QString(), 0);
        sortEntries();
        if (m_kind == Kind::Tar)
            m_rewrittenNames = absoluteTarNames(m_plainTar ? m_plainTar->fileName() : m_path);
        if (m_kind == Kind::Tar && m_archive->device()) {
            // KTar accepts a tar cut short; a file whose data runs past the end means a truncated download.
            const qint64 length = m_archive->device()->size();
            for (const BuildEntry& e : m_entries) {
                const KArchiveEntry* item = e.isDir || e.symlinkEscapes ? nullptr : m_root->entry(e.sourceName);
                if (item && item->isFile()) {
                    const auto* f = static_cast<const KArchiveFile*>(item);
                    if (f->position() + f->size() > length)
                        return fail(QStringLiteral("The archive %1 is truncated (%2 is cut short). Download the CI artifact again.")
                                        .arg(m_path, e.path));
                }
            }
        }
        return Ok{};
    }

    Result<std::unique_ptr<QIODevice>> openFile(const BuildEntry& entry) const override
    {
        const KArchiveEntry* found = m_root->entry(entry.sourceName);
        if (!found || !found->isFile())
            return fail(QStringLiteral("%1 is missing from the archive %2.").arg(entry.path, m_path));
        QIODevice* device = static_cast<const KArchiveFile*>(found)->createDevice();
        if (!device || (!device->isOpen() && !device->open(QIODevice::ReadOnly))) {
            delete device;
            return fail(QStringLiteral("Cannot read %1 from the archive %2: it is damaged or uses an unsupported compression.")
                            .arg(entry.path, m_path));
        }
        return std::unique_ptr<QIODevice>(device);
    }

private:
    const KArchiveDirectory* stripSingleTopFolder(const KArchiveDirectory* root)
    {
        // As devices do: one folder alone at the top (ignoring __MACOSX and dot-names), and no index.html.
        QStringList visible;
        for (const QString& name : root->entries()) {
            if (name != QLatin1String("__MACOSX") && !name.startsWith(QLatin1Char('.')))
                visible << name;
        }
        m_root = root;
        if (visible.size() != 1 || root->entry(QStringLiteral("index.html")))
            return root;
        const KArchiveEntry* only = root->entry(visible.first());
        if (!only || !only->isDirectory() || !only->symLinkTarget().isEmpty())
            return root;
        m_strippedTop = visible.first();
        m_root = static_cast<const KArchiveDirectory*>(only);
        return m_root;
    }

    void walk(const KArchiveDirectory* dir, const QString& prefix, int depth)
    {
        const QStringList names = dir->entries();
        for (const QString& name : names) {
            const KArchiveEntry* item = dir->entry(name);
            if (!item)
                continue;
            BuildEntry e;
            e.path = prefix.isEmpty() ? name : prefix + QLatin1Char('/') + name;
            e.sourceName = e.path;
            e.unsafeName = unsafeNameReason(e.path);
            e.mode = item->permissions() & 07777;
            if (!item->symLinkTarget().isEmpty() && !item->isDirectory()) {
                e.symlinkTarget = item->symLinkTarget();
                // Archive links are resolved lexically inside the build; anything else is refused.
                const QString target = resolveInside(prefix, e.symlinkTarget);
                const KArchiveEntry* t = target.isEmpty() ? nullptr : m_root->entry(target);
                if (!t || !t->isFile() || !t->symLinkTarget().isEmpty()) {
                    e.symlinkEscapes = true;
                } else {
                    e.sourceName = target;
                    e.size = static_cast<const KArchiveFile*>(t)->size();
                }
                m_entries.push_back(std::move(e));
                continue;
            }
            if (item->isDirectory()) {
                e.isDir = true;
                m_entries.push_back(e);
                if (depth < 256)
                    walk(static_cast<const KArchiveDirectory*>(item), e.path, depth + 1);
            } else {
                e.size = static_cast<const KArchiveFile*>(item)->size();
                m_entries.push_back(std::move(e));
            }
        }
    }

    static QString resolveInside(const QString& dir, const QString& target)
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

    std::unique_ptr<QTemporaryFile> m_plainTar; // declared first: the archive reading it goes away before it
    std::unique_ptr<KArchive> m_archive;
    const KArchiveDirectory* m_root = nullptr;
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

QString unsafeNameReason(const QString& name)
{
    if (name.contains(QChar(0)))
        return QStringLiteral("contains a NUL character");
    if (name.contains(QLatin1Char('\\')))
        return QStringLiteral("contains a backslash (devices treat it as a folder separator)");
    if (name.startsWith(QLatin1Char('/')))
        return QStringLiteral("is an absolute path");
    for (const QString& part : name.split(QLatin1Char('/'))) {
        if (part == QLatin1String(".."))
            return QStringLiteral("climbs out of the build with \"..\"");
    }
    return {};
}

Result<std::unique_ptr<BuildSource>> BuildSource::open(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return fail(QStringLiteral("%1 does not exist. Give the build folder (for example dist/) or the CI artifact archive.").arg(path));
    if (info.isDir()) {
        auto folder = std::make_unique<FolderSource>(path);
        if (auto st = folder->scan(); !st)
            return st.error();
        return std::unique_ptr<BuildSource>(std::move(folder));
    }
    if (!info.isReadable())
        return fail(QStringLiteral("%1 cannot be read (permission denied).").arg(path));

    std::unique_ptr<KArchive> archive;
    std::unique_ptr<QTemporaryFile> plainTar;
    Kind kind = Kind::Tar;
    auto compressedTar = [&](KCompressionDevice::CompressionType type, const QString& name) -> Status {
        auto tar = decompressTar(path, type, name);
        if (!tar)
            return tar.error();
        plainTar = std::move(tar.value());
        archive = std::make_unique<KTar>(plainTar->fileName(), QStringLiteral("application/x-tar"));
        return Ok{};
    };
    Status prepared = Ok{};
    switch (sniff(path)) {
    case ArchiveFormat::Zip: archive = std::make_unique<KZip>(path); kind = Kind::Zip; break;
    case ArchiveFormat::SevenZip: archive = std::make_unique<K7Zip>(path); kind = Kind::SevenZip; break;
    case ArchiveFormat::Tar: archive = std::make_unique<KTar>(path, QStringLiteral("application/x-tar")); break;
    case ArchiveFormat::Gzip: prepared = compressedTar(KCompressionDevice::GZip, QStringLiteral("gzip")); break;
    case ArchiveFormat::Bzip2: prepared = compressedTar(KCompressionDevice::BZip2, QStringLiteral("bzip2")); break;
    case ArchiveFormat::Xz: prepared = compressedTar(KCompressionDevice::Xz, QStringLiteral("xz")); break;
    case ArchiveFormat::Zstd: prepared = compressedTar(KCompressionDevice::Zstd, QStringLiteral("zstd")); break;
    case ArchiveFormat::Unknown:
        return fail(QStringLiteral("%1 is neither a folder nor a supported archive (zip, tar, tar.gz, tar.bz2, tar.xz, tar.zst, 7z).")
                        .arg(path));
    }
    if (!prepared)
        return prepared.error();
    auto source = std::make_unique<ArchiveSource>(kind, path, std::move(archive), std::move(plainTar));
    if (auto st = source->scan(); !st)
        return st.error();
    return std::unique_ptr<BuildSource>(std::move(source));
}

} // namespace slipway::bundle
