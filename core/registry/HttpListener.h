#pragma once

#include "common/InputLimits.h"
#include "registry/HttpRequestParser.h"

#include <QJsonObject>
#include <QTcpServer>

#include <functional>
#include <optional>
#include <memory>

namespace slipway::registry {

// An answer of the update endpoint: an HTTP status and a JSON body.
struct HttpResponse
{
    int status = 200;
    QJsonObject json;
    // Instead of JSON, a file's bytes (bundles and delta objects): `length` bytes from `offset`, sent in pieces
    // as the client reads them. A 206 names the range of `fileSize` in Content-Range.
    struct FileBody
    {
        QString path;
        qint64 offset = 0;
        qint64 length = 0;
        qint64 fileSize = 0;
    };
    std::optional<FileBody> file;

    // The bytes on the wire (status line, Content-Type, Content-Length, Connection, body; for a file, the head only).
    [[nodiscard]] QByteArray toBytes(bool keepAlive) const;
    // An error in the plugin's shape: {"error": code, "message": plain words, "kind": "failed" | "up_to_date" | ...}.
    [[nodiscard]] static HttpResponse failure(int status, const QString& error, const QString& message,
                                              const QString& kind = QStringLiteral("failed"));
};

// The update endpoint's HTTP/1.1 server. It reads each connection itself (HttpRequestParser) so that every limit
// acts while the bytes arrive: a request is refused (413, 431, 411, 400) as soon as it passes one, a connection
// idle or still sending one request after the timeout is closed (408 mid-request), and at most maxConnections are
// open at once (503 past it). Qt's QHttpServer 6.4 buffers whole requests before any handler runs, so it is not used.
class HttpListener : public QTcpServer
{
    Q_OBJECT
public:
    struct Settings
    {
        int timeoutMs = limits::ServeTimeoutMs;
        int maxConnections = limits::ServeConnections;
    };
    using Handler = std::function<HttpResponse(const HttpRequest& request)>;
    // Told, in plain words, about each refused request and closed slow connection.
    using Reporter = std::function<void(const QString& line)>;

    explicit HttpListener(Handler handler, QObject* parent = nullptr);
    ~HttpListener() override;

    void setSettings(const Settings& settings) { m_settings = settings; }
    [[nodiscard]] const Settings& settings() const { return m_settings; }
    void setReporter(Reporter reporter) { m_reporter = std::move(reporter); }
    [[nodiscard]] int openConnections() const { return *m_open; }

    // For the connections: answer a request, report a line.
    [[nodiscard]] HttpResponse handle(const HttpRequest& request) const { return m_handler(request); }
    void report(const QString& line) const;

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    Handler m_handler;
    Reporter m_reporter;
    Settings m_settings;
    bool m_saturated = false; // refusing connections: reported once until one is accepted again
    std::shared_ptr<int> m_open = std::make_shared<int>(0); // shared with the connections, which may outlive a report
};

} // namespace slipway::registry
