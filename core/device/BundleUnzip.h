#pragma once

#include "common/Progress.h"
#include "common/Result.h"

#include <QList>
#include <QString>

namespace slipway::device {

// One file of an unpacked bundle.
struct UnpackedFile
{
    QString path; // relative to the bundle root
    QString sha256Hex;
    qint64 size = 0;
};

// Unpacks a verified bundle zip the way the phone lays it out, with QuaZip (minizip): an unzip independent of
// Slipway's own zip writer and of the device verifier's readers. Only the files under `root` (the folder
// holding index.html, "" for the zip root) are written, relative to it; every CRC-32 is checked, names follow
// the manifest path rules, and the total stays within limits::BundleUnpackedBytes. An empty `outFolder` only reads
// and hashes.
class BundleUnzip
{
public:
    [[nodiscard]] static Result<QList<UnpackedFile>> extract(const QString& zipPath, const QString& root,
                                                             const QString& outFolder, const ProgressFn& progress = {});
};

} // namespace slipway::device
