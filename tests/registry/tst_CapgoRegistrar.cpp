// CapgoRegistrar in-process: request checks, the ordered JSON body, host rules, and a registration
// run from a plain worker thread (as the release runner calls it) against the loopback stand-in.
#include "common/DataLocation.h"
#include "registry/CapgoClient.h"
#include "registry/CapgoJsonBody.h"
#include "registry/CapgoRegistrar.h"
#include "registry/RegistrarProfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <thread>

using namespace slipway;
using namespace slipway::registry;

namespace {

const QByteArray kApiKey = "ak_test_0123456789abcdef";

RegistrationRequest contractRequest()
{
    RegistrationRequest r;
    r.appId = QStringLiteral("com.example.contract");
    r.version = QStringLiteral("1.0.0");
    r.channel = QStringLiteral("production");
    r.bundleUrl = QUrl(QStringLiteral("https://cdn.example.com/bundles/com.example.contract/1.0.0.zip"));
    r.ivSessionKey = QStringLiteral("AAECAwQFBgcICQoLDA0ODw==:U2Vzc2lvbktleUVuY3J5cHRlZFdpdGhSU0FQcml2YXRlS2V5");
    r.signedChecksum = QStringLiteral("5f2b7c0e9d4a1b3c8e6f0a2d4c6b8e0f1a3c5e7d9b0f2a4c6e8d0b2f4a6c8e0d");
    return r;
}

// The Python stand-in (tests/registry/capgo_standin.py) as a child process.
class StandIn
{
public:
    explicit StandIn(const QString& scenario)
    {
        m_process.setProgram(QStringLiteral("python3"));
        m_process.setArguments({QStringLiteral(SLIPWAY_SOURCE_DIR "/tests/registry/capgo_standin.py"), scenario});
        m_process.start();
        if (m_process.waitForStarted(10000) && m_process.waitForReadyRead(10000))
            m_url = QUrl(QString::fromUtf8(m_process.readLine().trimmed()));
    }
    ~StandIn()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    [[nodiscard]] QUrl url() const { return m_url; }
    // Stops the server and returns the requests it recorded.
    QList<QJsonObject> finish()
    {
        m_process.closeWriteChannel();
        m_process.waitForFinished(10000);
        QList<QJsonObject> requests;
        for (const QByteArray& line : m_process.readAllStandardOutput().split('\n')) {
            if (!line.trimmed().isEmpty())
                requests.append(QJsonDocument::fromJson(line).object());
        }
        return requests;
    }

private:
    QProcess m_process;
    QUrl m_url;
};

QStringList handlers(const QList<QJsonObject>& requests)
{
    QStringList out;
    for (const auto& r : requests)
        out << r.value(QStringLiteral("handler")).toString();
    return out;
}

} // namespace

class TestCapgoRegistrar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonBodyKeepsFieldOrder()
    {
        const QByteArray body = CapgoJsonBody{
            {QStringLiteral("name"), QStringLiteral("1.0.0")},
            {QStringLiteral("app_id"), QStringLiteral("a\"b")},
            {QStringLiteral("native_packages"), QJsonArray()},
            {QStringLiteral("link"), QJsonValue::Null},
            {QStringLiteral("id"),
             101}}.bytes();
        const QByteArray expected =
            "{\"name\":\"1.0.0\",\"app_id\":\"a\\\"b\",\"native_packages\":[],\"link\":null,\"id\":101}";
        QCOMPARE(body, expected);
    }

    void validate_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("ok") << ""
                            << ""
                            << "";
        QTest::newRow("http url") << "url"
                                  << "http://cdn.example.com/b.zip"
                                  << "only accepts an https:// URL";
        QTest::newRow("no url") << "url"
                                << ""
                                << "only accepts an https:// URL";
        QTest::newRow("session key") << "session"
                                     << "nocolon"
                                     << "session key";
        QTest::newRow("checksum") << "checksum"
                                  << ""
                                  << "signed checksum";
        QTest::newRow("min update") << "min"
                                    << "1.0"
                                    << "not a semantic version";
        QTest::newRow("min update ok") << "min"
                                       << "1.2.3-beta.1"
                                       << "";
        QTest::newRow("app id") << "app"
                                << "com/example"
                                << "is not an app id";
    }

    void validate()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        RegistrationRequest r = contractRequest();
        if (field == QLatin1String("url"))
            r.bundleUrl = QUrl(value);
        else if (field == QLatin1String("session"))
            r.ivSessionKey = value;
        else if (field == QLatin1String("checksum"))
            r.signedChecksum = value;
        else if (field == QLatin1String("app"))
            r.appId = value;
        else if (field == QLatin1String("min"))
            r.minUpdateVersion = value;
        const Status s = CapgoRegistrar::validate(r);
        if (expected.isEmpty()) {
            QVERIFY2(s.ok(), qPrintable(s.error().message));
        } else {
            QVERIFY(!s.ok());
            QVERIFY2(s.error().message.contains(expected), qPrintable(s.error().message));
        }
    }

    void hostsThatMayReceiveTheKey()
    {
        QVERIFY(CapgoClient::checkSecureHost(QUrl(QStringLiteral("https://api.capgo.app")), QStringLiteral("h")).ok());
        QVERIFY(CapgoClient::checkSecureHost(QUrl(QStringLiteral("http://127.0.0.1:8080")), QStringLiteral("h")).ok());
        QVERIFY(CapgoClient::checkSecureHost(QUrl(QStringLiteral("http://localhost:8080")), QStringLiteral("h")).ok());
        QVERIFY(CapgoClient::checkSecureHost(QUrl(QStringLiteral("http://[::1]:8080")), QStringLiteral("h")).ok());
        QVERIFY(!CapgoClient::checkSecureHost(QUrl(QStringLiteral("http://api.capgo.app")), QStringLiteral("h")).ok());
        QVERIFY(!CapgoClient::checkSecureHost(QUrl(QStringLiteral("http://10.0.0.5")), QStringLiteral("h")).ok());
        QVERIFY(!CapgoClient::checkSecureHost(QUrl(QStringLiteral("ftp://127.0.0.1")), QStringLiteral("h")).ok());
    }

    void registersFromAWorkerThread()
    {
        StandIn standin(QStringLiteral("baseline"));
        QVERIFY2(standin.url().isValid() && !standin.url().isEmpty(), "the stand-in did not start");
        CapgoRegistrar registrar(standin.url(), SecureBytes(kApiKey));
        std::atomic<qint64> lastDone{0}, lastTotal{0};
        std::optional<Result<RegistrationResult>> outcome;
        std::thread worker([&] {
            outcome = registrar.registerRelease(contractRequest(), [&](qint64 done, qint64 total) {
                lastDone = done;
                lastTotal = total;
                return true;
            });
        });
        worker.join();
        QVERIFY(outcome.has_value());
        QVERIFY2(outcome->ok(), qPrintable(outcome->error().message));
        QCOMPARE(outcome->value().published.value(QStringLiteral("channel_id")).toInt(), 10);
        QCOMPARE(outcome->value().published.value(QStringLiteral("version_id")).toInt(), 101);
        QVERIFY(outcome->value().summary.contains(QStringLiteral("channel production now points to it")));
        QCOMPARE(lastDone.load(), lastTotal.load());
        const QStringList seen = handlers(standin.finish());
        QCOMPARE(seen.last(), QStringLiteral("PUT bundle"));
        QCOMPARE(seen.count(QStringLiteral("UPSERT app_versions")), 1);
    }

    void cancelStopsBeforeAnyWrite()
    {
        StandIn standin(QStringLiteral("baseline"));
        QVERIFY(standin.url().isValid());
        CapgoRegistrar registrar(standin.url(), SecureBytes(kApiKey));
        std::optional<Result<RegistrationResult>> outcome;
        std::thread worker([&] {
            outcome = registrar.registerRelease(contractRequest(), [](qint64 done, qint64) { return done < 3; });
        });
        worker.join();
        QVERIFY(outcome.has_value() && !outcome->ok());
        QVERIFY(outcome->error().message.contains(QStringLiteral("cancelled before anything was written")));
        const QStringList seen = handlers(standin.finish());
        QVERIFY(!seen.contains(QStringLiteral("UPSERT app_versions")));
        QVERIFY(!seen.contains(QStringLiteral("PUT bundle")));
    }

    void openCapgoRegistrarResolvesProfileAndKey()
    {
        QTemporaryDir data;
        QVERIFY(data.isValid());
        DataLocation::setOverride(data.path());
        qputenv("DBUS_SESSION_BUS_ADDRESS", "");
        qunsetenv("CAPGO_TOKEN");
        auto unknown = openCapgoRegistrar(QStringLiteral("selfhosted"));
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().message.contains(QStringLiteral("slipway registrar add selfhosted --capgo")));

        RegistrarProfile profile;
        profile.name = QStringLiteral("selfhosted");
        profile.apiHost = QUrl(QStringLiteral("https://capgo.internal.example.com/api"));
        QVERIFY(RegistrarProfileStore::save(profile).ok());
        auto keyless = openCapgoRegistrar(QStringLiteral("selfhosted"));
        QVERIFY(!keyless.ok());
        QCOMPARE(keyless.error().code, 2);
        QVERIFY(keyless.error().message.contains(QStringLiteral("CAPGO_TOKEN")));

        qputenv("CAPGO_TOKEN", "ak_from_environment");
        auto opened = openCapgoRegistrar(QStringLiteral("selfhosted"));
        qunsetenv("CAPGO_TOKEN");
        QVERIFY2(opened.ok(), qPrintable(opened.error().message));
        QCOMPARE(opened.value()->describe(),
                 QStringLiteral("Capgo at https://capgo.internal.example.com/api (profile selfhosted)"));
        QFile file(RegistrarProfileStore::filePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("ak_from_environment"));
        DataLocation::setOverride(QString());
    }

    void isRegisteredAsksCapgo()
    {
        StandIn standin(QStringLiteral("baseline"));
        QVERIFY(standin.url().isValid());
        CapgoRegistrar registrar(standin.url(), SecureBytes(kApiKey));
        std::optional<Result<bool>> answer;
        std::thread worker([&] { answer = registrar.isRegistered(contractRequest()); });
        worker.join();
        QVERIFY2(answer->ok(), qPrintable(answer->error().message));
        QCOMPARE(answer->value(), false); // the stand-in says the version does not exist yet
    }
};

QTEST_GUILESS_MAIN(TestCapgoRegistrar)
#include "tst_CapgoRegistrar.moc"
