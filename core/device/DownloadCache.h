#pragma once

#include "common/Result.h"

#include <QString>

namespace slipway::device {

// The plugin's delta cache (Android cache/capgo_downloads, iOS Library/Caches): every file it installed,
// named {sha256}_{basename}, read before downloading a manifest file and filled after a manifest download
// and (from 8.42.4) after a zip install. The plugin checks a cached file's SHA-256 before reusing it.
class DownloadCache
{
public:
    explicit DownloadCache(QString dir) : m_dir(std::move(dir)) {}
    [[nodiscard]] bool isEnabled() const { return !m_dir.isEmpty(); }

    [[nodiscard]] static QString fileName(const QString& sha256Hex, const QString& path);
    // A cached copy of `path` (and, for a ".br" name, the plugin's older naming after `fileName`) whose bytes
    // hash to `sha256Hex`; empty when there is none.
    [[nodiscard]] QString find(const QString& sha256Hex, const QString& path, const QString& fileName = {}) const;
    // Copies `source` in as {sha256Hex}_{basename of path}, through a temporary name.
    [[nodiscard]] Status store(const QString& sha256Hex, const QString& path, const QString& source) const;
    // True when `file` is a regular file of at most limits::ManifestFileBytes whose SHA-256 is `sha256Hex`.
    [[nodiscard]] static bool holds(const QString& file, const QString& sha256Hex);

private:
    QString m_dir;
};

} // namespace slipway::device
