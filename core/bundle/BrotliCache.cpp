#include "bundle/BrotliCache.h"

#include "bundle/ManifestEncoder.h"
#include "common/BoundedFile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QtEndian>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <vector>

#include <fcntl.h>
#include <libdeflate.h>
#include <sys/stat.h>

namespace slipway::bundle {

namespace {

// "SBR2", one flag byte (1: brotli pays), the CRC-32 of what follows (little-endian), the brotli bytes. The CRC finds
// a torn or damaged entry; a forged one cannot ship either, since the release's verify step decodes every object
// and compares it with the zip.
const QByteArray Magic = QByteArrayLiteral("SBR2");
constexpr qsizetype HeaderBytes = 4 + 1 + 4;

QByteArray crc32Of(QByteArrayView bytes)
{
    const auto crc = quint32(libdeflate_crc32(0, bytes.data(), size_t(bytes.size())));
    QByteArray le(4, Qt::Uninitialized);
    qToLittleEndian(crc, le.data());
    return le;
}

} // namespace

BrotliCache::BrotliCache(QString folder, qint64 capacityBytes) : m_folder(std::move(folder)), m_capacity(capacityBytes)
{
}

QString BrotliCache::pathOf(const QByteArray& sha256, int quality) const
{
    return QDir(m_folder).filePath(QStringLiteral("%1-q%2").arg(QString::fromLatin1(sha256.toHex())).arg(quality));
}

std::optional<bool> BrotliCache::find(const QByteArray& sha256, int quality, QByteArray& into) const
{
    const QString path = pathOf(sha256, quality);
    // A whole file's brotli form is never larger than the file plus brotli's few bytes of framing.
    if (!readBoundedFileInto(path, HeaderBytes + ManifestEncoder::WholeLimit + qint64{64} * 1024,
                             QStringLiteral("brotli cache entry"), into) ||
        into.size() < HeaderBytes || !into.startsWith(Magic))
        return std::nullopt;
    const QByteArrayView payload = QByteArrayView(into).sliced(HeaderBytes);
    if (crc32Of(payload) != QByteArrayView(into).sliced(5, 4))
        return std::nullopt;
    (void)::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), nullptr, 0); // recently used: now
    const bool pays = into.at(4) == 1;
    // Moved down within the buffer (not QByteArray::remove, which would leave the room at its front unusable).
    std::memmove(into.data(), payload.data(), size_t(payload.size()));
    into.resize(payload.size());
    return pays;
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
    header += crc32Of(payload);
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
