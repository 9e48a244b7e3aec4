#pragma once

#include "common/Result.h"
#include "common/SecureBytes.h"
#include "crypto/RsaKey.h"

#include <QList>
#include <QString>

namespace slipway::ui {

// A signing key the desktop knows about: the zero-configuration default key, keys created in the
// app (DataLocation/keys/<name>/) and Capgo key files imported by path. Only public facts are read
// to list them; the private key is opened when a release needs it.
struct KnownKey
{
    QString label;
    QString privatePath;
    QString publicPath;
    bool isDefault = false;
    bool exists = false;
    bool passphraseProtected = false;
    QString keyId;
    QString fingerprint;
};

class KnownKeys
{
public:
    // The default key first (even when it will only be created by the first release).
    [[nodiscard]] static QList<KnownKey> list();
    // Describes one private or public key file (public facts only).
    [[nodiscard]] static KnownKey describe(const QString& path, const QString& label = {});
    // The .pub file beside a private key, or empty.
    [[nodiscard]] static QString publicPathFor(const QString& privatePath);
    // Reads the public half without the passphrase when a .pub file is beside it.
    [[nodiscard]] static Result<crypto::RsaKey> publicKeyFor(const QString& privatePath,
                                                             const SecureBytes& passphrase = {});
    // Creates DataLocation/keys/<name>/ with Capgo's key files (protected when `passphrase` is set).
    [[nodiscard]] static Result<KnownKey> create(const QString& name, const crypto::RsaKey& key,
                                                 const SecureBytes& passphrase);
    [[nodiscard]] static QString keysFolder();
    // Remembers an imported key so that it is listed next time (QSettings, the path only).
    static void rememberImported(const QString& path);
};

} // namespace slipway::ui
