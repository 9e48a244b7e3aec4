#include "storage/StorageFactory.h"

#include "common/DataLocation.h"

#include "storage/FolderStorage.h"
#include "storage/S3Storage.h"
#include "storage/SftpStorage.h"
#include "storage/StorageProfile.h"
#include "storage/StorageSecrets.h"
#include "storage/WebDavStorage.h"

namespace slipway::storage {

namespace {

S3Location s3LocationOf(const StorageProfile& p)
{
    S3Location location;
    location.bucket = p.url.host();
    location.prefix = p.url.path();
    location.region = p.option(QStringLiteral("region"));
    if (location.region.isEmpty())
        location.region = qEnvironmentVariable("AWS_REGION", qEnvironmentVariable("AWS_DEFAULT_REGION", QStringLiteral("us-east-1")));
    const QString endpoint = p.option(QStringLiteral("endpoint"));
    const QString style = p.option(QStringLiteral("style"));
    if (endpoint.isEmpty()) {
        location.endpoint = QUrl(QStringLiteral("https://s3.%1.amazonaws.com").arg(location.region));
        // AWS serves DNS-safe bucket names virtual-host style; names with dots break TLS that way.
        location.pathStyle = style.isEmpty() ? location.bucket.contains(QLatin1Char('.')) : style == QLatin1String("path");
    } else {
        location.endpoint = QUrl(endpoint);
        location.pathStyle = style != QLatin1String("virtual");
    }
    return location;
}

} // namespace

Result<std::unique_ptr<StorageTarget>> openProfile(const StorageProfile& p)
{
    auto secrets = StorageSecrets::resolve(p);
    if (!secrets)
        return secrets.error();
    return openProfile(p, std::move(secrets.value()));
}

Result<std::unique_ptr<StorageTarget>> openProfile(const StorageProfile& p, StorageSecrets secrets)
{
    switch (p.kind()) {
    case StorageKind::Folder:
        return std::unique_ptr<StorageTarget>(std::make_unique<FolderStorage>(p.url.toLocalFile(), p.publicBaseUrl));
    case StorageKind::S3:
    {
        auto s3 = std::make_unique<S3Storage>(s3LocationOf(p), std::move(secrets), p.publicBaseUrl, p.name);
        s3->setSignPayload(p.option(QStringLiteral("checksum")) == QLatin1String("sha256"));
        return std::unique_ptr<StorageTarget>(std::move(s3));
    }
    case StorageKind::WebDav:
        return std::unique_ptr<StorageTarget>(std::make_unique<WebDavStorage>(p.url, std::move(secrets), p.publicBaseUrl, p.name));
    case StorageKind::Sftp: {
        QString keyFile = p.option(QStringLiteral("key"));
        if (const QString fromEnv = qEnvironmentVariable("SLIPWAY_SFTP_KEY"); !fromEnv.isEmpty())
            keyFile = fromEnv;
        if (keyFile.isEmpty())
            return fail(QStringLiteral("No SSH key for %1: set SLIPWAY_SFTP_KEY to a private key file (ed25519 or ECDSA) or "
                                       "add key=/path/to/id_ed25519 to the sftp:// URL.")
                            .arg(p.url.toString(QUrl::RemoveQuery)));
        return std::unique_ptr<StorageTarget>(std::make_unique<SftpStorage>(p.url, keyFile, p.option(QStringLiteral("host-key")),
                                                                            std::move(secrets), p.publicBaseUrl));
    }
    }
    return fail(QStringLiteral("Unknown storage kind."));
}

Result<std::unique_ptr<StorageTarget>> openStorage(const QString& profileNameOrUrl)
{
    Result<StorageProfile> profile = profileNameOrUrl.contains(QLatin1String("://"))
                                         ? StorageProfile::fromUrl(QString(), profileNameOrUrl)
                                         : StorageProfileStore::find(profileNameOrUrl);
    if (!profile)
        return profile.error();
    return openProfile(profile.value());
}

Result<std::shared_ptr<StorageTarget>> openReleaseStorage(const QString& profileNameOrUrl)
{
    if (profileNameOrUrl.isEmpty())
        return std::shared_ptr<StorageTarget>(std::make_shared<FolderStorage>(DataLocation::folder(QStringLiteral("storage"))));
    auto opened = openStorage(profileNameOrUrl);
    if (!opened)
        return opened.error();
    return std::shared_ptr<StorageTarget>(std::move(opened).value());
}

} // namespace slipway::storage
