#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace slipway::registry {

// One HTTP/1.x request as the update endpoint reads it.
struct HttpRequest
{
    QByteArray method; // GET, POST, PUT, ...
    QByteArray path;   // the target up to '?', e.g. /updates
    QUrlQuery query;
    int minorVersion = 1;                         // HTTP/1.0 or HTTP/1.1
    QList<QPair<QByteArray, QByteArray>> headers; // names in lower case, values trimmed
    QByteArray body;
    bool keepAlive = true;

    // The first header of that name (lower case), or an empty array.
    [[nodiscard]] QByteArray header(QByteArrayView lowerName) const;
};

// Why a request is refused before it reaches the endpoint: the HTTP status and the error sent back.
struct HttpRefusal
{
    int status = 400;
    QString error;   // e.g. payload_too_large
    QString message; // plain words: what was wrong and what to send instead
};

// Reads the requests of one connection from its bytes as they arrive and refuses a request as soon as it passes a
// limit (limits::ServeRequest*): the head is kept up to its limit, a body only when Content-Length announced one
// that fits, and chunked bodies are refused, so memory never grows with what a client sends.
class HttpRequestParser
{
public:
    enum class State { Idle, Head, Body, Complete, Refused };

    // Takes bytes of the connection; returns how many it used. It stops at the end of a complete request (the
    // rest belongs to the next one, after next()) and at a refusal.
    [[nodiscard]] qsizetype feed(QByteArrayView bytes);
    [[nodiscard]] State state() const { return m_state; }
    // True from the first byte of a request until it is complete or refused.
    [[nodiscard]] bool inRequest() const;
    [[nodiscard]] const HttpRequest& request() const { return m_request; }
    [[nodiscard]] const HttpRefusal& refusal() const { return m_refusal; }
    // True once, when the head asked for "100 Continue" before sending an acceptable body.
    [[nodiscard]] bool takeContinue();
    // After a complete request: ready for the next one on the same connection.
    void next();

private:
    qsizetype readHead(QByteArrayView bytes);
    void parseHead();
    bool parseRequestLine(const QByteArray& line);
    bool parseHeaderLines(const QList<QByteArray>& lines);
    void refuse(int status, const QString& error, const QString& message);

    State m_state = State::Idle;
    qint64 m_headBytes = 0; // including blank lines before the request line
    QByteArray m_head;
    qint64 m_bodyLength = 0;
    bool m_continue = false;
    HttpRequest m_request;
    HttpRefusal m_refusal;
};

} // namespace slipway::registry
