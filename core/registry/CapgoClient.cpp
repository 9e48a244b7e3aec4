#include "registry/CapgoClient.h"

#include <QEventLoop>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

namespace slipway::registry {

namespace {

constexpr int kTimeoutMs = 30000;
const QByteArray kCapgoApiVersion = "2025-10-01";
const QByteArray kJson = "application/json";
const QByteArray kPgrstObject = "application/vnd.pgrst.object+json";

// RPCs answer bare JSON scalars ("uuid", false, 101), which QJsonDocument will not parse alone.
Result<QJsonValue> parseValue(const QByteArray& body, const QString& what)
{
    if (body.trimmed().isEmpty())
        return QJsonValue();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson("[" + body + "]", &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1)
        return fail(
            QStringLiteral("Capgo answered %1 with something that is not JSON (%2).").arg(what, error.errorString()));
    return doc.array().first();
}

// The server's own words, when it gave some (PostgREST: message/hint; Capgo functions: error/message).
QString serverMessage(const QByteArray& body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    QStringList parts;
    for (const char* field : {"message", "error", "hint", "details"}) {
        const QJsonValue value = object.value(QLatin1String(field));
        if (value.isString() && !value.toString().isEmpty() && !parts.contains(value.toString()))
            parts << value.toString();
    }
    if (!parts.isEmpty())
        return parts.join(QStringLiteral("; "));
    QString text = QString::fromUtf8(body.left(300)).simplified();
    return text;
}

QString hostOf(const QUrl& url)
{
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

QString networkProblem(QNetworkReply::NetworkError error, const QString& detail)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("nothing answers there (connection refused)");
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("the host name is unknown (DNS lookup failed)");
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return QStringLiteral("no answer within %1 s").arg(kTimeoutMs / 1000);
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("the server closed the connection");
    case QNetworkReply::SslHandshakeFailedError:
        return QStringLiteral("the TLS handshake failed (%1)").arg(detail);
    default:
        return detail;
    }
}

} // namespace

CapgoClient::CapgoClient(QUrl apiHost, SecureBytes apiKey)
    : m_apiHost(std::move(apiHost)), m_apiKey(std::move(apiKey)), m_network(std::make_unique<QNetworkAccessManager>())
{
    // An API key must never follow a redirect to another host.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

CapgoClient::~CapgoClient() = default;

bool CapgoClient::isLoopback(const QUrl& url)
{
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

Status CapgoClient::checkSecureHost(const QUrl& url, const QString& what)
{
    if (!url.isValid() || url.host().isEmpty())
        return fail(
            QStringLiteral("The %1 \"%2\" is not a valid URL (expected https://HOST).").arg(what, url.toString()), 2);
    if (url.scheme() == QLatin1String("https"))
        return Ok{};
    if (url.scheme() == QLatin1String("http") && isLoopback(url))
        return Ok{};
    return fail(QStringLiteral("The %1 %2 is not https: the Capgo API key would travel in clear text. Use an https URL "
                               "(plain http is accepted only on this machine's loopback).")
                    .arg(what, url.toString()),
                2);
}

Result<CapgoClient::Reply> CapgoClient::send(const QByteArray& method, const QUrl& url, const Headers& headers,
                                             const QByteArray& body, const QString& what)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(kTimeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QByteArray("slipway/" SLIPWAY_VERSION " (capgo-cli-contract 8.68.1)"));
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply* reply = nullptr;
    if (method == "GET")
        reply = m_network->get(request);
    else if (method == "POST")
        reply = m_network->post(request, body);
    else if (method == "PUT")
        reply = m_network->put(request, body);
    else
        reply = m_network->sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    std::unique_ptr<QNetworkReply, void (*)(QNetworkReply*)> owner(reply, [](QNetworkReply* r) { r->deleteLater(); });
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        return fail(
            QStringLiteral("Cannot reach Capgo at %1 while %2: %3. Check the API host (--api-host or the registrar "
                           "profile) and the network.")
                .arg(hostOf(url), what, networkProblem(reply->error(), reply->errorString())));
    }
    return Reply{status.toInt(), reply->readAll()};
}

Error CapgoClient::httpError(const Reply& reply, const QString& what)
{
    const QString said = serverMessage(reply.body);
    const QString tail = said.isEmpty() ? QString() : QStringLiteral(" (Capgo said: %1)").arg(said);
    if (reply.status == 401 || reply.status == 403) {
        return fail(
            QStringLiteral("Capgo refused the API key (HTTP %1) while %2%3. Check that CAPGO_TOKEN or the key stored "
                           "for this registrar profile is a valid Capgo API key with upload rights for this app.")
                .arg(reply.status)
                .arg(what, tail),
            reply.status);
    }
    if (reply.status >= 500)
        return fail(QStringLiteral("Capgo had a server error (HTTP %1) while %2%3. Try again later.")
                        .arg(reply.status)
                        .arg(what, tail),
                    reply.status);
    return fail(QStringLiteral("Capgo refused %1 (HTTP %2)%3.").arg(what).arg(reply.status).arg(tail), reply.status);
}

Status CapgoClient::fetchConfig()
{
    if (Status s = checkSecureHost(m_apiHost, QStringLiteral("Capgo API host")); !s)
        return s;
    const QString what = QStringLiteral("asking for its configuration (%1/private/config)").arg(m_apiHost.toString());
    QUrl url = m_apiHost;
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0) + QStringLiteral("/private/config"));
    auto reply = send("GET", url, {{"capgo_api", kCapgoApiVersion}, {"accept", "*/*"}}, {}, what);
    if (!reply)
        return reply.error();
    if (reply->status != 200)
        return httpError(reply.value(), what);
    const QJsonObject config = QJsonDocument::fromJson(reply->body).object();
    const QString host = config.value(QStringLiteral("supaHost")).toString();
    const QString key = config.value(QStringLiteral("supaKey")).toString();
    if (host.isEmpty() || key.isEmpty())
        return fail(
            QStringLiteral("%1 did not name a Supabase host and key: is this a Capgo API host?").arg(url.toString()));
    m_supaHost = QUrl(host);
    if (Status s = checkSecureHost(m_supaHost, QStringLiteral("Supabase host named by Capgo")); !s)
        return s;
    m_supaKey = key.toUtf8();
    return Ok{};
}

CapgoClient::Headers CapgoClient::postgrestHeaders(bool write) const
{
    Headers headers{{"capgkey", m_apiKey.bytes()}};
    if (write) {
        headers.emplaceBack(QByteArray("content-profile"), QByteArray("public"));
        headers.emplaceBack(QByteArray("content-type"), QByteArray(kJson));
    } else {
        headers.emplaceBack(QByteArray("accept-profile"), QByteArray("public"));
    }
    headers.emplaceBack(QByteArray("apikey"), QByteArray(m_supaKey));
    headers.emplaceBack(QByteArray("authorization"), QByteArray("Bearer " + m_supaKey));
    return headers;
}

QUrl CapgoClient::restUrl(const QString& path, const Query& query) const
{
    QUrl url = m_supaHost;
    QString base = url.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + QStringLiteral("/rest/v1/") + path);
    if (!query.isEmpty()) {
        QByteArray encoded;
        for (const auto& [name, value] : query) {
            if (!encoded.isEmpty())
                encoded += '&';
            encoded += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
        }
        url.setQuery(QString::fromLatin1(encoded), QUrl::StrictMode);
    }
    return url;
}

Result<QJsonValue> CapgoClient::rpc(const QString& function, const QByteArray& body, bool single, const QString& what)
{
    Headers headers = postgrestHeaders(true);
    headers.prepend(qMakePair(QByteArray("accept"), single ? kPgrstObject : QByteArray("*/*")));
    auto reply = send("POST", restUrl(QStringLiteral("rpc/") + function, {}), headers, body, what);
    if (!reply)
        return reply.error();
    if (reply->status < 200 || reply->status > 299)
        return httpError(reply.value(), what);
    return parseValue(reply->body, what);
}

Result<QJsonArray> CapgoClient::select(const QString& table, const Query& query, const QString& what)
{
    Headers headers = postgrestHeaders(false);
    headers.emplaceBack(QByteArray("accept"), QByteArray("*/*"));
    auto reply = send("GET", restUrl(table, query), headers, {}, what);
    if (!reply)
        return reply.error();
    if (reply->status != 200)
        return httpError(reply.value(), what);
    auto value = parseValue(reply->body, what);
    if (!value)
        return value.error();
    if (!value->isArray())
        return fail(QStringLiteral("Capgo answered %1 with something other than a list of rows.").arg(what));
    return value->toArray();
}

Status CapgoClient::upsert(const QString& table, const Query& query, const QByteArray& body, const QString& what)
{
    Headers headers = postgrestHeaders(true);
    headers.emplaceBack(QByteArray("prefer"), QByteArray("resolution=merge-duplicates"));
    headers.emplaceBack(QByteArray("accept"), QByteArray("*/*"));
    auto reply = send("POST", restUrl(table, query), headers, body, what);
    if (!reply)
        return reply.error();
    if (reply->status < 200 || reply->status > 299)
        return httpError(reply.value(), what);
    return Ok{};
}

Result<QJsonValue> CapgoClient::api(const QByteArray& method, const QString& path, const QByteArray& body,
                                    const QString& what)
{
    QUrl url = m_apiHost;
    QString base = url.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + QLatin1Char('/') + path);
    const Headers headers{{"capgo_api", kCapgoApiVersion},
                          {"content-type", kJson},
                          {"authorization", m_apiKey.bytes()},
                          {"capgkey", m_apiKey.bytes()},
                          {"accept", "*/*"}};
    auto reply = send(method, url, headers, body, what);
    if (!reply)
        return reply.error();
    if (reply->status < 200 || reply->status > 299)
        return httpError(reply.value(), what);
    return parseValue(reply->body, what);
}

} // namespace slipway::registry
