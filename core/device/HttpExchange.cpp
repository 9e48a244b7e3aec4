#include "device/HttpExchange.h"

#include "common/ByteSize.h"
#include "common/InputLimits.h"

#include <QEventLoop>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <vector>

namespace slipway::device {

namespace {

constexpr int ChunkLineBytes = 1024; // a chunk-size line, extensions included
constexpr int NoBody[] = {204, 304};

// Where `bytes` ends its first line; -1 when the line is not complete yet.
qsizetype lineEnd(const QByteArray& bytes)
{
    return bytes.indexOf("\r\n");
}

// One request on its own connection, driven by the socket's signals.
class Transfer
{
public:
    Transfer(HttpRequest request, HttpSink sink, std::function<void(const HttpOutcome&)> done)
        : m_request(std::move(request)), m_sink(std::move(sink)), m_done(std::move(done))
    {
        m_idle.setSingleShot(true);
        m_idle.setInterval(HttpExchange::IdleTimeoutMs);
        QObject::connect(&m_idle, &QTimer::timeout, [this] {
            finish(QStringLiteral("no answer for %1 s").arg(HttpExchange::IdleTimeoutMs / 1000));
        });
    }

    void start()
    {
        const bool tls = m_request.url.scheme() == QLatin1String("https");
        const auto port = static_cast<quint16>(m_request.url.port(tls ? 443 : 80));
        m_idle.start();
        if (tls) {
            auto* ssl = new QSslSocket;
            m_socket.reset(ssl);
            watch();
            QObject::connect(ssl, &QSslSocket::encrypted, [this] { send(); });
            QObject::connect(ssl, &QSslSocket::sslErrors, [this](const QList<QSslError>& errors) {
                QStringList why;
                for (const QSslError& e : errors)
                    why << e.errorString();
                finish(QStringLiteral("the TLS certificate is not trusted (%1)").arg(why.join(QStringLiteral("; "))));
            });
            ssl->connectToHostEncrypted(m_request.url.host(), port);
        } else {
            m_socket = std::make_unique<QTcpSocket>();
            watch();
            QObject::connect(m_socket.get(), &QTcpSocket::connected, [this] { send(); });
            m_socket->connectToHost(m_request.url.host(), port);
        }
    }

private:
    enum class Stage { Head, Body, ChunkSize, ChunkData, ChunkEnd, Trailers };

    void watch()
    {
        m_socket->setReadBufferSize(HttpExchange::ReadAheadBytes);
        QObject::connect(m_socket.get(), &QTcpSocket::readyRead, [this] { readable(); });
        QObject::connect(m_socket.get(), &QTcpSocket::disconnected, [this] { closed(); });
        QObject::connect(m_socket.get(), &QTcpSocket::errorOccurred, [this](QAbstractSocket::SocketError error) {
            if (error == QAbstractSocket::RemoteHostClosedError)
                closed();
            else
                finish(m_socket->errorString());
        });
    }

    void send()
    {
        QByteArray target = m_request.url.path(QUrl::FullyEncoded).toLatin1();
        if (target.isEmpty())
            target = "/";
        if (m_request.url.hasQuery())
            target += '?' + m_request.url.query(QUrl::FullyEncoded).toLatin1();
        QByteArray host = m_request.url.host(QUrl::FullyEncoded).toLatin1();
        if (host.contains(':'))
            host = '[' + host + ']';
        if (m_request.url.port() != -1)
            host += ':' + QByteArray::number(m_request.url.port());
        QByteArray head = m_request.method + ' ' + target + " HTTP/1.1\r\nHost: " + host +
                          "\r\nAccept-Encoding: identity\r\nConnection: close\r\n";
        if (!m_request.body.isEmpty() || m_request.method != "GET") {
            if (!m_request.contentType.isEmpty())
                head += "Content-Type: " + m_request.contentType + "\r\n";
            head += "Content-Length: " + QByteArray::number(m_request.body.size()) + "\r\n";
        }
        m_socket->write(head + "\r\n" + m_request.body);
    }

    void readable()
    {
        if (m_finished)
            return;
        m_idle.start();
        m_pending += m_socket->readAll();
        work();
    }

    void closed()
    {
        if (m_finished)
            return;
        m_pending += m_socket->readAll();
        work();
        if (m_finished)
            return;
        if (m_stage == Stage::Body && m_outcome.head.contentLength < 0)
            return finish({});
        if (m_stage == Stage::Head)
            return finish(QStringLiteral("the connection closed before a complete answer"));
        if (m_stage == Stage::Body)
            return finish(QStringLiteral("the connection closed after %1 of the %2 bytes announced")
                              .arg(m_received)
                              .arg(m_outcome.head.contentLength));
        finish(QStringLiteral("the connection closed inside the chunked body, after %1 bytes").arg(m_received));
    }

    // Parses what has arrived; the body goes to the sink as it comes.
    void work()
    {
        while (!m_finished) {
            switch (m_stage) {
            case Stage::Head:
                if (!readHead())
                    return;
                break;
            case Stage::Body:
                if (!m_pending.isEmpty() && passBody(m_outcome.head.contentLength >= 0))
                    finish({}); // bytes past an announced length are not the body
                return;
            case Stage::ChunkSize:
                if (!readChunkSize())
                    return;
                break;
            case Stage::ChunkData:
                if (m_pending.isEmpty())
                    return;
                if (passBody(true))
                    m_stage = Stage::ChunkEnd;
                break;
            case Stage::ChunkEnd:
                if (m_pending.size() < 2)
                    return;
                if (!m_pending.startsWith("\r\n"))
                    return finish(QStringLiteral("the chunked body is malformed (no line end after a chunk)"));
                m_pending.remove(0, 2);
                m_stage = Stage::ChunkSize;
                break;
            case Stage::Trailers: {
                const qsizetype end = lineEnd(m_pending);
                if (end < 0)
                    return tooLong(m_pending.size() > limits::DeviceAnswerHeadBytes, "trailers");
                m_pending.remove(0, end + 2);
                if (end == 0)
                    return finish({});
                break;
            }
            }
        }
    }

    void tooLong(bool over, const char* what)
    {
        if (over)
            finish(QStringLiteral("the answer's %1 exceed %2").arg(QLatin1String(what),
                                                                    humanByteSize(limits::DeviceAnswerHeadBytes)));
    }

    bool readHead()
    {
        const qsizetype end = m_pending.indexOf("\r\n\r\n");
        if (end < 0 || end > limits::DeviceAnswerHeadBytes) {
            tooLong(m_pending.size() > limits::DeviceAnswerHeadBytes, "headers");
            return false;
        }
        const QList<QByteArray> lines = m_pending.left(end).split('\n');
        m_pending.remove(0, end + 4);
        const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
        bool number = false;
        const int status = statusLine.size() >= 2 ? statusLine.at(1).toInt(&number) : 0;
        if (!statusLine.first().startsWith("HTTP/1.") || !number || status < 100 || status > 999) {
            finish(QStringLiteral("the answer is not HTTP/1.x (%1)").arg(QString::fromLatin1(lines.first().left(80))));
            return false;
        }
        if (status < 200)
            return true; // an interim answer (100 Continue): the real one follows
        HttpHead head;
        head.status = status;
        bool chunked = false;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray& line = lines.at(i);
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-length") {
                bool ok = false;
                const qint64 length = value.toLongLong(&ok);
                if (!ok || length < 0 || (head.contentLength >= 0 && head.contentLength != length)) {
                    finish(QStringLiteral("the answer's Content-Length is invalid (%1)")
                               .arg(QString::fromLatin1(value.left(40))));
                    return false;
                }
                head.contentLength = length;
            } else if (name == "transfer-encoding") {
                chunked = value.toLower().endsWith("chunked");
            } else if (name == "location") {
                head.location = value;
            }
        }
        if (chunked)
            head.contentLength = -1;
        m_outcome.head = head;
        if (!deliver({}))
            return false;
        if (std::find(std::begin(NoBody), std::end(NoBody), status) != std::end(NoBody) || head.contentLength == 0) {
            finish({});
            return false;
        }
        m_left = head.contentLength;
        m_stage = chunked ? Stage::ChunkSize : Stage::Body;
        return true;
    }

    bool readChunkSize()
    {
        const qsizetype end = lineEnd(m_pending);
        if (end < 0 || end > ChunkLineBytes) {
            if (end > ChunkLineBytes || m_pending.size() > ChunkLineBytes)
                finish(QStringLiteral("the chunked body is malformed (a chunk-size line over %1 bytes)")
                           .arg(ChunkLineBytes));
            return false;
        }
        const QByteArray line = m_pending.left(end);
        m_pending.remove(0, end + 2);
        bool ok = false;
        const QByteArray digits = line.left(line.indexOf(';') < 0 ? line.size() : line.indexOf(';')).trimmed();
        const qint64 size = digits.size() <= 15 ? digits.toLongLong(&ok, 16) : -1;
        if (!ok || size < 0) {
            finish(QStringLiteral("the chunked body is malformed (chunk size '%1')")
                       .arg(QString::fromLatin1(line.left(40))));
            return false;
        }
        m_left = size;
        m_stage = size == 0 ? Stage::Trailers : Stage::ChunkData;
        return true;
    }

    // Hands the sink what has arrived of the body, at most m_left bytes when `counted`; true when m_left is reached.
    bool passBody(bool counted)
    {
        const QByteArray chunk = counted ? m_pending.left(m_left) : m_pending;
        m_pending.remove(0, chunk.size());
        return deliver(chunk) && counted && (m_left -= chunk.size()) == 0;
    }

    bool deliver(const QByteArray& chunk)
    {
        m_received += chunk.size();
        if (m_sink(m_outcome.head, chunk))
            return true;
        m_outcome.stopped = true;
        finish({});
        return false;
    }

    void finish(const QString& error)
    {
        if (m_finished)
            return;
        m_finished = true;
        m_outcome.error = error;
        m_idle.stop();
        if (m_socket) {
            m_socket->disconnect();
            m_socket->abort();
        }
        m_done(m_outcome);
    }

    HttpRequest m_request;
    HttpSink m_sink;
    std::function<void(const HttpOutcome&)> m_done;
    std::unique_ptr<QTcpSocket> m_socket;
    QTimer m_idle;
    QByteArray m_pending; // arrived, not parsed yet: at most ReadAheadBytes past the head's limit
    Stage m_stage = Stage::Head;
    qint64 m_left = 0; // of the announced body or of the current chunk
    qint64 m_received = 0;
    HttpOutcome m_outcome;
    bool m_finished = false;
};

} // namespace

HttpOutcome HttpExchange::run(const HttpRequest& request, const HttpSink& sink)
{
    return runAll({request}, {sink}, 1).constFirst();
}

QList<HttpOutcome> HttpExchange::runAll(const QList<HttpRequest>& requests, const QList<HttpSink>& sinks,
                                        int parallel)
{
    Q_ASSERT(requests.size() == sinks.size());
    QList<HttpOutcome> outcomes(requests.size());
    std::vector<std::unique_ptr<Transfer>> transfers;
    QEventLoop loop;
    qsizetype next = 0;
    int running = 0;
    std::function<void()> launch = [&] {
        while (running < qMax(1, parallel) && next < requests.size()) {
            const qsizetype i = next++;
            ++running;
            transfers.push_back(std::make_unique<Transfer>(requests.at(i), sinks.at(i), [&, i](const HttpOutcome& o) {
                outcomes[i] = o;
                --running;
                launch();
                if (running == 0)
                    loop.quit();
            }));
            Transfer* started = transfers.back().get();
            started->start();
        }
    };
    launch();
    if (running > 0)
        loop.exec();
    return outcomes;
}

} // namespace slipway::device
