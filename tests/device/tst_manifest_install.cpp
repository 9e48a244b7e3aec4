// ManifestInstall: what a phone does with a delta ("manifest") update answer, against fixtures published here
// with the project's own crypto and libbrotli's encoder by the Capgo CLI's rules. Also writes the fixtures
// that tests/device/test_delta_decoder.py decodes independently (into $SLIPWAY_DELTA_FIXTURE_DIR when set).
#include "common/InputLimits.h"
#include "crypto/AesCbcCipher.h"
#include "crypto/RsaKey.h"
#include "crypto/SessionKey.h"
#include "crypto/Sha256.h"
#include "crypto/SignedChecksum.h"
#include "device/DownloadCache.h"
#include "device/ManifestEntry.h"
#include "device/ManifestInstall.h"
#include "device/UpdateAnswer.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <brotli/encode.h>
#include <sys/resource.h>

#include <optional>
#include <vector>

using namespace slipway;
using namespace slipway::device;

namespace {

QByteArray brotli(const QByteArray& data)
{
    size_t size = BrotliEncoderMaxCompressedSize(static_cast<size_t>(data.size()));
    QByteArray out(static_cast<qsizetype>(size), Qt::Uninitialized);
    const bool ok = BrotliEncoderCompress(11, 22, BROTLI_MODE_GENERIC, static_cast<size_t>(data.size()),
                                          reinterpret_cast<const uint8_t*>(data.constData()), &size,
                                          reinterpret_cast<uint8_t*>(out.data())) == BROTLI_TRUE;
    return ok ? out.left(static_cast<qsizetype>(size)) : QByteArray();
}

QByteArray textOf(int bytes, const QByteArray& seed)
{
    QByteArray out;
    for (int i = 0; out.size() < bytes; ++i)
        out += seed + QByteArray::number(i % 97) + "\n";
    return out.left(bytes);
}

QByteArray randomBytes(int bytes)
{
    QByteArray out(bytes, Qt::Uninitialized);
    for (auto& c : out)
        c = static_cast<char>(QRandomGenerator::global()->bounded(256));
    return out;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A release published as the Capgo CLI publishes a delta: objects on disk, a manifest with file:// URLs.
class Publisher
{
public:
    Publisher(const crypto::RsaKey* privateKey) : m_key(privateKey)
    {
        if (m_key) {
            m_session.emplace(crypto::SessionKey::generate());
            m_sessionKey = m_session->toIvSessionKey(*m_key).value();
        }
    }
    // Publishes `bytes` as `path`; returns the object's file.
    QString add(const QString& path, const QByteArray& bytes)
    {
        m_tree.insert(path, bytes);
        const QByteArray sha = crypto::Sha256::of(bytes);
        QString name = path;
        QByteArray object = bytes;
        if (bytes.size() >= 8192) {
            const QByteArray compressed = brotli(bytes);
            if (!compressed.isEmpty() && compressed.size() < bytes.size() - 10) {
                object = compressed;
                name += QStringLiteral(".br");
            }
        }
        QString hash = crypto::Sha256::hex(sha);
        if (m_key) {
            crypto::AesCbcCipher cipher(crypto::AesCbcCipher::Direction::Encrypt, m_session->key(), m_session->iv());
            QByteArray encrypted;
            (void)cipher.update(object.constData(), object.size(), encrypted);
            (void)cipher.finish(encrypted);
            object = encrypted;
            hash = crypto::SignedChecksum::sign(sha, *m_key).value();
        }
        const QString file = m_objects.filePath(QStringLiteral("objects/%1").arg(m_manifest.size()));
        writeFile(file, object);
        m_manifest.append(QJsonObject{{QStringLiteral("file_name"), name},
                                      {QStringLiteral("file_hash"), hash},
                                      {QStringLiteral("download_url"), QUrl::fromLocalFile(file).toString()}});
        return file;
    }
    void addStandardTree()
    {
        add(QStringLiteral("index.html"), "<!doctype html><script src=\"assets/app one.js\"></script>\n");
        add(QStringLiteral("assets/app one.js"), textOf(40000, "console.log('app one');"));
        add(QStringLiteral("assets/\u00fcn\u00efc\u00f6d\u00e9 \u2713.css"), textOf(3000, "body{color:red}"));
        add(QStringLiteral("assets/noise.bin"), randomBytes(20000));
        add(QStringLiteral("assets/deep/more/\u65e5\u672c.json"), textOf(9000, "{\"k\":1}"));
    }
    ManifestInstallInput input(const QString& outDir, const crypto::RsaKey& publicKey = {}) const
    {
        ManifestInstallInput in;
        in.manifest = m_manifest;
        in.sessionKey = m_sessionKey;
        in.publicKey = m_key && publicKey.isNull() ? m_key->publicKey() : publicKey;
        in.device.outDir = outDir;
        in.fetch = ManifestInstall::localFetcher();
        return in;
    }
    QJsonArray& manifest() { return m_manifest; }
    QString& sessionKey() { return m_sessionKey; }
    const QMap<QString, QByteArray>& tree() const { return m_tree; }
    QString dir() const { return m_objects.path(); }

private:
    const crypto::RsaKey* m_key;
    std::optional<crypto::SessionKey> m_session;
    QString m_sessionKey;
    QJsonArray m_manifest;
    QMap<QString, QByteArray> m_tree;
    QTemporaryDir m_objects;
};

QMap<QString, QByteArray> treeOf(const QString& dir)
{
    QMap<QString, QByteArray> tree;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        tree.insert(QDir(dir).relativeFilePath(file), readFile(file));
    }
    return tree;
}

void flipByte(const QString& file, qsizetype at)
{
    QByteArray bytes = readFile(file);
    bytes[at] = static_cast<char>(bytes[at] ^ 0x01);
    writeFile(file, bytes);
}

qint64 peakRssBytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return qint64{usage.ru_maxrss} * 1024;
}

} // namespace

class TestManifestInstall : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_key = crypto::RsaKey::generate().value();
        m_otherKey = crypto::RsaKey::generate().value();
    }

    void installsPlainAndEncrypted_data()
    {
        QTest::addColumn<bool>("encrypted");
        QTest::newRow("plain") << false;
        QTest::newRow("encrypted") << true;
    }
    void installsPlainAndEncrypted()
    {
        QFETCH(bool, encrypted);
        Publisher release(encrypted ? &m_key : nullptr);
        release.addStandardTree();
        if (!encrypted)
            release.add(QStringLiteral("empty.txt"), QByteArray()); // fine in a plain bundle
        int brotliEntries = 0;
        for (const auto& e : release.manifest())
            brotliEntries += e.toObject().value(QStringLiteral("file_name")).toString().endsWith(QLatin1String(".br"));
        QCOMPARE(brotliEntries, 2); // app one.js and 日本.json; noise.bin is stored, as it does not shrink

        QTemporaryDir work;
        const QString out = work.filePath(QStringLiteral("bundle"));
        const auto report = ManifestInstall::install(release.input(out));
        QVERIFY2(report.accepted(), qPrintable(report.summary()));
        QCOMPARE(treeOf(out), release.tree());
        QCOMPARE(report.filesTotal, int(release.tree().size()));
        QCOMPARE(report.fileHashes.keys(), release.tree().keys());
        for (auto it = release.tree().begin(); it != release.tree().end(); ++it)
            QCOMPARE(report.fileHashes.value(it.key()), crypto::Sha256::hex(crypto::Sha256::of(it.value())));
        QCOMPARE(report.downloaded, report.filesTotal);
        QCOMPARE(report.reusedBuiltin, 0);
        QCOMPARE(report.reusedCache, 0);
        qint64 objectBytes = 0;
        for (const QString& f : treeOf(release.dir() + QStringLiteral("/objects")).keys())
            objectBytes += QFileInfo(release.dir() + QStringLiteral("/objects/") + f).size();
        QCOMPARE(report.bytesDownloaded, objectBytes);
        QStringList ids;
        for (const auto& s : report.steps)
            ids << s.id;
        const QStringList expected = encrypted ? QStringList{"session-key", "unwrap-key", "manifest-entries",
                                                             "manifest-files", "write-bundle"}
                                               : QStringList{"manifest-entries", "manifest-files", "write-bundle"};
        QCOMPARE(ids, expected);
        // Nothing left beside the output folder.
        QCOMPARE(QDir(work.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList{"bundle"});
    }

    void reusesBuiltinThenCache()
    {
        Publisher release(&m_key);
        release.addStandardTree();
        QTemporaryDir device;
        const QString builtin = device.filePath(QStringLiteral("public"));
        const QString cache = device.filePath(QStringLiteral("capgo_downloads"));
        const auto& tree = release.tree();
        // The builtin build has index.html and app one.js as released, the css changed.
        writeFile(builtin + QStringLiteral("/index.html"), tree.value(QStringLiteral("index.html")));
        writeFile(builtin + QStringLiteral("/assets/app one.js"), tree.value(QStringLiteral("assets/app one.js")));
        const QString css = QStringLiteral("assets/\u00fcn\u00efc\u00f6d\u00e9 \u2713.css");
        writeFile(builtin + QLatin1Char('/') + css, "old css");
        // The cache has the json (also a builtin-less file), and a damaged copy of noise.bin that must not be used.
        const QString json = QStringLiteral("assets/deep/more/\u65e5\u672c.json");
        const QString jsonSha = crypto::Sha256::hex(crypto::Sha256::of(tree.value(json)));
        writeFile(cache + QLatin1Char('/') + DownloadCache::fileName(jsonSha, json), tree.value(json));
        const QString noise = QStringLiteral("assets/noise.bin");
        const QString noiseSha = crypto::Sha256::hex(crypto::Sha256::of(tree.value(noise)));
        writeFile(cache + QLatin1Char('/') + DownloadCache::fileName(noiseSha, noise), "damaged");

        auto input = release.input(device.filePath(QStringLiteral("bundle")));
        input.device.builtinDir = builtin;
        input.device.cacheDir = cache;
        auto report = ManifestInstall::install(input);
        QVERIFY2(report.accepted(), qPrintable(report.summary()));
        QCOMPARE(treeOf(input.device.outDir), tree);
        QCOMPARE(report.reusedBuiltin, 2);
        QCOMPARE(report.reusedCache, 1);
        QCOMPARE(report.downloaded, 2);
        // The downloads went into the cache: a second phone state with the same cache downloads nothing.
        const QString cssSha = crypto::Sha256::hex(crypto::Sha256::of(tree.value(css)));
        QCOMPARE(readFile(cache + QLatin1Char('/') + DownloadCache::fileName(cssSha, css)), tree.value(css));
        QCOMPARE(readFile(cache + QLatin1Char('/') + DownloadCache::fileName(noiseSha, noise)), tree.value(noise));
        input.device.outDir = device.filePath(QStringLiteral("bundle2"));
        report = ManifestInstall::install(input);
        QVERIFY2(report.accepted(), qPrintable(report.summary()));
        QCOMPARE(report.downloaded, 0);
        QCOMPARE(report.bytesDownloaded, 0);
        QCOMPARE(report.reusedBuiltin, 2);
        QCOMPARE(report.reusedCache, 3);
        QCOMPARE(treeOf(input.device.outDir), tree);
    }

    void changedByteFailsNamingTheFile_data()
    {
        QTest::addColumn<bool>("encrypted");
        QTest::newRow("plain") << false;
        QTest::newRow("encrypted") << true;
    }
    void changedByteFailsNamingTheFile()
    {
        QFETCH(bool, encrypted);
        Publisher release(encrypted ? &m_key : nullptr);
        release.addStandardTree();
        const QString object = release.add(QStringLiteral("assets/changed one.js"), randomBytes(5000));
        flipByte(object, 3); // the first AES block: CBC still unpads, the SHA-256 differs
        QTemporaryDir work;
        const QString out = work.filePath(QStringLiteral("bundle"));
        const auto report = ManifestInstall::install(release.input(out));
        QVERIFY(!report.accepted());
        QCOMPARE(report.failedFile, QStringLiteral("assets/changed one.js"));
        QCOMPARE(report.failureAction, QStringLiteral("download_manifest_checksum_fail"));
        QVERIFY2(report.failedStep()->detail.contains(QStringLiteral("Checksum failure for 'assets/changed one.js'")),
                 qPrintable(report.failedStep()->detail));
        QVERIFY(!QFileInfo::exists(out));
        QCOMPARE(QDir(work.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
    }

    // The release's verify step: every object decoded and checked, nothing written anywhere.
    void checkOnlyWritesNothingAndStillCatchesAChangedByte()
    {
        Publisher release(&m_key);
        release.addStandardTree();
        auto input = release.input(QString());
        input.device.checkOnly = true;
        auto report = ManifestInstall::install(input);
        QVERIFY2(report.accepted(), qPrintable(report.summary()));
        QCOMPARE(report.downloaded, int(release.tree().size()));
        for (auto it = release.tree().begin(); it != release.tree().end(); ++it)
            QCOMPARE(report.fileHashes.value(it.key()), crypto::Sha256::hex(crypto::Sha256::of(it.value())));
        QVERIFY2(report.steps.last().detail.contains(QLatin1String("not written")), qPrintable(report.steps.last().detail));

        flipByte(release.add(QStringLiteral("assets/changed one.js"), randomBytes(5000)), 3);
        input = release.input(QString());
        input.device.checkOnly = true;
        report = ManifestInstall::install(input);
        QVERIFY(!report.accepted());
        QCOMPARE(report.failedFile, QStringLiteral("assets/changed one.js"));
        QCOMPARE(report.failureAction, QStringLiteral("download_manifest_checksum_fail"));
    }

    void damagedBrotliFails()
    {
        Publisher release(nullptr);
        const QString object = release.add(QStringLiteral("big.js"), textOf(30000, "let x = 1;"));
        QVERIFY(release.manifest().at(0).toObject().value(QStringLiteral("file_name")).toString().endsWith(".br"));
        QFile f(object);
        QVERIFY(f.resize(f.size() / 2)); // a truncated brotli stream
        QTemporaryDir work;
        const auto report = ManifestInstall::install(release.input(work.filePath(QStringLiteral("b"))));
        QVERIFY(!report.accepted());
        QCOMPARE(report.failedFile, QStringLiteral("big.js.br"));
        QCOMPARE(report.failureAction, QStringLiteral("download_manifest_brotli_fail"));
    }

    void missingObjectNamesItsUrl()
    {
        Publisher release(&m_key);
        release.addStandardTree();
        const QString object = release.add(QStringLiteral("gone.js"), "x");
        QVERIFY(QFile::remove(object));
        QTemporaryDir work;
        const QString out = work.filePath(QStringLiteral("bundle"));
        const auto report = ManifestInstall::install(release.input(out));
        QVERIFY(!report.accepted());
        QCOMPARE(report.failedFile, QStringLiteral("gone.js"));
        QCOMPARE(report.failureAction, QStringLiteral("download_manifest_file_fail"));
        QVERIFY2(report.failedStep()->detail.contains(QUrl::fromLocalFile(object).toString()),
                 qPrintable(report.failedStep()->detail));
        QVERIFY(!QFileInfo::exists(out));
    }

    void wrongPublicKeyRefused()
    {
        Publisher release(&m_key);
        release.addStandardTree();
        QTemporaryDir work;
        const QString out = work.filePath(QStringLiteral("bundle"));
        const auto report = ManifestInstall::install(release.input(out, m_otherKey.publicKey()));
        QVERIFY(!report.accepted());
        QCOMPARE(report.failedStep()->id, QStringLiteral("unwrap-key"));
        QCOMPARE(report.downloaded, 0);
        QVERIFY(!QFileInfo::exists(out));
    }

    void sessionKeyRequiredWithPublicKey()
    {
        Publisher release(&m_key);
        release.addStandardTree();
        release.sessionKey().clear();
        QTemporaryDir work;
        const auto report = ManifestInstall::install(release.input(work.filePath(QStringLiteral("bundle"))));
        QVERIFY(!report.accepted());
        QCOMPARE(report.failureAction, QStringLiteral("session_key_required"));
    }

    void signedHashNotVerifyingRefused()
    {
        Publisher release(&m_key);
        release.addStandardTree();
        // One entry's hash signed by another key; then one holding a plain SHA-256 instead of a signature.
        for (const QString& replacement :
             {crypto::SignedChecksum::sign(crypto::Sha256::of("x"), m_otherKey).value(),
              crypto::Sha256::hex(crypto::Sha256::of(release.tree().value(QStringLiteral("index.html"))))}) {
            QJsonArray manifest = release.manifest();
            QJsonObject entry = manifest.at(0).toObject();
            entry.insert(QStringLiteral("file_hash"), replacement);
            manifest[0] = entry;
            auto input = release.input({});
            input.manifest = manifest;
            const auto report = ManifestInstall::install(input);
            QVERIFY(!report.accepted());
            QCOMPARE(report.failedFile, QStringLiteral("index.html"));
            QCOMPARE(report.failureAction, QStringLiteral("checksum_required"));
            QCOMPARE(report.downloaded, 0);
        }
    }

    void pathRulesRefused_data()
    {
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QString>("failed");
        QTest::newRow("dotdot") << QStringList{"index.html", "../evil.js"} << "../evil.js";
        QTest::newRow("inner dotdot") << QStringList{"index.html", "a/../../evil.js"} << "a/../../evil.js";
        QTest::newRow("absolute") << QStringList{"index.html", "/etc/passwd"} << "/etc/passwd";
        QTest::newRow("empty segment") << QStringList{"index.html", "a//b.js"} << "a//b.js";
        QTest::newRow("only .br") << QStringList{"index.html", ".br"} << ".br";
        QTest::newRow("duplicate") << QStringList{"index.html", "a.js", "index.html"} << "index.html";
        QTest::newRow("duplicate .br") << QStringList{"a.js", "index.html", "a.js.br"} << "a.js.br";
        QTest::newRow("file and folder") << QStringList{"a", "index.html", "a/b.js"} << "a";
    }
    void pathRulesRefused()
    {
        QFETCH(QStringList, names);
        QFETCH(QString, failed);
        QJsonArray manifest;
        for (const QString& name : names)
            manifest.append(QJsonObject{{"file_name", name},
                                        {"file_hash", crypto::Sha256::hex(crypto::Sha256::of(name.toUtf8()))},
                                        {"download_url", "file:///nonexistent/" + name}});
        QTemporaryDir work;
        ManifestInstallInput input;
        input.manifest = manifest;
        input.device.outDir = work.filePath(QStringLiteral("bundle"));
        input.fetch = ManifestInstall::localFetcher();
        const auto report = ManifestInstall::install(input);
        QVERIFY(!report.accepted());
        QCOMPARE(report.failureAction, QStringLiteral("manifest_path_fail"));
        QCOMPARE(report.failedFile, failed);
        QVERIFY2(report.failedStep()->detail.contains(failed), qPrintable(report.failedStep()->detail));
        QVERIFY(!QFileInfo::exists(input.device.outDir));
    }

    // The release's verify step hands its own file list as entries, not as JSON: the same limits, path rules and
    // decoding apply.
    void entriesGivenDirectlyAreCheckedLikeAnAnswersManifest()
    {
        Publisher release(&m_key);
        release.addStandardTree();
        auto parsed = ManifestEntry::parseList(release.manifest());
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        auto input = release.input(QString());
        input.manifest = QJsonArray();
        input.entries = parsed.value();
        input.device.checkOnly = true;
        auto report = ManifestInstall::install(input);
        QVERIFY2(report.accepted(), qPrintable(report.summary()));
        QCOMPARE(report.fileHashes.keys(), release.tree().keys());
        for (auto it = release.tree().begin(); it != release.tree().end(); ++it)
            QCOMPARE(report.fileHashes.value(it.key()), crypto::Sha256::hex(crypto::Sha256::of(it.value())));

        const auto refusal = [&](QList<ManifestEntry> entries) {
            auto in = input;
            in.entries = std::move(entries);
            const auto r = ManifestInstall::install(in);
            return r.accepted() ? QString() : r.failedStep()->detail;
        };
        QList<ManifestEntry> longHash = parsed.value();
        longHash[1].fileHash = QString(limits::ManifestHashChars + 1, QLatin1Char('a'));
        QVERIFY2(refusal(longHash).contains(QStringLiteral("entry 2 has a file_hash")), qPrintable(refusal(longHash)));
        QList<ManifestEntry> noHash = parsed.value();
        noHash[0].fileHash.clear();
        QVERIFY2(refusal(noHash).contains(QStringLiteral("entry 1 has no file_hash")), qPrintable(refusal(noHash)));
        QList<ManifestEntry> climbing = parsed.value();
        climbing[2].fileName = QStringLiteral("../evil.js");
        QVERIFY2(refusal(climbing).contains(QStringLiteral("../evil.js")), qPrintable(refusal(climbing)));
        QList<ManifestEntry> many;
        for (int i = 0; i <= limits::ManifestEntries; ++i)
            many.append(parsed->first());
        QVERIFY2(refusal(many).contains(QStringLiteral("10001 files")), qPrintable(refusal(many)));
    }

    void emptyEncryptedFileRefused()
    {
        Publisher release(&m_key);
        release.addStandardTree();
        release.add(QStringLiteral("empty.txt"), QByteArray());
        QTemporaryDir work;
        const QString out = work.filePath(QStringLiteral("bundle"));
        const auto report = ManifestInstall::install(release.input(out));
        QVERIFY(!report.accepted());
        QCOMPARE(report.failedFile, QStringLiteral("empty.txt"));
        QCOMPARE(report.failureAction, QStringLiteral("decrypt_fail"));
        QVERIFY2(report.failedStep()->detail.contains(QStringLiteral("Empty decrypted data")),
                 qPrintable(report.failedStep()->detail));
        QVERIFY(!QFileInfo::exists(out));
    }

    void outDirMustBeNewOrEmptyAndStaysUntouched()
    {
        Publisher release(nullptr);
        release.addStandardTree();
        QTemporaryDir work;
        const QString out = work.filePath(QStringLiteral("bundle"));
        writeFile(out + QStringLiteral("/keep.txt"), "mine");
        auto report = ManifestInstall::install(release.input(out));
        QVERIFY(!report.accepted());
        QCOMPARE(treeOf(out), (QMap<QString, QByteArray>{{QStringLiteral("keep.txt"), "mine"}}));
        // An empty existing folder is filled.
        QVERIFY(QFile::remove(out + QStringLiteral("/keep.txt")));
        report = ManifestInstall::install(release.input(out));
        QVERIFY2(report.accepted(), qPrintable(report.summary()));
        QCOMPARE(treeOf(out), release.tree());
    }

    // Large files stream through in fixed chunks: a 192 MiB encrypted stored file and a brotli object that
    // decodes to 128 MiB raise the peak memory by far less than either.
    void largeFilesStreamInBoundedMemory()
    {
        QTemporaryDir work;
        const auto session = crypto::SessionKey::generate();
        const QByteArray block = randomBytes(1 << 20);
        QJsonArray manifest;
        // Stored, encrypted: written chunk by chunk.
        {
            QFile object(work.filePath(QStringLiteral("stored")));
            QVERIFY(object.open(QIODevice::WriteOnly));
            crypto::AesCbcCipher cipher(crypto::AesCbcCipher::Direction::Encrypt, session.key(), session.iv());
            crypto::Sha256 hash;
            for (int i = 0; i < 192; ++i) {
                QByteArray out;
                QVERIFY(cipher.update(block.constData(), block.size(), out).ok());
                hash.add(block);
                QCOMPARE(object.write(out), out.size());
            }
            QByteArray last;
            QVERIFY(cipher.finish(last).ok());
            object.write(last);
            manifest.append(QJsonObject{{"file_name", "big/stored.bin"},
                                        {"file_hash", crypto::SignedChecksum::sign(hash.finish(), m_key).value()},
                                        {"download_url", QUrl::fromLocalFile(object.fileName()).toString()}});
        }
        // Brotli (streamed at quality 1: the decoder does not care), then encrypted.
        {
            BrotliEncoderState* encoder = BrotliEncoderCreateInstance(nullptr, nullptr, nullptr);
            BrotliEncoderSetParameter(encoder, BROTLI_PARAM_QUALITY, 1);
            QByteArray compressed;
            crypto::Sha256 hash;
            const QByteArray text = textOf(1 << 20, "const x = 42;");
            for (int i = 0; i <= 128; ++i) {
                size_t availableIn = i < 128 ? static_cast<size_t>(text.size()) : 0;
                const auto* nextIn = reinterpret_cast<const uint8_t*>(text.constData());
                if (i < 128)
                    hash.add(text);
                const BrotliEncoderOperation op = i < 128 ? BROTLI_OPERATION_PROCESS : BROTLI_OPERATION_FINISH;
                do {
                    uint8_t out[65536];
                    size_t availableOut = sizeof out;
                    uint8_t* nextOut = out;
                    QVERIFY(BrotliEncoderCompressStream(encoder, op, &availableIn, &nextIn, &availableOut, &nextOut,
                                                        nullptr));
                    compressed.append(reinterpret_cast<const char*>(out), static_cast<qsizetype>(sizeof out - availableOut));
                } while (availableIn > 0 || BrotliEncoderHasMoreOutput(encoder) ||
                         (op == BROTLI_OPERATION_FINISH && !BrotliEncoderIsFinished(encoder)));
            }
            BrotliEncoderDestroyInstance(encoder);
            crypto::AesCbcCipher cipher(crypto::AesCbcCipher::Direction::Encrypt, session.key(), session.iv());
            QByteArray encrypted;
            QVERIFY(cipher.update(compressed.constData(), compressed.size(), encrypted).ok());
            QVERIFY(cipher.finish(encrypted).ok());
            QVERIFY(writeFile(work.filePath(QStringLiteral("text.br")), encrypted));
            manifest.append(QJsonObject{{"file_name", "big/text.js.br"},
                                        {"file_hash", crypto::SignedChecksum::sign(hash.finish(), m_key).value()},
                                        {"download_url", QUrl::fromLocalFile(work.filePath("text.br")).toString()}});
        }
        ManifestInstallInput input;
        input.manifest = manifest;
        input.sessionKey = session.toIvSessionKey(m_key).value();
        input.publicKey = m_key.publicKey();
        input.device.outDir = work.filePath(QStringLiteral("out"));
        input.fetch = ManifestInstall::localFetcher();
        const qint64 before = peakRssBytes();
        const auto report = ManifestInstall::install(input);
        const qint64 growth = peakRssBytes() - before;
        QVERIFY2(report.accepted(), qPrintable(report.summary()));
        QCOMPARE(QFileInfo(work.filePath(QStringLiteral("out/big/stored.bin"))).size(), qint64{192} << 20);
        QCOMPARE(QFileInfo(work.filePath(QStringLiteral("out/big/text.js"))).size(), qint64{128} << 20);
        qInfo("peak memory growth while installing 320 MiB: %lld KiB", growth / 1024);
        if (qEnvironmentVariable("SLIPWAY_SANITIZED") != QLatin1String("1")) // ASan's quarantine keeps freed chunks
            QVERIFY2(growth < (qint64{16} << 20), qPrintable(QString::number(growth)));
    }

    void answerManifestIsBounded()
    {
        const auto answer = [](const QJsonValue& manifest) {
            QJsonObject body{{"version", "1.0.1"}, {"url", "https://cdn.example.com/b.zip"}, {"checksum", "x"}};
            body.insert(QStringLiteral("manifest"), manifest);
            return UpdateAnswer::parse(QJsonDocument(body).toJson());
        };
        const QJsonObject entry{{"file_name", "a.js"}, {"file_hash", QString(64, QLatin1Char('a'))},
                                {"download_url", "https://cdn.example.com/a.js"}};
        auto ok = answer(QJsonArray{entry});
        QCOMPARE(ok.kind, UpdateAnswer::Kind::Update);
        QCOMPARE(ok.manifest.size(), 1);
        QCOMPARE(answer(QJsonValue::Null).kind, UpdateAnswer::Kind::Update);
        QCOMPARE(answer(QJsonValue::Null).manifest.size(), 0);
        auto notArray = answer(QJsonValue(QStringLiteral("a.js")));
        QCOMPARE(notArray.kind, UpdateAnswer::Kind::Invalid);
        QVERIFY(notArray.message.contains(QStringLiteral("not an array")));
        QJsonArray many;
        for (int i = 0; i <= limits::ManifestEntries; ++i)
            many.append(entry);
        auto tooMany = answer(many);
        QCOMPARE(tooMany.kind, UpdateAnswer::Kind::Invalid);
        QVERIFY2(tooMany.message.contains(QStringLiteral("10001 files")), qPrintable(tooMany.message));
        QJsonObject longUrl = entry;
        longUrl.insert(QStringLiteral("download_url"), QStringLiteral("https://x/") + QString(limits::ManifestUrlChars, 'a'));
        auto tooLong = answer(QJsonArray{entry, longUrl});
        QCOMPARE(tooLong.kind, UpdateAnswer::Kind::Invalid);
        QVERIFY2(tooLong.message.contains(QStringLiteral("entry 2 has a download_url")), qPrintable(tooLong.message));
        QJsonObject noHash = entry;
        noHash.remove(QStringLiteral("file_hash"));
        QCOMPARE(answer(QJsonArray{noHash}).kind, UpdateAnswer::Kind::Invalid);
        QCOMPARE(answer(QJsonArray{QJsonValue(3)}).kind, UpdateAnswer::Kind::Invalid);
    }

    // Fixtures for the independent Python decoder: per variant an answer, the public key, the objects and the
    // C++ installer's output folder.
    void writeDecoderFixtures()
    {
        QTemporaryDir scratch;
        const QString root = qEnvironmentVariableIsSet("SLIPWAY_DELTA_FIXTURE_DIR")
                                 ? qEnvironmentVariable("SLIPWAY_DELTA_FIXTURE_DIR")
                                 : scratch.path();
        for (const bool encrypted : {false, true}) {
            const QString dir = QDir(root).filePath(encrypted ? QStringLiteral("encrypted") : QStringLiteral("plain"));
            QVERIFY(QDir().mkpath(dir + QStringLiteral("/objects")));
            Publisher release(encrypted ? &m_key : nullptr);
            release.addStandardTree();
            release.add(QStringLiteral("assets/big.svg"), textOf(70000, "<path d=\"M0 0L10 10\"/>"));
            // Objects move next to the answer, so the fixture outlives the publisher's temporary folder.
            QJsonArray manifest = release.manifest();
            for (qsizetype i = 0; i < manifest.size(); ++i) {
                QJsonObject entry = manifest.at(i).toObject();
                const QString from = QUrl(entry.value(QStringLiteral("download_url")).toString()).toLocalFile();
                const QString to = QDir(dir).filePath(QStringLiteral("objects/%1").arg(i));
                QFile::remove(to);
                QVERIFY(QFile::copy(from, to));
                entry.insert(QStringLiteral("download_url"), QUrl::fromLocalFile(to).toString());
                manifest[i] = entry;
            }
            auto input = release.input(QDir(dir).filePath(QStringLiteral("out")));
            input.manifest = manifest;
            QDir(input.device.outDir).removeRecursively();
            const auto report = ManifestInstall::install(input);
            QVERIFY2(report.accepted(), qPrintable(report.summary()));
            QCOMPARE(treeOf(input.device.outDir), release.tree());
            const QJsonObject answer{{"version", "1.0.1"},
                                     {"url", "https://cdn.example.com/bundle.zip"},
                                     {"checksum", "unused on the manifest path"},
                                     {"session_key", input.sessionKey},
                                     {"manifest", manifest}};
            QVERIFY(writeFile(QDir(dir).filePath(QStringLiteral("answer.json")), QJsonDocument(answer).toJson()));
            QFile::remove(QDir(dir).filePath(QStringLiteral("public.pem")));
            if (encrypted)
                QVERIFY(writeFile(QDir(dir).filePath(QStringLiteral("public.pem")), m_key.publicKey().publicPkcs1Pem()));
        }
    }

private:
    crypto::RsaKey m_key;
    crypto::RsaKey m_otherKey;
};

QTEST_GUILESS_MAIN(TestManifestInstall)
#include "tst_manifest_install.moc"
