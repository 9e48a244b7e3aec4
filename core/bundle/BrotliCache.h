#pragma once

#include <QByteArray>
#include <QString>

#include <mutex>
#include <optional>

namespace slipway::bundle {

// The brotli forms of build files, by the SHA-256 of the file and the quality, kept between releases: a
// release that changes one file of thousands compresses one file. Each entry carries the CRC-32 of its own
// bytes, so a damaged entry is compressed again, never shipped. Bounded: prune() removes the least recently
// used entries beyond the capacity. Safe from several threads and processes (entries are written whole
// under a temporary name and renamed). A cache that cannot be read or written only costs time.
class BrotliCache
{
public:
    // The outcome for one file: its brotli bytes, or that brotli did not pay (stored as it is).
    struct Entry
    {
        bool pays = false;
        QByteArray compressed;
    };

    explicit BrotliCache(QString folder, qint64 capacityBytes);

    // Whether brotli pays for the file, its form then in `into` (whose capacity is reused); nullopt when not known.
    [[nodiscard]] std::optional<bool> find(const QByteArray& sha256, int quality, QByteArray& into) const;
    void remember(const QByteArray& sha256, int quality, const Entry& entry) const;
    // Removes the least recently used entries (and leftovers of interrupted writes) until the rest fit.
    void prune() const;
    [[nodiscard]] const QString& folder() const { return m_folder; }

private:
    [[nodiscard]] QString pathOf(const QByteArray& sha256, int quality) const;

    QString m_folder;
    qint64 m_capacity;
    mutable std::once_flag m_created;
};

} // namespace slipway::bundle
