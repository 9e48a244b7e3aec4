#pragma once

#include "common/Progress.h"
#include "common/Result.h"
#include "storage/CurlRequest.h"

#include <functional>

namespace slipway::storage {

struct StagedUpload;

// The byte-moving half of the network targets: a PUT that hashes the file's bytes as they go to the
// server, a read-back that hashes what the server returns without storing it, and a download that
// replaces the local file only once it arrived whole.
class StreamedTransfer
{
public:
    // Sets up a request for the target (authentication, host key, options) before it is performed.
    using Prepare = std::function<void(CurlRequest&)>;
    // The target's words for a failed request.
    using Explain = std::function<Error(const CurlRequest::Outcome& outcome, int attempts)>;
    // What a finished download must also satisfy before it replaces the local file.
    using Check = std::function<Status(const CurlRequest::Outcome& outcome, const QString& downloadedPath)>;

    // Streams upload.localPath to `url` with retries; upload.sha256 is the SHA-256 of the bytes sent
    // by the last attempt. `cancelled` is set when progress asked to stop.
    [[nodiscard]] static CurlRequest::Outcome put(const QByteArray& url, const Prepare& prepare, StagedUpload& upload,
                                                  const ProgressFn& progress, bool* cancelled, int* attempts);
    // Reads `url` back; on success `sha256` and `size` describe what the server holds there.
    [[nodiscard]] static CurlRequest::Outcome readBack(const QByteArray& url, const Prepare& prepare, QByteArray* sha256,
                                                       qint64* size, int* attempts);
    // Downloads `url` into a temporary sibling of `localPath` and renames it into place.
    [[nodiscard]] static Status download(const QByteArray& url, const Prepare& prepare, const QString& key, const QString& localPath,
                                         const ProgressFn& progress, const Explain& explain, const Check& check = {});
};

} // namespace slipway::storage
