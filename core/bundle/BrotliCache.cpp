#include "bundle/BrotliCache.h"

#include "bundle/ManifestEncoder.h"
#include "common/BoundedFile.h"
#include "crypto/Sha256.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <mutex>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>

namespace slipway::bundle {

namespace {

// "SBR1", one flag byte (1: brotli pays), the SHA-256 of what follows, the brotli bytes.
const QByteArray Magic = QByteArrayLiteral("SBR1");
constexpr qsizetype HeaderBytes = 4 + 1 + 32;

} // namespace

BrotliCache::BrotliCache(QString folder, qint64 capacityBytes) : m_folder(std::move(folder)), m_capacity(capacityBytes)
{
}

QString BrotliCache::pathOf(const QByteArray& sha256, int quality) const
{
    return QDir(m_folder).filePath(QStringLiteral("%1-q%2").arg(QString::fromLatin1(sha256.toHex())).arg(quality));
}

std::optional<BrotliCache::Entry> BrotliCache::find(const QByteArray& sha256, int quality) const
{
    const QString path = pathOf(sha256, quality);
    if (!QFileInfo::exists(path))
        return std::nullopt;
    // A whole file's brotli form is never larger than the file plus brotli's few bytes of framing.
    auto bytes = readBoundedFile(path, HeaderBytes + ManifestEncoder::WholeLimit + qint64{64} * 1024, QStringLiteral("brotli cache entry"));
    if (!bytes || bytes->size() < HeaderBytes || !bytes->startsWith(Magic))
        return std::nullopt;
    const QByteArrayView payload = QByteArrayView(bytes.value()).sliced(HeaderBytes);
    if (crypto::Sha256::of(payload.toByteArray()) != bytes->mid(5, 32))
        return std::nullopt;
    (void)::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), nullptr, 0); // recently used: now
    return Entry{bytes->at(4) == 1, payload.toByteArray()};
}

void BrotliCache::remember(const QByteArray& sha256, int quality, const Entry& entry) const
{
    // The entries are the build's own files (compressed, never encrypted): the owner's only, like the build.
    std::call_once(m_created, [this] {
        if (QDir().mkpath(m_folder))
            QFile::setPermissions(m_folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    });
    QSaveFile file(pathOf(sha256, quality));
    file.setDirectWriteFallback(false);
    if (!file.open(QIODevice::WriteOnly))
        return;
    const QByteArray payload = entry.pays ? entry.compressed : QByteArray();
    QByteArray header = Magic;
    header += char(entry.pays ? 1 : 0);
    header += crypto::Sha256::of(payload);
    if (file.write(header) != header.size() || file.write(payload) != payload.size()) {
        file.cancelWriting();
        return;
    }
    (void)file.commit(); // no fsync needed: a torn entry fails its checksum and is compressed again
}

void BrotliCache::prune() const
{
    struct Found
    {
        QString path;
        qint64 size;
        QDateTime used;
    };
    std::vector<Found> entries;
    qint64 total = 0;
    const QFileInfoList infos = QDir(m_folder).entryInfoList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
    const QDateTime stale = QDateTime::currentDateTimeUtc().addSecs(-3600);
    for (const QFileInfo& info : infos) {
        // QSaveFile's temporary names end in a random suffix after the entry's name; an hour old means interrupted.
        if (info.fileName().contains(QLatin1Char('.')) && info.lastModified() < stale) {
            QFile::remove(info.filePath());
            continue;
        }
        entries.push_back({info.filePath(), info.size(), info.lastModified()});
        total += info.size();
    }
    if (total <= m_capacity)
        return;
    std::sort(entries.begin(), entries.end(), [](const Found& a, const Found& b) { return a.used < b.used; });
    for (const Found& e : entries) {
        if (total <= m_capacity)
            break;
        if (QFile::remove(e.path))
            total -= e.size;
    }
}

} // namespace slipway::bundle
