#pragma once

#include "common/Result.h"
#include "common/SecureBytes.h"
#include "crypto/BlockSigner.h"
#include "crypto/Pkcs11Uri.h"

#include <QMutex>

#include <memory>

namespace slipway::crypto {

class Pkcs11Session;

// A private key on a PKCS#11 token (smart card, YubiKey PIV, HSM, SoftHSM2): C_Sign with CKM_RSA_PKCS
// gives exactly the PKCS#1 type-1 block a key file gives. The session stays open and logged in for the
// signer's life, so a release logs in once however many blocks it signs.
class Pkcs11Signer final : public BlockSigner
{
public:
    // Finds the one RSA-2048 private key the URI names and logs in once with `pin`.
    [[nodiscard]] static Result<std::shared_ptr<Pkcs11Signer>> open(const Pkcs11Uri& uri, const SecureBytes& pin);
    // The PIN from $SLIPWAY_PKCS11_PIN, else the OS keychain entry for this token; empty when neither has one.
    // The keychain blocks until it answers: call it from a worker or CLI thread, never the UI thread.
    [[nodiscard]] static SecureBytes storedPin(const Pkcs11Uri& uri);
    // The keychain entry that holds a token's PIN (service "slipway-pkcs11", account the token label).
    [[nodiscard]] static QString keychainService() { return QStringLiteral("slipway-pkcs11"); }
    ~Pkcs11Signer() override;
    Pkcs11Signer(const Pkcs11Signer&) = delete;
    Pkcs11Signer& operator=(const Pkcs11Signer&) = delete;
    Pkcs11Signer(Pkcs11Signer&&) = delete;
    Pkcs11Signer& operator=(Pkcs11Signer&&) = delete;

    [[nodiscard]] Result<QByteArray> signBlock(const QByteArray& data) const override;
    [[nodiscard]] const RsaKey& publicKey() const override { return m_public; }
    [[nodiscard]] QString location() const override;
    [[nodiscard]] const Pkcs11Uri& uri() const { return m_uri; }

private:
    Pkcs11Signer(std::unique_ptr<Pkcs11Session> session, unsigned long key, RsaKey publicKey, Pkcs11Uri uri,
                 SecureBytes contextPin);

    std::unique_ptr<Pkcs11Session> m_session;
    unsigned long m_keyHandle;
    RsaKey m_public;
    Pkcs11Uri m_uri;
    SecureBytes m_contextPin; // kept only for keys that demand the PIN before every signature (PIV slot 9c)
    mutable QMutex m_mutex;   // one operation at a time on the session
};

} // namespace slipway::crypto
