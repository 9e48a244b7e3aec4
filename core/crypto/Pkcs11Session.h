#pragma once

// Internal to core/crypto: included only by Pkcs11*.cpp.

#include "common/Result.h"
#include "common/SecureBytes.h"
#include "crypto/Pkcs11Module.h"
#include "crypto/Pkcs11Uri.h"
#include "crypto/RsaKey.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

namespace slipway::crypto {

// A session on the one token a URI names. Logs in at most once (a wrong PIN is never retried: each
// try counts against the token's retry counter) and closes on destruction.
class Pkcs11Session
{
public:
    [[nodiscard]] static Result<std::unique_ptr<Pkcs11Session>> open(const Pkcs11Uri& uri, bool readWrite = false);
    ~Pkcs11Session();
    Pkcs11Session(const Pkcs11Session&) = delete;
    Pkcs11Session& operator=(const Pkcs11Session&) = delete;
    Pkcs11Session(Pkcs11Session&&) = delete;
    Pkcs11Session& operator=(Pkcs11Session&&) = delete;

    [[nodiscard]] Status login(const SecureBytes& pin);
    // Objects of `objectClass` whose label and id match the URI's object= and id= (all of them when unset).
    [[nodiscard]] Result<QList<CK_OBJECT_HANDLE>> find(CK_OBJECT_CLASS objectClass, const Pkcs11Uri& uri) const;
    [[nodiscard]] Result<QByteArray> attribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const;
    [[nodiscard]] Result<CK_ULONG> ulongAttribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const;
    // The RSA public half of a key object (private or public) from CKA_MODULUS and CKA_PUBLIC_EXPONENT;
    // an error naming the key type when it is not RSA.
    [[nodiscard]] Result<RsaKey> rsaPublicKey(CK_OBJECT_HANDLE object) const;
    [[nodiscard]] bool boolAttribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type, bool fallback) const;

    [[nodiscard]] CK_FUNCTION_LIST* api() const { return m_module->api(); }
    [[nodiscard]] CK_SESSION_HANDLE handle() const { return m_session; }
    [[nodiscard]] CK_SLOT_ID slot() const { return m_slot; }
    [[nodiscard]] const CK_TOKEN_INFO& token() const { return m_token; }
    [[nodiscard]] QString tokenLabel() const;
    [[nodiscard]] QString modulePath() const { return m_module->path(); }
    // One readable error for a failed call on this token: removal, PIN state, or the PKCS#11 code.
    [[nodiscard]] Error failure(const QString& what, CK_RV rv) const;
    // The token's PIN counter flags now, in words ("" when nothing is worth saying).
    [[nodiscard]] QString pinState() const;

private:
    Pkcs11Session(std::shared_ptr<Pkcs11Module> module, CK_SLOT_ID slot, CK_TOKEN_INFO token, CK_SESSION_HANDLE session);

    std::shared_ptr<Pkcs11Module> m_module;
    CK_SLOT_ID m_slot;
    CK_TOKEN_INFO m_token;
    CK_SESSION_HANDLE m_session;
    bool m_loggedIn = false;
};

} // namespace slipway::crypto
