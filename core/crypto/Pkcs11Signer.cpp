#include "crypto/Pkcs11Signer.h"

#include "common/KeychainEntry.h"
#include "crypto/Pkcs11Errors.h"
#include "crypto/Pkcs11Session.h"

#include <QMutexLocker>
#include <QStringList>

namespace slipway::crypto {

namespace {

QString describeCandidates(const Pkcs11Session& session, const QList<CK_OBJECT_HANDLE>& keys)
{
    QStringList names;
    for (const CK_OBJECT_HANDLE key : keys) {
        const QString label = QString::fromUtf8(session.attribute(key, CKA_LABEL).value());
        const QByteArray id = session.attribute(key, CKA_ID).value();
        names << QStringLiteral("'%1' (id %2)").arg(label, id.isEmpty() ? QStringLiteral("none") : QString::fromLatin1(id.toHex()));
    }
    names.sort(); // the token's object order is its own; a message reads the same every time
    return names.join(QStringLiteral(", "));
}

} // namespace

SecureBytes Pkcs11Signer::storedPin(const Pkcs11Uri& uri)
{
    SecureBytes fromEnvironment(qgetenv("SLIPWAY_PKCS11_PIN"));
    if (!fromEnvironment.isEmpty() || uri.token.isEmpty())
        return fromEnvironment;
    // A keychain that cannot answer (no Secret Service) is no PIN: the caller asks instead.
    auto stored = KeychainEntry(keychainService(), uri.token).read();
    if (stored && stored->has_value())
        return stored->value();
    return {};
}

Result<std::shared_ptr<Pkcs11Signer>> Pkcs11Signer::open(const Pkcs11Uri& uri, const SecureBytes& pin)
{
    if (!uri.namesKey())
        return fail(QStringLiteral("The key URI %1 names no key: add object=LABEL or id=%%XX (see slipway key "
                                   "list-tokens).")
                        .arg(uri.toString()),
                    Pkcs11Errors::Usage);
    auto session = Pkcs11Session::open(uri);
    if (!session)
        return session.error();
    Pkcs11Session& s = *session.value();
    if (Status in = s.login(pin); !in)
        return in.error();
    auto keys = s.find(CKO_PRIVATE_KEY, uri);
    if (!keys)
        return keys.error();
    if (keys->isEmpty()) {
        Pkcs11Uri any = uri;
        any.object.clear();
        any.id.clear();
        auto all = s.find(CKO_PRIVATE_KEY, any);
        return fail(QStringLiteral("Token '%1' holds no private key matching %2 (private keys there: %3).")
                        .arg(s.tokenLabel(), uri.describe(),
                             all && !all->isEmpty() ? describeCandidates(s, all.value()) : QStringLiteral("none")),
                    Pkcs11Errors::NoKey);
    }
    if (keys->size() > 1)
        return fail(QStringLiteral("The key URI names %1 private keys on token '%2': %3. Add id= to name one; "
                                   "Slipway never guesses which key signs a release.")
                        .arg(keys->size())
                        .arg(s.tokenLabel(), describeCandidates(s, keys.value())),
                    Pkcs11Errors::Ambiguous);
    const CK_OBJECT_HANDLE key = keys->first();
    auto publicKey = s.rsaPublicKey(key);
    if (!publicKey)
        return publicKey.error();
    if (Status compatible = publicKey->checkCapgoCompatible(); !compatible)
        return fail(QStringLiteral("%1 on token '%2': %3").arg(uri.describe(), s.tokenLabel(), compatible.error().message),
                    Pkcs11Errors::NoKey);
    if (!s.boolAttribute(key, CKA_SIGN, true))
        return fail(QStringLiteral("%1 on token '%2' may not sign (CKA_SIGN is false).").arg(uri.describe(), s.tokenLabel()),
                    Pkcs11Errors::NoKey);
    const bool everySignature = s.boolAttribute(key, CKA_ALWAYS_AUTHENTICATE, false);
    return std::shared_ptr<Pkcs11Signer>(new Pkcs11Signer(std::move(session).value(), key, std::move(publicKey).value(),
                                                          uri, everySignature ? pin : SecureBytes()));
}

Pkcs11Signer::Pkcs11Signer(std::unique_ptr<Pkcs11Session> session, unsigned long key, RsaKey publicKey, Pkcs11Uri uri,
                           SecureBytes contextPin)
    : m_session(std::move(session)), m_keyHandle(key), m_public(std::move(publicKey)), m_uri(std::move(uri)),
      m_contextPin(std::move(contextPin))
{
}

Pkcs11Signer::~Pkcs11Signer() = default;

QString Pkcs11Signer::location() const
{
    return QStringLiteral("%1 (PKCS#11 module %2)").arg(m_uri.describe(), m_session->modulePath());
}

Result<QByteArray> Pkcs11Signer::signBlock(const QByteArray& data) const
{
    QMutexLocker lock(&m_mutex);
    Pkcs11Session& s = *m_session;
    CK_MECHANISM mechanism{CKM_RSA_PKCS, nullptr, 0};
    CK_RV rv = s.api()->C_SignInit(s.handle(), &mechanism, m_keyHandle);
    if (rv != CKR_OK)
        return s.failure(QStringLiteral("Signing could not start"), rv);
    if (!m_contextPin.isEmpty()) {
        rv = s.api()->C_Login(s.handle(), CKU_CONTEXT_SPECIFIC, const_cast<CK_UTF8CHAR*>(m_contextPin.data()),
                              static_cast<CK_ULONG>(m_contextPin.size()));
        if (rv != CKR_OK)
            return s.failure(QStringLiteral("The per-signature PIN check failed"), rv);
    }
    QByteArray block(RsaKey::CapgoBits / 8, '\0');
    auto length = static_cast<CK_ULONG>(block.size());
    rv = s.api()->C_Sign(s.handle(), reinterpret_cast<CK_BYTE*>(const_cast<char*>(data.constData())),
                         static_cast<CK_ULONG>(data.size()), reinterpret_cast<CK_BYTE*>(block.data()), &length);
    if (rv != CKR_OK)
        return s.failure(QStringLiteral("Signing failed"), rv);
    block.resize(static_cast<qsizetype>(length));
    // Never hand on a block the public key does not open: a misbehaving token is caught here, not on phones.
    auto recovered = m_public.publicDecrypt(block);
    if (!recovered || recovered->bytes() != data)
        return fail(QStringLiteral("Token '%1' returned a signature its own public key does not verify; nothing was "
                                   "signed with it.")
                        .arg(s.tokenLabel()));
    return block;
}

} // namespace slipway::crypto
