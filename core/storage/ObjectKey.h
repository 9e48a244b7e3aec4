#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace slipway::storage {

// Object keys are '/'-separated relative paths ("bundles/1.2.0 été.zip"). The same rules hold for
// every target kind, so a release publishes identically to a folder, a bucket or a WebDAV share.
class ObjectKey
{
public:
    // Refuses empty keys, absolute paths, "." or ".." segments, empty segments and control characters.
    [[nodiscard]] static Status validate(const QString& key);
    // RFC 3986 percent-encoding of every byte except unreserved characters and (when keepSlash) '/'.
    [[nodiscard]] static QByteArray encode(const QString& text, bool keepSlash = true);
    // base + "/" + encoded key, for public URLs (a CDN or a web server in front of the target).
    [[nodiscard]] static QUrl appendTo(const QUrl& base, const QString& key);
    // prefix joined to key with exactly one '/', prefix may be empty.
    [[nodiscard]] static QString join(const QString& prefix, const QString& key);
};

} // namespace slipway::storage
