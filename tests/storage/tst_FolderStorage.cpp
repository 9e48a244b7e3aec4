#include "common/JsonStream.h"
#include "crypto/HmacSha256.h"
#include "crypto/Md5.h"
#include "crypto/Sha256.h"
#include "storage/FolderStorage.h"
#include "storage/StorageFactory.h"
#include "storage/StoredJson.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace slipway;
using namespace slipway::storage;

class tst_FolderStorage : public QObject
{
    Q_OBJECT

private:
    QString makeFile(const QString& name, qint64 size)
    {
        const QString path = m_work.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        QByteArray chunk(1 << 20, Qt::Uninitialized);
        qint64 left = size;
        while (left > 0) {
            const qint64 n = qMin<qint64>(left, chunk.size());
            QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(chunk.data()), chunk.size() / 4);
            f.write(chunk.constData(), n);
            left -= n;
        }
        return path;
    }
    static QByteArray fileBytes(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    static QStringList allFiles(const QString& root)
    {
        QStringList out;
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext())
            out << QDir(root).relativeFilePath(it.next());
        out.sort();
        return out;
    }

    QTemporaryDir m_work;
    QTemporaryDir m_target;

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<QString>("key");
        QTest::newRow("1 byte") << qint64(1) << QStringLiteral("one.bin");
        QTest::newRow("5 MiB nested") << qint64(5 << 20) << QStringLiteral("bundles/1.0.0/app.zip");
        QTest::newRow("spaces and non-ASCII") << qint64(4096) << QStringLiteral("déjà vu/Ünïcødé bündle €.zip");
        QTest::newRow("empty") << qint64(0) << QStringLiteral("empty.zip");
    }
    void roundTrip()
    {
        QFETCH(qint64, size);
        QFETCH(QString, key);
        const QString source = makeFile(QStringLiteral("src.bin"), size);
        FolderStorage target(m_target.path());
        qint64 lastDone = -1, lastTotal = -1;
        auto up = target.upload(source, key, [&](qint64 d, qint64 t) {
            lastDone = d;
            lastTotal = t;
            return true;
        });
        QVERIFY2(up.ok(), qPrintable(up.ok() ? QString() : up.error().message));
        QCOMPARE(lastDone, size);
        QCOMPARE(lastTotal, size);
        QCOMPARE(fileBytes(m_target.filePath(key)), fileBytes(source));
        auto st = target.stat(key);
        QVERIFY(st.ok());
        QCOMPARE(st->size, size);
        QCOMPARE(target.exists(key).value(), true);
        const QString back = m_work.filePath(QStringLiteral("back.bin"));
        QVERIFY(target.download(key, back).ok());
        QCOMPARE(fileBytes(back), fileBytes(source));
        // No temporary file is left next to the object.
        QCOMPARE(allFiles(m_target.path()), QStringList{key});
        QVERIFY(target.remove(key).ok());
        QCOMPARE(target.exists(key).value(), false);
        QVERIFY(target.remove(key).ok()); // removing twice is fine
        QDir(m_target.path()).removeRecursively();
        QDir().mkpath(m_target.path());
    }

    void overwriteReplacesAtomically()
    {
        FolderStorage target(m_target.path());
        const QString a = makeFile(QStringLiteral("a.bin"), 1000);
        const QString b = makeFile(QStringLiteral("b.bin"), 2000);
        QVERIFY(target.upload(a, QStringLiteral("x.zip")).ok());
        QVERIFY(target.upload(b, QStringLiteral("x.zip")).ok());
        QCOMPARE(fileBytes(m_target.filePath(QStringLiteral("x.zip"))), fileBytes(b));
        QCOMPARE(allFiles(m_target.path()), QStringList{QStringLiteral("x.zip")});
        QVERIFY(target.remove(QStringLiteral("x.zip")).ok());
    }

    // An immutable source on the same file system becomes the object under a second name: readable by a web
    // server, no temporary left, also when an interrupted run had linked it already; another file system copies.
    void immutableSourcesAreLinked()
    {
        FolderStorage target(m_target.path());
        const QString source = makeFile(QStringLiteral("object.bin"), 70000);
        QVERIFY(QFile::setPermissions(source, QFile::ReadOwner | QFile::WriteOwner));
        const QString key = QStringLiteral("app/1.0.0/files-abc/object.br");
        for (int round = 0; round < 2; ++round) {
            auto up = target.uploadFile(source, key, {}, {}, SourceFile::Immutable);
            QVERIFY2(up.ok(), qPrintable(up.ok() ? QString() : up.error().message));
            QCOMPARE(up->size, qint64(70000));
        }
        struct stat a{};
        struct stat b{};
        QCOMPARE(::stat(QFile::encodeName(source).constData(), &a), 0);
        QCOMPARE(::stat(QFile::encodeName(m_target.filePath(key)).constData(), &b), 0);
        QCOMPARE(b.st_ino, a.st_ino);
        QCOMPARE(b.st_mode & 0777, mode_t(0644));
        QCOMPARE(allFiles(m_target.path()), QStringList{key});

        QTemporaryDir otherFileSystem(QStringLiteral("/dev/shm/slipway-folder-XXXXXX"));
        QVERIFY(otherFileSystem.isValid());
        FolderStorage elsewhere(otherFileSystem.path());
        auto copied = elsewhere.uploadFile(source, key, {}, {}, SourceFile::Immutable);
        QVERIFY2(copied.ok(), qPrintable(copied.ok() ? QString() : copied.error().message));
        QCOMPARE(fileBytes(otherFileSystem.filePath(key)), fileBytes(source));
        QCOMPARE(copied->sha256, crypto::Sha256::of(fileBytes(source)));
        QCOMPARE(allFiles(otherFileSystem.path()), QStringList{key});
        QVERIFY(target.remove(key).ok());
        QVERIFY(QFile::exists(source));
    }

    void cancelLeavesNothing()
    {
        FolderStorage target(m_target.path());
        const QString source = makeFile(QStringLiteral("big.bin"), 8 << 20);
        auto up = target.upload(source, QStringLiteral("c/cancelled.zip"), [](qint64 done, qint64) { return done < (3 << 20); });
        QVERIFY(!up.ok());
        QVERIFY2(up.error().message.contains(QLatin1String("Cancelled")), qPrintable(up.error().message));
        QCOMPARE(allFiles(m_target.path()), QStringList{});
    }

    void badKeysAreRefused_data()
    {
        QTest::addColumn<QString>("key");
        QTest::newRow("empty") << QString();
        QTest::newRow("absolute") << QStringLiteral("/etc/passwd");
        QTest::newRow("dotdot") << QStringLiteral("a/../../b");
        QTest::newRow("double slash") << QStringLiteral("a//b");
        QTest::newRow("newline") << QStringLiteral("a\nb");
    }
    void badKeysAreRefused()
    {
        QFETCH(QString, key);
        FolderStorage target(m_target.path());
        const QString source = makeFile(QStringLiteral("k.bin"), 10);
        QVERIFY(!target.upload(source, key).ok());
        QCOMPARE(allFiles(m_target.path()), QStringList{});
    }

    void publicUrls()
    {
        FolderStorage plain(QStringLiteral("/srv/bundles"));
        QCOMPARE(plain.publicUrl(QStringLiteral("a b/é.zip")), QUrl::fromLocalFile(QStringLiteral("/srv/bundles/a b/é.zip")));
        FolderStorage cdn(QStringLiteral("/srv/bundles"), QUrl(QStringLiteral("https://cdn.example.com/app/")));
        QCOMPARE(cdn.publicUrl(QStringLiteral("a b/é.zip")).toEncoded(),
                 QByteArray("https://cdn.example.com/app/a%20b/%C3%A9.zip"));
    }

    void factoryOpensFileUrls()
    {
        auto opened = openStorage(QUrl::fromLocalFile(m_target.path()).toString());
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
        QCOMPARE(opened.value()->describe(), QStringLiteral("folder %1").arg(QDir(m_target.path()).absolutePath()));
        QVERIFY(!openStorage(QStringLiteral("no-such-profile-here")).ok());
    }

    void missingFolderIsClear()
    {
        FolderStorage target(m_target.filePath(QStringLiteral("not-mounted")));
        const QString source = makeFile(QStringLiteral("m.bin"), 10);
        auto up = target.upload(source, QStringLiteral("x.zip"));
        QVERIFY(!up.ok());
        QVERIFY2(up.error().message.contains(QLatin1String("does not exist")), qPrintable(up.error().message));
    }

    // A real full file system: a 2 MiB tmpfs mounted by the test (needs root).
    void fullDiskIsClearAndLeavesNothing()
    {
        QVERIFY2(::geteuid() == 0, "mounting a tmpfs needs root: run the storage tests as root");
        QTemporaryDir mountPoint;
        QCOMPARE(QProcess::execute(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                                             QStringLiteral("size=2m"), QStringLiteral("tmpfs"), mountPoint.path()}),
                 0);
        auto unmount = qScopeGuard([&] { QProcess::execute(QStringLiteral("umount"), {mountPoint.path()}); });
        FolderStorage target(mountPoint.path());
        const QString small = makeFile(QStringLiteral("small.bin"), 100 * 1024);
        QVERIFY(target.upload(small, QStringLiteral("keep.zip")).ok());
        const QString big = makeFile(QStringLiteral("big.bin"), 5 << 20);
        auto up = target.upload(big, QStringLiteral("bundles/too-big.zip"));
        QVERIFY(!up.ok());
        const QString message = up.error().message;
        QVERIFY2(message.contains(QLatin1String("is full")) && message.contains(QLatin1String("Nothing was left")), qPrintable(message));
        QCOMPARE(allFiles(mountPoint.path()), QStringList{QStringLiteral("keep.zip")});
        QCOMPARE(fileBytes(mountPoint.filePath(QStringLiteral("keep.zip"))), fileBytes(small));
    }

    // A stored JSON document comes back as written; one too large, not an object or not there is named, key and all.
    void storedJsonIsReadBackWithinItsLimit()
    {
        FolderStorage target(m_target.path());
        const QJsonObject document{{QStringLiteral("version"), QStringLiteral("1.0.0")},
                                   {QStringLiteral("name"), QStringLiteral("é ü")}};
        const QString key = QStringLiteral("app/channels/stored.json");
        const QString what = QStringLiteral("test document");
        QVERIFY(StoredJson::publish(target, key, what, [&](QIODevice& out) { return writeJson(out, document); }).ok());
        auto read = StoredJson::fetch(target, key, 1024, what);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
        QCOMPARE(read.value(), document);

        auto tooLarge = StoredJson::fetch(target, key, 8, what);
        QVERIFY(!tooLarge.ok());
        QVERIFY2(tooLarge.error().message.contains(key) && tooLarge.error().message.contains(what),
                 qPrintable(tooLarge.error().message));

        const QString arrayKey = QStringLiteral("app/channels/array.json");
        QVERIFY(
            StoredJson::publish(target, arrayKey, what, [](QIODevice& out) { return out.write("[1, 2]") == 6; }).ok());
        auto notObject = StoredJson::fetch(target, arrayKey, 1024, what);
        QVERIFY(!notObject.ok());
        QVERIFY2(notObject.error().message.contains(
                     QStringLiteral("The test document %1 is not a JSON object").arg(arrayKey)),
                 qPrintable(notObject.error().message));

        auto missing = StoredJson::fetch(target, QStringLiteral("app/channels/none.json"), 1024, what);
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().message.startsWith(
                     QLatin1String("Cannot download the test document app/channels/none.json")),
                 qPrintable(missing.error().message));

        // A write the document refuses publishes nothing.
        QVERIFY(!StoredJson::publish(target, QStringLiteral("app/channels/refused.json"), what, [](QIODevice&) {
                     return false;
                 }).ok());
        QVERIFY(!target.exists(QStringLiteral("app/channels/refused.json")).value());
    }

    void digestVectors()
    {
        QCOMPARE(crypto::Sha256::of("abc").toHex(), QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(crypto::Md5::of("abc").toHex(), QByteArray("900150983cd24fb0d6963f7d28e17f72"));
        QCOMPARE(crypto::Md5::of({}).toHex(), QByteArray("d41d8cd98f00b204e9800998ecf8427e"));
        crypto::Md5 md5;
        md5.add("ab", 2);
        md5.add("c", 1);
        QCOMPARE(md5.finish(), crypto::Md5::of("abc"));
        md5.add("abc");
        QCOMPARE(md5.finish(), crypto::Md5::of("abc")); // finish() resets
        // RFC 4231, test case 2.
        QCOMPARE(crypto::HmacSha256::of("Jefe", "what do ya want for nothing?").toHex(),
                 QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
    }
};

QTEST_GUILESS_MAIN(tst_FolderStorage)
#include "tst_FolderStorage.moc"
