#pragma once

#include "common/Result.h"
#include "common/SecureBytes.h"
#include "crypto/RsaKey.h"

#include <QString>

namespace slipway::crypto {

struct KeyPairPaths
{
    QString privatePath;
    QString publicPath;
    bool passphraseProtected = false;
};

// Capgo's key files: `.capgo_key_v2` (PKCS#1 private, 0600) and `.capgo_key_v2.pub` (PKCS#1 public).
// A passphrase-protected private key goes to `.capgo_key_v2.enc` (encrypted PKCS#8) instead, so that
// Capgo's CLI never mistakes it for its plain format.
class KeyPairFiles
{
public:
    static inline const QString PrivateFileName = QStringLiteral(".capgo_key_v2");
    static inline const QString ProtectedFileName = QStringLiteral(".capgo_key_v2.enc");
    static inline const QString PublicFileName = QStringLiteral(".capgo_key_v2.pub");

    // Refuses to replace existing key files unless `force`; writes atomically.
    [[nodiscard]] static Result<KeyPairPaths> write(const RsaKey& privateKey, const QString& folder, bool force,
                                                    const SecureBytes& passphrase = {});
    // Writes the private key in Capgo's plain PKCS#1 format (an explicit export of a protected key).
    [[nodiscard]] static Status exportPlainPrivate(const RsaKey& privateKey, const QString& path, bool force);
    // A warning when other users may read or write the private key file at `path` (as ssh warns), else empty.
    [[nodiscard]] static QString permissionWarning(const QString& path);
    // Writes `bytes` to `path` atomically with the given Unix mode (0600 for secrets).
    [[nodiscard]] static Status writeFileAtomically(const QString& path, const QByteArray& bytes, int mode);
};

} // namespace slipway::crypto
