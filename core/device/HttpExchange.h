#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <functional>

namespace slipway::device {

struct HttpRequest
{
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    QByteArray contentType; // with a body
    QByteArray body;
};

// The status line and the headers the phone acts on.
struct HttpHead
{
    int status = 0;
    qint64 contentLength = -1; // -1: not announced (chunked, or the body ends when the connection closes)
    QByteArray location;       // a redirect's target, as sent
};

struct HttpOutcome
{
    HttpHead head; // status 0: no answer
    bool stopped = false; // the sink asked to stop
    QString error;        // why the exchange did not end with the whole body
    [[nodiscard]] bool complete() const { return !stopped && error.isEmpty(); }
};

// Receives the head once with an empty chunk (so it can refuse on the status or the announced length alone), then
// the body as it arrives; false stops the exchange.
using HttpSink = std::function<bool(const HttpHead& head, const QByteArray& chunk)>;

// One HTTP/1.1 request as a phone makes it, on a socket of the calling thread (plain or TLS, one connection per
// request). The socket reads at most ReadAheadBytes ahead of the sink, so TCP itself holds back a fast or endless
// body while the sink writes. QNetworkAccessManager could not promise that: it reads on its own thread and takes a
// read-buffer limit only after the request has gone out, so a caller delayed for a moment let an endless body
// fill gigabytes of memory.
class HttpExchange
{
public:
    static constexpr qint64 ReadAheadBytes = 1024LL * 1024;
    static constexpr int IdleTimeoutMs = 30000;

    [[nodiscard]] static HttpOutcome run(const HttpRequest& request, const HttpSink& sink);
    // The requests at once, at most `parallel` connections open; outcomes in the order of the requests.
    [[nodiscard]] static QList<HttpOutcome> runAll(const QList<HttpRequest>& requests, const QList<HttpSink>& sinks,
                                                   int parallel);
};

} // namespace slipway::device
