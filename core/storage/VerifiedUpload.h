#pragma once

#include "storage/StorageTarget.h"

namespace slipway::storage {

class UploadTransport;

// The one upload routine of every target: stage the bytes (hashing them as they go), prove what
// landed, publish it at the key, and remove what a failure or a cancel left behind.
class VerifiedUpload
{
public:
    [[nodiscard]] static Result<UploadReport> run(UploadTransport& transport, const QString& localPath, const QString& key,
                                                  const ProgressFn& progress, const QString& stagingToken = {},
                                                  SourceFile source = SourceFile::Transient);
};

} // namespace slipway::storage
