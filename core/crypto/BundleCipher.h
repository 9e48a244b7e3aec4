#pragma once

#include "common/Progress.h"
#include "common/Result.h"
#include "crypto/BlockSigner.h"
#include "crypto/RsaKey.h"
#include "crypto/SessionKey.h"
#include "crypto/SignedChecksum.h"

#include <QString>

#include <memory>

class QIODevice;

namespace slipway::crypto {

// What a device needs, besides the encrypted file, to accept a bundle.
struct BundleSeal
{
    QString sha256Hex;      // lowercase hex SHA-256 of the plain zip
    QString ivSessionKey;   // `session_key` on the wire
    QString signedChecksum; // `checksum` on the wire (V3 unless asked otherwise)
    ChecksumFormat format = ChecksumFormat::V3;
    qint64 plainSize = 0;
    qint64 encryptedSize = 0;
};

// One pass over the plain zip bytes: hashes them and writes their AES-128-CBC encryption to
// `encryptedOut` with a fresh session key; finish() seals the bundle. Used by the zip writer so
// that hashing and encryption ride the packaging pass.
class BundleEncryptionSink
{
public:
    BundleEncryptionSink(SignerPtr signer, QIODevice* encryptedOut, ChecksumFormat format = ChecksumFormat::V3);
    BundleEncryptionSink(const RsaKey& privateKey, QIODevice* encryptedOut, ChecksumFormat format = ChecksumFormat::V3);
    ~BundleEncryptionSink();
    BundleEncryptionSink(const BundleEncryptionSink&) = delete;
    BundleEncryptionSink& operator=(const BundleEncryptionSink&) = delete;

    [[nodiscard]] Status write(const char* data, qint64 size);
    [[nodiscard]] Result<BundleSeal> finish();
    // The bundle's session key: a delta release encrypts each file object with the same key and IV.
    [[nodiscard]] const SessionKey& sessionKey() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// Encrypts a zip file into `outPath` (written atomically: nothing is left on failure or cancel).
// When `expectedSha256Hex` is given, the zip must hash to it.
[[nodiscard]] Result<BundleSeal> encryptBundleFile(const QString& zipPath, const QString& outPath, const SignerPtr& signer,
                                                   ChecksumFormat format = ChecksumFormat::V3,
                                                   const ProgressFn& progress = {}, const QString& expectedSha256Hex = {});
[[nodiscard]] Result<BundleSeal> encryptBundleFile(const QString& zipPath, const QString& outPath, const RsaKey& privateKey,
                                                   ChecksumFormat format = ChecksumFormat::V3,
                                                   const ProgressFn& progress = {}, const QString& expectedSha256Hex = {});

struct DecryptedBundle
{
    QString sha256Hex; // of the decrypted (plain zip) bytes
    qint64 size = 0;
};

// Decrypts with constant memory. `outPath` empty: only hash the plain bytes. Written atomically.
[[nodiscard]] Result<DecryptedBundle> decryptBundleFile(const QString& encryptedPath, const QString& outPath,
                                                        const SessionKey& sessionKey, const ProgressFn& progress = {});

} // namespace slipway::crypto
