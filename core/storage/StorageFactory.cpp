#include "storage/StorageFactory.h"

#include "storage/FolderStorage.h"
#include "storage/StorageProfile.h"

namespace slipway::storage {

Result<std::unique_ptr<StorageTarget>> openStorage(const QString& profileNameOrUrl)
{
    Result<StorageProfile> profile = profileNameOrUrl.contains(QLatin1String("://"))
                                         ? StorageProfile::fromUrl(QString(), profileNameOrUrl)
                                         : StorageProfileStore::find(profileNameOrUrl);
    if (!profile)
        return profile.error();
    const StorageProfile& p = profile.value();
    switch (p.kind()) {
    case StorageKind::Folder:
        return std::unique_ptr<StorageTarget>(std::make_unique<FolderStorage>(p.url.toLocalFile(), p.publicBaseUrl));
    default:
        break;
    }
    return fail(QStringLiteral("This storage kind is not available yet."));
}

} // namespace slipway::storage
