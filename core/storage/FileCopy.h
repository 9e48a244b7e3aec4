#pragma once

#include "common/Progress.h"
#include "common/Result.h"

#include <QByteArray>
#include <QString>

namespace slipway::storage {

// Copies a file to a destination through a temporary sibling, hashing the bytes on the way, then
// re-reads the temporary file, compares SHA-256 and renames it atomically onto the destination.
// Shared by the folder target (upload) and by every target's download. The temporary file is locked
// while in use; a copy first removes the unlocked ones earlier copies to the same destination left
// (a process killed mid-copy), so a resumed upload leaves no `.part` file behind.
class FileCopy
{
public:
    // `what` names the destination in messages ("the folder /srv/bundles"). Returns the SHA-256 (raw).
    [[nodiscard]] static Result<QByteArray> copyVerified(const QString& source, const QString& destination,
                                                         const ProgressFn& progress, const QString& what);
    // A unique hidden temporary path next to `destination`.
    [[nodiscard]] static QString temporarySibling(const QString& destination);
    // Publishes `source` at `destination` under a second name (link(2), then an atomic rename), its data made
    // durable first: the two names are one file, so nothing is copied or read back. False when the file
    // system cannot link there (another file system, no hard links): copy instead.
    // Flush::Later leaves the flushes (the file's data, then the folder's new name) to the caller, who flushes a
    // whole set at once (FolderStorage::endObjectSet).
    enum class Flush { Now, Later };
    [[nodiscard]] static Result<bool> linkInto(const QString& source, const QString& destination, const QString& what,
                                               Flush flush = Flush::Now);
    // rename(2): atomic, replaces an existing destination; with Flush::Now the folder is flushed after it.
    [[nodiscard]] static Status replace(const QString& from, const QString& to, Flush flush = Flush::Now);
};

} // namespace slipway::storage
