#include "crypto/Pkcs11Session.h"

#include "common/InputLimits.h"
#include "crypto/Pkcs11Errors.h"

#include <QStringList>

namespace slipway::crypto {

namespace {

bool tokenMatches(const CK_TOKEN_INFO& info, CK_SLOT_ID slot, const Pkcs11Uri& uri)
{
    const auto same = [](const QString& wanted, const unsigned char* field, size_t size) {
        return wanted.isEmpty() || Pkcs11Module::paddedText(field, size) == wanted;
    };
    return same(uri.token, info.label, sizeof info.label)
           && same(uri.manufacturer, info.manufacturerID, sizeof info.manufacturerID)
           && same(uri.serial, info.serialNumber, sizeof info.serialNumber)
           && same(uri.model, info.model, sizeof info.model) && (!uri.slotId || *uri.slotId == slot);
}

} // namespace

Result<std::unique_ptr<Pkcs11Session>> Pkcs11Session::open(const Pkcs11Uri& uri, bool readWrite)
{
    auto module = Pkcs11Module::load(uri.modulePath);
    if (!module)
        return module.error();
    auto slots = module.value()->slotsWithToken();
    if (!slots)
        return slots.error();
    QStringList present;
    QList<QPair<CK_SLOT_ID, CK_TOKEN_INFO>> matching;
    for (const CK_SLOT_ID slot : slots.value()) {
        auto info = module.value()->tokenInfo(slot);
        if (!info)
            continue; // pulled between the list and the question
        present << QStringLiteral("'%1' (serial %2)")
                       .arg(Pkcs11Module::paddedText(info->label, sizeof info->label),
                            Pkcs11Module::paddedText(info->serialNumber, sizeof info->serialNumber));
        if (tokenMatches(info.value(), slot, uri))
            matching.append({slot, info.value()});
    }
    if (matching.isEmpty())
        return fail(QStringLiteral("No token matching %1 is present in %2 (tokens present: %3). Plug the token in, "
                                   "or correct token= in the key URI.")
                        .arg(uri.token.isEmpty() ? uri.toString() : QStringLiteral("token=") + uri.token,
                             module.value()->path(),
                             present.isEmpty() ? QStringLiteral("none") : present.join(QStringLiteral(", "))),
                    Pkcs11Errors::NoToken);
    if (matching.size() > 1)
        return fail(QStringLiteral("The key URI matches %1 tokens (%2): add token= or serial= to name one.")
                        .arg(matching.size())
                        .arg(present.join(QStringLiteral(", "))),
                    Pkcs11Errors::Ambiguous);
    CK_SESSION_HANDLE session = 0;
    CK_FLAGS flags = CKF_SERIAL_SESSION | (readWrite ? CKF_RW_SESSION : 0);
    const CK_RV rv = module.value()->api()->C_OpenSession(matching.first().first, flags, nullptr, nullptr, &session);
    if (rv != CKR_OK)
        return fail(QStringLiteral("Cannot open a session on token '%1': %2.")
                        .arg(Pkcs11Module::paddedText(matching.first().second.label, 32),
                             Pkcs11Module::returnValueName(rv)),
                    Pkcs11Module::isTokenGone(rv) ? Pkcs11Errors::NoToken : 1);
    return std::unique_ptr<Pkcs11Session>(
        new Pkcs11Session(std::move(module).value(), matching.first().first, matching.first().second, session));
}

Pkcs11Session::Pkcs11Session(std::shared_ptr<Pkcs11Module> module, CK_SLOT_ID slot, CK_TOKEN_INFO token,
                             CK_SESSION_HANDLE session)
    : m_module(std::move(module)), m_slot(slot), m_token(token), m_session(session)
{
}

Pkcs11Session::~Pkcs11Session()
{
    if (m_loggedIn)
        api()->C_Logout(m_session);
    api()->C_CloseSession(m_session);
}

QString Pkcs11Session::tokenLabel() const
{
    return Pkcs11Module::paddedText(m_token.label, sizeof m_token.label);
}

QString Pkcs11Session::pinState() const
{
    CK_TOKEN_INFO now{};
    if (api()->C_GetTokenInfo(m_slot, &now) != CKR_OK)
        return {};
    if (now.flags & CKF_USER_PIN_LOCKED)
        return QStringLiteral("the user PIN is now locked; the token's security officer must unblock it");
    if (now.flags & CKF_USER_PIN_FINAL_TRY)
        return QStringLiteral("one try is left before the PIN locks");
    if (now.flags & CKF_USER_PIN_COUNT_LOW)
        return QStringLiteral("the token reports few tries left");
    return {};
}

Error Pkcs11Session::failure(const QString& what, CK_RV rv) const
{
    if (Pkcs11Module::isTokenGone(rv))
        return fail(QStringLiteral("%1: token '%2' was removed or stopped answering (%3). Plug it back in and resume "
                                   "(slipway release --resume).")
                        .arg(what, tokenLabel(), Pkcs11Module::returnValueName(rv)),
                    Pkcs11Errors::TokenGone);
    return fail(QStringLiteral("%1 on token '%2': %3.").arg(what, tokenLabel(), Pkcs11Module::returnValueName(rv)));
}

Status Pkcs11Session::login(const SecureBytes& pin)
{
    if (m_loggedIn)
        return Ok{};
    const bool pinPad = (m_token.flags & CKF_PROTECTED_AUTHENTICATION_PATH) != 0;
    if (!pinPad && pin.isEmpty())
        return fail(QStringLiteral("Token '%1' needs its PIN: set SLIPWAY_PKCS11_PIN, or type it when asked.")
                        .arg(tokenLabel()),
                    Pkcs11Errors::PinNeeded);
    if (pin.size() > limits::Pkcs11PinBytes)
        return fail(QStringLiteral("The PIN is longer than %1 bytes; no token takes that.").arg(limits::Pkcs11PinBytes),
                    Pkcs11Errors::WrongPin);
    // Exactly one C_Login: a wrong PIN is reported, never tried again, so the retry counter drops by one at most.
    auto* pinBytes = pinPad ? nullptr : const_cast<CK_UTF8CHAR*>(pin.data());
    const CK_RV rv = api()->C_Login(m_session, CKU_USER, pinBytes, pinPad ? 0 : static_cast<CK_ULONG>(pin.size()));
    if (rv == CKR_OK || rv == CKR_USER_ALREADY_LOGGED_IN) {
        m_loggedIn = rv == CKR_OK;
        return Ok{};
    }
    if (rv == CKR_PIN_INCORRECT || rv == CKR_PIN_INVALID || rv == CKR_PIN_LEN_RANGE) {
        const QString state = pinState();
        return fail(QStringLiteral("Wrong PIN for token '%1' (%2). Slipway tried it once and will not retry%3.")
                        .arg(tokenLabel(), Pkcs11Module::returnValueName(rv),
                             state.isEmpty() ? QString() : QStringLiteral("; ") + state),
                    Pkcs11Errors::WrongPin);
    }
    if (rv == CKR_PIN_LOCKED)
        return fail(QStringLiteral("The PIN of token '%1' is locked (too many wrong PINs). Its security officer must "
                                   "unblock it; Slipway did not try.")
                        .arg(tokenLabel()),
                    Pkcs11Errors::WrongPin);
    return failure(QStringLiteral("Login failed"), rv);
}

Result<QList<CK_OBJECT_HANDLE>> Pkcs11Session::find(CK_OBJECT_CLASS objectClass, const Pkcs11Uri& uri) const
{
    QByteArray label = uri.object.toUtf8();
    QByteArray id = uri.id;
    QList<CK_ATTRIBUTE> query{{CKA_CLASS, &objectClass, sizeof objectClass}};
    if (!label.isEmpty())
        query.append({CKA_LABEL, label.data(), static_cast<CK_ULONG>(label.size())});
    if (!id.isEmpty())
        query.append({CKA_ID, id.data(), static_cast<CK_ULONG>(id.size())});
    CK_RV rv = api()->C_FindObjectsInit(m_session, query.data(), static_cast<CK_ULONG>(query.size()));
    if (rv != CKR_OK)
        return failure(QStringLiteral("Searching for keys failed"), rv);
    QList<CK_OBJECT_HANDLE> found(limits::Pkcs11ObjectsPerSearch);
    CK_ULONG count = 0;
    rv = api()->C_FindObjects(m_session, found.data(), static_cast<CK_ULONG>(found.size()), &count);
    api()->C_FindObjectsFinal(m_session);
    if (rv != CKR_OK)
        return failure(QStringLiteral("Searching for keys failed"), rv);
    found.resize(static_cast<qsizetype>(count));
    return found;
}

Result<QByteArray> Pkcs11Session::attribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const
{
    CK_ATTRIBUTE query{type, nullptr, 0};
    CK_RV rv = api()->C_GetAttributeValue(m_session, object, &query, 1);
    if (rv != CKR_OK || query.ulValueLen == CK_UNAVAILABLE_INFORMATION)
        return failure(QStringLiteral("Reading key attribute 0x%1 failed").arg(type, 0, 16),
                       rv == CKR_OK ? CKR_ATTRIBUTE_SENSITIVE : rv);
    if (query.ulValueLen > 64UL * 1024UL)
        return fail(QStringLiteral("Key attribute 0x%1 is implausibly large.").arg(type, 0, 16));
    QByteArray value(static_cast<qsizetype>(query.ulValueLen), '\0');
    query.pValue = value.data();
    rv = api()->C_GetAttributeValue(m_session, object, &query, 1);
    if (rv != CKR_OK)
        return failure(QStringLiteral("Reading key attribute 0x%1 failed").arg(type, 0, 16), rv);
    value.resize(static_cast<qsizetype>(query.ulValueLen));
    return value;
}

Result<CK_ULONG> Pkcs11Session::ulongAttribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const
{
    CK_ULONG value = 0;
    CK_ATTRIBUTE query{type, &value, sizeof value};
    const CK_RV rv = api()->C_GetAttributeValue(m_session, object, &query, 1);
    if (rv != CKR_OK)
        return failure(QStringLiteral("Reading key attribute 0x%1 failed").arg(type, 0, 16), rv);
    return value;
}

Result<RsaKey> Pkcs11Session::rsaPublicKey(CK_OBJECT_HANDLE object) const
{
    auto type = ulongAttribute(object, CKA_KEY_TYPE);
    if (!type)
        return type.error();
    if (type.value() != CKK_RSA) {
        const QString name = type.value() == CKK_EC       ? QStringLiteral("an EC key")
                             : type.value() == CKK_EC_EDWARDS ? QStringLiteral("an EdDSA key")
                                                              : QStringLiteral("key type 0x%1").arg(type.value(), 0, 16);
        return fail(QStringLiteral("The key is %1, not RSA: Capgo's phones accept only RSA-2048 keys.").arg(name),
                    Pkcs11Errors::NoKey);
    }
    auto modulus = attribute(object, CKA_MODULUS);
    if (!modulus)
        return modulus.error();
    auto exponent = attribute(object, CKA_PUBLIC_EXPONENT);
    if (!exponent)
        return exponent.error();
    return RsaKey::fromPublicComponents(modulus.value(), exponent.value());
}

bool Pkcs11Session::boolAttribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type, bool fallback) const
{
    CK_BBOOL value = fallback ? CK_TRUE : CK_FALSE;
    CK_ATTRIBUTE query{type, &value, sizeof value};
    if (api()->C_GetAttributeValue(m_session, object, &query, 1) != CKR_OK)
        return fallback;
    return value == CK_TRUE;
}

} // namespace slipway::crypto
