// The update endpoint's decision for one device, the semver order it relies on, and the limits of what it reads:
// the HTTP parser, the plugin's field rules, and real loopback connections to a running endpoint.
#include "common/InputLimits.h"
#include "common/TerminalText.h"
#include "project/SemanticVersion.h"
#include "registry/ByteRange.h"
#include "registry/DeltaGate.h"
#include "registry/DeviceRequest.h"
#include "registry/HttpRequestParser.h"
#include "registry/UpdateEndpoint.h"
#include "storage/FolderStorage.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <chrono>
#include <future>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using slipway::printableText;
using slipway::project::SemanticVersion;
using slipway::registry::ByteRange;
using slipway::registry::DeltaGate;
using slipway::registry::DeviceRequest;
using slipway::registry::HttpListener;
using slipway::registry::HttpRequestParser;
using slipway::registry::UpdateEndpoint;
namespace limits = slipway::limits;

namespace {
QJsonObject manifest()
{
    return QJsonObject{{QStringLiteral("version"), QStringLiteral("1.2.0")},
                       {QStringLiteral("url"), QStringLiteral("https://cdn.example.com/b.zip")},
                       {QStringLiteral("session_key"), QStringLiteral("iv:key")},
                       {QStringLiteral("checksum"), QStringLiteral("abcd")},
                       {QStringLiteral("key_id"), QStringLiteral("MIIBCgKCAQEAaaaaaaaa")},
                       {QStringLiteral("min_update_version"), QStringLiteral("2.0.0")},
                       {QStringLiteral("released_at"), QStringLiteral("2026-11-28T10:00:00Z")},
                       {QStringLiteral("comment"), QStringLiteral("fixes")}};
}

// A release entry with a delta of two files, as the channel manifest records it (with the fields only we read).
QJsonObject deltaManifest(const QString& urlBase = QStringLiteral("https://cdn.example.com/"))
{
    QJsonObject m = manifest();
    m.remove(QStringLiteral("min_update_version"));
    m.insert(QStringLiteral("url"), urlBase + QStringLiteral("b.zip"));
    QJsonArray files;
    for (const QString& name : {QStringLiteral("index.html"), QStringLiteral("assets/a b é.js.br")})
        files.append(QJsonObject{{QStringLiteral("file_name"), name},
                                 {QStringLiteral("file_hash"), QString(64, QLatin1Char('a'))},
                                 {QStringLiteral("download_url"), urlBase + QStringLiteral("files/") + name},
                                 {QStringLiteral("sha256"), QString(64, QLatin1Char('a'))},
                                 {QStringLiteral("size"), 10},
                                 {QStringLiteral("object_size"), 16}});
    m.insert(QStringLiteral("manifest"), files);
    return m;
}

QJsonObject pluginDevice(const QString& pluginVersion)
{
    return QJsonObject{{QStringLiteral("app_id"), QStringLiteral("com.x")},
                       {QStringLiteral("version_name"), QStringLiteral("1.0.0")},
                       {QStringLiteral("version_build"), QStringLiteral("2.1.0")},
                       {QStringLiteral("plugin_version"), pluginVersion}};
}

QJsonObject device(const QString& versionName, const QString& versionBuild, const QString& keyId)
{
    QJsonObject d{{QStringLiteral("app_id"), QStringLiteral("com.x")},
                  {QStringLiteral("version_name"), versionName},
                  {QStringLiteral("version_build"), versionBuild}};
    if (!keyId.isEmpty())
        d.insert(QStringLiteral("key_id"), keyId);
    return d;
}

// A client on another thread with plain blocking sockets, so the endpoint's event loop runs here meanwhile.
struct Exchange
{
    QByteArray received;
    bool closedByServer = false; // EOF or reset seen before the deadline
    qint64 elapsedMs = 0;
};

Exchange exchangeBlocking(quint16 port, const QByteArray& request, int deadlineMs)
{
    Exchange out;
    QElapsedTimer clock;
    clock.start();
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return out;
    }
    for (qsizetype sent = 0; sent < request.size();) {
        const auto n = ::send(fd, request.constData() + sent, static_cast<size_t>(request.size() - sent), MSG_NOSIGNAL);
        if (n <= 0)
            break;
        sent += n;
    }
    char buffer[4096];
    while (clock.elapsed() < deadlineMs) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0)
            continue;
        const auto n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
            out.closedByServer = true;
            break;
        }
        out.received.append(buffer, n);
    }
    out.elapsedMs = clock.elapsed();
    ::close(fd);
    return out;
}

Exchange exchange(quint16 port, const QByteArray& request, int deadlineMs = 5000)
{
    auto future = std::async(std::launch::async, exchangeBlocking, port, request, deadlineMs);
    while (future.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return future.get();
}

int statusOf(const QByteArray& response)
{
    return response.startsWith("HTTP/1.1 ") ? response.mid(9, 3).toInt() : 0;
}

QJsonObject bodyOf(const QByteArray& response)
{
    return QJsonDocument::fromJson(response.mid(response.indexOf("\r\n\r\n") + 4)).object();
}

QByteArray post(const QByteArray& path, const QByteArray& body, const QByteArray& extraHeaders = {})
{
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n" +
           extraHeaders + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray statsEvent(const QString& deviceId)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("app_id"), QStringLiteral("com.x")},
                                     {QStringLiteral("device_id"), deviceId},
                                     {QStringLiteral("action"), QStringLiteral("set")},
                                     {QStringLiteral("version_name"), QStringLiteral("1.0.0")},
                                     {QStringLiteral("platform"), QStringLiteral("android")}})
        .toJson(QJsonDocument::Compact);
}

// A running endpoint on a free loopback port over an empty folder storage; stats events are kept in `recorded`.
struct RunningEndpoint
{
    QTemporaryDir folder;
    QList<QJsonObject> recorded;
    QStringList reports;
    std::unique_ptr<UpdateEndpoint> endpoint;
    quint16 port = 0;

    explicit RunningEndpoint(HttpListener::Settings settings = {})
    {
        UpdateEndpoint::Hooks hooks;
        hooks.recordStats = [this](const QJsonObject& event) -> slipway::Status {
            recorded << event;
            return slipway::Ok{};
        };
        hooks.report = [this](const QString& line) { reports << line; };
        endpoint =
            std::make_unique<UpdateEndpoint>(std::make_shared<slipway::storage::FolderStorage>(folder.path()), hooks);
        endpoint->setSettings(settings);
        auto bound = endpoint->listen(QHostAddress::LocalHost, 0);
        if (bound)
            port = bound.value();
    }
};
} // namespace

class TestUpdateEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void offersTheUpdateWithTheWireFields()
    {
        const QJsonObject a = UpdateEndpoint::answer(manifest(), device(QStringLiteral("builtin"), QStringLiteral("2.1.0"),
                                                                        QStringLiteral("MIIBCgKCAQEAaaaaaaaa")));
        QCOMPARE(a.value(QStringLiteral("version")).toString(), QStringLiteral("1.2.0"));
        QCOMPARE(a.value(QStringLiteral("session_key")).toString(), QStringLiteral("iv:key"));
        QCOMPARE(a.value(QStringLiteral("checksum")).toString(), QStringLiteral("abcd"));
        QCOMPARE(a.value(QStringLiteral("comment")).toString(), QStringLiteral("fixes"));
        QVERIFY(!a.contains(QStringLiteral("kind")));
        QVERIFY(!a.contains(QStringLiteral("key_id"))); // internal manifest fields stay internal
    }

    void upToDateWhenTheVersionMatches()
    {
        const QJsonObject a = UpdateEndpoint::answer(manifest(), device(QStringLiteral("1.2.0"), QStringLiteral("2.1.0"), {}));
        QCOMPARE(a.value(QStringLiteral("kind")).toString(), QStringLiteral("up_to_date"));
        QCOMPARE(a.value(QStringLiteral("error")).toString(), QStringLiteral("no_new_version_available"));
    }

    void blockedBelowMinUpdateVersion()
    {
        const QJsonObject a = UpdateEndpoint::answer(manifest(), device(QStringLiteral("builtin"), QStringLiteral("1.9.9"), {}));
        QCOMPARE(a.value(QStringLiteral("kind")).toString(), QStringLiteral("blocked"));
        QVERIFY(a.value(QStringLiteral("message")).toString().contains(QStringLiteral("2.0.0")));
        const QJsonObject ok = UpdateEndpoint::answer(manifest(), device(QStringLiteral("builtin"), QStringLiteral("2.0.0"), {}));
        QVERIFY(!ok.contains(QStringLiteral("kind")));
    }

    void blockedOnKeyIdMismatch()
    {
        const QJsonObject a = UpdateEndpoint::answer(manifest(), device(QStringLiteral("builtin"), QStringLiteral("3.0.0"),
                                                                        QStringLiteral("MIIBCgKCAQEAbbbbbbbb")));
        QCOMPARE(a.value(QStringLiteral("kind")).toString(), QStringLiteral("blocked"));
        QCOMPARE(a.value(QStringLiteral("error")).toString(), QStringLiteral("key_id_mismatch"));
    }

    // --- Delta answers ----------------------------------------------------------------------------------------

    void deltaGoesOnlyToPluginsThatHandleIt_data()
    {
        QTest::addColumn<QString>("plugin");
        QTest::addColumn<bool>("oldPluginsTested");
        QTest::addColumn<bool>("manifest");
        QTest::newRow("8.0.0") << QStringLiteral("8.0.0") << false << true;
        QTest::newRow("8.51.23") << QStringLiteral("8.51.23") << false << true;
        QTest::newRow("7.0.38") << QStringLiteral("7.0.38") << false << true;
        QTest::newRow("7.1.0") << QStringLiteral("7.1.0") << false << true;
        QTest::newRow("7.0.37 (brotli-decodes every file)") << QStringLiteral("7.0.37") << false << false;
        QTest::newRow("7.0.30") << QStringLiteral("7.0.30") << false << false;
        QTest::newRow("6.25.0") << QStringLiteral("6.25.0") << false << false;
        QTest::newRow("6.25.0 tested") << QStringLiteral("6.25.0") << true << true;
        QTest::newRow("5.10.0") << QStringLiteral("5.10.0") << false << false;
        QTest::newRow("4.0.0 even when tested") << QStringLiteral("4.0.0") << true << false;
        QTest::newRow("unreadable") << QStringLiteral("eight") << false << false;
        QTest::newRow("missing") << QString() << false << false;
    }

    void deltaGoesOnlyToPluginsThatHandleIt()
    {
        QFETCH(QString, plugin);
        QFETCH(bool, oldPluginsTested);
        QFETCH(bool, manifest);
        QCOMPARE(DeltaGate::acceptsManifest(plugin, oldPluginsTested), manifest);
        const QJsonObject a = UpdateEndpoint::answer(deltaManifest(), pluginDevice(plugin), oldPluginsTested);
        QCOMPARE(a.contains(QStringLiteral("manifest")), manifest);
        // The zip answer is always there: older plugins use only it, and 8.51.23 requires the checksum.
        QCOMPARE(a.value(QStringLiteral("url")).toString(), QStringLiteral("https://cdn.example.com/b.zip"));
        QCOMPARE(a.value(QStringLiteral("checksum")).toString(), QStringLiteral("abcd"));
        QCOMPARE(a.value(QStringLiteral("session_key")).toString(), QStringLiteral("iv:key"));
        if (manifest) {
            const QJsonArray files = a.value(QStringLiteral("manifest")).toArray();
            QCOMPARE(files.size(), 2);
            // Only the wire fields: what we record beside them stays ours.
            QCOMPARE(files.at(1).toObject().keys(), (QStringList{QStringLiteral("download_url"), QStringLiteral("file_hash"),
                                                                 QStringLiteral("file_name")}));
        }
    }

    void byteRanges()
    {
        auto r = ByteRange::parse("bytes=10-19", 100);
        QCOMPARE(int(r.kind), int(ByteRange::Kind::Partial));
        QCOMPARE(r.offset, 10);
        QCOMPARE(r.length, 10);
        r = ByteRange::parse("bytes=90-", 100);
        QCOMPARE(r.offset, 90);
        QCOMPARE(r.length, 10);
        r = ByteRange::parse("bytes=-5", 100);
        QCOMPARE(r.offset, 95);
        QCOMPARE(r.length, 5);
        r = ByteRange::parse("bytes=50-1000", 100);
        QCOMPARE(r.length, 50);
        QCOMPARE(int(ByteRange::parse("bytes=100-", 100).kind), int(ByteRange::Kind::Unsatisfiable));
        QCOMPARE(int(ByteRange::parse("bytes=-0", 100).kind), int(ByteRange::Kind::Unsatisfiable));
        for (const char* whole : {"", "bytes=", "bytes=a-b", "bytes=5-2", "items=1-2", "bytes=1-2,4-5", "bytes=99999999999999999999-"})
            QCOMPARE(int(ByteRange::parse(whole, 100).kind), int(ByteRange::Kind::Whole));
    }

    // The default workspace's files reach a phone over HTTP: file:// URLs become the endpoint's own /files/ URLs on
    // the host the phone asked, Range works, nothing outside the storage is served, and no Content-Encoding is sent.
    void folderStorageFilesAreServedOverHttp()
    {
        RunningEndpoint server;
        const QString root = server.folder.path();
        QVERIFY(QDir().mkpath(root + QStringLiteral("/com.x/channels")));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/com.x/files")));
        QFile object(root + QStringLiteral("/com.x/files/assets/a b é.js.br"));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/com.x/files/assets")));
        QVERIFY(object.open(QIODevice::WriteOnly));
        QByteArray bytes;
        for (int i = 0; i < 300000; ++i)
            bytes.append(char('a' + i % 26));
        object.write(bytes);
        object.close();
        QFile zip(root + QStringLiteral("/com.x/b.zip"));
        QVERIFY(zip.open(QIODevice::WriteOnly));
        zip.write("zipbytes");
        zip.close();
        QJsonObject release = deltaManifest(QUrl::fromLocalFile(root + QStringLiteral("/com.x/")).toString());
        QFile channel(root + QStringLiteral("/com.x/channels/production.json"));
        QVERIFY(channel.open(QIODevice::WriteOnly));
        channel.write(QJsonDocument(release).toJson());
        channel.close();

        QJsonObject ask = pluginDevice(QStringLiteral("8.51.23"));
        ask.insert(QStringLiteral("device_id"), QStringLiteral("11111111-2222-3333-4444-555555555555"));
        ask.insert(QStringLiteral("platform"), QStringLiteral("android"));
        const QByteArray body = QJsonDocument(ask).toJson(QJsonDocument::Compact);
        const QByteArray request = "POST /updates HTTP/1.1\r\nHost: phone-sees-me.local:" + QByteArray::number(server.port) +
                                   "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                                   QByteArray::number(body.size()) + "\r\n\r\n" + body;
        const QJsonObject answer = bodyOf(exchange(server.port, request).received);
        const QString base = QStringLiteral("http://phone-sees-me.local:%1/files/").arg(server.port);
        QCOMPARE(answer.value(QStringLiteral("url")).toString(), base + QStringLiteral("com.x/b.zip"));
        const QJsonArray files = answer.value(QStringLiteral("manifest")).toArray();
        QCOMPARE(files.size(), 2);
        const QString objectUrl = files.at(1).toObject().value(QStringLiteral("download_url")).toString();
        QCOMPARE(objectUrl, base + QStringLiteral("com.x/files/assets/a%20b%20%C3%A9.js.br"));

        const QByteArray path = QUrl(objectUrl).path(QUrl::FullyEncoded).toLatin1();
        const auto whole = exchange(server.port, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QCOMPARE(statusOf(whole.received), 200);
        const QByteArray head = whole.received.left(whole.received.indexOf("\r\n\r\n"));
        QVERIFY(!head.toLower().contains("content-encoding"));
        QVERIFY(head.contains("Content-Length: 300000"));
        QCOMPARE(whole.received.mid(whole.received.indexOf("\r\n\r\n") + 4), bytes);

        const auto part = exchange(server.port,
                                   "GET " + path + " HTTP/1.1\r\nHost: x\r\nRange: bytes=299990-\r\nConnection: close\r\n\r\n");
        QCOMPARE(statusOf(part.received), 206);
        QVERIFY(part.received.contains("Content-Range: bytes 299990-299999/300000"));
        QCOMPARE(part.received.mid(part.received.indexOf("\r\n\r\n") + 4), bytes.right(10));

        // Keep-alive: a request after a file body is answered after it, in order.
        const auto two = exchange(server.port, "GET /files/com.x/b.zip HTTP/1.1\r\nHost: x\r\n\r\n"
                                               "GET /files/com.x/b.zip HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QCOMPARE(two.received.count("HTTP/1.1 200 OK"), 2);
        QCOMPARE(two.received.count("zipbytes"), 2);

        for (const QByteArray& bad : {QByteArray("/files/../etc/passwd"), QByteArray("/files/com.x/%2e%2e/%2e%2e/x"),
                                      QByteArray("/files/com.x/nothing")}) {
            const auto refused = exchange(server.port, "GET " + bad + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            QVERIFY2(statusOf(refused.received) == 400 || statusOf(refused.received) == 404, bad.constData());
        }
        const auto past = exchange(server.port, "GET /files/com.x/b.zip HTTP/1.1\r\nRange: bytes=100-\r\nConnection: close\r\n\r\n");
        QCOMPARE(statusOf(past.received), 416);
    }

    // The plugin never falls back to the zip: after two manifest failures from one device for one version, that
    // device gets the zip answer alone; other devices still get the delta.
    void aDeviceFailingTwiceOnTheDeltaGetsTheZip()
    {
        RunningEndpoint server;
        const QString root = server.folder.path();
        QVERIFY(QDir().mkpath(root + QStringLiteral("/com.x/channels")));
        QFile channel(root + QStringLiteral("/com.x/channels/production.json"));
        QVERIFY(channel.open(QIODevice::WriteOnly));
        channel.write(QJsonDocument(deltaManifest()).toJson());
        channel.close();
        auto ask = [&](const QString& deviceId) {
            QJsonObject d = pluginDevice(QStringLiteral("8.51.23"));
            d.insert(QStringLiteral("device_id"), deviceId);
            d.insert(QStringLiteral("platform"), QStringLiteral("android"));
            return bodyOf(exchange(server.port, post("/updates", QJsonDocument(d).toJson(QJsonDocument::Compact))).received);
        };
        auto failOnce = [&](const QString& deviceId, const QString& action) {
            QJsonObject e{{QStringLiteral("app_id"), QStringLiteral("com.x")},
                          {QStringLiteral("device_id"), deviceId},
                          {QStringLiteral("action"), action},
                          {QStringLiteral("version_name"), QStringLiteral("1.2.0")},
                          {QStringLiteral("platform"), QStringLiteral("android")}};
            return statusOf(exchange(server.port, post("/stats", QJsonDocument(e).toJson(QJsonDocument::Compact))).received);
        };
        const QString failing = QStringLiteral("aaaaaaaa-0000-0000-0000-000000000001");
        const QString healthy = QStringLiteral("aaaaaaaa-0000-0000-0000-000000000002");
        QVERIFY(ask(failing).contains(QStringLiteral("manifest")));
        QCOMPARE(failOnce(failing, QStringLiteral("download_manifest_checksum_fail")), 200);
        QCOMPARE(failOnce(failing, QStringLiteral("set")), 200); // not a manifest failure
        QVERIFY(ask(failing).contains(QStringLiteral("manifest"))); // one failure may be the network
        QCOMPARE(failOnce(failing, QStringLiteral("download_manifest_file_fail")), 200);
        const QJsonObject zipOnly = ask(failing);
        QVERIFY(!zipOnly.contains(QStringLiteral("manifest")));
        QCOMPARE(zipOnly.value(QStringLiteral("url")).toString(), QStringLiteral("https://cdn.example.com/b.zip"));
        QVERIFY(ask(healthy).contains(QStringLiteral("manifest")));
        QVERIFY(server.reports.join(QLatin1Char('\n')).contains(failing));
    }

    // --- The HTTP parser: every limit acts while the bytes arrive --------------------------------------------

    void parserReadsARequestByteByByte()
    {
        const QByteArray wire = post("/stats?x=1", "{\"a\":1}") + "GET /next HTTP/1.1\r\n\r\n";
        HttpRequestParser parser;
        qsizetype offset = 0;
        while (parser.state() != HttpRequestParser::State::Complete && offset < wire.size())
            offset += parser.feed(QByteArrayView(wire).sliced(offset, 1));
        QCOMPARE(parser.state(), HttpRequestParser::State::Complete);
        QCOMPARE(parser.request().method, QByteArray("POST"));
        QCOMPARE(parser.request().path, QByteArray("/stats"));
        QCOMPARE(parser.request().query.queryItemValue(QStringLiteral("x")), QStringLiteral("1"));
        QCOMPARE(parser.request().body, QByteArray("{\"a\":1}"));
        QVERIFY(!parser.request().keepAlive);
        // The pipelined request after it stays for the next round.
        parser.next();
        QCOMPARE(parser.feed(QByteArrayView(wire).sliced(offset)), wire.size() - offset);
        QCOMPARE(parser.request().path, QByteArray("/next"));
        QVERIFY(parser.request().keepAlive);
    }

    void parserRefuses_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<int>("status");
        const QByteArray big = QByteArray::number(limits::ServeRequestBodyBytes + 1);
        QTest::newRow("body over the limit, announced")
            << QByteArray("POST /updates HTTP/1.1\r\nContent-Length: " + big + "\r\n\r\n") << 413;
        QTest::newRow("200 MB announced")
            << QByteArray("POST /updates HTTP/1.1\r\nContent-Length: 200000000\r\n\r\n") << 413;
        QTest::newRow("chunked")
            << QByteArray("POST /updates HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n") << 411;
        QTest::newRow("head over the limit")
            << QByteArray("GET /" + QByteArray(limits::ServeRequestHeadBytes, 'a') + " HTTP/1.1\r\n\r\n") << 431;
        QTest::newRow("blank lines over the limit") << QByteArray(limits::ServeRequestHeadBytes + 1, '\n') << 431;
        QByteArray many("GET / HTTP/1.1\r\n");
        for (int i = 0; i <= limits::ServeRequestHeaderFields; ++i)
            many += "X-" + QByteArray::number(i) + ": 1\r\n";
        QTest::newRow("too many headers") << QByteArray(many + "\r\n") << 431;
        QTest::newRow("folded header") << QByteArray("GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n") << 400;
        QTest::newRow("control character in a header") << QByteArray("GET / HTTP/1.1\r\nX: a\x1b[2J\r\n\r\n") << 400;
        QTest::newRow("two lengths") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
                                     << 400;
        QTest::newRow("length not a number") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400;
        QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
        QTest::newRow("not HTTP") << QByteArray("\x16\x03\x01\x02\x05\x01\xfc\x03\x03\n\n") << 400;
        QTest::newRow("target with a space") << QByteArray("GET /a b HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("target not a path") << QByteArray("GET updates HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("unknown expectation")
            << QByteArray("POST / HTTP/1.1\r\nExpect: magic\r\nContent-Length: 1\r\n\r\n") << 417;
    }

    void parserRefuses()
    {
        QFETCH(QByteArray, wire);
        QFETCH(int, status);
        HttpRequestParser parser;
        const qsizetype used = parser.feed(wire);
        QCOMPARE(parser.state(), HttpRequestParser::State::Refused);
        QCOMPARE(parser.refusal().status, status);
        QVERIFY(used <= limits::ServeRequestHeadBytes + 1);
        QVERIFY(!parser.refusal().message.isEmpty());
    }

    void parserKeepsNoMoreThanItsLimits()
    {
        // 1 MiB without a line end: refused once the head limit is reached, without taking the rest.
        HttpRequestParser parser;
        const QByteArray flood(1024 * 1024, 'A');
        QVERIFY(parser.feed(flood) <= limits::ServeRequestHeadBytes);
        QCOMPARE(parser.refusal().status, 431);
        // A body is taken only up to its announced length.
        HttpRequestParser body;
        QCOMPARE(body.feed("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcdef"), qsizetype(41));
        QCOMPARE(body.request().body, QByteArray("abc"));
    }

    // --- The plugin's fields ------------------------------------------------------------------------------------

    void deviceFields_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("uuid") << "device_id" << QJsonValue(QStringLiteral("6aa1f1a2-4c38-4b7e-9d0a-1f2e3d4c5b6a"))
                              << true;
        QTest::newRow("device_id too long")
            << "device_id" << QJsonValue(QString(limits::DeviceIdChars + 1, QLatin1Char('a'))) << false;
        QTest::newRow("device_id with escape") << "device_id" << QJsonValue(QStringLiteral("a\x1b[31m")) << false;
        QTest::newRow("app id") << "app_id" << QJsonValue(QStringLiteral("com.example.app")) << true;
        QTest::newRow("app id path") << "app_id" << QJsonValue(QStringLiteral("../etc")) << false;
        QTest::newRow("app id with line feed") << "app_id" << QJsonValue(QStringLiteral("com.x\n")) << false;
        QTest::newRow("channel with slash") << "defaultChannel" << QJsonValue(QStringLiteral("beta/../x")) << false;
        QTest::newRow("builtin") << "version_name" << QJsonValue(QStringLiteral("builtin")) << true;
        QTest::newRow("semver") << "version_name" << QJsonValue(QStringLiteral("1.4.0-rc.1+build.5")) << true;
        QTest::newRow("version with newline") << "version_name" << QJsonValue(QStringLiteral("1.0\n")) << false;
        QTest::newRow("native version text") << "version_build" << QJsonValue(QStringLiteral("2.0 (beta) é")) << true;
        QTest::newRow("bidi override") << "version_build" << QJsonValue(QString::fromUtf8("1.0\u202e")) << false;
        QTest::newRow("lone surrogate") << "version_os" << QJsonValue(QString(QChar(0xd800))) << false;
        QTest::newRow("platform") << "platform" << QJsonValue(QStringLiteral("ios")) << true;
        QTest::newRow("unknown platform") << "platform" << QJsonValue(QStringLiteral("windows")) << false;
        QTest::newRow("action") << "action" << QJsonValue(QStringLiteral("download_complete")) << true;
        QTest::newRow("action with space") << "action" << QJsonValue(QStringLiteral("rm -rf")) << false;
        QTest::newRow("number for text") << "device_id" << QJsonValue(42) << false;
        QTest::newRow("boolean") << "is_prod" << QJsonValue(true) << true;
        QTest::newRow("string for boolean") << "is_prod" << QJsonValue(QStringLiteral("yes")) << false;
        QTest::newRow("key_id") << "key_id" << QJsonValue(QStringLiteral("MIIBCgKCAQEAaaaaaaaa")) << true;
    }

    void deviceFields()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(bool, accepted);
        const auto checked = DeviceRequest::checkField(field, value);
        QCOMPARE(checked.ok(), accepted);
        if (!accepted) {
            QVERIFY(checked.error().message.contains(field));
            QVERIFY(!slipway::hasUnprintable(checked.error().message));
        }
    }

    void deviceRequestKeepsOnlyKnownCheckedFields()
    {
        auto update = DeviceRequest::parse(R"({"app_id":"com.x","device_id":"d-1","extra":"x","nested":{"a":1}})",
                                           DeviceRequest::Kind::Update);
        QVERIFY(update);
        QCOMPARE(update->keys(), (QStringList{QStringLiteral("app_id"), QStringLiteral("device_id")}));
        QVERIFY(!DeviceRequest::parse(R"({"device_id":"d-1"})", DeviceRequest::Kind::Update));
        QVERIFY(!DeviceRequest::parse("{\"app_id\":\"com.x\xff\"}", DeviceRequest::Kind::Update)); // not UTF-8
        QVERIFY(!DeviceRequest::parse("[]", DeviceRequest::Kind::Update));
        QVERIFY(!DeviceRequest::parse(R"({"app_id":"com.x"})", DeviceRequest::Kind::SetChannel));
        QVERIFY(DeviceRequest::parseStats(R"([{"app_id":"com.x","action":"set"},{"app_id":"com.x","action":"get"}])"));
        const auto second = DeviceRequest::parseStats(R"([{"app_id":"com.x","action":"set"},{"app_id":"com.x"}])");
        QVERIFY(!second);
        QVERIFY(second.error().message.startsWith(QStringLiteral("Event 2")));
        QByteArray many("[");
        for (int i = 0; i <= limits::ServeStatsEvents; ++i)
            many += QByteArray(i ? "," : "") + R"({"app_id":"com.x","action":"set"})";
        QVERIFY(!DeviceRequest::parseStats(many + "]"));
    }

    void printableTextEscapesControls()
    {
        QCOMPARE(printableText(QStringLiteral("ok\x1b[2J\r\n\x7f")), QStringLiteral("ok\\x1b[2J\\x0d\\x0a\\x7f"));
        QCOMPARE(printableText(QString::fromUtf8("a\u202eb\u2028")), QStringLiteral("a\\u202eb\\u2028"));
        QCOMPARE(printableText(QString(QChar(0xd800))), QStringLiteral("\\ud800"));
        QCOMPARE(printableText(QString::fromUtf8("caf\u00e9 \U0001F680")), QString::fromUtf8("caf\u00e9 \U0001F680"));
    }

    // --- A running endpoint over loopback ----------------------------------------------------------------------

    void announcedBigBodyIsRefusedBeforeItArrives()
    {
        RunningEndpoint server;
        QVERIFY(server.port);
        // Only the head is sent: the answer must come without the 200 MB.
        const auto reply = exchange(server.port, "POST /updates HTTP/1.1\r\nContent-Length: 200000000\r\n\r\n");
        QCOMPARE(statusOf(reply.received), 413);
        QCOMPARE(bodyOf(reply.received).value(QStringLiteral("error")).toString(), QStringLiteral("payload_too_large"));
        QVERIFY(reply.closedByServer);
        QVERIFY(server.reports.join(QLatin1Char('\n')).contains(QStringLiteral("413")));
    }

    void invalidStatsAreRefusedAndNotRecorded()
    {
        RunningEndpoint server;
        const auto reply = exchange(server.port, post("/stats", statsEvent(QString(200, QLatin1Char('x')))));
        QCOMPARE(statusOf(reply.received), 400);
        QVERIFY(
            bodyOf(reply.received).value(QStringLiteral("message")).toString().contains(QStringLiteral("device_id")));
        QVERIFY(server.recorded.isEmpty());
        const auto escape = exchange(server.port, post("/stats", statsEvent(QStringLiteral("dev\x1b]0;owned\x07"))));
        QCOMPARE(statusOf(escape.received), 400);
        QVERIFY(server.recorded.isEmpty());
        const auto good = exchange(server.port, post("/stats", statsEvent(QStringLiteral("dev-1"))));
        QCOMPARE(statusOf(good.received), 200);
        QCOMPARE(bodyOf(good.received).value(QStringLiteral("recorded")).toInt(), 1);
        QCOMPARE(server.recorded.size(), 1);
    }

    void keepAliveAnswersEachRequestInOrder()
    {
        RunningEndpoint server;
        const QByteArray get("GET /channel_self?app_id=com.x HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto reply = exchange(server.port, get + get + "GET /nothing HTTP/1.1\r\nConnection: close\r\n\r\n");
        QCOMPARE(reply.received.count("HTTP/1.1 200 OK"), 2);
        QCOMPARE(reply.received.count("HTTP/1.1 404 Not Found"), 1);
        QVERIFY(reply.closedByServer);
    }

    void slowAndIdleClientsAreClosedAfterTheTimeout()
    {
        HttpListener::Settings settings;
        settings.timeoutMs = 300;
        RunningEndpoint server(settings);
        const auto slow = exchange(server.port, "P", 5000); // one byte, then nothing
        QCOMPARE(statusOf(slow.received), 408);
        QVERIFY(slow.closedByServer);
        QVERIFY2(slow.elapsedMs < 2000, qPrintable(QString::number(slow.elapsedMs)));
        const auto idle = exchange(server.port, QByteArray(), 5000);
        QVERIFY(idle.closedByServer);
        QVERIFY(idle.received.isEmpty());
        QVERIFY2(idle.elapsedMs < 2000, qPrintable(QString::number(idle.elapsedMs)));
        QTRY_COMPARE(server.endpoint->openConnections(), 0);
    }

    void connectionsBeyondTheCapAreRefused()
    {
        HttpListener::Settings settings;
        settings.maxConnections = 2;
        settings.timeoutMs = 2000;
        RunningEndpoint server(settings);
        std::vector<int> held;
        for (int i = 0; i < 2; ++i) {
            const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in address{};
            address.sin_family = AF_INET;
            address.sin_port = htons(server.port);
            address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            QCOMPARE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
            held.push_back(fd);
        }
        QTest::qWait(200); // let the endpoint accept them
        const auto third = exchange(server.port, QByteArray(), 1500);
        QCOMPARE(statusOf(third.received), 503);
        QVERIFY(third.closedByServer);
        for (const int fd : held)
            ::close(fd);
    }

    void semverOrder_data()
    {
        QTest::addColumn<QString>("lower");
        QTest::addColumn<QString>("higher");
        QTest::newRow("patch") << "1.0.0" << "1.0.1";
        QTest::newRow("numeric not lexical") << "1.9.0" << "1.10.0";
        QTest::newRow("prerelease below release") << "1.0.0-rc.1" << "1.0.0";
        QTest::newRow("prerelease numeric") << "1.0.0-alpha.2" << "1.0.0-alpha.10";
        QTest::newRow("numeric below alpha") << "1.0.0-1" << "1.0.0-alpha";
        QTest::newRow("shorter prerelease first") << "1.0.0-alpha" << "1.0.0-alpha.1";
    }

    void semverOrder()
    {
        QFETCH(QString, lower);
        QFETCH(QString, higher);
        const auto a = SemanticVersion::parse(lower);
        const auto b = SemanticVersion::parse(higher);
        QVERIFY(a && b);
        QVERIFY(*a < *b);
        QVERIFY(!(*b < *a));
    }

    void semverRejectsNonsense()
    {
        QVERIFY(!SemanticVersion::parse(QStringLiteral("1.0")));
        QVERIFY(!SemanticVersion::parse(QStringLiteral("01.0.0")));
        QVERIFY(!SemanticVersion::parse(QStringLiteral("builtin")));
        QVERIFY(SemanticVersion::parse(QStringLiteral("1.0.0+build.5")));
        QVERIFY(*SemanticVersion::parse(QStringLiteral("1.0.0+a")) == *SemanticVersion::parse(QStringLiteral("1.0.0+b")));
    }
};

QTEST_GUILESS_MAIN(TestUpdateEndpoint)
#include "tst_update_endpoint.moc"
