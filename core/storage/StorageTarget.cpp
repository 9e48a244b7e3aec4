#include "storage/StorageTarget.h"

#include "storage/VerifiedUpload.h"

namespace slipway::storage {

Status StorageTarget::upload(const QString& localPath, const QString& key, const ProgressFn& progress)
{
    auto report = uploadFile(localPath, key, progress);
    if (!report)
        return report.error();
    return Ok{};
}

Result<UploadReport> StorageTarget::uploadFile(const QString& localPath, const QString& key, const ProgressFn& progress,
                                               const QString& stagingToken, SourceFile source)
{
    return VerifiedUpload::run(*this, localPath, key, progress, stagingToken, source);
}

Result<bool> StorageTarget::exists(const QString& key)
{
    auto found = stat(key);
    if (found)
        return true;
    if (found.error().code == NotFound)
        return false;
    return found.error();
}

} // namespace slipway::storage
