#pragma once

#include "common/Progress.h"
#include "common/Result.h"

#include <QDateTime>
#include <QString>
#include <QUrl>

namespace slipway::storage {

struct StoredObject
{
    QString key;
    qint64 size = -1;
    QString etag;
    QDateTime modified;
};

// Where bundles and channel manifests are published: a local folder, S3-compatible storage,
// WebDAV/HTTP or SFTP. Keys are '/'-separated paths relative to the target's root or prefix.
class StorageTarget
{
public:
    virtual ~StorageTarget() = default;

    // A short human description ("folder /srv/bundles", "s3://releases/app on 127.0.0.1:17480").
    [[nodiscard]] virtual QString describe() const = 0;
    // Uploads `localPath` to `key` with progress, cancellation (progress returns false) and retries,
    // then checks what landed (SHA-256 read back, or size+ETag where that proves the bytes).
    // Nothing is left at `key` when the upload fails or is cancelled.
    [[nodiscard]] virtual Status upload(const QString& localPath, const QString& key, const ProgressFn& progress = {}) = 0;
    [[nodiscard]] virtual Result<StoredObject> stat(const QString& key) = 0;
    [[nodiscard]] virtual Result<bool> exists(const QString& key) = 0;
    [[nodiscard]] virtual Status remove(const QString& key) = 0;
    // Downloads `key` to `localPath` (written atomically).
    [[nodiscard]] virtual Status download(const QString& key, const QString& localPath, const ProgressFn& progress = {}) = 0;
    // The URL a device downloads `key` from (the configured public base URL when there is one).
    [[nodiscard]] virtual QUrl publicUrl(const QString& key) const = 0;
};

} // namespace slipway::storage
