#include "crypto/BundleCipher.h"

#include "crypto/AesCbcCipher.h"
#include "crypto/FileKeySigner.h"
#include "crypto/Sha256.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <utility>

#include <zlib.h>

namespace slipway::crypto {

namespace {

constexpr qint64 ChunkSize = 1 << 20;

Error cancelled()
{
    return fail(QStringLiteral("Cancelled."), 130);
}

QString writeError(const QIODevice& device, const QString& path)
{
    return QStringLiteral("Cannot write %1: %2 (is the disk full or the folder read-only?)").arg(path, device.errorString());
}

} // namespace

struct BundleEncryptionSink::State
{
    State(SignerPtr key, QIODevice* output, ChecksumFormat checksumFormat)
        : signer(std::move(key)), out(output), format(checksumFormat), session(SessionKey::generate()),
          cipher(AesCbcCipher::Direction::Encrypt, session.key(), session.iv())
    {
        buffer.reserve(ChunkSize + AesCbcCipher::BlockSize);
    }
    SignerPtr signer;
    QIODevice* out;
    ChecksumFormat format;
    SessionKey session;
    AesCbcCipher cipher;
    Sha256 hash;
    uLong crc = crc32(0L, Z_NULL, 0);
    QByteArray buffer;
    qint64 plainSize = 0;
    qint64 encryptedSize = 0;

    Status flush()
    {
        if (buffer.isEmpty())
            return Ok{};
        if (out->write(buffer) != buffer.size())
            return fail(QStringLiteral("Cannot write the encrypted bundle: %1 (is the disk full?)").arg(out->errorString()));
        encryptedSize += buffer.size();
        buffer.resize(0); // keeps the reserved chunk
        return Ok{};
    }
};

BundleEncryptionSink::BundleEncryptionSink(SignerPtr signer, QIODevice* encryptedOut, ChecksumFormat format)
    : m_state(std::make_unique<State>(std::move(signer), encryptedOut, format))
{
}

BundleEncryptionSink::BundleEncryptionSink(const RsaKey& privateKey, QIODevice* encryptedOut, ChecksumFormat format)
    : BundleEncryptionSink(FileKeySigner::make(privateKey), encryptedOut, format)
{
}

BundleEncryptionSink::~BundleEncryptionSink() = default;

const SessionKey& BundleEncryptionSink::sessionKey() const
{
    return m_state->session;
}

Status BundleEncryptionSink::write(const char* data, qint64 size)
{
    auto& s = *m_state;
    s.hash.add(data, size);
    if (s.format == ChecksumFormat::Crc32)
        s.crc = crc32_z(s.crc, reinterpret_cast<const Bytef*>(data), static_cast<z_size_t>(size));
    s.plainSize += size;
    // The buffer never grows past its reserved chunk: a whole deflated file of megabytes is encrypted in pieces.
    while (size > 0) {
        const qint64 piece = std::min(size, ChunkSize - s.buffer.size());
        if (auto st = s.cipher.update(data, piece, s.buffer); !st)
            return st;
        data += piece;
        size -= piece;
        if (s.buffer.size() >= ChunkSize - AesCbcCipher::BlockSize)
            if (auto st = s.flush(); !st)
                return st;
    }
    return Ok{};
}

Result<BundleSeal> BundleEncryptionSink::finish()
{
    auto& s = *m_state;
    if (auto st = s.cipher.finish(s.buffer); !st)
        return st.error();
    if (auto st = s.flush(); !st)
        return st.error();
    const QByteArray digest = s.hash.finish();
    BundleSeal seal;
    seal.sha256Hex = Sha256::hex(digest);
    seal.format = s.format;
    seal.plainSize = s.plainSize;
    seal.encryptedSize = s.encryptedSize;
    auto ivSessionKey = s.session.toIvSessionKey(*s.signer);
    if (!ivSessionKey)
        return ivSessionKey.error();
    seal.ivSessionKey = ivSessionKey.value();
    if (s.format == ChecksumFormat::Crc32) {
        seal.signedChecksum = QStringLiteral("%1").arg(static_cast<quint32>(s.crc), 8, 16, QLatin1Char('0'));
    } else {
        auto signedChecksum = SignedChecksum::sign(digest, *s.signer, s.format);
        if (!signedChecksum)
            return signedChecksum.error();
        seal.signedChecksum = signedChecksum.value();
    }
    return seal;
}

Result<BundleSeal> encryptBundleFile(const QString& zipPath, const QString& outPath, const RsaKey& privateKey,
                                     ChecksumFormat format, const ProgressFn& progress, const QString& expectedSha256Hex)
{
    if (!privateKey.isPrivate())
        return fail(QStringLiteral("Encrypting a bundle needs the private key (.capgo_key_v2), not the public one."));
    return encryptBundleFile(zipPath, outPath, FileKeySigner::make(privateKey), format, progress, expectedSha256Hex);
}

Result<BundleSeal> encryptBundleFile(const QString& zipPath, const QString& outPath, const SignerPtr& signer,
                                     ChecksumFormat format, const ProgressFn& progress, const QString& expectedSha256Hex)
{
    if (!signer)
        return fail(QStringLiteral("Encrypting a bundle needs a signing key."));
    if (auto st = signer->publicKey().checkCapgoCompatible(); !st)
        return st.error();
    QFile in(zipPath);
    if (!in.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot read the zip %1: %2").arg(zipPath, in.errorString()));
    if (!QFileInfo(QFileInfo(outPath).absolutePath()).isDir())
        return fail(QStringLiteral("The output folder %1 does not exist.").arg(QFileInfo(outPath).absolutePath()));
    QSaveFile out(outPath);
    if (!out.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("Cannot create %1: %2").arg(outPath, out.errorString()));

    BundleEncryptionSink sink(signer, &out, format);
    const qint64 total = in.size();
    qint64 done = 0;
    QByteArray buffer(ChunkSize, Qt::Uninitialized);
    for (;;) {
        const qint64 n = in.read(buffer.data(), buffer.size());
        if (n < 0)
            return fail(QStringLiteral("Cannot read the zip %1: %2").arg(zipPath, in.errorString()));
        if (n == 0)
            break;
        if (auto st = sink.write(buffer.constData(), n); !st)
            return st.error();
        done += n;
        if (!reportProgress(progress, done, total))
            return cancelled();
    }
    auto seal = sink.finish();
    if (!seal)
        return seal;
    if (!expectedSha256Hex.isEmpty() && expectedSha256Hex.compare(seal->sha256Hex, Qt::CaseInsensitive) != 0)
        return fail(QStringLiteral("The zip's SHA-256 is %1, not the %2 that was given: the zip changed or the checksum "
                                   "belongs to another file.")
                        .arg(seal->sha256Hex, expectedSha256Hex));
    if (!out.commit())
        return fail(writeError(out, outPath));
    return seal;
}

Result<DecryptedBundle> decryptBundleFile(const QString& encryptedPath, const QString& outPath,
                                          const SessionKey& sessionKey, const ProgressFn& progress)
{
    QFile in(encryptedPath);
    if (!in.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot read the encrypted bundle %1: %2").arg(encryptedPath, in.errorString()));
    const qint64 total = in.size();
    if (total == 0 || total % AesCbcCipher::BlockSize != 0)
        return fail(QStringLiteral("The encrypted bundle is %1 bytes, not a non-zero multiple of 16: it is truncated "
                                   "or not an AES-encrypted bundle.")
                        .arg(total));
    std::unique_ptr<QSaveFile> out;
    if (!outPath.isEmpty()) {
        if (!QFileInfo(QFileInfo(outPath).absolutePath()).isDir())
            return fail(QStringLiteral("The output folder %1 does not exist.").arg(QFileInfo(outPath).absolutePath()));
        out = std::make_unique<QSaveFile>(outPath);
        if (!out->open(QIODevice::WriteOnly))
            return fail(QStringLiteral("Cannot create %1: %2").arg(outPath, out->errorString()));
    }
    AesCbcCipher cipher(AesCbcCipher::Direction::Decrypt, sessionKey.key(), sessionKey.iv());
    Sha256 hash;
    QByteArray buffer(ChunkSize, Qt::Uninitialized);
    QByteArray plain;
    plain.reserve(ChunkSize + AesCbcCipher::BlockSize);
    qint64 done = 0;
    qint64 plainSize = 0;
    auto emit = [&]() -> Status {
        hash.add(plain);
        plainSize += plain.size();
        if (out && out->write(plain) != plain.size())
            return fail(writeError(*out, outPath));
        plain.resize(0); // keeps the chunk's room for the next one
        return Ok{};
    };
    for (;;) {
        const qint64 n = in.read(buffer.data(), buffer.size());
        if (n < 0)
            return fail(QStringLiteral("Cannot read the encrypted bundle: %1").arg(in.errorString()));
        if (n == 0)
            break;
        if (auto st = cipher.update(buffer.constData(), n, plain); !st)
            return st.error();
        if (auto st = emit(); !st)
            return st.error();
        done += n;
        if (!reportProgress(progress, done, total))
            return cancelled();
    }
    if (auto st = cipher.finish(plain); !st)
        return st.error();
    if (auto st = emit(); !st)
        return st.error();
    if (out && !out->commit())
        return fail(writeError(*out, outPath));
    return DecryptedBundle{Sha256::hex(hash.finish()), plainSize};
}

} // namespace slipway::crypto
