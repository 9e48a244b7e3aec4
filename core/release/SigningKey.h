#pragma once

#include "common/Result.h"
#include "common/SecureBytes.h"
#include "crypto/BlockSigner.h"
#include "crypto/RsaKey.h"

#include <QString>

#include <functional>

namespace slipway::release {

// The private key a release signs with, and where it came from.
struct SigningKey
{
    crypto::RsaKey key;        // the private key of a key file; only the public half for a token key
    crypto::SignerPtr signer;  // what signs: the key file or the token (the runner never asks which)
    QString path;              // the key file, or the PKCS#11 URI of a token key
    bool isDefault = false;    // the zero-configuration key under DataLocation/keys
    bool created = false;      // created by this call
    QString permissionWarning; // set when other users can read the key file (as ssh warns)

    // Gives a token's PIN: a dialog's answer, Pkcs11Signer::storedPin, a terminal prompt. Empty: none.
    using PinSource = std::function<SecureBytes(const QString& keyUri)>;

    // Loads a private key PEM (a Capgo .capgo_key_v2 or an encrypted PKCS#8 with `passphrase`), or opens
    // the token key a PKCS#11 URI names (the passphrase is never tried as a PIN: one wrong PIN counts).
    [[nodiscard]] static Result<SigningKey> load(const QString& path, const SecureBytes& passphrase = {},
                                                 const PinSource& pin = {});
    [[nodiscard]] bool onToken() const { return path.startsWith(QLatin1String("pkcs11:")); }
    // DataLocation/keys/capgo_key_v2 (0600) and capgo_key_v2.pub, created once on first use.
    [[nodiscard]] static Result<SigningKey> loadOrCreateDefault();
    [[nodiscard]] static QString defaultPath();
    // Where the default key goes once protected by a passphrase (KeyPairFiles' names in
    // DataLocation/keys/default/). While it exists no new unprotected default key is ever created.
    [[nodiscard]] static QString protectedDefaultPath();
};

} // namespace slipway::release
