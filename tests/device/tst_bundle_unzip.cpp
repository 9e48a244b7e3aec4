// BundleUnzip: the zip path's unpacking with QuaZip, as the phone lays the bundle out.
#include "common/BoundedFile.h"
#include "crypto/Sha256.h"
#include "device/BundleUnzip.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>

using namespace slipway;
using namespace slipway::device;

namespace {

// Writes a zip of STORED entries (so a test can find and change their bytes in the file).
bool writeZip(const QString& path, const QList<QPair<QString, QByteArray>>& entries)
{
    QuaZip zip(path);
    zip.setUtf8Enabled(true);
    if (!zip.open(QuaZip::mdCreate))
        return false;
    for (const auto& [name, data] : entries) {
        QuaZipFile file(&zip);
        if (!file.open(QIODevice::WriteOnly, QuaZipNewInfo(name), nullptr, 0, 0 /*stored*/, 0))
            return false;
        file.write(data);
        file.close();
        if (file.getZipError() != 0)
            return false;
    }
    zip.close();
    return zip.getZipError() == 0;
}

QByteArray readFile(const QString& path)
{
    return readBoundedFile(path, qint64{1} << 20, QStringLiteral("test file")).value();
}

} // namespace

class TestBundleUnzip : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unpacksUnderTheRootWithHashes()
    {
        QTemporaryDir dir;
        const QString zip = dir.filePath(QStringLiteral("b.zip"));
        const QByteArray js = "console.log('\u00e9');";
        QVERIFY(writeZip(zip, {{QStringLiteral("www/"), {}},
                               {QStringLiteral("www/index.html"), "<html>"},
                               {QStringLiteral("www/assets/app one \u65e5.js"), js},
                               {QStringLiteral("www/empty.txt"), {}}}));
        const QString out = dir.filePath(QStringLiteral("out"));
        auto files = BundleUnzip::extract(zip, QStringLiteral("www"), out);
        QVERIFY2(files.ok(), qPrintable(files.error().message));
        QCOMPARE(files->size(), 3);
        QCOMPARE(readFile(out + QStringLiteral("/index.html")), QByteArray("<html>"));
        QCOMPARE(readFile(out + QStringLiteral("/assets/app one \u65e5.js")), js);
        QVERIFY(QFileInfo(out + QStringLiteral("/empty.txt")).isFile());
        QCOMPARE(files->at(1).path, QStringLiteral("assets/app one \u65e5.js"));
        QCOMPARE(files->at(1).sha256Hex, crypto::Sha256::hex(crypto::Sha256::of(js)));
        // Listing only: the same files, nothing written.
        auto listed = BundleUnzip::extract(zip, QStringLiteral("www"), QString());
        QVERIFY(listed.ok());
        QCOMPARE(listed->size(), 3);
        QCOMPARE(listed->at(1).sha256Hex, files->at(1).sha256Hex);
    }

    void damagedEntryFailsItsCrc()
    {
        QTemporaryDir dir;
        const QString zip = dir.filePath(QStringLiteral("b.zip"));
        QVERIFY(writeZip(zip, {{QStringLiteral("index.html"), "<html>"},
                               {QStringLiteral("app.js"), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}}));
        QByteArray bytes = readFile(zip);
        const qsizetype at = bytes.indexOf("AAAA");
        QVERIFY(at > 0);
        bytes[at + 5] = 'B';
        QFile f(zip);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        f.close();
        auto files = BundleUnzip::extract(zip, QString(), dir.filePath(QStringLiteral("out")));
        QVERIFY(!files.ok());
        QVERIFY2(files.error().message.contains(QStringLiteral("'app.js'")), qPrintable(files.error().message));
    }

    void unsafeNamesRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("dotdot") << QStringLiteral("../evil.js");
        QTest::newRow("absolute") << QStringLiteral("/evil.js");
        QTest::newRow("empty segment") << QStringLiteral("a//evil.js");
    }
    void unsafeNamesRefused()
    {
        QFETCH(QString, name);
        QTemporaryDir dir;
        const QString zip = dir.filePath(QStringLiteral("b.zip"));
        QVERIFY(writeZip(zip, {{QStringLiteral("index.html"), "<html>"}, {name, "x"}}));
        auto files = BundleUnzip::extract(zip, QString(), dir.filePath(QStringLiteral("out")));
        QVERIFY(!files.ok());
        QVERIFY2(files.error().message.contains(name), qPrintable(files.error().message));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("evil.js"))));
    }

    void duplicateEntriesRefused()
    {
        QTemporaryDir dir;
        const QString zip = dir.filePath(QStringLiteral("b.zip"));
        QVERIFY(writeZip(zip, {{QStringLiteral("index.html"), "<html>"}, {QStringLiteral("index.html"), "<other>"}}));
        auto files = BundleUnzip::extract(zip, QString(), QString());
        QVERIFY(!files.ok());
        QVERIFY2(files.error().message.contains(QStringLiteral("twice")), qPrintable(files.error().message));
    }
};

QTEST_GUILESS_MAIN(TestBundleUnzip)
#include "tst_bundle_unzip.moc"
