// The C++ API the release runner calls: progress, cancellation, a file vanishing mid-run, atomic
// outputs, and the zip64 end records, checked by real readers (unzip -t and Python's zipfile).
#include "bundle/BrotliCache.h"
#include "bundle/BuildName.h"
#include "bundle/BuildSource.h"
#include "bundle/Packager.h"
#include "bundle/ZipStreamWriter.h"
#include "common/InputLimits.h"
#include "crypto/AesCbcCipher.h"
#include "crypto/FileKeySigner.h"
#include "crypto/SessionKey.h"
#include "crypto/Sha256.h"
#include "crypto/SignedChecksum.h"
#include "crypto/RsaKey.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QtTest>

#include <brotli/encode.h>
#include <zlib.h>

#include <unistd.h>

using namespace slipway;

namespace {

void writeFile(const QString& path, const QByteArray& data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(data), data.size());
}

QByteArray noise(qsizetype size, quint32 seed)
{
    QByteArray b(size, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    rng.fillRange(reinterpret_cast<quint32*>(b.data()), size / 4);
    return b;
}

// A build with well over the reader's in-flight budget before its last file.
void makeBuild(const QString& root)
{
    writeFile(root + "/index.html", "<html></html>\n");
    writeFile(root + "/app.js", "CapacitorUpdater.notifyAppReady();\n");
    for (int i = 0; i < 12; ++i)
        writeFile(root + QStringLiteral("/media/m%1.png").arg(i), noise(3 * 1024 * 1024, quint32(i)));
    writeFile(root + "/zzz-last.js", QByteArray(100000, 'x'));
}

QStringList filesIn(const QString& dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System);
}

// Packages the build in `dir`/build into `dir`/`name` with a delta and the delta cache in `cacheFolder`; encrypted
// when a signer is given.
std::optional<bundle::PackageResult> packageWithCache(const QTemporaryDir& dir, const QString& name,
                                                      const QString& cacheFolder, crypto::SignerPtr signer = {})
{
    bundle::PackageRequest request;
    request.sourcePath = dir.filePath("build");
    request.zipPath = dir.filePath(name + "/bundle.zip");
    if (signer)
        request.encryptedPath = dir.filePath(name + "/bundle.zip.encrypted");
    request.signer = std::move(signer);
    request.manifestFolder = dir.filePath(name + "/objects");
    request.brotliCacheFolder = cacheFolder;
    QDir().mkpath(dir.filePath(name));
    auto result = bundle::Packager::package(request);
    if (!result.ok())
        qWarning() << result.error().message;
    return result.ok() ? std::optional(result.value()) : std::nullopt;
}

// A zip written by our own writer with whatever CRC each entry is given (right or wrong).
void writeZip(const QString& path, const QList<QPair<QByteArray, QByteArray>>& files, quint32 wrongCrcFor = 0)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    bundle::ZipStreamWriter zip([&](const char* data, qint64 size) -> Status {
        if (file.write(data, size) != size)
            return fail("write failed");
        return Ok{};
    });
    int index = 0;
    for (const auto& [name, data] : files) {
        bundle::ZipStreamWriter::Entry e;
        e.name = name;
        e.crc32 = quint32(crc32(0, reinterpret_cast<const Bytef*>(data.constData()), uInt(data.size())));
        if (++index == int(wrongCrcFor))
            e.crc32 ^= 0x00010000;
        e.compressedSize = e.uncompressedSize = quint64(data.size());
        QVERIFY(zip.beginEntry(e).ok());
        QVERIFY(zip.writeData(data.constData(), data.size()).ok());
    }
    QVERIFY(zip.finish().ok());
}

bool pythonAccepts(const QString& zip, QString* output)
{
    QProcess p;
    p.start(QStringLiteral("python3"), {QStringLiteral("-c"),
                                        QStringLiteral("import sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\n"
                                                       "print(len(z.infolist()))"),
                                        zip});
    p.waitForFinished(120000);
    *output = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError()).trimmed();
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}


// A build for the delta: small and large text (brotli pays), media (stored), files past the whole-file limit
// (streamed in chunks), an empty file, and names with spaces and non-ASCII letters.
QMap<QString, QByteArray> deltaBuild(const QString& root, bool withEmpty)
{
    QMap<QString, QByteArray> files;
    QByteArray text;
    for (int i = 0; text.size() < 4 * 1024 * 1024 + 17; ++i)
        text += "export const f" + QByteArray::number(i) + " = (a, b) => a + b * " + QByteArray::number(i % 97) + ";\n";
    files["index.html"] = "<html><script src=app.js></script></html>\n";
    files["app.js"] = "CapacitorUpdater.notifyAppReady();\n";
    files["assets/big text é.js"] = text;                                // streamed, brotli
    files["assets/mid.css"] = text.left(20000);                           // whole, brotli
    files["assets/tiny.js"] = text.left(8191);                            // under the brotli threshold: stored
    files["media/photo 1.png"] = noise(300000, 7);                        // media: stored
    files["media/video.webm"] = noise(5 * 1024 * 1024 + 3, 9);            // streamed, stored
    files["data/random.bin"] = noise(20000, 11);                          // brotli tried, does not pay: stored
    if (withEmpty)
        files["data/empty.txt"] = QByteArray();
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        writeFile(root + QLatin1Char('/') + it.key(), it.value());
    return files;
}

// Decodes a plain object with Python's brotli (Debian python3-brotli), independent of the C++ encoder.
QByteArray pythonUnbrotli(const QByteArray& compressed)
{
    QProcess p;
    p.start(QStringLiteral("/usr/bin/python3"),
            {QStringLiteral("-c"), QStringLiteral("import sys,brotli\nsys.stdout.buffer.write(brotli.decompress(sys.stdin.buffer.read()))")});
    p.write(compressed);
    p.closeWriteChannel();
    p.waitForFinished(120000);
    return p.exitCode() == 0 ? p.readAllStandardOutput() : QByteArray("python failed: ") + p.readAllStandardError();
}

constexpr int ManifestOptionsQuality = bundle::ManifestOptions::DefaultBrotliQuality;

QByteArray brotliOf(const QByteArray& data)
{
    size_t size = BrotliEncoderMaxCompressedSize(size_t(data.size()));
    QByteArray out(qsizetype(size), Qt::Uninitialized);
    const bool ok = BrotliEncoderCompress(5, 22, BROTLI_MODE_GENERIC, size_t(data.size()),
                                          reinterpret_cast<const uint8_t*>(data.constData()), &size,
                                          reinterpret_cast<uint8_t*>(out.data())) == BROTLI_TRUE;
    return ok ? out.left(qsizetype(size)) : QByteArray();
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class tst_Packager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void progressReachesTotal()
    {
        QTemporaryDir dir;
        makeBuild(dir.filePath("build"));
        bundle::PackageRequest request;
        request.sourcePath = dir.filePath("build");
        request.zipPath = dir.filePath("out/bundle.zip");
        QDir().mkpath(dir.filePath("out"));
        qint64 last = -1, total = -1;
        bool monotonic = true;
        auto result = bundle::Packager::package(request, [&](qint64 done, qint64 all) {
            monotonic = monotonic && done >= last;
            last = done;
            total = all;
            return true;
        });
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QVERIFY(monotonic);
        QCOMPARE(last, total);
        QCOMPARE(total, result->bytes);
        QCOMPARE(result->files, 15);
        QCOMPARE(result->zipSize, QFileInfo(request.zipPath).size());
        QCOMPARE(result->sha256Hex.size(), 64);
        QVERIFY(!result->seal);
        QString out;
        QVERIFY2(pythonAccepts(request.zipPath, &out), qPrintable(out));
    }

    // The delta rides the packaging pass: every shipped file becomes an object, brotli exactly where the plugin's
    // rule says it pays, and the objects decode back to the build.
    void deltaObjectsDescribeTheSameTree()
    {
        QTemporaryDir dir;
        const auto files = deltaBuild(dir.filePath("build"), true);
        bundle::PackageRequest request;
        request.sourcePath = dir.filePath("build");
        request.zipPath = dir.filePath("out/bundle.zip");
        request.manifestFolder = dir.filePath("out/objects");
        QDir().mkpath(dir.filePath("out"));
        auto result = bundle::Packager::package(request);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QVERIFY(result->manifest);
        QCOMPARE(qsizetype(result->manifest->files.size()), files.size());
        QCOMPARE(result->files, qint64(files.size()));
        QSet<QString> brotli;
        for (const bundle::ManifestFile& f : result->manifest->files) {
            QVERIFY2(files.contains(f.path), qPrintable(f.path));
            const QByteArray original = files.value(f.path);
            QCOMPARE(f.sha256Hex, crypto::Sha256::hex(crypto::Sha256::of(original)));
            QCOMPARE(QString::fromLatin1(f.fileHash), f.sha256Hex);
            QCOMPARE(f.size, original.size());
            const QByteArray object = readAll(dir.filePath("out/objects/") + f.objectName);
            QCOMPARE(object.size(), f.objectSize);
            if (f.brotli()) {
                brotli.insert(f.path);
                QVERIFY(object.size() < original.size() - 10);
                QCOMPARE(pythonUnbrotli(object), original);
            } else {
                QCOMPARE(object, original);
            }
        }
        QCOMPARE(brotli, (QSet<QString>{QStringLiteral("assets/big text é.js"), QStringLiteral("assets/mid.css")}));
        QVERIFY(!filesIn(dir.filePath("out/objects")).join(QLatin1Char(' ')).contains(QStringLiteral(".object-")));
    }

    // Objects are written under their names at once: a write the disk refuses names the object and the disk, and the
    // failed pass leaves no object behind (a real 2 MiB tmpfs, mounted by the test: needs root).
    void aFullDiskUnderTheObjectsIsNamedAndLeavesNothing()
    {
        QVERIFY2(::geteuid() == 0, "mounting a tmpfs needs root: run the bundle tests as root");
        QTemporaryDir dir;
        makeBuild(dir.filePath("build"));
        for (int i = 0; i < 40; ++i) // 4 MiB that brotli cannot shrink: stored objects of 100 KiB each
            writeFile(dir.filePath(QStringLiteral("build/media/m%1.bin").arg(i)), noise(100 * 1024, quint32(i + 1)));
        QTemporaryDir mountPoint;
        QCOMPARE(QProcess::execute(QStringLiteral("mount"),
                                   {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                    QStringLiteral("size=2m"), QStringLiteral("tmpfs"), mountPoint.path()}),
                 0);
        auto unmount = qScopeGuard([&] { QProcess::execute(QStringLiteral("umount"), {mountPoint.path()}); });
        bundle::PackageRequest request;
        request.sourcePath = dir.filePath("build");
        request.zipPath = dir.filePath("bundle.zip");
        request.manifestFolder = mountPoint.filePath(QStringLiteral("objects"));
        auto result = bundle::Packager::package(request);
        QVERIFY(!result.ok());
        const QString message = result.error().message;
        QVERIFY2(message.contains(QLatin1String("Cannot write the delta object")) &&
                     message.contains(QLatin1String("No space left on device")) &&
                     message.contains(QLatin1String("is the disk full?")),
                 qPrintable(message));
        QCOMPARE(filesIn(mountPoint.path()), QStringList());
        QVERIFY(!QFileInfo::exists(dir.filePath("bundle.zip")));
    }

    // A release compresses only what an earlier one did not: brotli forms come from the cache by the file's SHA-256
    // (a planted entry is what ships, proving the lookup), and a damaged entry is compressed again, never shipped.
    void brotliFormsComeFromTheCacheWhenIntact()
    {
        QTemporaryDir dir;
        const auto files = deltaBuild(dir.filePath("build"), false);
        const QString cacheFolder = dir.filePath("cache");
        auto packageOnce = [&](const QString& name) { return packageWithCache(dir, name, cacheFolder); };
        QVERIFY(packageOnce("first"));
        // Whole files from 8,192 bytes on: mid.css and random.bin (brotli does not pay: remembered too).
        QCOMPARE(filesIn(cacheFolder).size(), 2);
        QCOMPARE(QFileInfo(cacheFolder).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFileDevice::Permissions());

        const QByteArray midSha = crypto::Sha256::of(files.value("assets/mid.css"));
        const QByteArray planted = "planted: " + files.value("assets/mid.css").left(9000);
        bundle::BrotliCache(cacheFolder, 1 << 30).remember(midSha, ManifestOptionsQuality, {true, brotliOf(planted)});
        auto second = packageOnce("second");
        QVERIFY(second && second->manifest);
        auto mid = std::find_if(second->manifest->files.begin(), second->manifest->files.end(),
                                [](const bundle::ManifestFile& f) { return f.path == QStringLiteral("assets/mid.css"); });
        QVERIFY(mid != second->manifest->files.end());
        QCOMPARE(pythonUnbrotli(readAll(dir.filePath("second/objects/") + mid->objectName)), planted);

        const QString entry = cacheFolder + QLatin1Char('/') + filesIn(cacheFolder).filter(QString::fromLatin1(midSha.toHex())).value(0);
        QByteArray damaged = readAll(entry);
        damaged[damaged.size() - 1] = char(damaged.at(damaged.size() - 1) ^ 0x40);
        writeFile(entry, damaged);
        auto third = packageOnce("third");
        QVERIFY(third && third->manifest);
        mid = std::find_if(third->manifest->files.begin(), third->manifest->files.end(),
                           [](const bundle::ManifestFile& f) { return f.path == QStringLiteral("assets/mid.css"); });
        QCOMPARE(pythonUnbrotli(readAll(dir.filePath("third/objects/") + mid->objectName)), files.value("assets/mid.css"));
        QVERIFY(readAll(entry) != damaged); // compressed again and remembered
    }

    // Encrypted: the objects are the plain objects under the zip's own session key and IV; each hash is V3-signed.
    void encryptedDeltaUsesTheZipsSessionKey()
    {
        QTemporaryDir dir;
        const auto files = deltaBuild(dir.filePath("build"), false);
        auto key = crypto::RsaKey::fromFile(QStringLiteral(SLIPWAY_TEST_DATA "/vectors/capgo-cli-8.68.1/capgo_key_v2.pem"));
        QVERIFY(key.ok());
        QDir().mkpath(dir.filePath("out"));
        bundle::PackageRequest plain;
        plain.sourcePath = dir.filePath("build");
        plain.zipPath = dir.filePath("out/plain.zip");
        plain.manifestFolder = dir.filePath("out/plain");
        auto reference = bundle::Packager::package(plain);
        QVERIFY(reference.ok() && reference->manifest);

        bundle::PackageRequest request = plain;
        request.zipPath = dir.filePath("out/bundle.zip");
        request.encryptedPath = dir.filePath("out/bundle.zip.encrypted");
        request.signer = crypto::FileKeySigner::make(key.value());
        request.manifestFolder = dir.filePath("out/objects");
        auto result = bundle::Packager::package(request);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QVERIFY(result->seal && result->manifest && result->manifest->encrypted);
        auto session = crypto::SessionKey::unwrap(result->seal->ivSessionKey, key->publicKey());
        QVERIFY(session.ok());
        QCOMPARE(result->manifest->files.size(), reference->manifest->files.size());
        for (size_t i = 0; i < result->manifest->files.size(); ++i) {
            const bundle::ManifestFile& f = result->manifest->files[i];
            QCOMPARE(f.fileName, reference->manifest->files[i].fileName);
            QCOMPARE(f.fileHash.size(), 512);
            auto recovered = crypto::SignedChecksum::recoverHex(QString::fromLatin1(f.fileHash), key->publicKey());
            QVERIFY(recovered.ok());
            QCOMPARE(recovered.value(), f.sha256Hex);
            crypto::AesCbcCipher cipher(crypto::AesCbcCipher::Direction::Decrypt, session->key(), session->iv());
            const QByteArray object = readAll(dir.filePath("out/objects/") + f.objectName);
            QCOMPARE(object.size(), f.objectSize);
            QByteArray decrypted;
            QVERIFY(cipher.update(object.constData(), object.size(), decrypted).ok());
            QVERIFY(cipher.finish(decrypted).ok());
            QCOMPARE(decrypted, readAll(dir.filePath("out/plain/") + reference->manifest->files[i].objectName));
        }
    }

    // The signed hashes of an encrypted delta come from the memo of the last build when they verify with the key
    // (PKCS#1 v1.5 signing is deterministic): the same bytes, spared a private-key operation per file. A memo entry
    // that does not verify (damaged, or another file's) is signed again, never shipped.
    void signedHashesComeFromTheMemoWhenTheyVerify()
    {
        QTemporaryDir dir;
        deltaBuild(dir.filePath("build"), false);
        auto key = crypto::RsaKey::fromFile(QStringLiteral(SLIPWAY_TEST_DATA "/vectors/capgo-cli-8.68.1/capgo_key_v2.pem"));
        QVERIFY(key.ok());
        const QString cacheFolder = dir.filePath("cache");
        const crypto::SignerPtr signer = crypto::FileKeySigner::make(key.value());
        auto packageOnce = [&](const QString& name) { return packageWithCache(dir, name, cacheFolder, signer); };
        auto first = packageOnce("first");
        QVERIFY(first && first->manifest);
        const QStringList memos = filesIn(cacheFolder).filter(QStringLiteral("signatures-"));
        QCOMPARE(memos.size(), 1);
        const QString memo = cacheFolder + QLatin1Char('/') + memos.first();
        QCOMPARE(readAll(memo).count('\n'), qsizetype(first->manifest->files.size()));

        // Two entries swapped: each is a valid signature, of the other file's hash.
        QList<QByteArray> lines = readAll(memo).split('\n');
        lines.removeAll(QByteArray());
        QVERIFY(lines.size() >= 2);
        const QByteArray a = lines[0].mid(65);
        lines[0] = lines[0].left(65) + lines[1].mid(65);
        lines[1] = lines[1].left(65) + a;
        writeFile(memo, lines.join('\n') + '\n');
        auto second = packageOnce("second");
        QVERIFY(second && second->manifest);
        QCOMPARE(second->manifest->files.size(), first->manifest->files.size());
        for (size_t i = 0; i < second->manifest->files.size(); ++i) {
            const bundle::ManifestFile& f = second->manifest->files[i];
            QCOMPARE(f.fileHash, first->manifest->files[i].fileHash);
            auto recovered = crypto::SignedChecksum::recoverHex(QString::fromLatin1(f.fileHash), key->publicKey());
            QVERIFY(recovered.ok());
            QCOMPARE(recovered.value(), f.sha256Hex);
        }
        // The memo keeps the last build's signed hashes, mended.
        QList<QByteArray> kept = readAll(memo).split('\n');
        kept.removeAll(QByteArray());
        QCOMPARE(kept.size(), qsizetype(first->manifest->files.size()));
        for (const QByteArray& line : kept) {
            auto recovered = crypto::SignedChecksum::recoverHex(QString::fromLatin1(line.mid(65)), key->publicKey());
            QVERIFY(recovered.ok());
            QCOMPARE(recovered.value(), QString::fromLatin1(line.left(64)));
        }
    }

    // An encrypted empty file cannot reach a phone (0 decrypted bytes fail the plugin): pre-flight names it and the
    // release makes no delta, unless --delta-skip-empty leaves it out, said aloud. Plain deltas carry it.
    void emptyFilesInAnEncryptedDeltaAreNamed()
    {
        QTemporaryDir dir;
        deltaBuild(dir.filePath("build"), true);
        auto key = crypto::RsaKey::fromFile(QStringLiteral(SLIPWAY_TEST_DATA "/vectors/capgo-cli-8.68.1/capgo_key_v2.pem"));
        QVERIFY(key.ok());
        QDir().mkpath(dir.filePath("out"));
        bundle::PackageRequest request;
        request.sourcePath = dir.filePath("build");
        request.zipPath = dir.filePath("out/bundle.zip");
        request.encryptedPath = dir.filePath("out/bundle.zip.encrypted");
        request.signer = crypto::FileKeySigner::make(key.value());
        request.manifestFolder = dir.filePath("out/objects");
        auto withheld = bundle::Packager::package(request);
        QVERIFY(withheld.ok());
        QVERIFY(!withheld->manifest);
        QVERIFY2(withheld->manifestWithheld.contains(QStringLiteral("data/empty.txt")), qPrintable(withheld->manifestWithheld));
        QVERIFY(withheld->manifestWithheld.contains(QStringLiteral("--delta-skip-empty")));
        QCOMPARE(withheld->files, 9); // the zip still has every file

        request.preflight.deltaSkipEmpty = true;
        auto skipped = bundle::Packager::package(request);
        QVERIFY(skipped.ok() && skipped->manifest);
        QCOMPARE(skipped->manifest->files.size(), size_t(8));
        QVERIFY(skipped->manifest->note.contains(QStringLiteral("data/empty.txt")));
        for (const auto& f : skipped->manifest->files)
            QVERIFY(f.path != QLatin1String("data/empty.txt"));
    }

    // A delta lists at most limits::ManifestEntries files (the plugin and Capgo refuse more): a larger build is named by
    // pre-flight and published as the zip alone, not made into objects that the release's verify then refuses.
    void aBuildOfMoreFilesThanADeltaMayListPublishesTheZipOnly()
    {
        QTemporaryDir dir;
        const QString build = dir.filePath("build");
        writeFile(build + "/index.html", "<html></html>\n");
        writeFile(build + "/app.js", "CapacitorUpdater.notifyAppReady();\n");
        const int files = int(limits::ManifestEntries) + 1;
        for (int i = 2; i < files; ++i)
            writeFile(build + QStringLiteral("/a/%1/f%2.txt").arg(i % 100).arg(i), QByteArray::number(i));
        bundle::PackageRequest request;
        request.sourcePath = build;
        request.zipPath = dir.filePath("out/bundle.zip");
        request.manifestFolder = dir.filePath("out/objects");
        QDir().mkpath(dir.filePath("out"));
        auto packaged = bundle::Packager::package(request);
        QVERIFY2(packaged.ok(), packaged.ok() ? "" : qPrintable(packaged.error().message));
        QVERIFY(!packaged->manifest);
        QVERIFY2(packaged->manifestWithheld.contains(QStringLiteral("%1 files").arg(files)),
                 qPrintable(packaged->manifestWithheld));
        QVERIFY(packaged->manifestWithheld.contains(QStringLiteral("zip only")));
        QCOMPARE(packaged->files, files);
        QVERIFY(filesIn(dir.filePath("out/objects")).isEmpty());

        QFile::remove(build + "/a/2/f2.txt"); // exactly as many as a delta may list
        auto listed = bundle::Packager::package(request);
        QVERIFY(listed.ok() && listed->manifest);
        QCOMPARE(qint64(listed->manifest->files.size()), limits::ManifestEntries);
    }

    void cancelLeavesNothing_data()
    {
        QTest::addColumn<bool>("useFlag");
        QTest::newRow("progress returns false") << false;
        QTest::newRow("cancel flag") << true;
    }

    void cancelLeavesNothing()
    {
        QFETCH(bool, useFlag);
        QTemporaryDir dir;
        makeBuild(dir.filePath("build"));
        QDir().mkpath(dir.filePath("out"));
        auto key = crypto::RsaKey::fromFile(QStringLiteral(SLIPWAY_TEST_DATA "/vectors/capgo-cli-8.68.1/capgo_key_v2.pem"));
        QVERIFY(key.ok());
        std::atomic_bool cancel{false};
        bundle::PackageRequest request;
        request.sourcePath = dir.filePath("build");
        request.zipPath = dir.filePath("out/bundle.zip");
        request.encryptedPath = dir.filePath("out/bundle.zip.encrypted");
        request.signer = crypto::FileKeySigner::make(key.value());
        request.cancelFlag = &cancel;
        int calls = 0;
        auto result = bundle::Packager::package(request, [&](qint64 done, qint64) {
            ++calls;
            if (done > 5 * 1024 * 1024) {
                if (useFlag)
                    cancel = true;
                else
                    return false;
            }
            return true;
        });
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains("cancelled"), qPrintable(result.error().message));
        QVERIFY(calls > 2);
        QCOMPARE(filesIn(dir.filePath("out")), QStringList());
    }

    void fileVanishingMidRunIsNamed()
    {
        // The reader stays a bounded distance ahead of the writer, so removing the last file on the
        // first progress report happens before it is read: the run must name it and leave nothing.
        QTemporaryDir dir;
        makeBuild(dir.filePath("build"));
        QDir().mkpath(dir.filePath("out"));
        bundle::PackageRequest request;
        request.sourcePath = dir.filePath("build");
        request.zipPath = dir.filePath("out/bundle.zip");
        bool removed = false;
        auto result = bundle::Packager::package(request, [&](qint64, qint64) {
            if (!removed)
                removed = QFile::remove(dir.filePath("build/zzz-last.js"));
            return true;
        });
        QVERIFY(removed);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains("zzz-last.js"), qPrintable(result.error().message));
        QCOMPARE(filesIn(dir.filePath("out")), QStringList());
    }

    void blockingPreflightStopsBeforeWriting()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("build/app.js"), "notifyAppReady()");
        bundle::PackageRequest request;
        request.sourcePath = dir.filePath("build");
        request.zipPath = dir.filePath("bundle.zip");
        auto result = bundle::Packager::package(request);
        QVERIFY(!result.ok());
        QVERIFY(result.error().message.contains("index.html"));
        QVERIFY(!QFile::exists(request.zipPath));
        auto report = bundle::Preflight::run(request.sourcePath, {});
        QVERIFY(report.ok());
        QVERIFY(report->hasBlockingFailure());
    }

    void semverAndAppIdRules()
    {
        QVERIFY(bundle::Preflight::isSemver("1.0.0"));
        QVERIFY(bundle::Preflight::isSemver("10.20.30-rc.1+build.5"));
        QVERIFY(!bundle::Preflight::isSemver("1.0"));
        QVERIFY(!bundle::Preflight::isSemver("01.0.0"));
        QVERIFY(!bundle::Preflight::isSemver("v1.0.0"));
        QVERIFY(bundle::Preflight::isReverseDomainAppId("com.example.app"));
        QVERIFY(bundle::Preflight::isReverseDomainAppId("io.ionic.starter_app"));
        QVERIFY(!bundle::Preflight::isReverseDomainAppId("example"));
        QVERIFY(!bundle::Preflight::isReverseDomainAppId("com..app"));
        QVERIFY(!bundle::Preflight::isReverseDomainAppId("1com.app"));
        QVERIFY(bundle::Preflight::isJunkPath(".git/HEAD"));
        QVERIFY(bundle::Preflight::isJunkPath("js/app.js.map"));
        QVERIFY(!bundle::Preflight::isJunkPath(".well-known/assetlinks.json"));
    }

    void zip64EndRecordsForManyEntries()
    {
        // 70,000 entries pass the 16-bit count of the classic end record.
        QTemporaryDir dir;
        const QString path = dir.filePath("many.zip");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        bundle::ZipStreamWriter zip([&](const char* data, qint64 size) -> Status {
            if (file.write(data, size) != size)
                return fail("write failed");
            return Ok{};
        });
        const int count = 70000;
        for (int i = 0; i < count; ++i) {
            bundle::ZipStreamWriter::Entry e;
            e.name = QByteArray("f") + QByteArray::number(i) + ".txt";
            QVERIFY(zip.beginEntry(e).ok());
        }
        QVERIFY(zip.finish().ok());
        file.close();
        QString out;
        QVERIFY2(pythonAccepts(path, &out), qPrintable(out));
        QCOMPARE(out, QString::number(count));
        QProcess unzip;
        unzip.start(QStringLiteral("unzip"), {QStringLiteral("-tqq"), path});
        QVERIFY(unzip.waitForFinished(120000));
        QCOMPARE(unzip.exitCode(), 0);
    }

    void buildNameRule_data()
    {
        using P = bundle::BuildName::Problem;
        QTest::addColumn<QByteArray>("stored");
        QTest::addColumn<int>("problem");
        QTest::addColumn<QString>("path");
        QTest::newRow("plain") << QByteArray("js/app.js") << int(P::None) << "js/app.js";
        QTest::newRow("dots and doubled slashes") << QByteArray("./dist//a/./b.js") << int(P::None) << "dist/a/b.js";
        QTest::newRow("zip folder") << QByteArray("assets/") << int(P::None) << "assets";
        QTest::newRow("tar root") << QByteArray("./") << int(P::None) << "";
        QTest::newRow("Unicode") << QByteArray("b\xc3\xbcro/\xe6\x96\x87.js") << int(P::None)
                                 << QStringLiteral("büro/文.js");
        QTest::newRow("absolute") << QByteArray("/etc/passwd") << int(P::Unsafe) << "";
        QTest::newRow("climbing") << QByteArray("a/../b.js") << int(P::Unsafe) << "";
        QTest::newRow("Windows drive") << QByteArray("C:/app.js") << int(P::Unsafe) << "";
        QTest::newRow("backslash") << QByteArray("a\\b.js") << int(P::Unsafe) << "";
        QTest::newRow("NUL") << QByteArray("a\0b", 3) << int(P::Unsafe) << "";
        QTest::newRow("Latin-1") << QByteArray("caf\xe9.js") << int(P::Unrepresentable) << "";
        QTest::newRow("overlong slash") << QByteArray("a\xc0\xaf"
                                                      "b")
                                        << int(P::Unrepresentable) << "";
        QTest::newRow("UTF-16 surrogate") << QByteArray("\xed\xa0\x80.js") << int(P::Unrepresentable) << "";
        QTest::newRow("past U+10FFFF") << QByteArray("\xf4\x90\x80\x80.js") << int(P::Unrepresentable) << "";
        QTest::newRow("cut sequence") << QByteArray("\xe6\x96") << int(P::Unrepresentable) << "";
        QTest::newRow("255-byte name") << QByteArray(255, 'a') << int(P::None) << QString(255, QLatin1Char('a'));
        QTest::newRow("256-byte name") << QByteArray(256, 'a') << int(P::Unrepresentable) << "";
        const QByteArray part(255, 'p');
        QTest::newRow("1023-byte path") << QByteArray(part + '/' + part + '/' + part + '/' + part) << int(P::None)
                                        << QString::fromLatin1(part + '/' + part + '/' + part + '/' + part);
        QTest::newRow("1025-byte path") << QByteArray(part + '/' + part + '/' + part + '/' + part + "/a")
                                        << int(P::Unrepresentable) << "";
    }

    void buildNameRule()
    {
        QFETCH(QByteArray, stored);
        QFETCH(int, problem);
        QFETCH(QString, path);
        const auto name = bundle::BuildName::check(stored);
        QCOMPARE(int(name.problem), problem);
        QCOMPARE(name.reason.isEmpty(), problem == int(bundle::BuildName::Problem::None));
        QCOMPARE(name.path, path);
    }

    void undecodableBytesAreShown()
    {
        QCOMPARE(bundle::BuildName::shownName("caf\xe9/\xff.js"), QStringLiteral("caf\\xe9/\\xff.js"));
        QCOMPARE(bundle::BuildName::shownName("b\xc3\xbcro"), QStringLiteral("büro"));
    }

    void damagedZipEntryIsNamed()
    {
        QTemporaryDir dir;
        const QString zip = dir.filePath("ci.zip");
        writeZip(zip, {{"index.html", "<html>"}, {"app.js", "notifyAppReady()"}, {"data/notes.txt", "hello world"}}, 3);
        auto source = bundle::BuildSource::open(zip);
        QVERIFY2(source.ok(), qPrintable(source.error().message));
        const auto& entries = source.value()->entries();
        const auto notes =
            std::find_if(entries.begin(), entries.end(), [](const auto& e) { return e.path == "data/notes.txt"; });
        QVERIFY(notes != entries.end());
        QVERIFY2(notes->damaged.startsWith("its CRC-32 is "), qPrintable(notes->damaged));
        bundle::PackageRequest request;
        request.sourcePath = zip;
        request.zipPath = dir.filePath("out/bundle.zip");
        QDir().mkpath(dir.filePath("out"));
        auto result = bundle::Packager::package(request);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains("data/notes.txt (its CRC-32 is "), qPrintable(result.error().message));
        QCOMPARE(filesIn(dir.filePath("out")), QStringList());
    }

    void limitsComeFromThePreflightOptions()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("build/index.html"), "<html>");
        writeFile(dir.filePath("build/app.js"), "notifyAppReady()");
        writeFile(dir.filePath("build/media.png"), noise(2 * 1024 * 1024, 5));
        bundle::PackageRequest request;
        request.sourcePath = dir.filePath("build");
        request.zipPath = dir.filePath("out/bundle.zip");
        QDir().mkpath(dir.filePath("out"));
        request.preflight.limits.maxBytes = 1024 * 1024;
        auto refused = bundle::Packager::package(request);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains("more than the 1.0 MiB a build may have"),
                 qPrintable(refused.error().message));
        QCOMPARE(filesIn(dir.filePath("out")), QStringList());
        QVERIFY(!bundle::Preflight::run(request.sourcePath, request.preflight).ok());
        request.preflight.limits.maxBytes = 0; // no limit
        auto packaged = bundle::Packager::package(request);
        QVERIFY2(packaged.ok(), qPrintable(packaged.error().message));
        QCOMPARE(packaged->files, 3);
    }

    void archiveTopFolderBecomesRoot()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("src/dist/index.html"), "<html>");
        writeFile(dir.filePath("src/dist/a.js"), "notifyAppReady()");
        QProcess tar;
        tar.start(QStringLiteral("tar"), {QStringLiteral("-czf"), dir.filePath("b.tar.gz"), QStringLiteral("-C"), dir.filePath("src"),
                                          QStringLiteral("dist")});
        QVERIFY(tar.waitForFinished());
        QCOMPARE(tar.exitCode(), 0);
        auto source = bundle::BuildSource::open(dir.filePath("b.tar.gz"));
        QVERIFY2(source.ok(), qPrintable(source.ok() ? QString() : source.error().message));
        QCOMPARE(source.value()->strippedTopFolder(), QStringLiteral("dist"));
        QStringList names;
        for (const auto& e : source.value()->entries())
            names << e.path;
        QCOMPARE(names, (QStringList{"a.js", "index.html"}));
    }
};

QTEST_GUILESS_MAIN(tst_Packager)
#include "tst_Packager.moc"
