#pragma once

#include "common/Result.h"
#include "crypto/BlockSigner.h"
#include "crypto/RsaKey.h"

#include <QString>

namespace slipway::cli {

// Loads a key file for a command. A passphrase-protected private key is unlocked with
// $SLIPWAY_KEY_PASSPHRASE, or a passphrase typed at the terminal when there is one.
[[nodiscard]] Result<crypto::RsaKey> loadKey(const QString& path);
// A private key that can sign Capgo bundles (RSA-2048): a key file, or a key on a token named by a
// PKCS#11 URI ("pkcs11:token=...;object=...") whose PIN comes from tokenPin().
[[nodiscard]] Result<crypto::SignerPtr> loadSigningKey(const QString& pathOrUri);
// The PIN for the token a URI names: $SLIPWAY_PKCS11_PIN, the OS keychain, or typed at the terminal
// (no echo). Empty when none is available (the token then says it needs one).
[[nodiscard]] SecureBytes tokenPin(const QString& uri);
// The public half of whatever key file was given (devices hold only the public key).
[[nodiscard]] Result<crypto::RsaKey> loadVerifyingKey(const QString& path);
// A new passphrase from $SLIPWAY_KEY_PASSPHRASE or typed twice at the terminal; empty when none is available.
[[nodiscard]] Result<SecureBytes> newPassphrase();
// A secret piped on standard input (an API key, a storage password), trailing newlines removed; refused
// when empty or larger than limits::SecretBytes. `option` names the flag in the messages.
[[nodiscard]] Result<SecureBytes> readSecretFromStdin(const QString& option);

} // namespace slipway::cli
