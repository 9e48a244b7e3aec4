#pragma once

#include "common/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

namespace slipway::storage {

enum class StorageKind { Folder, S3, WebDav, Sftp };

// The non-secret description of where releases are published. Options live in the URL's query
// (endpoint, region, style, host-key, key, auth) so a profile and an ad-hoc URL mean the same thing.
struct StorageProfile
{
    QString name;
    QUrl url;
    QUrl publicBaseUrl;

    [[nodiscard]] StorageKind kind() const;
    [[nodiscard]] QString option(const QString& name) const;
    void setOption(const QString& name, const QString& value);
    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<StorageProfile> fromJson(const QJsonObject& object);
    // Parses and checks a storage URL (see StorageFactory.h); refuses passwords inside URLs.
    [[nodiscard]] static Result<StorageProfile> fromUrl(const QString& name, const QString& url,
                                                        const QString& publicBaseUrl = {});
    // Profile names are what the keychain entries and the CLI refer to.
    [[nodiscard]] static Status validateName(const QString& name);
};

// The profiles file (storage-profiles.json under DataLocation::root()): no secrets in it, ever.
class StorageProfileStore
{
public:
    [[nodiscard]] static QString filePath();
    [[nodiscard]] static Result<QList<StorageProfile>> load();
    [[nodiscard]] static Result<StorageProfile> find(const QString& name);
    // Adds or replaces the profile of the same name.
    [[nodiscard]] static Status save(const StorageProfile& profile);
    [[nodiscard]] static Status remove(const QString& name);
};

} // namespace slipway::storage
