#include "registry/HttpRequestParser.h"

#include "common/ByteSize.h"
#include "common/InputLimits.h"

#include <algorithm>

namespace slipway::registry {

namespace {

// RFC 9110 token characters (method and header names).
bool isToken(QByteArrayView text)
{
    static constexpr QByteArrayView extra("!#$%&'*+-.^_`|~");
    return !text.isEmpty() && std::ranges::all_of(text, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || extra.contains(c);
    });
}

// Header values: visible ASCII, space, tab and bytes of UTF-8 text; no other control character.
bool isFieldValue(QByteArrayView text)
{
    return std::ranges::all_of(text, [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u >= 0x20 || u == '\t') && u != 0x7f;
    });
}

// The request target: visible ASCII only (anything else must be percent-encoded).
bool isTarget(QByteArrayView text)
{
    return !text.isEmpty() && std::ranges::all_of(text, [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u > 0x20 && u < 0x7f;
    });
}

// A comma-separated header (Connection) names this token, in any case.
bool hasToken(const QByteArray& value, const QByteArray& token)
{
    const QList<QByteArray> tokens = value.split(',');
    return std::ranges::any_of(tokens, [&token](const QByteArray& t) { return t.trimmed().toLower() == token; });
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView lowerName) const
{
    for (const auto& [name, value] : headers)
        if (name == lowerName)
            return value;
    return {};
}

bool HttpRequestParser::inRequest() const
{
    return m_state == State::Head || m_state == State::Body || (m_state == State::Idle && m_headBytes > 0);
}

bool HttpRequestParser::takeContinue()
{
    return std::exchange(m_continue, false);
}

void HttpRequestParser::next()
{
    *this = HttpRequestParser();
}

void HttpRequestParser::refuse(int status, const QString& error, const QString& message)
{
    m_state = State::Refused;
    m_refusal = HttpRefusal{status, error, message};
    m_head.clear();
    m_request.body.clear();
}

qsizetype HttpRequestParser::feed(QByteArrayView bytes)
{
    qsizetype used = 0;
    while (used < bytes.size()) {
        switch (m_state) {
        case State::Idle: {
            // Blank lines before a request line are allowed (RFC 9112 2.2); they count toward the head's limit.
            const char c = bytes[used];
            if (c != '\r' && c != '\n') {
                m_state = State::Head;
                break;
            }
            ++used;
            if (++m_headBytes > limits::ServeRequestHeadBytes) {
                refuse(431, QStringLiteral("request_header_too_large"),
                       QStringLiteral("The request head is larger than %1.")
                           .arg(humanByteSize(limits::ServeRequestHeadBytes)));
                return used;
            }
            break;
        }
        case State::Head:
            used += readHead(bytes.sliced(used));
            break;
        case State::Body: {
            const qsizetype take = qMin<qint64>(bytes.size() - used, m_bodyLength - m_request.body.size());
            m_request.body.append(bytes.sliced(used, take));
            used += take;
            if (m_request.body.size() == m_bodyLength)
                m_state = State::Complete;
            break;
        }
        case State::Complete:
        case State::Refused:
            return used;
        }
    }
    return used;
}

qsizetype HttpRequestParser::readHead(QByteArrayView bytes)
{
    const qint64 room = limits::ServeRequestHeadBytes - m_headBytes;
    const QByteArrayView chunk = bytes.first(qMin<qint64>(bytes.size(), room));
    const qsizetype before = m_head.size();
    m_head.append(chunk);
    // The head ends at the first empty line: "\n\n" or "\n\r\n" (a lone LF ends a line as well, RFC 9112 2.2).
    for (qsizetype i = qMax<qsizetype>(0, before - 2); i < m_head.size(); ++i) {
        if (m_head[i] != '\n')
            continue;
        qsizetype end = -1;
        if (i + 1 < m_head.size() && m_head[i + 1] == '\n')
            end = i + 2;
        else if (i + 2 < m_head.size() && m_head[i + 1] == '\r' && m_head[i + 2] == '\n')
            end = i + 3;
        if (end < 0)
            continue;
        const qsizetype used = end - before;
        m_head.truncate(end);
        m_headBytes += used;
        parseHead();
        return used;
    }
    m_headBytes += chunk.size();
    if (m_headBytes >= limits::ServeRequestHeadBytes)
        refuse(431, QStringLiteral("request_header_too_large"),
               QStringLiteral("The request line and headers are larger than %1.")
                   .arg(humanByteSize(limits::ServeRequestHeadBytes)));
    return chunk.size();
}

void HttpRequestParser::parseHead()
{
    QList<QByteArray> lines = m_head.split('\n');
    for (QByteArray& line : lines)
        if (line.endsWith('\r'))
            line.chop(1);
    // The two empty lines at the end are the terminator.
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    if (lines.isEmpty() || !parseRequestLine(lines.takeFirst()) || !parseHeaderLines(lines))
        return;
    m_head.clear();
    m_state = m_bodyLength > 0 ? State::Body : State::Complete;
}

bool HttpRequestParser::parseRequestLine(const QByteArray& line)
{
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || !isTarget(parts[1])) {
        refuse(400, QStringLiteral("bad_request"), QStringLiteral("The request line is not 'METHOD /path HTTP/1.1'."));
        return false;
    }
    const QByteArray& version = parts[2];
    if (version == "HTTP/1.1" || version == "HTTP/1.0") {
        m_request.minorVersion = version.back() - '0';
    } else if (version.size() == 8 && version.startsWith("HTTP/") && version[6] == '.') {
        refuse(505, QStringLiteral("http_version_not_supported"),
               QStringLiteral("Only HTTP/1.0 and HTTP/1.1 are served."));
        return false;
    } else {
        refuse(400, QStringLiteral("bad_request"), QStringLiteral("The request line is not 'METHOD /path HTTP/1.1'."));
        return false;
    }
    m_request.method = parts[0];
    QByteArrayView target = parts[1];
    // The absolute form (http://host/path) names the same resource as its path.
    for (const QByteArrayView scheme : {QByteArrayView("http://"), QByteArrayView("https://")}) {
        if (target.startsWith(scheme)) {
            const qsizetype slash = target.indexOf('/', scheme.size());
            target = slash < 0 ? QByteArrayView("/") : target.sliced(slash);
        }
    }
    if (!target.startsWith('/')) {
        refuse(400, QStringLiteral("bad_request"),
               QStringLiteral("The request target must be a path such as /updates."));
        return false;
    }
    const qsizetype question = target.indexOf('?');
    m_request.path = target.first(question < 0 ? target.size() : question).toByteArray();
    if (question >= 0)
        m_request.query = QUrlQuery(QString::fromLatin1(target.sliced(question + 1)));
    return true;
}

bool HttpRequestParser::parseHeaderLines(const QList<QByteArray>& lines)
{
    if (lines.size() > limits::ServeRequestHeaderFields) {
        refuse(431, QStringLiteral("request_header_too_large"),
               QStringLiteral("The request has more than %1 header lines.").arg(limits::ServeRequestHeaderFields));
        return false;
    }
    qint64 contentLength = -1;
    for (const QByteArray& line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (line.startsWith(' ') || line.startsWith('\t') || colon <= 0 || !isToken(line.first(colon)) ||
            !isFieldValue(line.sliced(colon + 1))) {
            refuse(400, QStringLiteral("bad_request"),
                   QStringLiteral(
                       "A header line is not 'Name: value' (folded lines and control characters are refused)."));
            return false;
        }
        const QByteArray name = line.first(colon).toLower();
        const QByteArray value = line.sliced(colon + 1).trimmed();
        m_request.headers.append({name, value});
        if (name == "content-length") {
            bool digits = !value.isEmpty() && value.size() <= 15;
            for (const char c : value)
                digits = digits && c >= '0' && c <= '9';
            if (!digits || (contentLength >= 0 && contentLength != value.toLongLong())) {
                refuse(400, QStringLiteral("bad_request"),
                       QStringLiteral("The Content-Length header is not one number."));
                return false;
            }
            contentLength = value.toLongLong();
        } else if (name == "transfer-encoding") {
            refuse(411, QStringLiteral("length_required"),
                   QStringLiteral(
                       "Bodies sent with Transfer-Encoding (chunked) are not accepted; send a Content-Length."));
            return false;
        }
    }
    if (contentLength > limits::ServeRequestBodyBytes) {
        refuse(413, QStringLiteral("payload_too_large"),
               QStringLiteral("The request body of %1 is larger than the %2 this endpoint accepts.")
                   .arg(humanByteSize(contentLength), humanByteSize(limits::ServeRequestBodyBytes)));
        return false;
    }
    m_bodyLength = qMax<qint64>(contentLength, 0);
    const QByteArray connection = m_request.header("connection");
    m_request.keepAlive = m_request.minorVersion == 1 ? !hasToken(connection, QByteArrayLiteral("close"))
                                                      : hasToken(connection, QByteArrayLiteral("keep-alive"));
    const QByteArray expect = m_request.header("expect");
    if (!expect.isEmpty()) {
        if (expect.compare("100-continue", Qt::CaseInsensitive) != 0) {
            refuse(417, QStringLiteral("expectation_failed"),
                   QStringLiteral("Only 'Expect: 100-continue' is understood."));
            return false;
        }
        m_continue = m_request.minorVersion == 1 && m_bodyLength > 0;
    }
    return true;
}

} // namespace slipway::registry
