// Writing the public key into capacitor.config.json must change that value and nothing else.
#include "project/CapacitorConfig.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using slipway::project::CapacitorConfig;

namespace {
const QString Pem = QStringLiteral("-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEAtest\n-----END RSA PUBLIC KEY-----\n");
const QByteArray PemJson = "\"-----BEGIN RSA PUBLIC KEY-----\\nMIIBCgKCAQEAtest\\n-----END RSA PUBLIC KEY-----\\n\"";
} // namespace

class TestCapacitorConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void editsOnlyThePublicKey_data()
    {
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<QByteArray>("after");
        QTest::newRow("replace existing key, keep order and spacing")
            << QByteArray("{\n    \"webDir\": \"dist\",\n    \"appId\": \"com.x\",\n    \"plugins\": {\n      \"CapacitorUpdater\": {\n"
                          "        \"autoUpdate\": true,\n        \"publicKey\": \"old\"\n      }\n    }\n}\n")
            << QByteArray("{\n    \"webDir\": \"dist\",\n    \"appId\": \"com.x\",\n    \"plugins\": {\n      \"CapacitorUpdater\": {\n"
                          "        \"autoUpdate\": true,\n        \"publicKey\": " + PemJson + "\n      }\n    }\n}\n");
        QTest::newRow("add to existing CapacitorUpdater")
            << QByteArray("{\n  \"appId\": \"com.x\",\n  \"plugins\": {\n    \"CapacitorUpdater\": {\n      \"autoUpdate\": false\n    }\n  }\n}")
            << QByteArray("{\n  \"appId\": \"com.x\",\n  \"plugins\": {\n    \"CapacitorUpdater\": {\n      \"autoUpdate\": false,\n"
                          "      \"publicKey\": " + PemJson + "\n    }\n  }\n}");
        QTest::newRow("add CapacitorUpdater beside another plugin")
            << QByteArray("{\n  \"appId\": \"com.x\",\n  \"plugins\": {\n    \"SplashScreen\": {\n      \"launchShowDuration\": 0\n    }\n  }\n}\n")
            << QByteArray("{\n  \"appId\": \"com.x\",\n  \"plugins\": {\n    \"SplashScreen\": {\n      \"launchShowDuration\": 0\n    },\n"
                          "    \"CapacitorUpdater\": {\n      \"publicKey\": " + PemJson + "\n    }\n  }\n}\n");
        QTest::newRow("no plugins at all")
            << QByteArray("{\n  \"appId\": \"com.x\",\n  \"webDir\": \"www\"\n}\n")
            << QByteArray("{\n  \"appId\": \"com.x\",\n  \"webDir\": \"www\",\n  \"plugins\": {\n    \"CapacitorUpdater\": {\n"
                          "      \"publicKey\": " + PemJson + "\n    }\n  }\n}\n");
        QTest::newRow("compact one-line file")
            << QByteArray("{\"appId\":\"com.x\",\"plugins\":{\"CapacitorUpdater\":{\"publicKey\":\"old\",\"x\":[1,2,{\"a\":null}]}}}")
            << QByteArray("{\"appId\":\"com.x\",\"plugins\":{\"CapacitorUpdater\":{\"publicKey\":" + PemJson + ",\"x\":[1,2,{\"a\":null}]}}}");
        QTest::newRow("empty CapacitorUpdater, escaped strings elsewhere")
            << QByteArray("{\n  \"appName\": \"Quote \\\" and brace }\",\n  \"plugins\": {\n    \"CapacitorUpdater\": {}\n  }\n}\n")
            << QByteArray("{\n  \"appName\": \"Quote \\\" and brace }\",\n  \"plugins\": {\n    \"CapacitorUpdater\": {\n      \"publicKey\": "
                          + PemJson + "\n    }\n  }\n}\n");
    }

    void editsOnlyThePublicKey()
    {
        QFETCH(QByteArray, before);
        QFETCH(QByteArray, after);
        auto result = CapacitorConfig::withPublicKey(before, Pem);
        QVERIFY2(result, qPrintable(result.error().message));
        QCOMPARE(result.value(), after);
        QCOMPARE(QJsonDocument::fromJson(result.value()).object()[QStringLiteral("plugins")].toObject()[QStringLiteral("CapacitorUpdater")]
                     .toObject()[QStringLiteral("publicKey")].toString(),
                 Pem);
    }

    void refusesWhatItCannotEditSafely()
    {
        QVERIFY(!CapacitorConfig::withPublicKey("{ not json", Pem));
        QVERIFY(!CapacitorConfig::withPublicKey("[1,2]", Pem));
        auto pluginsNotObject = CapacitorConfig::withPublicKey("{\"plugins\": 5}", Pem);
        QVERIFY(!pluginsNotObject);
        QVERIFY(pluginsNotObject.error().message.contains(QStringLiteral("'plugins' in the Capacitor config is not an object")));
    }

    void typeScriptConfigGetsASnippetAndIsNotTouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("capacitor.config.ts"));
        const QByteArray original = "const config = { appId: 'com.x' };\nexport default config;\n";
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(original);
        f.close();
        auto written = CapacitorConfig::writePublicKey(path, Pem);
        QVERIFY(!written);
        QVERIFY(written.error().message.contains(QStringLiteral("CapacitorUpdater: {")));
        QVERIFY(written.error().message.contains(QStringLiteral("publicKey: '-----BEGIN RSA PUBLIC KEY-----\\nMIIBCgKCAQEAtest")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), original);
    }

    void jsonFileIsRewrittenAtomically()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("capacitor.config.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\n  \"appId\": \"com.x\"\n}\n");
        f.close();
        QVERIFY(CapacitorConfig::writePublicKey(path, Pem));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains(PemJson));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCapacitorConfig)
#include "tst_capacitor_config.moc"
