#include "registry/HttpListener.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QFile>
#include <QTimer>

#include <sys/socket.h>
#include <unistd.h>

namespace slipway::registry {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return QByteArrayLiteral("OK");
    case 206:
        return QByteArrayLiteral("Partial Content");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 411:
        return QByteArrayLiteral("Length Required");
    case 413:
        return QByteArrayLiteral("Content Too Large");
    case 416:
        return QByteArrayLiteral("Range Not Satisfiable");
    case 417:
        return QByteArrayLiteral("Expectation Failed");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 505:
        return QByteArrayLiteral("HTTP Version Not Supported");
    default:
        return QByteArrayLiteral("Status");
    }
}

// One client connection: reads requests within the limits, answers them in order, closes slow or idle clients.
class HttpConnection : public QObject
{
public:
    HttpConnection(QTcpSocket* socket, HttpListener& listener, std::shared_ptr<int> open)
        : QObject(&listener), m_socket(socket), m_listener(listener), m_open(std::move(open)),
          m_peer(socket->peerAddress().toString())
    {
        ++*m_open;
        m_socket->setParent(this);
        // Qt reads at most this far ahead of the parser; the parser keeps at most one request within its limits.
        m_socket->setReadBufferSize(limits::ServeReadChunkBytes);
        connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadable);
        connect(m_socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
        connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onWritten);
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
        m_timer.start(m_listener.settings().timeoutMs); // idle until the first request starts
    }

    ~HttpConnection() override
    {
        QObject::disconnect(m_socket, nullptr, this, nullptr);
        --*m_open;
    }

    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

private:
    enum class Phase { Reading, Closing };

    void onReadable()
    {
        if (m_body)
            return; // the next request waits in the socket until the file is sent
        while (m_socket->bytesAvailable() > 0) {
            const QByteArray data = m_socket->read(limits::ServeReadChunkBytes);
            if (data.isEmpty())
                return;
            if (m_phase == Phase::Reading)
                process(data); // while closing, what the client still sends is read and dropped
        }
    }

    void process(QByteArrayView data)
    {
        while (!data.isEmpty() && m_phase == Phase::Reading) {
            const bool wasIdle = !m_parser.inRequest();
            const qsizetype used = m_parser.feed(data);
            data = data.sliced(used);
            // A request must arrive whole within the timeout from its first byte: a slow client cannot hold on.
            if (wasIdle && m_parser.inRequest())
                m_timer.start(m_listener.settings().timeoutMs);
            if (m_parser.takeContinue())
                m_socket->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
            if (m_parser.state() == HttpRequestParser::State::Refused) {
                refuse(m_parser.refusal());
                return;
            }
            if (m_parser.state() == HttpRequestParser::State::Complete) {
                answer();
            } else if (used == 0) {
                return;
            }
        }
    }

    void answer()
    {
        const bool keepAlive = m_parser.request().keepAlive;
        const HttpResponse response = m_listener.handle(m_parser.request());
        QByteArray wire = response.toBytes(keepAlive);
        const bool head = m_parser.request().method == "HEAD";
        if (head && !response.file)
            wire.truncate(wire.indexOf("\r\n\r\n") + 4); // the headers a GET would have, no body
        m_socket->write(wire);
        m_parser.next();
        if (response.file && !head && response.file->length > 0) {
            m_body = std::make_unique<QFile>(response.file->path);
            if (!m_body->open(QIODevice::ReadOnly) || !m_body->seek(response.file->offset)) {
                m_listener.report(QStringLiteral("%1: cannot read %2: %3").arg(m_peer, response.file->path, m_body->errorString()));
                m_socket->abort(); // the length is promised: a short body must not look complete
                return;
            }
            m_bodyLeft = response.file->length;
            m_bodyKeepAlive = keepAlive;
            m_timer.start(m_listener.settings().timeoutMs);
            sendBody();
            return;
        }
        afterAnswer(keepAlive);
    }

    void afterAnswer(bool keepAlive)
    {
        if (!keepAlive) {
            closeGently();
            return;
        }
        m_timer.start(m_listener.settings().timeoutMs); // idle until the next request
        if (m_socket->bytesToWrite() > limits::ServeWriteBacklogBytes) {
            m_listener.report(
                QStringLiteral("%1: closed a connection that sends requests without reading the answers.").arg(m_peer));
            m_socket->abort();
        }
    }

    void refuse(const HttpRefusal& refusal)
    {
        m_listener.report(
            QStringLiteral("%1: refused a request (HTTP %2): %3").arg(m_peer).arg(refusal.status).arg(refusal.message));
        m_socket->write(HttpResponse::failure(refusal.status, refusal.error, refusal.message).toBytes(false));
        closeGently();
    }

    // The answer is on its way: send FIN once it is written and read (and drop) what the client still sends until
    // it closes or the timeout passes, so the client reads the answer instead of a reset.
    void closeGently()
    {
        m_phase = Phase::Closing;
        m_parser.next();
        m_timer.start(m_listener.settings().timeoutMs);
        m_socket->flush();
        onWritten();
    }

    // Tops the socket's send buffer up to one read chunk ahead: memory stays bounded whatever the file size.
    void sendBody()
    {
        while (m_body && m_socket->bytesToWrite() < limits::ServeReadChunkBytes) {
            if (m_bodyLeft == 0) {
                m_body.reset();
                afterAnswer(m_bodyKeepAlive);
                if (m_phase == Phase::Reading)
                    QTimer::singleShot(0, this, &HttpConnection::onReadable);
                return;
            }
            const QByteArray piece = m_body->read(std::min(m_bodyLeft, limits::ServeReadChunkBytes));
            if (piece.isEmpty()) {
                m_listener.report(QStringLiteral("%1: %2 ended early (changed while sent?); connection closed.")
                                      .arg(m_peer, m_body->fileName()));
                m_body.reset();
                m_socket->abort();
                return;
            }
            m_bodyLeft -= piece.size();
            m_socket->write(piece);
        }
    }

    void onWritten()
    {
        if (m_body) {
            m_timer.start(m_listener.settings().timeoutMs); // a slow phone is fine while it keeps reading
            sendBody();
            return;
        }
        if (m_phase != Phase::Closing || m_halfClosed || m_socket->bytesToWrite() > 0 ||
            m_socket->state() != QAbstractSocket::ConnectedState)
            return;
        m_halfClosed = true;
        ::shutdown(static_cast<int>(m_socket->socketDescriptor()), SHUT_WR);
    }

    void onTimeout()
    {
        if (m_phase == Phase::Closing || m_body) {
            m_socket->abort();
        } else if (m_parser.inRequest()) {
            refuse(
                HttpRefusal{408, QStringLiteral("request_timeout"),
                            QStringLiteral("The request did not arrive whole within %1 ms; the connection is closed.")
                                .arg(m_listener.settings().timeoutMs)});
        } else {
            closeGently(); // idle
        }
    }

    QTcpSocket* m_socket;
    HttpListener& m_listener;
    std::shared_ptr<int> m_open;
    QString m_peer;
    QTimer m_timer;
    HttpRequestParser m_parser;
    Phase m_phase = Phase::Reading;
    bool m_halfClosed = false;
    std::unique_ptr<QFile> m_body; // a file answer still being sent
    qint64 m_bodyLeft = 0;
    bool m_bodyKeepAlive = false;
};

} // namespace

HttpResponse HttpResponse::failure(int status, const QString& error, const QString& message, const QString& kind)
{
    return HttpResponse{status, QJsonObject{{QStringLiteral("error"), error},
                                            {QStringLiteral("message"), message},
                                            {QStringLiteral("kind"), kind}},
                        std::nullopt};
}

QByteArray HttpResponse::toBytes(bool keepAlive) const
{
    const QByteArray connection = QByteArrayLiteral("\r\nConnection: ") +
                                  (keepAlive ? QByteArrayLiteral("keep-alive") : QByteArrayLiteral("close"));
    if (file) {
        // No Content-Encoding ever: a phone's HTTP stack would decode a .br object before the plugin does.
        QByteArray head = QByteArrayLiteral("HTTP/1.1 ") + QByteArray::number(status) + ' ' + reasonPhrase(status) +
                          QByteArrayLiteral("\r\nContent-Type: application/octet-stream\r\nAccept-Ranges: bytes") +
                          QByteArrayLiteral("\r\nContent-Length: ") + QByteArray::number(file->length);
        if (status == 206)
            head += QByteArrayLiteral("\r\nContent-Range: bytes ") + QByteArray::number(file->offset) + '-' +
                    QByteArray::number(file->offset + file->length - 1) + '/' + QByteArray::number(file->fileSize);
        return head + connection + QByteArrayLiteral("\r\n\r\n");
    }
    const QByteArray body = QJsonDocument(json).toJson(QJsonDocument::Compact);
    return QByteArrayLiteral("HTTP/1.1 ") + QByteArray::number(status) + ' ' + reasonPhrase(status) +
           QByteArrayLiteral("\r\nContent-Type: application/json\r\nContent-Length: ") +
           QByteArray::number(body.size()) + connection + QByteArrayLiteral("\r\n\r\n") + body;
}

HttpListener::HttpListener(Handler handler, QObject* parent) : QTcpServer(parent), m_handler(std::move(handler)) {}

HttpListener::~HttpListener() = default;

void HttpListener::report(const QString& line) const
{
    if (m_reporter)
        m_reporter(line);
}

void HttpListener::incomingConnection(qintptr socketDescriptor)
{
    auto socket = std::make_unique<QTcpSocket>();
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        ::close(static_cast<int>(socketDescriptor));
        return;
    }
    if (*m_open >= m_settings.maxConnections) {
        // Full: a short answer and the door closes at once; no reading, no timer, nothing kept.
        if (!m_saturated)
            report(QStringLiteral("%1 connections are open (the limit): refusing new ones until some close.")
                       .arg(*m_open));
        m_saturated = true;
        socket->write(HttpResponse::failure(
                          503, QStringLiteral("too_many_connections"),
                          QStringLiteral("The endpoint has %1 open connections; try again shortly.").arg(*m_open))
                          .toBytes(false));
        socket->flush();
        socket->close();
        return;
    }
    m_saturated = false;
    new HttpConnection(socket.release(), *this, m_open);
}

} // namespace slipway::registry
