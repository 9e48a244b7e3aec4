#pragma once

#include "bundle/ManifestFile.h"
#include "common/Progress.h"
#include "common/Result.h"
#include "storage/ObjectSetUpload.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace slipway::storage {
class StorageTarget;
}

namespace slipway::release {

// What a phone on the channel's previous version downloads through the delta, against the whole zip.
struct DeltaSaving
{
    QString previousVersion; // empty: the channel served nothing with a delta before
    qint64 files = 0;        // files in the new release
    qint64 filesToDownload = 0;
    qint64 bytesToDownload = 0;
    qint64 zipBytes = 0;     // what the zip answer costs (the encrypted bundle)
    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static DeltaSaving fromJson(const QJsonObject& json);
    [[nodiscard]] QString summary() const;
};

// The delta half of a release: the file list made in the packaging pass (kept beside the bundle for a
// resume), its objects on the storage target, and the entries the channel manifest records.
//
// Object keys: a plain object is content-addressed, APP/files/SHA256[.br], so an unchanged file is stored
// once across releases; an encrypted one differs with every session key and lives under the release's
// bundle, APP/VERSION/files-SHORTHASH/SHA256[.br].
class DeltaPublication
{
public:
    DeltaPublication(bundle::DeltaManifest manifest, QString objectsFolder);

    [[nodiscard]] static Status save(const QString& path, const bundle::DeltaManifest& manifest);
    [[nodiscard]] static Result<bundle::DeltaManifest> load(const QString& path);

    [[nodiscard]] const bundle::DeltaManifest& manifest() const { return m_manifest; }
    [[nodiscard]] QString objectKey(const bundle::ManifestFile& file, const QString& appId, const QString& version,
                                    const QString& bundleShortHash) const;
    // The channel manifest's entries: each file with its signed hash and the URL of its object on `target`.
    [[nodiscard]] QJsonArray entries(const storage::StorageTarget& target, const QString& appId, const QString& version,
                                     const QString& bundleShortHash) const;
    // Sends every object through the verified upload, `parallel` at a time; the journal lets a resumed release
    // skip the objects an interrupted one proved (the report's `skipped`).
    [[nodiscard]] Result<storage::ObjectSetUpload::Report>
    upload(storage::StorageTarget& target, const QString& appId, const QString& version, const QString& bundleShortHash,
           const QString& journalPath, const ProgressFn& progress, int parallel = ParallelUploads) const;
    // Against the entries the channel served before (its manifest's "manifest", with sha256): what changes.
    [[nodiscard]] static DeltaSaving saving(const QJsonArray& entries, const QJsonObject& previousRelease,
                                            qint64 zipBytes);

    static constexpr int ParallelUploads = 8;

private:
    bundle::DeltaManifest m_manifest;
    QString m_objectsFolder;
};

} // namespace slipway::release
