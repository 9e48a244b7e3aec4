#pragma once

#include <QString>

namespace slipway {

// A size for people to read, in binary units ("512 bytes", "1.5 KiB", "200.0 MiB"); the same in every locale,
// so logs and the history read alike everywhere.
[[nodiscard]] QString humanByteSize(qint64 bytes);

} // namespace slipway
