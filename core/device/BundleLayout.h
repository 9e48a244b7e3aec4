#pragma once

#include "common/Result.h"
#include "device/ZipDirectory.h"

#include <QString>
#include <QStringList>

namespace slipway::device {

// The plugin's rules for the files of a downloaded bundle, on Android and iOS alike: unsafe or ambiguous
// names are refused, a single top folder without a root index.html becomes the root, and the root must
// hold index.html.
class BundleLayout
{
public:
    // Why a phone refuses this entry name, or an empty string when it accepts it. Any ".." part is refused:
    // Android 14+ (apps targeting API 34) throws on it even when it stays inside the bundle.
    [[nodiscard]] static QString unsafeNameReason(const QByteArray& rawName);
    // Every entry's name, its encoding and its type, then whether two entries land on the same file on a phone
    // (case-insensitive and Unicode-normalised as on iOS; "./" and "//" collapse) or a file is also a folder.
    [[nodiscard]] static Status checkEntries(const QList<ZipEntry>& entries);
    // The folder prefix a phone strips ("" or "dist/"), or an error when it would reject the bundle.
    [[nodiscard]] static Result<QString> resolveRoot(const QList<ZipEntry>& entries);
};

} // namespace slipway::device
