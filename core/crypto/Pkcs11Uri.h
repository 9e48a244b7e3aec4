#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace slipway::crypto {

// A key or token named by an RFC 7512 PKCS#11 URI, e.g.
// pkcs11:token=Release;object=capgo?module-path=/usr/lib/softhsm/libsofthsm2.so
// Only the attributes that select a token and a key are kept; a PIN in the URI (pin-value) is refused,
// since a URI ends up in shell history, plans and logs.
class Pkcs11Uri
{
public:
    [[nodiscard]] static bool looksLikeUri(const QString& text) { return text.startsWith(QLatin1String("pkcs11:")); }
    [[nodiscard]] static Result<Pkcs11Uri> parse(const QString& text);

    // Token selection (empty: any).
    QString token;        // token label
    QString manufacturer; // token manufacturer id
    QString serial;       // token serial number
    QString model;
    std::optional<quint64> slotId;
    // Key selection.
    QString object;  // CKA_LABEL
    QByteArray id;   // CKA_ID (raw bytes)
    QString type;    // private | public | cert | secret-key | data; empty: any
    // Module: an absolute path, or empty for the configured module or p11-kit's proxy.
    QString modulePath;
    QString moduleName;

    [[nodiscard]] bool namesKey() const { return !object.isEmpty() || !id.isEmpty(); }
    // The URI again, percent-encoded, for messages and the plan (never holds a PIN).
    [[nodiscard]] QString toString() const;
    // Short words for the user: "key capgo on token Release".
    [[nodiscard]] QString describe() const;
};

} // namespace slipway::crypto
