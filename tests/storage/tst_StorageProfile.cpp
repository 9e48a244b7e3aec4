#include "common/DataLocation.h"
#include "storage/ObjectKey.h"
#include "storage/S3Storage.h"
#include "storage/StorageFactory.h"
#include "storage/StorageProfile.h"
#include "storage/StorageSecrets.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace slipway;
using namespace slipway::storage;

class tst_StorageProfile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_data.isValid());
        DataLocation::setOverride(m_data.path());
        for (const char* name : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION",
                                 "SLIPWAY_WEBDAV_PASSWORD", "SLIPWAY_WEBDAV_TOKEN", "SLIPWAY_SFTP_KEY"})
            qunsetenv(name);
    }

    void urlsAreChecked_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("errorPart"); // empty = valid
        QTest::newRow("s3") << "s3://releases/app?endpoint=http://127.0.0.1:9000&region=eu-west-1" << QString();
        QTest::newRow("s3 aws") << "s3://releases" << QString();
        QTest::newRow("webdav") << "https://user@dav.example.com/bundles" << QString();
        QTest::newRow("sftp") << "sftp://deploy@host:2222/srv/b?host-key=SHA256:abc+/d" << QString();
        QTest::newRow("folder") << "file:///srv/bundles" << QString();
        QTest::newRow("password in url") << "https://user:hunter2@dav.example.com/" << "contains a password";
        QTest::newRow("unknown option") << "s3://b?endpoit=http://x" << "Unknown storage URL option 'endpoit'";
        QTest::newRow("ftp") << "ftp://host/x" << "not ftp://";
        QTest::newRow("sftp without user") << "sftp://host/x" << "needs a user";
        QTest::newRow("bad host key") << "sftp://u@host/x?host-key=MD5:aa" << "SHA256:";
        QTest::newRow("bad endpoint") << "s3://b?endpoint=ftp://x" << "must be an http:// or https://";
        QTest::newRow("bad style") << "s3://b?style=sideways" << "'path' or 'virtual'";
        QTest::newRow("bad checksum") << "s3://b?checksum=crc" << "'md5'";
        QTest::newRow("not a url") << "releases" << "not a storage URL";
    }
    void urlsAreChecked()
    {
        QFETCH(QString, url);
        QFETCH(QString, errorPart);
        auto profile = StorageProfile::fromUrl(QStringLiteral("p"), url);
        if (errorPart.isEmpty()) {
            QVERIFY2(profile.ok(), qPrintable(profile.ok() ? QString() : profile.error().message));
        } else {
            QVERIFY(!profile.ok());
            QVERIFY2(profile.error().message.contains(errorPart), qPrintable(profile.error().message));
            QVERIFY(!profile.error().message.contains(QLatin1String("hunter2")));
        }
    }

    void optionsSurviveBase64()
    {
        auto profile = StorageProfile::fromUrl(QStringLiteral("p"), QStringLiteral("sftp://u@h:22/x"));
        QVERIFY(profile.ok());
        const QString fingerprint = QStringLiteral("SHA256:eiMQeGC0fittr+VB1R4Wijf8g=zEmEv7/ch2228");
        profile->setOption(QStringLiteral("host-key"), fingerprint);
        profile->setOption(QStringLiteral("key"), QStringLiteral("/home/me/.ssh/id ed25519&x"));
        QCOMPARE(profile->option(QStringLiteral("host-key")), fingerprint);
        QCOMPARE(profile->option(QStringLiteral("key")), QStringLiteral("/home/me/.ssh/id ed25519&x"));
        auto reparsed = StorageProfile::fromJson(profile->toJson());
        QVERIFY(reparsed.ok());
        QCOMPARE(reparsed->option(QStringLiteral("host-key")), fingerprint);
    }

    void storeKeepsOnlyNonSecretParts()
    {
        auto a = StorageProfile::fromUrl(QStringLiteral("prod"), QStringLiteral("s3://rel/app?region=eu-west-1"),
                                         QStringLiteral("https://cdn.example.com/app"));
        auto b = StorageProfile::fromUrl(QStringLiteral("box"), QStringLiteral("file:///srv/b"));
        QVERIFY(a.ok() && b.ok());
        QVERIFY(StorageProfileStore::save(a.value()).ok());
        QVERIFY(StorageProfileStore::save(b.value()).ok());
        QVERIFY(StorageProfileStore::save(a.value()).ok()); // replace, not duplicate
        auto all = StorageProfileStore::load();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 2);
        auto found = StorageProfileStore::find(QStringLiteral("prod"));
        QVERIFY(found.ok());
        QCOMPARE(found->kind(), StorageKind::S3);
        QCOMPARE(found->publicBaseUrl, QUrl(QStringLiteral("https://cdn.example.com/app")));
        QCOMPARE(found->toJson().keys(), (QStringList{QStringLiteral("name"), QStringLiteral("publicBaseUrl"), QStringLiteral("url")}));
        QVERIFY(StorageProfileStore::remove(QStringLiteral("prod")).ok());
        QVERIFY(!StorageProfileStore::find(QStringLiteral("prod")).ok());
        QVERIFY(StorageProfileStore::find(QStringLiteral("prod")).error().message.contains(QLatin1String("slipway storage add prod")));
        QVERIFY(!StorageProfileStore::remove(QStringLiteral("prod")).ok());
    }

    void namesAreChecked()
    {
        QVERIFY(StorageProfile::validateName(QStringLiteral("prod-cdn.eu_1")).ok());
        QVERIFY(!StorageProfile::validateName(QStringLiteral("-x")).ok());
        QVERIFY(!StorageProfile::validateName(QStringLiteral("a/b")).ok());
        QVERIFY(!StorageProfile::validateName(QString()).ok());
    }

    void keysAreEncoded()
    {
        QCOMPARE(ObjectKey::encode(QStringLiteral("a b/é+€~.zip")), QByteArray("a%20b/%C3%A9%2B%E2%82%AC~.zip"));
        QCOMPARE(ObjectKey::encode(QStringLiteral("a/b"), false), QByteArray("a%2Fb"));
        QCOMPARE(ObjectKey::join(QStringLiteral("/app/"), QStringLiteral("x.zip")), QStringLiteral("app/x.zip"));
        QCOMPARE(ObjectKey::join(QString(), QStringLiteral("x.zip")), QStringLiteral("x.zip"));
    }

    // The known answer from AWS's "Authenticating Requests: Using Query Parameters" example.
    void presignedUrlMatchesAwsExample()
    {
        S3Location where;
        where.endpoint = QUrl(QStringLiteral("https://s3.amazonaws.com"));
        where.bucket = QStringLiteral("examplebucket");
        where.region = QStringLiteral("us-east-1");
        where.pathStyle = false;
        StorageSecrets secrets;
        secrets.accessKeyId = QStringLiteral("AKIAIOSFODNN7EXAMPLE");
        secrets.secretAccessKey = SecureBytes(QByteArray("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        S3Storage s3(where, secrets);
        const QUrl url = s3.presignedGetUrl(QStringLiteral("test.txt"), 86400,
                                            QDateTime(QDate(2013, 5, 24), QTime(0, 0), Qt::UTC));
        QCOMPARE(url.host(), QStringLiteral("examplebucket.s3.amazonaws.com"));
        QVERIFY2(url.toString(QUrl::FullyEncoded).endsWith(
                     QLatin1String("X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")),
                 qPrintable(url.toString(QUrl::FullyEncoded)));
    }

    void credentialsComeFromTheEnvironment()
    {
        auto missing = openStorage(QStringLiteral("s3://rel/app?endpoint=http://127.0.0.1:1"));
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().message.contains(QLatin1String("AWS_ACCESS_KEY_ID")), qPrintable(missing.error().message));
        qputenv("AWS_ACCESS_KEY_ID", "AKID");
        qputenv("AWS_SECRET_ACCESS_KEY", "SECRET");
        qputenv("AWS_REGION", "eu-central-1");
        auto opened = openStorage(QStringLiteral("s3://rel/app"));
        QVERIFY(opened.ok());
        auto* s3 = dynamic_cast<S3Storage*>(opened.value().get());
        QVERIFY(s3);
        QCOMPARE(s3->location().region, QStringLiteral("eu-central-1"));
        QCOMPARE(s3->location().endpoint, QUrl(QStringLiteral("https://s3.eu-central-1.amazonaws.com")));
        QVERIFY(!s3->location().pathStyle);
        QCOMPARE(s3->publicUrl(QStringLiteral("a b.zip")).toString(QUrl::FullyEncoded),
                 QStringLiteral("https://rel.s3.eu-central-1.amazonaws.com/app/a%20b.zip"));
        qunsetenv("AWS_ACCESS_KEY_ID");
        qunsetenv("AWS_SECRET_ACCESS_KEY");
        qunsetenv("AWS_REGION");

        auto sftp = openStorage(QStringLiteral("sftp://u@127.0.0.1:1/x"));
        QVERIFY(!sftp.ok());
        QVERIFY(sftp.error().message.contains(QLatin1String("SLIPWAY_SFTP_KEY")));
    }

private:
    QTemporaryDir m_data;
};

QTEST_GUILESS_MAIN(tst_StorageProfile)
#include "tst_StorageProfile.moc"
