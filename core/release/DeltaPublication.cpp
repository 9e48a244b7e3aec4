#include "release/DeltaPublication.h"

#include "common/BoundedFile.h"
#include "common/ByteSize.h"
#include "common/InputLimits.h"
#include "common/JsonStream.h"
#include "storage/StorageTarget.h"

#include <QDir>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>

namespace slipway::release {

QJsonObject DeltaSaving::toJson() const
{
    return QJsonObject{{QStringLiteral("previous_version"), previousVersion},
                       {QStringLiteral("files"), files},
                       {QStringLiteral("files_to_download"), filesToDownload},
                       {QStringLiteral("bytes_to_download"), bytesToDownload},
                       {QStringLiteral("zip_bytes"), zipBytes}};
}

DeltaSaving DeltaSaving::fromJson(const QJsonObject& json)
{
    DeltaSaving saving;
    saving.previousVersion = json.value(QStringLiteral("previous_version")).toString();
    saving.files = json.value(QStringLiteral("files")).toInteger();
    saving.filesToDownload = json.value(QStringLiteral("files_to_download")).toInteger();
    saving.bytesToDownload = json.value(QStringLiteral("bytes_to_download")).toInteger();
    saving.zipBytes = json.value(QStringLiteral("zip_bytes")).toInteger();
    return saving;
}

QString DeltaSaving::summary() const
{
    if (previousVersion.isEmpty())
        return QStringLiteral("delta of %1 files; a phone without an earlier version downloads %2 (zip: %3)")
            .arg(files)
            .arg(humanByteSize(bytesToDownload), humanByteSize(zipBytes));
    return QStringLiteral("a phone on %1 downloads %2 of %3 files, %4 (zip: %5)")
        .arg(previousVersion)
        .arg(filesToDownload)
        .arg(files)
        .arg(humanByteSize(bytesToDownload), humanByteSize(zipBytes));
}

DeltaPublication::DeltaPublication(bundle::DeltaManifest manifest, QString objectsFolder)
    : m_manifest(std::move(manifest)), m_objectsFolder(std::move(objectsFolder))
{
}

Status DeltaPublication::save(const QString& path, const bundle::DeltaManifest& manifest)
{
    const QJsonObject head{{QStringLiteral("encrypted"), manifest.encrypted}, {QStringLiteral("note"), manifest.note}};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        !writeJsonWithArray(file, head, QStringLiteral("files"), qsizetype(manifest.files.size()),
                            [&](qsizetype i) { return manifest.files[size_t(i)].toJson(); }) ||
        !file.commit())
        return fail(QStringLiteral("Cannot write the delta file list %1: %2").arg(path, file.errorString()));
    return Ok{};
}

Result<bundle::DeltaManifest> DeltaPublication::load(const QString& path)
{
    auto bytes = readBoundedFile(path, limits::ChannelManifestBytes, QStringLiteral("delta file list"));
    if (!bytes)
        return bytes.error();
    const QJsonObject json = QJsonDocument::fromJson(bytes.value()).object();
    bundle::DeltaManifest manifest;
    QString why;
    if (!bundle::DeltaManifest::fromJson(json.value(QStringLiteral("files")).toArray(), manifest, &why))
        return fail(QStringLiteral("The delta file list %1 is damaged: %2.").arg(path, why));
    manifest.encrypted = json.value(QStringLiteral("encrypted")).toBool();
    manifest.note = json.value(QStringLiteral("note")).toString();
    return manifest;
}

QString DeltaPublication::objectKey(const bundle::ManifestFile& file, const QString& appId, const QString& version,
                                    const QString& bundleShortHash) const
{
    if (!m_manifest.encrypted)
        return QStringLiteral("%1/files/%2").arg(appId, file.objectName);
    return QStringLiteral("%1/%2/files-%3/%4").arg(appId, version, bundleShortHash, file.objectName);
}

QJsonArray DeltaPublication::entries(const storage::StorageTarget& target, const QString& appId, const QString& version,
                                     const QString& bundleShortHash) const
{
    QJsonArray entries;
    for (const bundle::ManifestFile& file : m_manifest.files)
        entries.append(QJsonObject{
            {QStringLiteral("file_name"), file.fileName},
            {QStringLiteral("file_hash"), QString::fromLatin1(file.fileHash)},
            {QStringLiteral("download_url"),
             target.publicUrl(objectKey(file, appId, version, bundleShortHash)).toString(QUrl::FullyEncoded)},
            {QStringLiteral("sha256"), file.sha256Hex},
            {QStringLiteral("size"), file.size},
            {QStringLiteral("object_size"), file.objectSize}});
    return entries;
}

Result<storage::ObjectSetUpload::Report> DeltaPublication::upload(storage::StorageTarget& target, const QString& appId,
                                                                  const QString& version,
                                                                  const QString& bundleShortHash,
                                                                  const QString& journalPath,
                                                                  const ProgressFn& progress, int parallel) const
{
    QList<storage::ObjectUpload> objects;
    QSet<QString> queued;
    for (const bundle::ManifestFile& file : m_manifest.files) {
        const QString key = objectKey(file, appId, version, bundleShortHash);
        if (!queued.contains(key)) {
            queued.insert(key);
            objects.append(storage::ObjectUpload{QDir(m_objectsFolder).filePath(file.objectName), key,
                                                 storage::SourceFile::Immutable});
        }
    }
    auto sent = storage::ObjectSetUpload(target, parallel, journalPath).run(objects, progress);
    if (!sent)
        return fail(QStringLiteral("Uploading the delta objects failed: %1").arg(sent.error().message));
    return sent;
}

DeltaSaving DeltaPublication::saving(const QJsonArray& entries, const QJsonObject& previousRelease, qint64 zipBytes)
{
    DeltaSaving saving;
    saving.zipBytes = zipBytes;
    saving.files = entries.size();
    QSet<QString> held; // what the phone's cache holds after the previous version (files by SHA-256)
    const QJsonArray previous = previousRelease.value(QStringLiteral("manifest")).toArray();
    if (!previous.isEmpty())
        saving.previousVersion = previousRelease.value(QStringLiteral("version")).toString();
    for (const auto& entry : previous)
        held.insert(entry.toObject().value(QStringLiteral("sha256")).toString());
    for (const auto& value : entries) {
        const QJsonObject entry = value.toObject();
        if (held.contains(entry.value(QStringLiteral("sha256")).toString()))
            continue;
        ++saving.filesToDownload;
        saving.bytesToDownload += entry.value(QStringLiteral("object_size")).toInteger();
    }
    return saving;
}

} // namespace slipway::release
