#pragma once

#include "common/Progress.h"
#include "common/Result.h"
#include "device/ZipDirectory.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace slipway::device {

// Reads a zip front to back as Android's java.util.zip.ZipInputStream does in the plugin's unzip: local
// header after local header from byte 0 until something else starts, every entry inflated (bounded
// memory: only a read buffer and zlib's window), its CRC-32 and sizes checked against what its headers
// (or data descriptor) declare. It also requires Android to meet exactly the entries of `listing`, the
// central directory iOS extracts, with the same names, methods, CRCs and sizes: otherwise the two
// phones would install different files.
class AndroidZipStream
{
public:
    // Fails on the first entry Android's reader would stop at, or which it would install differently from
    // iOS, naming the entry and what to do. `progress` gets the bytes read of the zip's size.
    // With `contentSha256`, also the SHA-256 of each file's content as inflated, by entry name.
    [[nodiscard]] static Status check(const QString& zipPath, const ZipListing& listing,
                                      const ProgressFn& progress = {},
                                      QHash<QString, QByteArray>* contentSha256 = nullptr);
};

} // namespace slipway::device
