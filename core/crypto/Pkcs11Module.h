#pragma once

// Internal to core/crypto: included only by Pkcs11*.cpp (the PKCS#11 C API stays out of public headers;
// p11-kit's include folder is private to slipway_core).

#include "common/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <p11-kit/pkcs11.h>

#include <memory>

namespace slipway::crypto {

// One PKCS#11 module (a token driver .so), loaded with dlopen and initialised while anyone uses it.
class Pkcs11Module
{
public:
    // `path` empty: $SLIPWAY_PKCS11_MODULE, then p11-kit's proxy (every module registered with p11-kit).
    [[nodiscard]] static Result<std::shared_ptr<Pkcs11Module>> load(const QString& requested);
    [[nodiscard]] static QString defaultPath();
    ~Pkcs11Module();
    Pkcs11Module(const Pkcs11Module&) = delete;
    Pkcs11Module& operator=(const Pkcs11Module&) = delete;
    Pkcs11Module(Pkcs11Module&&) = delete;
    Pkcs11Module& operator=(Pkcs11Module&&) = delete;

    [[nodiscard]] CK_FUNCTION_LIST* api() const { return m_api; }
    [[nodiscard]] const QString& path() const { return m_path; }
    // Slots that hold a token now.
    [[nodiscard]] Result<QList<CK_SLOT_ID>> slotsWithToken() const;
    [[nodiscard]] Result<CK_TOKEN_INFO> tokenInfo(CK_SLOT_ID slot) const;

    // "CKR_PIN_INCORRECT" and the like, for messages.
    [[nodiscard]] static QString returnValueName(CK_RV rv);
    // True for the return values that mean the token went away or stopped answering.
    [[nodiscard]] static bool isTokenGone(CK_RV rv);
    // A token text field: fixed width, blank-padded, not NUL-terminated.
    [[nodiscard]] static QString paddedText(const unsigned char* field, size_t size);

private:
    Pkcs11Module(QString path, void* library, CK_FUNCTION_LIST* api);

    QString m_path;
    void* m_library;
    CK_FUNCTION_LIST* m_api;
};

} // namespace slipway::crypto
