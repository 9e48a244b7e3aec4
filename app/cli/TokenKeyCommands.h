#pragma once

#include <QString>

namespace slipway::cli {

// `key create --pkcs11 URI`: an RSA-2048 key pair generated on the token; only the Capgo public file
// (.capgo_key_v2.pub) is written to `folder`.
[[nodiscard]] int createKeyOnToken(const QString& text, const QString& folder, bool force, const QString& capacitorConfig,
                                   bool json);
// `key inspect URI`: the token and the key (no PIN needed).
[[nodiscard]] int inspectKeyOnToken(const QString& text, bool json);

} // namespace slipway::cli
