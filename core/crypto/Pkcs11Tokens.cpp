#include "crypto/Pkcs11Tokens.h"

#include "crypto/Pkcs11Errors.h"
#include "crypto/Pkcs11Session.h"
#include "crypto/Random.h"

namespace slipway::crypto {

namespace {

QString pinStateOf(const CK_TOKEN_INFO& info)
{
    if (info.flags & CKF_USER_PIN_LOCKED)
        return QStringLiteral("locked");
    if (info.flags & CKF_USER_PIN_FINAL_TRY)
        return QStringLiteral("final try");
    if (info.flags & CKF_USER_PIN_COUNT_LOW)
        return QStringLiteral("count low");
    return {};
}

Pkcs11TokenInfo describeToken(const Pkcs11Session& session)
{
    const CK_TOKEN_INFO& t = session.token();
    Pkcs11TokenInfo info;
    info.slotId = session.slot();
    info.label = Pkcs11Module::paddedText(t.label, sizeof t.label);
    info.manufacturer = Pkcs11Module::paddedText(t.manufacturerID, sizeof t.manufacturerID);
    info.model = Pkcs11Module::paddedText(t.model, sizeof t.model);
    info.serial = Pkcs11Module::paddedText(t.serialNumber, sizeof t.serialNumber);
    info.pinPad = (t.flags & CKF_PROTECTED_AUTHENTICATION_PATH) != 0;
    info.pinState = pinStateOf(t);
    return info;
}

Pkcs11KeyInfo describeKey(const Pkcs11Session& session, CK_OBJECT_HANDLE object, const Pkcs11TokenInfo& token,
                          const QString& modulePath)
{
    Pkcs11KeyInfo key;
    key.label = QString::fromUtf8(session.attribute(object, CKA_LABEL).value());
    const QByteArray id = session.attribute(object, CKA_ID).value();
    key.idHex = QString::fromLatin1(id.toHex());
    auto publicKey = session.rsaPublicKey(object);
    if (publicKey) {
        key.publicKey = publicKey.value();
        key.algorithm = QStringLiteral("RSA-%1").arg(key.publicKey.bits());
        key.capgoCompatible = static_cast<bool>(key.publicKey.checkCapgoCompatible());
        key.keyId = key.publicKey.keyId();
        key.fingerprint = key.publicKey.fingerprintSha256();
    } else {
        key.algorithm = publicKey.error().message.section(QLatin1Char(','), 0, 0);
    }
    Pkcs11Uri uri;
    uri.token = token.label;
    uri.serial = token.serial;
    uri.object = key.label;
    uri.id = id;
    uri.type = QStringLiteral("private");
    uri.modulePath = modulePath;
    key.uri = uri.toString();
    return key;
}

Result<QList<Pkcs11KeyInfo>> keysOn(const Pkcs11Session& session, const Pkcs11Uri& selection,
                                    const Pkcs11TokenInfo& token, const QString& modulePathInUri)
{
    auto objects = session.find(CKO_PUBLIC_KEY, selection);
    if (!objects)
        return objects.error();
    QList<Pkcs11KeyInfo> keys;
    for (const CK_OBJECT_HANDLE object : objects.value())
        keys << describeKey(session, object, token, modulePathInUri);
    return keys;
}

} // namespace

Result<QList<Pkcs11TokenInfo>> Pkcs11Tokens::list(const QString& modulePath)
{
    auto module = Pkcs11Module::load(modulePath);
    if (!module)
        return module.error();
    auto slots = module.value()->slotsWithToken();
    if (!slots)
        return slots.error();
    QList<Pkcs11TokenInfo> tokens;
    for (const CK_SLOT_ID slot : slots.value()) {
        Pkcs11Uri uri;
        uri.modulePath = modulePath;
        uri.slotId = slot;
        auto session = Pkcs11Session::open(uri);
        if (!session)
            continue; // pulled while listing
        Pkcs11TokenInfo token = describeToken(*session.value());
        auto keys = keysOn(*session.value(), Pkcs11Uri{}, token, modulePath);
        if (keys)
            token.keys = keys.value();
        tokens << token;
    }
    return tokens;
}

Result<Pkcs11TokenInfo> Pkcs11Tokens::inspect(const Pkcs11Uri& uri)
{
    if (!uri.namesKey())
        return fail(QStringLiteral("The URI %1 names no key: add object=LABEL or id=%%XX.").arg(uri.toString()),
                    Pkcs11Errors::Usage);
    auto session = Pkcs11Session::open(uri);
    if (!session)
        return session.error();
    Pkcs11TokenInfo token = describeToken(*session.value());
    auto keys = keysOn(*session.value(), uri, token, uri.modulePath);
    if (!keys)
        return keys.error();
    if (keys->isEmpty())
        return fail(QStringLiteral("Token '%1' shows no public key matching %2 (some tokens show keys only after "
                                   "login; see slipway key list-tokens).")
                        .arg(token.label, uri.describe()),
                    Pkcs11Errors::NoKey);
    if (keys->size() > 1)
        return fail(QStringLiteral("The URI names %1 keys on token '%2': add id= to name one.")
                        .arg(keys->size())
                        .arg(token.label),
                    Pkcs11Errors::Ambiguous);
    token.keys = keys.value();
    return token;
}

Result<RsaKey> Pkcs11Tokens::generate(const Pkcs11Uri& uri, const SecureBytes& pin)
{
    if (uri.object.isEmpty())
        return fail(QStringLiteral("Name the new key with object=LABEL in the URI (e.g. pkcs11:token=Release;object=capgo)."),
                    Pkcs11Errors::Usage);
    auto opened = Pkcs11Session::open(uri, true);
    if (!opened)
        return opened.error();
    Pkcs11Session& s = *opened.value();
    if (Status in = s.login(pin); !in)
        return in.error();
    Pkcs11Uri sameLabel;
    sameLabel.object = uri.object;
    for (const CK_OBJECT_CLASS objectClass : {CKO_PRIVATE_KEY, CKO_PUBLIC_KEY}) {
        auto existing = s.find(objectClass, sameLabel);
        if (!existing)
            return existing.error();
        if (!existing->isEmpty())
            return fail(QStringLiteral("Token '%1' already holds a key labelled '%2'; nothing was generated. Pick "
                                       "another object= label (a key on a token is never replaced).")
                            .arg(s.tokenLabel(), uri.object),
                        Pkcs11Errors::Usage);
    }
    QByteArray label = uri.object.toUtf8();
    QByteArray id = uri.id.isEmpty() ? randomBytes(16) : uri.id;
    CK_ULONG bits = RsaKey::CapgoBits;
    CK_BYTE exponent[] = {0x01, 0x00, 0x01};
    CK_BBOOL yes = CK_TRUE;
    CK_BBOOL no = CK_FALSE;
    CK_ATTRIBUTE publicTemplate[] = {
        {CKA_TOKEN, &yes, sizeof yes},          {CKA_VERIFY, &yes, sizeof yes},
        {CKA_ENCRYPT, &no, sizeof no},          {CKA_WRAP, &no, sizeof no},
        {CKA_MODULUS_BITS, &bits, sizeof bits}, {CKA_PUBLIC_EXPONENT, exponent, sizeof exponent},
        {CKA_LABEL, label.data(), static_cast<CK_ULONG>(label.size())},
        {CKA_ID, id.data(), static_cast<CK_ULONG>(id.size())},
    };
    CK_ATTRIBUTE privateTemplate[] = {
        {CKA_TOKEN, &yes, sizeof yes},       {CKA_PRIVATE, &yes, sizeof yes},
        {CKA_SENSITIVE, &yes, sizeof yes},   {CKA_EXTRACTABLE, &no, sizeof no},
        {CKA_SIGN, &yes, sizeof yes},        {CKA_DECRYPT, &no, sizeof no},
        {CKA_UNWRAP, &no, sizeof no},
        {CKA_LABEL, label.data(), static_cast<CK_ULONG>(label.size())},
        {CKA_ID, id.data(), static_cast<CK_ULONG>(id.size())},
    };
    CK_MECHANISM mechanism{CKM_RSA_PKCS_KEY_PAIR_GEN, nullptr, 0};
    CK_OBJECT_HANDLE publicObject = 0;
    CK_OBJECT_HANDLE privateObject = 0;
    const CK_RV rv = s.api()->C_GenerateKeyPair(s.handle(), &mechanism, publicTemplate,
                                                sizeof publicTemplate / sizeof publicTemplate[0], privateTemplate,
                                                sizeof privateTemplate / sizeof privateTemplate[0], &publicObject,
                                                &privateObject);
    if (rv != CKR_OK)
        return s.failure(QStringLiteral("Generating an RSA-2048 key pair failed"), rv);
    // Trust but verify: a token that ignored the template must not be taken for a safe one.
    if (!s.boolAttribute(privateObject, CKA_SENSITIVE, false) || s.boolAttribute(privateObject, CKA_EXTRACTABLE, true)) {
        s.api()->C_DestroyObject(s.handle(), privateObject);
        s.api()->C_DestroyObject(s.handle(), publicObject);
        return fail(QStringLiteral("Token '%1' made the key extractable or not sensitive despite the request; the key "
                                   "was deleted again.")
                        .arg(s.tokenLabel()));
    }
    return s.rsaPublicKey(publicObject);
}

} // namespace slipway::crypto
