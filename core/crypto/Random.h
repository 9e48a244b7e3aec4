#pragma once

#include "common/SecureBytes.h"

#include <QByteArray>

namespace slipway::crypto {

// Bytes from the operating system's CSPRNG (through OpenSSL).
[[nodiscard]] QByteArray randomBytes(int count);
[[nodiscard]] SecureBytes randomSecret(int count);

} // namespace slipway::crypto
