#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace slipway::storage {

// One libcurl transfer (HTTP, S3 with Signature V4, or SFTP) behind a curl-free header: the single
// progress/cancel path for every network target.
class CurlRequest
{
public:
    struct Outcome
    {
        int curlCode = 0;           // CURLE_*; 0 when the transfer completed (any HTTP status)
        QString curlError;          // curl's own words for curlCode
        long status = 0;            // HTTP status (0 for SFTP or when nothing came back)
        QByteArray body;            // response body when it is not written to a file (capped at 4 MiB)
        QMap<QByteArray, QByteArray> headers; // lower-case names
        bool cancelled = false;
        qint64 contentLength = -1;  // from the response (HEAD, SFTP stat)
        qint64 uploaded = 0;

        [[nodiscard]] bool transportFailed() const { return curlCode != 0; }
        // Connection refused/reset, time-outs, DNS hiccups, 5xx, 429: worth another attempt.
        [[nodiscard]] bool isTransient() const;
    };
    // (bytes sent so far, bytes received so far); return false to cancel.
    using ProgressCallback = std::function<bool(qint64 sent, qint64 received)>;
    // Called with the server's SSH host key fingerprint ("SHA256:base64"); return true to accept it.
    using HostKeyCheck = std::function<bool(const QString& fingerprint)>;

    explicit CurlRequest(const QByteArray& url);
    ~CurlRequest();
    CurlRequest(const CurlRequest&) = delete;
    CurlRequest& operator=(const CurlRequest&) = delete;

    void setMethod(const QByteArray& method);
    void addHeader(const QByteArray& header);
    void setAwsSigV4(const QByteArray& region, const QByteArray& accessKeyId, const QByteArray& secretAccessKey);
    void setBasicAuth(const QByteArray& user, const QByteArray& password);
    void setBearerToken(const QByteArray& token);
    // In-memory request body (sent with PUT/POST).
    void setBody(QByteArray body);
    // Streams a byte range of a local file as the request body.
    void setBodyFile(const QString& path, qint64 offset, qint64 length);
    // Sees every body byte as it is sent (to hash while sending instead of in a pass before).
    void setBodyObserver(std::function<void(const char* data, qint64 size)> observer);
    void setDownloadFile(const QString& path);
    // Sees every response body byte instead of keeping it (to hash a read-back without storing it).
    void setDownloadObserver(std::function<void(const char* data, qint64 size)> observer);
    void setHeadOnly();
    void setSshKey(const QString& privateKeyPath, const QByteArray& passphrase);
    void setHostKeyCheck(HostKeyCheck check);
    // SFTP commands run after the transfer ("rename a b", "*rm c"; '*' = failure is not fatal).
    void setPostQuote(const QList<QByteArray>& commands);
    void setQuote(const QList<QByteArray>& commands);
    void setCreateMissingDirs();
    void setProgress(ProgressCallback progress);
    void setCancelFlag(const std::atomic<bool>* cancel);
    // Seconds without a single byte moving before the attempt is abandoned as stalled.
    void setStallTimeout(int seconds);

    [[nodiscard]] Outcome perform();

    // The RFC 3986 percent-encoding of a query value (sorted queries are built by callers).
    [[nodiscard]] static QByteArray encodeQueryValue(const QString& value);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace slipway::storage
