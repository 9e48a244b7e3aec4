#pragma once

#include "common/Result.h"
#include "common/SecureBytes.h"
#include "crypto/RsaKey.h"

#include <QString>

namespace slipway::release {

// The private key a release signs with, and where it came from.
struct SigningKey
{
    crypto::RsaKey key;
    QString path;
    bool isDefault = false;    // the zero-configuration key under DataLocation/keys
    bool created = false;      // created by this call
    QString permissionWarning; // set when other users can read the key file (as ssh warns)

    // Loads a private key PEM (a Capgo .capgo_key_v2 or an encrypted PKCS#8 with `passphrase`).
    [[nodiscard]] static Result<SigningKey> load(const QString& path, const SecureBytes& passphrase = {});
    // DataLocation/keys/capgo_key_v2 (0600) and capgo_key_v2.pub, created once on first use.
    [[nodiscard]] static Result<SigningKey> loadOrCreateDefault();
    [[nodiscard]] static QString defaultPath();
    // Where the default key goes once protected by a passphrase (KeyPairFiles' names in
    // DataLocation/keys/default/). While it exists no new unprotected default key is ever created.
    [[nodiscard]] static QString protectedDefaultPath();
};

} // namespace slipway::release
