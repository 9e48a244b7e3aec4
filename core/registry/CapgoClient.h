#pragma once

#include "common/Result.h"
#include "common/SecureBytes.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

namespace slipway::registry {

// One Capgo backend spoken to the way @capgo/cli 8.68.1 does: the Capgo API host (functions such as
// /app, /bundle, /channel) and, once /private/config has named them, the Supabase host and anon key
// behind it (PostgREST tables and RPCs). Blocking calls: it runs a local event loop, so create it on
// the thread that uses it (the release runner's worker or the CLI's main thread).
class CapgoClient
{
public:
    using Query = QList<QPair<QString, QString>>;

    CapgoClient(QUrl apiHost, SecureBytes apiKey);
    ~CapgoClient();
    CapgoClient(const CapgoClient&) = delete;
    CapgoClient& operator=(const CapgoClient&) = delete;

    // GET {api}/private/config: the Supabase host (https unless loopback) and its anon key.
    [[nodiscard]] Status fetchConfig();

    // POST {supa}/rest/v1/rpc/NAME. `single` asks for one row/scalar as supabase-js' .single() does.
    [[nodiscard]] Result<QJsonValue> rpc(const QString& function, const QByteArray& body, bool single,
                                         const QString& what);
    // GET {supa}/rest/v1/TABLE?QUERY: the rows.
    [[nodiscard]] Result<QJsonArray> select(const QString& table, const Query& query, const QString& what);
    // POST {supa}/rest/v1/TABLE?QUERY with prefer: resolution=merge-duplicates.
    [[nodiscard]] Status upsert(const QString& table, const Query& query, const QByteArray& body, const QString& what);
    // METHOD {api}/PATH with the raw API key as authorization. A 404 gives an error with code 404.
    [[nodiscard]] Result<QJsonValue> api(const QByteArray& method, const QString& path, const QByteArray& body,
                                         const QString& what);

    [[nodiscard]] QUrl apiHost() const { return m_apiHost; }
    [[nodiscard]] QUrl supabaseHost() const { return m_supaHost; }
    [[nodiscard]] const SecureBytes& apiKey() const { return m_apiKey; }

    // Hosts that receive the API key must be https; plain http only on loopback (tests, a local backend).
    [[nodiscard]] static Status checkSecureHost(const QUrl& url, const QString& what);
    [[nodiscard]] static bool isLoopback(const QUrl& url);

private:
    struct Reply
    {
        int status = 0;
        QByteArray body;
    };
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    [[nodiscard]] Result<Reply> send(const QByteArray& method, const QUrl& url, const Headers& headers,
                                     const QByteArray& body, const QString& what);
    [[nodiscard]] static Error httpError(const Reply& reply, const QString& what);
    [[nodiscard]] Headers postgrestHeaders(bool write) const;
    [[nodiscard]] QUrl restUrl(const QString& path, const Query& query) const;

    QUrl m_apiHost;
    SecureBytes m_apiKey;
    QUrl m_supaHost;
    QByteArray m_supaKey;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

} // namespace slipway::registry
