#include "storage/CurlRequest.h"

#include "crypto/Sha256.h"

#include <QFile>
#include <QUrl>

#include <curl/curl.h>

#include <array>
#include <mutex>

namespace slipway::storage {

namespace {

constexpr qsizetype kMaxMemoryBody = qsizetype{4} * 1024 * 1024;

// Test hook: SLIPWAY_TEST_DAMAGE_BODY_AT=<offset> flips the file byte at that offset on its way to the
// server, after it was hashed: the integrity checks must catch what really happens when a file
// changes between hashing and sending, or bytes are damaged on the way.
qint64 damageOffset()
{
    static const qint64 offset = [] {
        bool ok = false;
        const qint64 value = qEnvironmentVariable("SLIPWAY_TEST_DAMAGE_BODY_AT").toLongLong(&ok);
        return ok ? value : -1;
    }();
    return offset;
}

void initCurlOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// One connection cache for every transfer of the process: the objects of a set reuse their
// HTTP and SSH connections instead of opening one (and for SFTP, a key exchange) per request.
class SharedConnections
{
public:
    SharedConnections() : m_share(curl_share_init())
    {
        curl_share_setopt(m_share, CURLSHOPT_LOCKFUNC, &SharedConnections::lock);
        curl_share_setopt(m_share, CURLSHOPT_UNLOCKFUNC, &SharedConnections::unlock);
        curl_share_setopt(m_share, CURLSHOPT_USERDATA, this);
        curl_share_setopt(m_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
        curl_share_setopt(m_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    }
    ~SharedConnections() { curl_share_cleanup(m_share); }
    SharedConnections(const SharedConnections&) = delete;
    SharedConnections& operator=(const SharedConnections&) = delete;
    [[nodiscard]] CURLSH* handle() const { return m_share; }

private:
    static void lock(CURL* /*easy*/, curl_lock_data data, curl_lock_access /*access*/, void* user)
    {
        static_cast<SharedConnections*>(user)->m_locks.at(static_cast<size_t>(data)).lock();
    }
    static void unlock(CURL* /*easy*/, curl_lock_data data, void* user)
    {
        static_cast<SharedConnections*>(user)->m_locks.at(static_cast<size_t>(data)).unlock();
    }

    CURLSH* m_share;
    std::array<std::mutex, CURL_LOCK_DATA_LAST> m_locks;
};

CURLSH* sharedConnections()
{
    static SharedConnections shared;
    return shared.handle();
}

curl_slist* toList(const QList<QByteArray>& items)
{
    curl_slist* list = nullptr;
    for (const auto& item : items)
        list = curl_slist_append(list, item.constData());
    return list;
}

} // namespace

struct CurlRequest::Private
{
    QByteArray url;
    QByteArray method;
    QList<QByteArray> headers;
    QByteArray sigv4Provider, user, password, bearer;
    bool awsAuth = false, basicAuth = false;
    bool hasBody = false;
    QByteArray body;
    qsizetype bodyPos = 0;
    QString bodyPath;
    qint64 bodyOffset = 0, bodyLength = 0, bodySent = 0;
    QFile bodyFile;
    std::function<void(const char*, qint64)> bodyObserver;
    QString downloadPath;
    QFile downloadFile;
    std::function<void(const char*, qint64)> downloadObserver;
    bool headOnly = false;
    QString sshKey;
    QByteArray sshPassphrase;
    HostKeyCheck hostKeyCheck;
    QList<QByteArray> quote, postQuote;
    bool createDirs = false;
    ProgressCallback progress;
    const std::atomic<bool>* cancel = nullptr;
    int stallSeconds = 30;
    Outcome outcome;
    bool writeFailed = false;

    ~Private()
    {
        password.fill('\0');
        bearer.fill('\0');
        sshPassphrase.fill('\0');
    }

    static size_t read(char* buffer, size_t size, size_t count, void* user)
    {
        auto* p = static_cast<Private*>(user);
        const auto room = static_cast<qint64>(size) * static_cast<qint64>(count);
        if (!p->bodyPath.isEmpty()) {
            const qint64 want = qMin(room, p->bodyLength - p->bodySent);
            if (want <= 0)
                return 0;
            const qint64 n = p->bodyFile.read(buffer, want);
            if (n <= 0)
                return CURL_READFUNC_ABORT;
            if (p->bodyObserver)
                p->bodyObserver(buffer, n);
            if (const qint64 at = damageOffset() - p->bodyOffset - p->bodySent; at >= 0 && at < n)
                buffer[at] = static_cast<char>(buffer[at] ^ 0x5a);
            p->bodySent += n;
            return static_cast<size_t>(n);
        }
        const qint64 n = qMin<qint64>(room, p->body.size() - p->bodyPos);
        if (n <= 0)
            return 0;
        memcpy(buffer, p->body.constData() + p->bodyPos, static_cast<size_t>(n));
        p->bodyPos += n;
        return static_cast<size_t>(n);
    }

    static int seek(void* user, curl_off_t offset, int origin)
    {
        auto* p = static_cast<Private*>(user);
        if (origin != SEEK_SET)
            return CURL_SEEKFUNC_CANTSEEK;
        if (!p->bodyPath.isEmpty()) {
            if (!p->bodyFile.seek(p->bodyOffset + offset))
                return CURL_SEEKFUNC_FAIL;
            p->bodySent = offset;
            return CURL_SEEKFUNC_OK;
        }
        p->bodyPos = static_cast<qsizetype>(offset);
        return CURL_SEEKFUNC_OK;
    }

    static size_t write(char* data, size_t size, size_t count, void* user)
    {
        auto* p = static_cast<Private*>(user);
        const size_t n = size * count;
        if (p->downloadObserver) {
            p->downloadObserver(data, static_cast<qint64>(n));
            return n;
        }
        if (!p->downloadPath.isEmpty()) {
            if (p->downloadFile.write(data, static_cast<qint64>(n)) != static_cast<qint64>(n)) {
                p->writeFailed = true;
                return 0;
            }
            return n;
        }
        if (p->outcome.body.size() + static_cast<qsizetype>(n) <= kMaxMemoryBody)
            p->outcome.body.append(data, static_cast<qsizetype>(n));
        return n;
    }

    static size_t header(char* data, size_t size, size_t count, void* user)
    {
        auto* p = static_cast<Private*>(user);
        const size_t n = size * count;
        const QByteArray line = QByteArray(data, static_cast<qsizetype>(n)).trimmed();
        if (line.startsWith("HTTP/")) {
            p->outcome.headers.clear();
        } else if (const auto colon = line.indexOf(':'); colon > 0) {
            p->outcome.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
        }
        return n;
    }

    static int xferinfo(void* user, curl_off_t /*dltotal*/, curl_off_t dlnow, curl_off_t /*ultotal*/, curl_off_t ulnow)
    {
        auto* p = static_cast<Private*>(user);
        if (p->cancel && p->cancel->load()) {
            p->outcome.cancelled = true;
            return 1;
        }
        if (p->progress && !p->progress(ulnow, dlnow)) {
            p->outcome.cancelled = true;
            return 1;
        }
        return 0;
    }

    static int hostKey(void* user, int /*keytype*/, const char* key, size_t length)
    {
        auto* p = static_cast<Private*>(user);
        const QByteArray blob(key, static_cast<qsizetype>(length));
        QByteArray b64 = crypto::Sha256::of(blob).toBase64();
        while (b64.endsWith('='))
            b64.chop(1);
        const QString fingerprint = QStringLiteral("SHA256:") + QString::fromLatin1(b64);
        p->outcome.headers.insert("x-ssh-host-key", fingerprint.toLatin1());
        return p->hostKeyCheck && p->hostKeyCheck(fingerprint) ? CURLKHMATCH_OK : CURLKHMATCH_MISMATCH;
    }
};

bool CurlRequest::Outcome::isTransient() const
{
    if (cancelled)
        return false;
    switch (curlCode) {
    case CURLE_OK:
        break;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_UPLOAD_FAILED:
    case CURLE_SSH:
    case CURLE_AGAIN:
        return true;
    default:
        return false;
    }
    return status >= 500 || status == 429 || status == 408;
}

CurlRequest::CurlRequest(const QByteArray& url) : d(std::make_unique<Private>())
{
    initCurlOnce();
    d->url = url;
}

CurlRequest::~CurlRequest() = default;

void CurlRequest::setMethod(const QByteArray& method) { d->method = method; }
void CurlRequest::addHeader(const QByteArray& header) { d->headers.append(header); }

void CurlRequest::setAwsSigV4(const QByteArray& region, const QByteArray& accessKeyId, const QByteArray& secretAccessKey)
{
    d->awsAuth = true;
    d->sigv4Provider = "aws:amz:" + region + ":s3";
    d->user = accessKeyId;
    d->password = secretAccessKey;
}

void CurlRequest::setBasicAuth(const QByteArray& user, const QByteArray& password)
{
    d->basicAuth = true;
    d->user = user;
    d->password = password;
}

void CurlRequest::setBearerToken(const QByteArray& token) { d->bearer = token; }

void CurlRequest::setBody(QByteArray body)
{
    d->hasBody = true;
    d->body = std::move(body);
    d->bodyPath.clear();
}

void CurlRequest::setBodyFile(const QString& path, qint64 offset, qint64 length)
{
    d->hasBody = true;
    d->bodyPath = path;
    d->bodyOffset = offset;
    d->bodyLength = length;
}

void CurlRequest::setBodyObserver(std::function<void(const char*, qint64)> observer)
{
    d->bodyObserver = std::move(observer);
}

void CurlRequest::setDownloadFile(const QString& path) { d->downloadPath = path; }

void CurlRequest::setDownloadObserver(std::function<void(const char*, qint64)> observer)
{
    d->downloadObserver = std::move(observer);
}
void CurlRequest::setHeadOnly() { d->headOnly = true; }

void CurlRequest::setSshKey(const QString& privateKeyPath, const QByteArray& passphrase)
{
    d->sshKey = privateKeyPath;
    d->sshPassphrase = passphrase;
}

void CurlRequest::setHostKeyCheck(HostKeyCheck check) { d->hostKeyCheck = std::move(check); }
void CurlRequest::setPostQuote(const QList<QByteArray>& commands) { d->postQuote = commands; }
void CurlRequest::setQuote(const QList<QByteArray>& commands) { d->quote = commands; }
void CurlRequest::setCreateMissingDirs() { d->createDirs = true; }
void CurlRequest::setProgress(ProgressCallback progress) { d->progress = std::move(progress); }
void CurlRequest::setCancelFlag(const std::atomic<bool>* cancel) { d->cancel = cancel; }
void CurlRequest::setStallTimeout(int seconds) { d->stallSeconds = seconds; }

QByteArray CurlRequest::encodeQueryValue(const QString& value)
{
    return QUrl::toPercentEncoding(value, QByteArray(), QByteArray());
}

CurlRequest::Outcome CurlRequest::perform()
{
    d->outcome = Outcome{};
    d->writeFailed = false;
    CURL* curl = curl_easy_init();
    if (!curl) {
        d->outcome.curlCode = CURLE_FAILED_INIT;
        d->outcome.curlError = QStringLiteral("libcurl could not start a transfer");
        return d->outcome;
    }
    const bool isSsh = d->url.startsWith("sftp:") || d->url.startsWith("scp:");
    curl_easy_setopt(curl, CURLOPT_URL, d->url.constData());
    curl_easy_setopt(curl, CURLOPT_SHARE, sharedConnections());
    // libcurl's default of 5 cached connections is shared by every thread: with 8 uploads in flight
    // it would close one idle connection each time another is returned (a new SSH handshake per object).
    curl_easy_setopt(curl, CURLOPT_MAXCONNECTS, 64L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 15L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(d->stallSeconds));
    curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https,sftp");
    curl_easy_setopt(curl, CURLOPT_UPLOAD_BUFFERSIZE, 512L * 1024L);
    curl_easy_setopt(curl, CURLOPT_BUFFERSIZE, 512L * 1024L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &Private::write);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, d.get());
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &Private::header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, d.get());
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &Private::xferinfo);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, d.get());
    char errorBuffer[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer);

    QList<QByteArray> headers = d->headers;
    if (d->awsAuth) {
        curl_easy_setopt(curl, CURLOPT_AWS_SIGV4, d->sigv4Provider.constData());
        curl_easy_setopt(curl, CURLOPT_USERNAME, d->user.constData());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, d->password.constData());
    } else if (d->basicAuth && !isSsh) {
        curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
        curl_easy_setopt(curl, CURLOPT_USERNAME, d->user.constData());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, d->password.constData());
    } else if (!d->bearer.isEmpty()) {
        curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BEARER);
        curl_easy_setopt(curl, CURLOPT_XOAUTH2_BEARER, d->bearer.constData());
    }
    if (isSsh) {
        curl_easy_setopt(curl, CURLOPT_SSH_AUTH_TYPES, static_cast<long>(CURLSSH_AUTH_PUBLICKEY));
        const QByteArray key = QFile::encodeName(d->sshKey);
        const QByteArray pub = QFile::exists(d->sshKey + QStringLiteral(".pub")) ? QFile::encodeName(d->sshKey + QStringLiteral(".pub")) : QByteArray("");
        curl_easy_setopt(curl, CURLOPT_SSH_PRIVATE_KEYFILE, key.constData());
        curl_easy_setopt(curl, CURLOPT_SSH_PUBLIC_KEYFILE, pub.constData());
        if (!d->sshPassphrase.isEmpty())
            curl_easy_setopt(curl, CURLOPT_KEYPASSWD, d->sshPassphrase.constData());
        // Always decide about the host key ourselves: without a callback libcurl would accept any key.
        curl_easy_setopt(curl, CURLOPT_SSH_HOSTKEYFUNCTION, &Private::hostKey);
        curl_easy_setopt(curl, CURLOPT_SSH_HOSTKEYDATA, d.get());
        if (d->createDirs)
            curl_easy_setopt(curl, CURLOPT_FTP_CREATE_MISSING_DIRS, static_cast<long>(CURLFTP_CREATE_DIR_RETRY));
    }
    curl_slist* quote = toList(d->quote);
    curl_slist* postQuote = toList(d->postQuote);
    if (quote)
        curl_easy_setopt(curl, CURLOPT_QUOTE, quote);
    if (postQuote)
        curl_easy_setopt(curl, CURLOPT_POSTQUOTE, postQuote);

    if (d->hasBody) {
        qint64 size = d->body.size();
        if (!d->bodyPath.isEmpty()) {
            d->bodyFile.setFileName(d->bodyPath);
            if (!d->bodyFile.open(QIODevice::ReadOnly) || !d->bodyFile.seek(d->bodyOffset)) {
                curl_easy_cleanup(curl);
                d->outcome.curlCode = CURLE_READ_ERROR;
                d->outcome.curlError = QStringLiteral("cannot read %1: %2").arg(d->bodyPath, d->bodyFile.errorString());
                return d->outcome;
            }
            size = d->bodyLength;
            d->bodySent = 0;
        } else {
            d->bodyPos = 0;
        }
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, &Private::read);
        curl_easy_setopt(curl, CURLOPT_READDATA, d.get());
        curl_easy_setopt(curl, CURLOPT_SEEKFUNCTION, &Private::seek);
        curl_easy_setopt(curl, CURLOPT_SEEKDATA, d.get());
        curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(size));
        // Dropping "Expect: 100-continue" saves a round trip, but libcurl 7.88 would sign the empty
        // header it never sends (SignatureDoesNotMatch): keep it for Signature V4 requests.
        if (!isSsh && !d->awsAuth)
            headers.append("Expect:");
    }
    if (!d->downloadPath.isEmpty()) {
        d->downloadFile.setFileName(d->downloadPath);
        if (!d->downloadFile.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            curl_easy_cleanup(curl);
            d->outcome.curlCode = CURLE_WRITE_ERROR;
            d->outcome.curlError = QStringLiteral("cannot write %1: %2").arg(d->downloadPath, d->downloadFile.errorString());
            return d->outcome;
        }
    }
    if (d->headOnly)
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    if (isSsh && d->headOnly)
        curl_easy_setopt(curl, CURLOPT_FILETIME, 1L);
    if (!d->method.isEmpty())
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, d->method.constData());
    curl_slist* headerList = toList(headers);
    if (headerList)
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headerList);

    const CURLcode code = curl_easy_perform(curl);
    d->outcome.curlCode = code;
    if (code != CURLE_OK)
        d->outcome.curlError = QString::fromUtf8(errorBuffer[0] ? errorBuffer : curl_easy_strerror(code)).trimmed();
    if (d->writeFailed)
        d->outcome.curlError = QStringLiteral("cannot write %1: %2").arg(d->downloadPath, d->downloadFile.errorString());
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    d->outcome.status = status;
    curl_off_t length = -1;
    if (curl_easy_getinfo(curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) == CURLE_OK)
        d->outcome.contentLength = length;
    curl_off_t uploaded = 0;
    if (curl_easy_getinfo(curl, CURLINFO_SIZE_UPLOAD_T, &uploaded) == CURLE_OK)
        d->outcome.uploaded = uploaded;
    if (code == CURLE_ABORTED_BY_CALLBACK)
        d->outcome.cancelled = true;
    curl_slist_free_all(headerList);
    curl_slist_free_all(quote);
    curl_slist_free_all(postQuote);
    curl_easy_cleanup(curl);
    if (d->bodyFile.isOpen())
        d->bodyFile.close();
    if (d->downloadFile.isOpen())
        d->downloadFile.close();
    return d->outcome;
}

} // namespace slipway::storage
