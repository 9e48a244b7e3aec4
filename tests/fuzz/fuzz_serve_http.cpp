// `slipway serve` over HTTP: the bytes a client sends, (1) to the request parser directly in pieces the input
// chooses, and (2) through a real loopback connection to a running update endpoint. Findings: a crash, a sanitizer
// report, a parser that stops making progress or keeps more than its limits, an answer that is not well-formed
// HTTP with a JSON body, or a connection the endpoint does not close after the client has gone.
#include "FuzzSupport.h"
#include "common/InputLimits.h"
#include "registry/HttpRequestParser.h"
#include "registry/UpdateEndpoint.h"
#include "storage/FolderStorage.h"

#include <QElapsedTimer>
#include <QJsonDocument>

#include <arpa/inet.h>
#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace slipway;
using registry::HttpRequestParser;

namespace {

constexpr int DeadlineMs = 3000;
const int KnownStatuses[] = {100, 200, 400, 404, 405, 408, 411, 413, 417, 431, 500, 503, 505};

void require(bool condition)
{
    if (!condition)
        std::abort();
}

// Returns the methods of the requests it completed, in order: the answers to HEAD carry no body.
QList<QByteArray> parseInPieces(const QByteArray& bytes)
{
    QList<QByteArray> methods;
    const qsizetype piece = bytes.isEmpty() ? 1 : 1 + static_cast<unsigned char>(bytes[0]) % 64;
    HttpRequestParser parser;
    QByteArrayView rest(bytes);
    while (!rest.isEmpty()) {
        const QByteArrayView chunk = rest.first(qMin(piece, rest.size()));
        const qsizetype used = parser.feed(chunk);
        require(used >= 0 && used <= chunk.size());
        rest = rest.sliced(used);
        switch (parser.state()) {
        case HttpRequestParser::State::Complete:
            require(parser.request().body.size() <= limits::ServeRequestBodyBytes);
            require(parser.request().path.startsWith('/'));
            methods.append(parser.request().method);
            parser.next();
            break;
        case HttpRequestParser::State::Refused:
            require(std::find(std::begin(KnownStatuses), std::end(KnownStatuses), parser.refusal().status) !=
                    std::end(KnownStatuses));
            return methods;
        default:
            require(used == chunk.size()); // waiting for more only once it took everything offered
        }
    }
    return methods;
}

struct RunningEndpoint
{
    registry::UpdateEndpoint* endpoint = nullptr;
    quint16 port = 0;
};

const RunningEndpoint& running()
{
    static const RunningEndpoint server = [] {
        registry::UpdateEndpoint::Hooks hooks;
        hooks.recordStats = [](const QJsonObject&) -> Status { return Ok{}; };
        RunningEndpoint r;
        r.endpoint =
            new registry::UpdateEndpoint(std::make_shared<storage::FolderStorage>(fuzzScratch().path()), hooks);
        registry::HttpListener::Settings settings;
        settings.timeoutMs = 1000;
        r.endpoint->setSettings(settings);
        auto port = r.endpoint->listen(QHostAddress::LocalHost, 0);
        require(port.ok());
        r.port = port.value();
        return r;
    }();
    return server;
}

// Every answer on the connection: "HTTP/1.1 NNN Reason", headers with a Content-Length, a JSON object body (none
// after HEAD: the headers a GET would get).
void checkAnswers(QByteArrayView stream, const QList<QByteArray>& methods)
{
    qsizetype answered = 0;
    while (!stream.isEmpty()) {
        require(stream.startsWith("HTTP/1.1 "));
        const qsizetype headEnd = stream.indexOf("\r\n\r\n");
        require(headEnd > 0);
        const QByteArray head = stream.first(headEnd).toByteArray();
        const int status = head.mid(9, 3).toInt();
        require(std::find(std::begin(KnownStatuses), std::end(KnownStatuses), status) != std::end(KnownStatuses));
        stream = stream.sliced(headEnd + 4);
        if (status == 100)
            continue;
        const qsizetype at = head.indexOf("Content-Length: ");
        require(at > 0);
        const qsizetype length = head.mid(at + 16, head.indexOf('\r', at) - at - 16).toLongLong();
        require(length > 0);
        if (answered < methods.size() && methods[answered++] == "HEAD")
            continue;
        require(length <= stream.size());
        QJsonParseError error{};
        require(QJsonDocument::fromJson(stream.first(length).toByteArray(), &error).isObject());
        stream = stream.sliced(length);
    }
}

// Sends the bytes on a fresh connection, then FIN; reads what comes back until the endpoint closes.
void roundTrip(const QByteArray& bytes, const QList<QByteArray>& methods)
{
    const RunningEndpoint& server = running();
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    require(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(server.port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    require(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 || errno == EINPROGRESS);
    QByteArray received;
    QElapsedTimer clock;
    clock.start();
    qsizetype sent = 0;
    bool finSent = false;
    bool closed = false;
    char buffer[16384];
    while (!closed && clock.elapsed() < DeadlineMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (sent < bytes.size()) {
            const auto n = ::send(fd, bytes.constData() + sent, static_cast<size_t>(bytes.size() - sent), MSG_NOSIGNAL);
            if (n > 0)
                sent += n;
            else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOTCONN)
                sent = bytes.size(); // the endpoint closed early (after a refusal): what it sent is read below
        } else if (!finSent) {
            finSent = ::shutdown(fd, SHUT_WR) == 0 || errno != ENOTCONN;
        }
        for (;;) {
            const auto n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n > 0) {
                received.append(buffer, n);
                continue;
            }
            closed = n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOTCONN);
            break;
        }
    }
    ::close(fd);
    require(closed); // the endpoint closes once the client has sent everything and gone
    checkAnswers(received, methods);
    // ... and forgets the connection.
    while (server.endpoint->openConnections() > 0 && clock.elapsed() < 2 * DeadlineMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    require(server.endpoint->openConnections() == 0);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes = fuzzBytes(data, size);
    roundTrip(bytes, parseInPieces(bytes));
    return 0;
}
