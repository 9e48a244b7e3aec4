#pragma once

#include "common/Result.h"
#include "crypto/RsaKey.h"

#include <QString>

namespace slipway::cli {

// Loads a key file for a command. A passphrase-protected private key is unlocked with
// $SLIPWAY_KEY_PASSPHRASE, or a passphrase typed at the terminal when there is one.
[[nodiscard]] Result<crypto::RsaKey> loadKey(const QString& path);
// A private key that can sign Capgo bundles (RSA-2048).
[[nodiscard]] Result<crypto::RsaKey> loadSigningKey(const QString& path);
// The public half of whatever key file was given (devices hold only the public key).
[[nodiscard]] Result<crypto::RsaKey> loadVerifyingKey(const QString& path);
// A new passphrase from $SLIPWAY_KEY_PASSPHRASE or typed twice at the terminal; empty when none is available.
[[nodiscard]] Result<SecureBytes> newPassphrase();
// A secret piped on standard input (an API key, a storage password), trailing newlines removed; refused
// when empty or larger than limits::SecretBytes. `option` names the flag in the messages.
[[nodiscard]] Result<SecureBytes> readSecretFromStdin(const QString& option);

} // namespace slipway::cli
