#pragma once

#include "common/Result.h"

#include <QString>

namespace slipway {

// A size for people to read, in binary units ("512 bytes", "1.5 KiB", "200.0 MiB"); the same in every locale,
// so logs and the history read alike everywhere.
[[nodiscard]] QString humanByteSize(qint64 bytes);
// A size typed by a person: "1048576", "512K", "64M", "3G", "1T" (binary units; "3GiB" and "3GB" read as 3G).
[[nodiscard]] Result<qint64> parseByteSize(const QString& text);

} // namespace slipway
