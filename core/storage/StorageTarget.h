#pragma once

#include "common/Progress.h"
#include "common/Result.h"
#include "storage/UploadTransport.h"

#include <QDateTime>
#include <QList>
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

// What a verified upload proved and how it went, for reports and tests.
struct UploadReport
{
    QByteArray sha256;  // raw, of the bytes that were sent and proven
    qint64 size = 0;
    int parts = 0;      // 0 = one request
    int partsResumed = 0;
};

// One local file of a set of objects (the per-file objects of a delta release).
struct ObjectUpload
{
    QString localPath;
    QString key;
    SourceFile source = SourceFile::Transient;
};

// Where bundles and channel manifests are published: a local folder, S3-compatible storage,
// WebDAV/HTTP or SFTP. Keys are '/'-separated paths relative to the target's root or prefix. Each
// kind says how it stages, proves and publishes an upload (UploadTransport, used from several
// threads at once); VerifiedUpload is the one routine that drives them.
class StorageTarget : protected UploadTransport
{
public:
    // Error code of stat() when the key holds nothing.
    static constexpr int NotFound = 4;

    // A short human description ("folder /srv/bundles", "s3://releases/app on 127.0.0.1:17480").
    [[nodiscard]] QString describe() const override = 0;
    // Uploads `localPath` to `key` with progress (bytes on the wire), cancellation (progress returns
    // false) and retries, then proves what landed (SHA-256 read back, or size+ETag where that proves
    // the bytes). Nothing is left at `key` when the upload fails or is cancelled.
    [[nodiscard]] Status upload(const QString& localPath, const QString& key, const ProgressFn& progress = {});
    // The same, reporting what was proven. `stagingToken` names the temporary file (ObjectSetUpload).
    [[nodiscard]] Result<UploadReport> uploadFile(const QString& localPath, const QString& key, const ProgressFn& progress = {},
                                                  const QString& stagingToken = {},
                                                  SourceFile source = SourceFile::Transient);
    [[nodiscard]] virtual Result<StoredObject> stat(const QString& key) = 0;
    [[nodiscard]] Result<bool> exists(const QString& key);
    [[nodiscard]] virtual Status remove(const QString& key) = 0;
    // Downloads `key` to `localPath` (written atomically).
    [[nodiscard]] virtual Status download(const QString& key, const QString& localPath, const ProgressFn& progress = {}) = 0;
    // The URL a device downloads `key` from (the configured public base URL when there is one).
    [[nodiscard]] virtual QUrl publicUrl(const QString& key) const = 0;
    // A set of objects (ObjectSetUpload) may be flushed to disk once at its end rather than object by object:
    // after beginObjectSet() an object may land without its own flush; endObjectSet() makes every one of them
    // durable, or fails. Targets that flush nothing themselves (the servers) do nothing.
    virtual void beginObjectSet() {}
    [[nodiscard]] virtual Status endObjectSet() { return Ok{}; }
};

} // namespace slipway::storage
