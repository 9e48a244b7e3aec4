#pragma once

#include "common/Result.h"
#include "device/ZipDirectory.h"

#include <QString>
#include <QStringList>

namespace slipway::device {

// The plugin's rules for the entries of a downloaded bundle: unsafe names are refused, a single
// top folder (ignoring __MACOSX and dot-names) without a root index.html becomes the root, and the
// root must hold index.html.
class BundleLayout
{
public:
    // Why a phone refuses this entry name, or an empty string when it accepts it.
    [[nodiscard]] static QString unsafeNameReason(const QByteArray& rawName);
    // The folder prefix a phone strips ("" or "dist/"), or an error when it would reject the bundle.
    [[nodiscard]] static Result<QString> resolveRoot(const QList<ZipEntry>& entries);
};

} // namespace slipway::device
