#pragma once

#include <QString>

namespace slipway::crypto {

// The pending OpenSSL error queue as one line (and the queue cleared), for diagnostics.
QString takeOpenSslError();

} // namespace slipway::crypto
