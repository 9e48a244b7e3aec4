#include "device/ManifestObject.h"

#include "crypto/AesCbcCipher.h"
#include "crypto/Sha256.h"
#include "device/BrotliDecoder.h"

#include <QFile>

#include <algorithm>
#include <optional>

namespace slipway::device {

Result<DecodedObject> ManifestObject::decode(const QString& objectPath, const QString& outPath,
                                             const crypto::SessionKey* sessionKey, bool brotli, qint64 maxBytes)
{
    QFile in(objectPath);
    if (!in.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read the downloaded object %1: %2").arg(objectPath, in.errorString()));
    QFile out(outPath);
    const bool writing = !outPath.isEmpty();
    if (writing && !out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(QStringLiteral("cannot write %1: %2").arg(outPath, out.errorString()));

    std::optional<crypto::AesCbcCipher> cipher;
    if (sessionKey)
        cipher.emplace(crypto::AesCbcCipher::Direction::Decrypt, sessionKey->key(), sessionKey->iv());
    std::optional<BrotliDecoder> decoder;
    if (brotli)
        decoder.emplace(maxBytes);
    crypto::Sha256 hash;
    DecodedObject decoded;
    qint64 decrypted = 0;

    const auto write = [&](const char* data, qint64 size) -> Status {
        if (size > maxBytes - decoded.size)
            return fail(QStringLiteral("decodes to more than the %1 bytes a file may be: refused.").arg(maxBytes));
        hash.add(data, size);
        decoded.size += size;
        if (writing && out.write(data, size) != size)
            return fail(QStringLiteral("cannot write %1: %2").arg(outPath, out.errorString()));
        return Ok{};
    };
    // Plain bytes (after decryption) go through brotli when the name says so.
    const auto plain = [&](const QByteArray& bytes) -> Status {
        decrypted += bytes.size();
        if (bytes.isEmpty())
            return Ok{};
        if (decoder) {
            if (Status ok = decoder->update(bytes.constData(), bytes.size(), write); !ok)
                return fail(QStringLiteral("brotli decoding failed: %1").arg(ok.error().message));
            return Ok{};
        }
        return write(bytes.constData(), bytes.size());
    };

    // This thread's two buffers, kept from object to object: made afresh for each, their pages were faulted in again
    // every time (the most page faults of a delta release's verify step).
    constexpr qint64 ChunkBytes = qint64{256} * 1024;
    thread_local QByteArray buffer;
    thread_local QByteArray clear;
    buffer.resize(std::clamp<qint64>(in.size(), 1, ChunkBytes));
    clear.reserve(buffer.size() + 16);
    for (;;) {
        const qint64 n = in.read(buffer.data(), buffer.size());
        if (n < 0)
            return fail(QStringLiteral("cannot read the downloaded object %1: %2").arg(objectPath, in.errorString()));
        if (n == 0)
            break;
        clear.resize(0); // keeps its room
        if (cipher) {
            if (Status ok = cipher->update(buffer.constData(), n, clear); !ok)
                return fail(QStringLiteral("decryption failed: %1").arg(ok.error().message));
        } else {
            clear.append(buffer.constData(), n);
        }
        if (Status ok = plain(clear); !ok)
            return ok.error();
    }
    if (cipher) {
        clear.resize(0); // keeps its room
        if (Status ok = cipher->finish(clear); !ok)
            return fail(QStringLiteral("decryption failed (wrong session key, or a damaged object): %1")
                            .arg(ok.error().message));
        if (Status ok = plain(clear); !ok)
            return ok.error();
        if (decrypted == 0)
            return fail(QStringLiteral("Empty decrypted data: the object decrypts to 0 bytes, which the plugin refuses "
                                       "on both platforms (an empty file cannot be delivered encrypted)."));
    }
    if (decoder)
        if (Status ok = decoder->finish(); !ok)
            return fail(QStringLiteral("brotli decoding failed: %1").arg(ok.error().message));
    if (writing && !out.flush())
        return fail(QStringLiteral("cannot write %1: %2").arg(outPath, out.errorString()));
    decoded.sha256Hex = crypto::Sha256::hex(hash.finish());
    return decoded;
}

} // namespace slipway::device
