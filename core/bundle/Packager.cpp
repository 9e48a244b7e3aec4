#include "bundle/Packager.h"

#include "bundle/BrotliCache.h"
#include "bundle/BuildSource.h"
#include "bundle/CompressionPool.h"
#include "bundle/ManifestEncoder.h"
#include "bundle/OutputFile.h"
#include "bundle/SignatureMemo.h"
#include "bundle/ZipStreamWriter.h"
#include "common/FreedMemory.h"
#include "common/InputLimits.h"
#include "crypto/Sha256.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryFile>
#include <QThread>

#include <libdeflate.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace slipway::bundle {

namespace {

constexpr qint64 MiB = 1024LL * 1024;
// Files up to this size are read and compressed whole (libdeflate); larger ones go in chunks.
constexpr qint64 WholeFileLimit = 4 * MiB;
constexpr qint64 ChunkSize = 1 * MiB;
constexpr qint64 DictionarySize = 32LL * 1024;
// Input bytes read but not yet written: this bounds memory whatever the build size. Each such byte may be
// held up to three times more (deflated, brotli-compressed, encrypted), and a few files ahead keep two cores busy.
constexpr qint64 InFlightBudget = 4 * MiB;
// Thousands of small buffers are freed on other threads than the ones that allocated them; what glibc keeps of
// them is handed back after every this many input bytes (measured on 1 GiB: 66 -> 61 MiB peak, no time lost).
constexpr qint64 TrimInterval = 16 * MiB;
// A large deflated file's output is held in memory up to this size, then in a temporary file.
constexpr qint64 SpillThreshold = 2 * MiB;

bool isAlreadyCompressed(const QString& path)
{
    static const QSet<QString> suffixes{
        QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("webp"), QStringLiteral("avif"),
        QStringLiteral("gif"), QStringLiteral("woff"), QStringLiteral("woff2"), QStringLiteral("mp3"), QStringLiteral("mp4"),
        QStringLiteral("m4a"), QStringLiteral("webm"), QStringLiteral("ogg"), QStringLiteral("mov"), QStringLiteral("heic"),
        QStringLiteral("zip"), QStringLiteral("gz"), QStringLiteral("br"), QStringLiteral("xz"), QStringLiteral("zst"),
        QStringLiteral("bz2"), QStringLiteral("7z")};
    const qsizetype dot = path.lastIndexOf(QLatin1Char('.'));
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    if (dot < 0 || dot < slash)
        return false;
    return suffixes.contains(path.mid(dot + 1).toLower());
}

// What the delta object work hands back for a step: a failure, or the finished file once its last bytes are in.
struct ManifestPiece
{
    Status status = Ok{};
    std::optional<ManifestFile> file;
};

// Queues each shipped file's delta object work on the compression workers beside its deflate jobs. The
// chunks of one large file are worked in order: a chunk's job waits for the previous one, which the
// first-in first-out pool has already started.
class ManifestJobs
{
public:
    ManifestJobs(CompressionPool& pool, std::optional<ManifestOptions> options, QSet<QString> leftOut)
        : m_pool(pool), m_options(std::move(options)), m_leftOut(std::move(leftOut))
    {
    }
    [[nodiscard]] bool wanted(const BuildEntry& e) const { return m_options && !m_leftOut.contains(e.path); }
    std::shared_future<ManifestPiece> piece(const BuildEntry& e, const QByteArray& data, bool first, bool last, bool tryBrotli)
    {
        if (!wanted(e))
            return {};
        if (first) {
            m_encoder = std::make_shared<ManifestEncoder>(*m_options, e.path, e.size, tryBrotli);
            m_previous = {};
        }
        auto future = m_pool.run([encoder = m_encoder, previous = m_previous, data, last]() -> ManifestPiece {
            if (previous.valid() && !previous.get().status)
                return previous.get();
            if (Status added = encoder->add(data); !added)
                return ManifestPiece{added, std::nullopt};
            if (!last)
                return {};
            auto file = encoder->finish();
            if (!file)
                return ManifestPiece{file.error(), std::nullopt};
            return ManifestPiece{Ok{}, file.value()};
        });
        m_previous = last ? std::shared_future<ManifestPiece>() : future;
        if (last)
            m_encoder.reset();
        return future;
    }

private:
    CompressionPool& m_pool;
    std::optional<ManifestOptions> m_options;
    QSet<QString> m_leftOut;
    std::shared_ptr<ManifestEncoder> m_encoder;
    std::shared_future<ManifestPiece> m_previous;
};

// One step of the zip, in zip order, handed from the reader thread to the writer.
struct Step
{
    enum class Kind { Folder, WholeFile, StoredHeader, StoredData, Chunk, Failure };
    Kind kind = Kind::Failure;
    const BuildEntry* entry = nullptr;
    std::future<CompressedPiece> piece; // WholeFile, Chunk
    QByteArray data;                    // StoredData
    quint32 crc32 = 0;                  // StoredHeader; Chunk when last
    bool last = false;                  // Chunk
    qint64 inputBytes = 0;              // budget released once written
    QString error;                      // Failure
    std::shared_future<struct ManifestPiece> manifest; // the delta object's work on these bytes, when a delta is made
};

// The bounded hand-over between the reader and the writer.
class StepQueue
{
public:
    // Blocks while the step would go over the budget; false when the run was aborted.
    bool push(Step step)
    {
        std::unique_lock lock(m_mutex);
        m_space.wait(lock,
                     [&] { return m_aborted || m_inFlight + step.inputBytes <= InFlightBudget || m_steps.empty(); });
        if (m_aborted)
            return false;
        m_inFlight += step.inputBytes;
        m_steps.push_back(std::move(step));
        m_ready.notify_one();
        return true;
    }
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_ready.notify_all();
    }
    // False when the reader is done and everything was taken.
    bool pop(Step& out)
    {
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [&] { return m_closed || !m_steps.empty(); });
        if (m_steps.empty())
            return false;
        out = std::move(m_steps.front());
        m_steps.pop_front();
        return true;
    }
    void release(qint64 bytes)
    {
        std::lock_guard lock(m_mutex);
        m_inFlight -= bytes;
        m_space.notify_all();
    }
    void abort()
    {
        std::lock_guard lock(m_mutex);
        m_aborted = true;
        m_steps.clear();
        m_space.notify_all();
    }
    bool aborted()
    {
        std::lock_guard lock(m_mutex);
        return m_aborted;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_space;
    std::condition_variable m_ready;
    std::deque<Step> m_steps;
    qint64 m_inFlight = 0;
    bool m_closed = false;
    bool m_aborted = false;
};

// Reads every shipped entry in zip order and queues compression jobs (runs on its own thread).
void readBuild(const BuildSource& source, const std::vector<const BuildEntry*>& entries, CompressionPool& pool,
               ManifestJobs& manifest, StepQueue& queue)
{
    auto failStep = [&](const QString& message) {
        Step s;
        s.kind = Step::Kind::Failure;
        s.error = message;
        queue.push(std::move(s));
    };
    for (const BuildEntry* e : entries) {
        if (queue.aborted())
            break;
        if (e->isDir) {
            Step s;
            s.kind = Step::Kind::Folder;
            s.entry = e;
            if (!queue.push(std::move(s)))
                break;
            continue;
        }
        auto device = source.openFile(*e);
        if (!device) {
            failStep(device.error().message);
            break;
        }
        QIODevice* in = device.value().get();
        const bool store = isAlreadyCompressed(e->path);
        if (e->size <= WholeFileLimit) {
            QByteArray data(e->size, Qt::Uninitialized);
            const qint64 n = e->size ? in->read(data.data(), e->size) : 0;
            if (n != e->size || (in->bytesAvailable() > 0)) {
                failStep(source.readFailure(*e, *in));
                break;
            }
            Step s;
            s.kind = Step::Kind::WholeFile;
            s.entry = e;
            s.inputBytes = e->size;
            s.manifest = manifest.piece(*e, data, true, true, !store);
            s.piece = pool.compressWhole(std::move(data), !store);
            if (!queue.push(std::move(s)))
                break;
            continue;
        }
        bool ok = true;
        if (store) {
            // Stored data goes straight out after its header, so the CRC is taken in a first read.
            quint32 crc = 0;
            qint64 total = 0;
            QByteArray buf(ChunkSize, Qt::Uninitialized);
            for (qint64 n; (n = in->read(buf.data(), buf.size())) > 0;) {
                crc = libdeflate_crc32(crc, buf.constData(), size_t(n));
                total += n;
            }
            if (total != e->size) {
                failStep(source.readFailure(*e, *in));
                break;
            }
            device.value().reset();
            Step header;
            header.kind = Step::Kind::StoredHeader;
            header.entry = e;
            header.crc32 = crc;
            if (!queue.push(std::move(header)))
                break;
            auto again = source.openFile(*e);
            if (!again) {
                failStep(again.error().message);
                break;
            }
            quint32 check = 0;
            qint64 sent = 0;
            QString failure;
            while (sent < e->size) {
                QByteArray piece(std::min(ChunkSize, e->size - sent), Qt::Uninitialized);
                if (again.value()->read(piece.data(), piece.size()) != piece.size()) {
                    failure = source.readFailure(*e, *again.value());
                    break;
                }
                check = libdeflate_crc32(check, piece.constData(), size_t(piece.size()));
                sent += piece.size();
                Step s;
                s.kind = Step::Kind::StoredData;
                s.entry = e;
                s.inputBytes = piece.size();
                s.manifest = manifest.piece(*e, piece, sent == piece.size(), sent == e->size, false);
                s.data = std::move(piece);
                if (!queue.push(std::move(s)))
                    return;
            }
            if (!failure.isEmpty() || check != crc) {
                failStep(failure.isEmpty() ? source.readFailure(*e, *again.value()) : failure);
                break;
            }
            continue;
        }
        quint32 crc = 0;
        qint64 done = 0;
        QByteArray dictionary;
        while (done < e->size) {
            QByteArray piece(std::min(ChunkSize, e->size - done), Qt::Uninitialized);
            if (in->read(piece.data(), piece.size()) != piece.size()) {
                ok = false;
                break;
            }
            crc = libdeflate_crc32(crc, piece.constData(), size_t(piece.size()));
            done += piece.size();
            Step s;
            s.kind = Step::Kind::Chunk;
            s.entry = e;
            s.last = done == e->size;
            s.crc32 = crc;
            s.inputBytes = piece.size();
            s.manifest = manifest.piece(*e, piece, done == piece.size(), s.last, true);
            QByteArray nextDictionary = piece.right(DictionarySize);
            s.piece = pool.compressChunk(std::move(dictionary), std::move(piece), s.last);
            dictionary = std::move(nextDictionary);
            if (!queue.push(std::move(s)))
                return;
        }
        if (!ok || in->bytesAvailable() > 0) {
            failStep(source.readFailure(*e, *in));
            break;
        }
    }
    queue.close();
}

// Holds the deflated pieces of one large file until its sizes are known.
class Spill
{
public:
    explicit Spill(QString folder) : m_folder(std::move(folder)) {}
    Status append(const QByteArray& bytes)
    {
        m_size += bytes.size();
        if (!m_file && m_memory.size() + bytes.size() <= SpillThreshold) {
            m_memory.append(bytes);
            return Ok{};
        }
        if (!m_file) {
            m_file = std::make_unique<QTemporaryFile>(m_folder + QStringLiteral("/.slipway-spill-XXXXXX"));
            if (!m_file->open())
                return fail(
                    QStringLiteral("Cannot create a temporary file in %1: %2.").arg(m_folder, m_file->errorString()));
            if (auto st = writeAll(m_memory); !st)
                return st;
            m_memory = QByteArray();
        }
        return writeAll(bytes);
    }
    [[nodiscard]] qint64 size() const { return m_size; }
    Status replay(ZipStreamWriter& zip)
    {
        if (!m_file)
            return zip.writeData(m_memory.constData(), m_memory.size());
        if (!m_file->seek(0))
            return fail(QStringLiteral("Cannot read back %1: %2.").arg(m_file->fileName(), m_file->errorString()));
        QByteArray buf(ChunkSize, Qt::Uninitialized);
        for (qint64 n; (n = m_file->read(buf.data(), buf.size())) > 0;) {
            if (auto st = zip.writeData(buf.constData(), n); !st)
                return st;
        }
        return Ok{};
    }
    void reset()
    {
        m_file.reset();
        m_memory = QByteArray();
        m_size = 0;
    }

private:
    Status writeAll(const QByteArray& bytes)
    {
        return OutputFile::writeAll(m_file->handle(), bytes.constData(), bytes.size(),
                                    QStringLiteral("a temporary file in %1").arg(m_folder), m_folder,
                                    QStringLiteral("write the bundle to another folder"));
    }

    QString m_folder;
    QByteArray m_memory;
    std::unique_ptr<QTemporaryFile> m_file;
    qint64 m_size = 0;
};

} // namespace

Result<PackageResult> Packager::package(const PackageRequest& request, const ProgressFn& progress)
{
    if (request.zipPath.isEmpty())
        return fail(QStringLiteral("No output file given for the bundle zip."));
    const bool encrypt = !request.encryptedPath.isEmpty();
    if (encrypt) {
        if (!request.signer)
            return fail(QStringLiteral("Encrypting a bundle needs the private key (.capgo_key_v2)."));
        if (auto st = request.signer->publicKey().checkCapgoCompatible(); !st)
            return st.error();
    }
    auto opened = BuildSource::open(request.sourcePath, request.preflight.limits,
                                    ScanControl{request.cancelFlag, request.preflight.scan.progress});
    if (!opened)
        return opened.error();
    const BuildSource& source = *opened.value();
    const bool delta = !request.manifestFolder.isEmpty();
    PreflightOptions preflight = request.preflight;
    preflight.delta = delta;
    preflight.encryptedDelta = delta && encrypt;
    PreflightReport report = Preflight::run(source, preflight);
    if (report.hasBlockingFailure())
        return fail(QStringLiteral("The build is not ready to ship:\n%1").arg(report.blockingSummary()));

    const std::vector<const BuildEntry*> shipped = shippedEntries(source, request.preflight.excludeJunk);

    OutputFile zipFile(request.zipPath);
    if (auto st = zipFile.start(); !st)
        return st.error();
    OutputFile encryptedFile(encrypt ? request.encryptedPath : QString());
    std::unique_ptr<crypto::BundleEncryptionSink> sealer;
    crypto::Sha256 sha;
    if (encrypt) {
        if (auto st = encryptedFile.start(); !st) {
            zipFile.cancel();
            return st.error();
        }
        sealer = std::make_unique<crypto::BundleEncryptionSink>(request.signer, &encryptedFile);
    }
    // A write the encrypted file refused is reported with its own reason (a full disk), not the sealer's summary.
    auto sealerStatus = [&](Status st) -> Status {
        if (!st && !encryptedFile.failure().isEmpty())
            return fail(encryptedFile.failure());
        return st;
    };

    ZipStreamWriter zip([&](const char* data, qint64 size) -> Status {
        if (zipFile.write(data, size) != size)
            return fail(zipFile.failure());
        if (sealer)
            return sealerStatus(sealer->write(data, size));
        sha.add(data, size);
        return Ok{};
    });

    PackageResult result;
    std::optional<ManifestOptions> manifestOptions;
    std::shared_ptr<BrotliCache> brotliCache;
    std::shared_ptr<SignatureMemo> signatures;
    QSet<QString> leftOut;
    if (delta) {
        const PreflightCheck* count = report.check(QStringLiteral("delta-file-count"));
        const PreflightCheck* empty = report.check(QStringLiteral("delta-empty-files"));
        if (count && !count->passed) {
            result.manifestWithheld = count->message;
        } else if (empty && !empty->passed && !preflight.deltaSkipEmpty) {
            result.manifestWithheld = empty->message;
        } else {
            if (!request.brotliCacheFolder.isEmpty())
                brotliCache = std::make_shared<BrotliCache>(request.brotliCacheFolder, limits::BrotliCacheBytes);
            if (!request.brotliCacheFolder.isEmpty() && sealer && request.signer)
                signatures = std::make_shared<SignatureMemo>(request.brotliCacheFolder, request.signer->publicKey());
            manifestOptions = ManifestOptions{request.manifestFolder, sealer ? &sealer->sessionKey() : nullptr,
                                              request.signer, request.brotliQuality, brotliCache, signatures};
            if (empty && !empty->passed)
                for (const BuildEntry* e : shipped)
                    if (!e->isDir && e->size == 0)
                        leftOut.insert(e->path);
            result.manifest = DeltaManifest{{}, encrypt, leftOut.isEmpty() ? QString() : empty->message};
            result.manifest->files.reserve(shipped.size());
            if (!QDir().mkpath(request.manifestFolder)) {
                zipFile.cancel();
                encryptedFile.cancel();
                return fail(QStringLiteral("Cannot create the folder %1 for the delta objects.").arg(request.manifestFolder));
            }
        }
    }

    const qint64 total = report.bytes;
    qint64 done = 0;
    StepQueue queue;
    CompressionPool pool(std::max(1, QThread::idealThreadCount()));
    ManifestJobs manifest(pool, manifestOptions, leftOut);
    std::thread reader([&] { readBuild(source, shipped, pool, manifest, queue); });
    Spill spill(QFileInfo(request.zipPath).absolutePath());

    auto cancelled = [&] { return (request.cancelFlag && request.cancelFlag->load()) || !reportProgress(progress, done, total); };
    Status status = Ok{};
    auto entryHeader = [](const BuildEntry& e) {
        ZipStreamWriter::Entry z;
        z.name = e.path.toUtf8();
        z.uncompressedSize = quint64(e.size);
        return z;
    };
    if (!reportProgress(progress, 0, total))
        status = fail(QStringLiteral("Packaging was cancelled."));
    Step step;
    qint64 trimmedAt = 0;
    while (status && queue.pop(step)) {
        if (cancelled()) {
            status = fail(QStringLiteral("Packaging was cancelled."));
            break;
        }
        switch (step.kind) {
        case Step::Kind::Failure:
            status = fail(step.error);
            break;
        case Step::Kind::Folder: {
            ZipStreamWriter::Entry z;
            z.name = step.entry->path.toUtf8() + '/';
            z.unixMode = 040755;
            status = zip.beginEntry(z);
            break;
        }
        case Step::Kind::WholeFile: {
            CompressedPiece piece;
            try {
                piece = step.piece.get();
            } catch (const std::exception& ex) {
                status = fail(QStringLiteral("Could not compress %1: %2.").arg(step.entry->path, QString::fromUtf8(ex.what())));
                break;
            }
            auto z = entryHeader(*step.entry);
            z.method = piece.deflated ? ZipStreamWriter::Deflated : ZipStreamWriter::Stored;
            z.crc32 = piece.crc32;
            z.compressedSize = quint64(piece.payload.size());
            status = zip.beginEntry(z);
            if (status)
                status = zip.writeData(piece.payload.constData(), piece.payload.size());
            done += step.entry->size;
            break;
        }
        case Step::Kind::StoredHeader: {
            auto z = entryHeader(*step.entry);
            z.crc32 = step.crc32;
            z.compressedSize = quint64(step.entry->size);
            status = zip.beginEntry(z);
            break;
        }
        case Step::Kind::StoredData:
            status = zip.writeData(step.data.constData(), step.data.size());
            done += step.data.size();
            break;
        case Step::Kind::Chunk: {
            CompressedPiece piece;
            try {
                piece = step.piece.get();
            } catch (const std::exception& ex) {
                status = fail(QStringLiteral("Could not compress %1: %2.").arg(step.entry->path, QString::fromUtf8(ex.what())));
                break;
            }
            status = spill.append(piece.payload);
            done += step.inputBytes;
            if (status && step.last) {
                auto z = entryHeader(*step.entry);
                z.method = ZipStreamWriter::Deflated;
                z.crc32 = step.crc32;
                z.compressedSize = quint64(spill.size());
                status = zip.beginEntry(z);
                if (status)
                    status = spill.replay(zip);
                spill.reset();
            }
            break;
        }
        }
        if (status && step.manifest.valid()) {
            try {
                const ManifestPiece& piece = step.manifest.get();
                if (!piece.status)
                    status = piece.status;
                else if (piece.file)
                    result.manifest->files.push_back(*piece.file);
            } catch (const std::exception& ex) {
                status = fail(QStringLiteral("Could not make the delta object of %1: %2.")
                                  .arg(step.entry->path, QString::fromUtf8(ex.what())));
            }
        }
        queue.release(step.inputBytes);
        step = Step();
        if (done / TrimInterval != trimmedAt) {
            trimmedAt = done / TrimInterval;
            releaseFreedMemory();
        }
    }
    if (!status)
        queue.abort();
    reader.join();
    if (status)
        status = zip.finish();
    if (status && !reportProgress(progress, total, total))
        status = fail(QStringLiteral("Packaging was cancelled."));

    if (status && sealer) {
        auto seal = sealer->finish();
        if (!seal)
            status = sealerStatus(seal.error());
        else
            result.seal = seal.value();
    }
    if (!status) {
        zipFile.cancel();
        if (encrypt)
            encryptedFile.cancel();
        if (result.manifest)
            QDir(request.manifestFolder).removeRecursively();
        return status.error();
    }
    if (auto st = zipFile.commit(); !st) {
        if (encrypt)
            encryptedFile.cancel();
        return st.error();
    }
    if (encrypt) {
        if (auto st = encryptedFile.commit(); !st) {
            QFile::remove(request.zipPath);
            return st.error();
        }
    }
    if (brotliCache)
        brotliCache->prune();
    if (signatures)
        signatures->save();
    result.zipPath = request.zipPath;
    result.sha256Hex = result.seal ? result.seal->sha256Hex : crypto::Sha256::hex(sha.finish());
    result.zipSize = qint64(zip.bytesWritten());
    result.bytes = report.bytes;
    result.files = report.files;
    result.checks = std::move(report.checks);
    if (encrypt)
        result.encryptedPath = request.encryptedPath;
    return result;
}

std::vector<const BuildEntry*> Packager::shippedEntries(const BuildSource& source, bool excludeJunk)
{
    std::vector<const BuildEntry*> shipped;
    for (const BuildEntry& e : source.entries()) {
        if (!(excludeJunk && Preflight::isJunkPath(e.path)))
            shipped.push_back(&e);
    }
    return shipped;
}

} // namespace slipway::bundle
