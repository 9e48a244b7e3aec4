#include "bundle/ManifestEncoder.h"

#include "bundle/BrotliCache.h"
#include "bundle/SignatureMemo.h"
#include "crypto/AesCbcCipher.h"
#include "crypto/SessionKey.h"
#include "crypto/Sha256.h"
#include "crypto/SignedChecksum.h"

#include <QDir>
#include <QFile>
#include <QTemporaryFile>

#include <cerrno>

#include <fcntl.h>
#include <unistd.h>

#include "bundle/BrotliScratch.h"

namespace slipway::bundle {

namespace {

// This thread's buffer for the object being made. It keeps its capacity from file to file: freed memory goes back to
// the system every 16 MiB of packaging, and a fresh buffer per object would cost a page fault per 4 KiB.
QByteArray& objectScratch()
{
    thread_local QByteArray buffer;
    return buffer;
}

QString writeFailure(const QString& what, const QString& folder, const QString& why)
{
    return QStringLiteral("Cannot write the delta object %1 in %2: %3 (is the disk full?)").arg(what, folder, why);
}

// One candidate object of a large file, written while the bytes stream: encrypted when the release is.
class ObjectSink
{
public:
    ObjectSink(const ManifestOptions& options)
        : m_file(QDir(options.folder).filePath(QStringLiteral(".object-XXXXXX")))
    {
        if (options.session)
            m_cipher = std::make_unique<crypto::AesCbcCipher>(crypto::AesCbcCipher::Direction::Encrypt,
                                                              options.session->key(), options.session->iv());
    }
    Status open()
    {
        if (!m_file.open())
            return fail(writeFailure(QStringLiteral("(temporary)"), QFileInfo(m_file.fileTemplate()).path(),
                                     m_file.errorString()));
        return Ok{};
    }
    Status write(const char* data, qint64 size)
    {
        if (!m_cipher)
            return put(data, size);
        m_buffer.clear();
        if (auto st = m_cipher->update(data, size, m_buffer); !st)
            return st;
        return put(m_buffer.constData(), m_buffer.size());
    }
    Status close()
    {
        if (m_cipher) {
            m_buffer.clear();
            if (auto st = m_cipher->finish(m_buffer); !st)
                return st;
            if (auto st = put(m_buffer.constData(), m_buffer.size()); !st)
                return st;
        }
        if (!m_file.flush())
            return fail(writeFailure(m_file.fileName(), QString(), m_file.errorString()));
        return Ok{};
    }
    [[nodiscard]] qint64 size() const { return m_written; }
    // Moves the object to its name (an object of the same name is the same content: the first one stays).
    Status publish(const QString& path)
    {
        if (QFile::exists(path))
            return Ok{};
        m_file.setAutoRemove(false);
        if (!m_file.rename(path)) {
            m_file.setAutoRemove(true);
            if (QFile::exists(path))
                return Ok{};
            return fail(writeFailure(path, QString(), m_file.errorString()));
        }
        return Ok{};
    }

private:
    Status put(const char* data, qint64 size)
    {
        if (size > 0 && m_file.write(data, size) != size)
            return fail(writeFailure(m_file.fileName(), QString(), m_file.errorString()));
        m_written += size;
        return Ok{};
    }

    QTemporaryFile m_file;
    std::unique_ptr<crypto::AesCbcCipher> m_cipher;
    QByteArray m_buffer;
    qint64 m_written = 0;
};

// Feeds `size` bytes (or, with BROTLI_OPERATION_FINISH, the end) through a brotli stream into `sink`.
Status brotliInto(BrotliEncoderState& encoder, ObjectSink& sink, const char* data, qint64 size, BrotliEncoderOperation op)
{
    auto available = size_t(size);
    const auto* next = reinterpret_cast<const uint8_t*>(data);
    QByteArray out(qsizetype{256} * 1024, Qt::Uninitialized);
    for (;;) {
        auto room = size_t(out.size());
        auto* to = reinterpret_cast<uint8_t*>(out.data());
        if (!BrotliEncoderCompressStream(&encoder, op, &available, &next, &room, &to, nullptr))
            return fail(QStringLiteral("brotli could not compress the file."));
        const qint64 produced = out.size() - qint64(room);
        if (produced > 0)
            if (auto st = sink.write(out.constData(), produced); !st)
                return st;
        const bool finished = op == BROTLI_OPERATION_FINISH ? BrotliEncoderIsFinished(&encoder) != 0 : available == 0;
        if (finished && !BrotliEncoderHasMoreOutput(&encoder))
            return Ok{};
    }
}

} // namespace

struct ManifestEncoder::Stream
{
    explicit Stream(const ManifestOptions& options, bool tryBrotli) : raw(options)
    {
        if (tryBrotli) {
            compressed = std::make_unique<ObjectSink>(options);
            encoder = BrotliScratch::encoder(options.brotliQuality, ManifestOptions::BrotliWindow, 0);
        }
    }
    Status open()
    {
        if (auto st = raw.open(); !st)
            return st;
        if (compressed && !encoder)
            return fail(QStringLiteral("Out of memory for the brotli encoder."));
        return compressed ? compressed->open() : Status(Ok{});
    }
    crypto::Sha256 hash;
    ObjectSink raw;
    std::unique_ptr<ObjectSink> compressed;
    BrotliEncoderPtr encoder;
    qint64 received = 0;
};

ManifestEncoder::ManifestEncoder(ManifestOptions options, QString path, qint64 size, bool tryBrotli)
    : m_options(std::move(options)), m_path(std::move(path)), m_size(size),
      m_tryBrotli(tryBrotli && size >= ManifestOptions::BrotliMinSize)
{
}

ManifestEncoder::~ManifestEncoder() = default;

Status ManifestEncoder::add(const QByteArray& bytes)
{
    if (m_size <= WholeLimit) {
        if (m_whole.isEmpty())
            m_whole = bytes; // shared with the zip's job, not copied
        else
            m_whole.append(bytes);
        return Ok{};
    }
    if (!m_stream) {
        m_stream = std::make_unique<Stream>(m_options, m_tryBrotli);
        if (auto st = m_stream->open(); !st)
            return st;
    }
    Stream& s = *m_stream;
    s.hash.add(bytes);
    s.received += bytes.size();
    if (auto st = s.raw.write(bytes.constData(), bytes.size()); !st)
        return st;
    if (s.compressed)
        return brotliInto(*s.encoder, *s.compressed, bytes.constData(), bytes.size(), BROTLI_OPERATION_PROCESS);
    return Ok{};
}

Result<ManifestFile> ManifestEncoder::finish()
{
    if (m_size <= WholeLimit)
        return finishWhole();
    if (!m_stream || m_stream->received != m_size)
        return fail(QStringLiteral("%1 changed while it was read for the delta objects.").arg(m_path));
    Stream& s = *m_stream;
    if (s.compressed)
        if (auto st = brotliInto(*s.encoder, *s.compressed, nullptr, 0, BROTLI_OPERATION_FINISH); !st)
            return st.error();
    if (auto st = s.raw.close(); !st)
        return st.error();
    if (s.compressed)
        if (auto st = s.compressed->close(); !st)
            return st.error();
    const QByteArray sha = s.hash.finish();
    // Encryption pads both forms alike, so comparing the stored sizes is comparing the compressed ones.
    const bool useBrotli = s.compressed && s.compressed->size() < s.raw.size() - ManifestOptions::BrotliMinGain;
    ObjectSink& chosen = useBrotli ? *s.compressed : s.raw;
    auto file = describe(sha, useBrotli, chosen.size());
    if (!file)
        return file.error();
    if (auto st = chosen.publish(QDir(m_options.folder).filePath(file->objectName)); !st)
        return st.error();
    m_stream.reset();
    return file;
}

Result<ManifestFile> ManifestEncoder::finishWhole()
{
    if (m_whole.size() != m_size)
        return fail(QStringLiteral("%1 changed while it was read for the delta objects.").arg(m_path));
    const QByteArray sha = crypto::Sha256::of(m_whole);
    QByteArray& scratch = objectScratch();
    QByteArray made; // the brotli form made now, when the cache did not know the file
    const QByteArray* object = &m_whole;
    bool useBrotli = false;
    if (m_tryBrotli) {
        const BrotliCache* cache = m_options.brotliCache.get();
        std::optional<bool> pays = cache ? cache->find(sha, m_options.brotliQuality, scratch) : std::nullopt;
        const QByteArray* form = &scratch;
        if (!pays) {
            auto compressed = compressWhole();
            if (!compressed)
                return compressed.error();
            made = std::move(compressed.value());
            pays = made.size() < m_size - ManifestOptions::BrotliMinGain;
            if (cache)
                cache->remember(sha, m_options.brotliQuality, BrotliCache::Entry{*pays, made});
            form = &made;
        }
        if (*pays) {
            object = form;
            useBrotli = true;
        }
    }
    if (m_options.session) {
        QByteArray& sealed = object == &made ? made : scratch;
        if (object != &sealed) {
            sealed.resize(0);
            sealed.append(object->constData(), object->size()); // a copy into the kept capacity, not a shared one
        }
        if (auto st = seal(sealed); !st)
            return st.error();
        object = &sealed;
    }
    auto file = describe(sha, useBrotli, object->size());
    if (!file)
        return file.error();
    if (auto st = store(file->objectName, *object); !st)
        return st.error();
    m_whole = QByteArray();
    if (scratch.capacity() > ScratchKeptBytes)
        scratch = QByteArray(); // a large file's buffer is not held for the rest of the pass
    return file;
}

Result<QByteArray> ManifestEncoder::compressWhole() const
{
    const BrotliEncoderPtr encoder =
        BrotliScratch::encoder(m_options.brotliQuality, ManifestOptions::BrotliWindow, size_t(m_whole.size()));
    if (!encoder)
        return fail(QStringLiteral("Out of memory for the brotli encoder."));
    QByteArray out(qsizetype(BrotliEncoderMaxCompressedSize(size_t(m_whole.size()))), Qt::Uninitialized);
    auto available = size_t(m_whole.size());
    const auto* next = reinterpret_cast<const uint8_t*>(m_whole.constData());
    auto room = size_t(out.size());
    auto* to = reinterpret_cast<uint8_t*>(out.data());
    if (!BrotliEncoderCompressStream(encoder.get(), BROTLI_OPERATION_FINISH, &available, &next, &room, &to, nullptr) ||
        !BrotliEncoderIsFinished(encoder.get()))
        return fail(QStringLiteral("brotli could not compress %1.").arg(m_path));
    out.truncate(out.size() - qsizetype(room));
    return out;
}

Status ManifestEncoder::seal(QByteArray& bytes) const
{
    crypto::AesCbcCipher cipher(crypto::AesCbcCipher::Direction::Encrypt, m_options.session->key(),
                                m_options.session->iv());
    return cipher.encryptInPlace(bytes);
}

Result<ManifestFile> ManifestEncoder::describe(const QByteArray& sha256, bool brotli, qint64 objectSize) const
{
    ManifestFile file;
    file.path = m_path;
    file.fileName = brotli ? m_path + QStringLiteral(".br") : m_path;
    file.sha256Hex = crypto::Sha256::hex(sha256);
    file.size = m_size;
    file.objectSize = objectSize;
    file.objectName = file.sha256Hex + (brotli ? QStringLiteral(".br") : QString());
    file.fileHash = file.sha256Hex.toLatin1();
    if (m_options.session) {
        if (!m_options.signer)
            return fail(QStringLiteral("Signing the delta objects needs the private key."));
        if (auto known = m_options.signatures ? m_options.signatures->find(sha256) : std::nullopt) {
            file.fileHash = known.value();
            return file;
        }
        auto signedHash = crypto::SignedChecksum::sign(sha256, *m_options.signer, crypto::ChecksumFormat::V3);
        if (!signedHash)
            return fail(QStringLiteral("Could not sign the hash of %1: %2").arg(m_path, signedHash.error().message));
        file.fileHash = signedHash.value().toLatin1();
        if (m_options.signatures)
            m_options.signatures->remember(sha256, file.fileHash);
    }
    return file;
}

Status ManifestEncoder::store(const QString& objectName, const QByteArray& bytes) const
{
    // The folder is new for each packaging pass (a resumed release packages again from an empty one), so the object
    // is written under its name at once: a name already there is the same content, written for another file.
    const QString path = m_options.folder + QLatin1Char('/') + objectName;
    const QByteArray name = QFile::encodeName(path);
    const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        if (errno == EEXIST)
            return Ok{};
        return fail(writeFailure(objectName, m_options.folder, qt_error_string(errno)));
    }
    const char* next = bytes.constData();
    qint64 left = bytes.size();
    int err = 0;
    while (left > 0 && err == 0) {
        const ssize_t written = ::write(fd, next, size_t(left));
        if (written > 0) {
            next += written;
            left -= written;
        } else if (written == 0) {
            err = EIO; // a regular file that takes nothing: never wait on it
        } else if (errno != EINTR) {
            err = errno;
        }
    }
    if (::close(fd) != 0 && err == 0)
        err = errno;
    if (err == 0)
        return Ok{};
    ::unlink(name.constData());
    return fail(writeFailure(objectName, m_options.folder, qt_error_string(err)));
}

} // namespace slipway::bundle
