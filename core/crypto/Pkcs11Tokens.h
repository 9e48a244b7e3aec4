#pragma once

#include "common/Result.h"
#include "common/SecureBytes.h"
#include "crypto/Pkcs11Uri.h"
#include "crypto/RsaKey.h"

#include <QList>
#include <QString>

namespace slipway::crypto {

// A key on a token, as seen without logging in (its public object).
struct Pkcs11KeyInfo
{
    QString label;
    QString idHex;
    QString algorithm; // "RSA-2048", "RSA-4096", "EC", ...
    bool capgoCompatible = false;
    QString keyId;       // Capgo key_id (RSA only)
    QString fingerprint; // SHA-256 of the DER public key (RSA only)
    QString uri;         // the URI that names exactly this key
    RsaKey publicKey;    // null unless RSA
};

struct Pkcs11TokenInfo
{
    quint64 slotId = 0;
    QString label;
    QString manufacturer;
    QString model;
    QString serial;
    bool pinPad = false;
    QString pinState; // "locked", "final try", "count low" or empty
    QList<Pkcs11KeyInfo> keys;
};

// Listing tokens, inspecting a key, and making a key pair on a token.
class Pkcs11Tokens
{
public:
    // Every token the module (empty: $SLIPWAY_PKCS11_MODULE or p11-kit's proxy) sees, with its keys.
    [[nodiscard]] static Result<QList<Pkcs11TokenInfo>> list(const QString& modulePath = {});
    // The token and the one public key the URI names (no PIN needed).
    [[nodiscard]] static Result<Pkcs11TokenInfo> inspect(const Pkcs11Uri& uri);
    // Generates RSA-2048 (e=65537) on the token: the private half sensitive and never extractable.
    // Refuses when a key with the same label or id exists. Returns the public key.
    [[nodiscard]] static Result<RsaKey> generate(const Pkcs11Uri& uri, const SecureBytes& pin);
};

} // namespace slipway::crypto
