#pragma once

#include "common/Result.h"
#include "common/SecureBytes.h"

#include <QByteArray>

#include <memory>

namespace slipway::crypto {

// Streaming AES-128-CBC with PKCS#7 padding, as Capgo bundles use (no header, no IV prefix, no MAC).
class AesCbcCipher
{
public:
    enum class Direction { Encrypt, Decrypt };
    static constexpr int KeySize = 16;
    static constexpr int BlockSize = 16;

    AesCbcCipher(Direction direction, const SecureBytes& key, const QByteArray& iv);
    ~AesCbcCipher();
    AesCbcCipher(const AesCbcCipher&) = delete;
    AesCbcCipher& operator=(const AesCbcCipher&) = delete;

    // Appends the output for `size` input bytes to `out` (at most size + BlockSize bytes).
    [[nodiscard]] Status update(const char* data, qint64 size, QByteArray& out);
    // Appends the final block; on decryption fails when the padding is wrong (wrong key or damaged data).
    [[nodiscard]] Status finish(QByteArray& out);
    // Encrypts all of `bytes` where they are and pads them (a cipher made to encrypt, nothing added before).
    [[nodiscard]] Status encryptInPlace(QByteArray& bytes);

    [[nodiscard]] static qint64 encryptedSize(qint64 plainSize) { return (plainSize / BlockSize + 1) * BlockSize; }

private:
    struct Context;
    std::unique_ptr<Context> m_ctx;
    Direction m_direction;
    bool m_failed = false;
};

} // namespace slipway::crypto
