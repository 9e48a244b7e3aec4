#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>

namespace slipway {

// Reads a whole small file (a key, a config, a manifest) of at most maxBytes. Only regular files are
// read: a FIFO, device or socket (also behind a symlink) is refused at once instead of blocking or
// reading forever. `what` names the file in the messages ("key file", "release plan").
[[nodiscard]] Result<QByteArray> readBoundedFile(const QString& path, qint64 maxBytes, const QString& what);
// The same, into `bytes` (replacing what it held), reusing its capacity.
[[nodiscard]] Status readBoundedFileInto(const QString& path, qint64 maxBytes, const QString& what, QByteArray& bytes);

} // namespace slipway
