#include "storage/SftpStorage.h"

#include "storage/ObjectKey.h"
#include "storage/RetryPolicy.h"
#include "storage/StreamedTransfer.h"


namespace slipway::storage {

namespace {

// libcurl's codes this class tells apart (kept here so no curl header leaks into storage code).
constexpr int kPeerFailedVerification = 60;
constexpr int kLoginDenied = 67;
constexpr int kRemoteFileNotFound = 78;
constexpr int kQuoteError = 21;

} // namespace

SftpStorage::SftpStorage(QUrl url, QString privateKeyFile, QString pinnedHostKey, StorageSecrets secrets, QUrl publicBaseUrl)
    : m_url(std::move(url)), m_keyFile(std::move(privateKeyFile)), m_pinnedHostKey(std::move(pinnedHostKey)),
      m_secrets(std::move(secrets)), m_publicBase(std::move(publicBaseUrl))
{
    m_url.setQuery(QString());
    if (m_url.port() <= 0)
        m_url.setPort(22);
}

QString SftpStorage::describe() const
{
    return QStringLiteral("SFTP %1@%2:%3%4").arg(m_url.userName(), m_url.host()).arg(m_url.port()).arg(m_url.path());
}

QString SftpStorage::remotePath(const QString& key) const
{
    QString root = m_url.path();
    if (root.isEmpty())
        root = QStringLiteral("/");
    if (!root.endsWith(QLatin1Char('/')))
        root += QLatin1Char('/');
    return root + key;
}

QByteArray SftpStorage::urlOf(const QString& remote) const
{
    return "sftp://" + ObjectKey::encode(m_url.userName(), false) + '@' + m_url.host(QUrl::FullyEncoded).toUtf8() + ':'
           + QByteArray::number(m_url.port()) + ObjectKey::encode(remote);
}

QByteArray SftpStorage::quoted(const QString& path)
{
    QByteArray text = path.toUtf8();
    text.replace('\\', "\\\\");
    text.replace('"', "\\\"");
    return '"' + text + '"';
}

void SftpStorage::prepare(CurlRequest& request)
{
    request.setSshKey(m_keyFile, m_secrets.keyPassphrase.bytes());
    request.setHostKeyCheck([this](const QString& fingerprint) {
        {
            std::lock_guard lock(m_seenMutex);
            m_seenHostKey = fingerprint;
        }
        return !m_pinnedHostKey.isEmpty() && fingerprint == m_pinnedHostKey;
    });
}

QString SftpStorage::seenHostKey() const
{
    std::lock_guard lock(m_seenMutex);
    return m_seenHostKey;
}

Error SftpStorage::explain(const CurlRequest::Outcome& outcome, const QString& action, int attempts) const
{
    const QString seen = seenHostKey();
    const QString server = QStringLiteral("%1:%2").arg(m_url.host()).arg(m_url.port());
    if (outcome.cancelled)
        return fail(QStringLiteral("Cancelled while trying to %1.").arg(action));
    if (outcome.curlCode == kPeerFailedVerification && !seen.isEmpty()) {
        if (m_pinnedHostKey.isEmpty())
            return fail(QStringLiteral("The SFTP server %1 presented the host key %2, which is not pinned yet. If that is the "
                                       "server's real key (check with 'ssh-keygen -l -f' on its host key), pin it: add "
                                       "host-key=%2 to the sftp:// URL or use 'slipway storage add NAME --url URL --host-key %2'.")
                            .arg(server, seen));
        return fail(QStringLiteral("The SFTP server %1 presented the host key %2, but %3 is pinned. Someone may be "
                                   "intercepting the connection, or the server was reinstalled: nothing was sent. Check with "
                                   "the server's administrator before changing the pinned key.")
                        .arg(server, seen, m_pinnedHostKey));
    }
    if (outcome.curlCode == kLoginDenied)
        return fail(QStringLiteral("The SFTP server %1 refused the key %2 for user '%3'. Check that its public key is in the "
                                   "user's authorized_keys (use an ed25519 or ECDSA key: RSA keys do not work with this SSH "
                                   "library).")
                        .arg(server, m_keyFile, m_url.userName()));
    if (outcome.curlCode == kRemoteFileNotFound)
        return fail(QStringLiteral("Not found while trying to %1 on %2.").arg(action, describe()), NotFound);
    const QString tries = attempts > 1 ? QStringLiteral(" after %1 attempts").arg(attempts) : QString();
    if (outcome.curlCode == 6 || outcome.curlCode == 7 || outcome.curlCode == 28)
        return fail(QStringLiteral("Cannot reach the SFTP server %1%2 (%3). Check the host, the port and that the server is running.")
                        .arg(server, tries, outcome.curlError));
    return fail(QStringLiteral("SFTP failed while trying to %1 on %2%3: %4.").arg(action, describe(), tries, outcome.curlError));
}

CurlRequest::Outcome SftpStorage::command(const QList<QByteArray>& commands)
{
    return RetryPolicy().run([&] {
        CurlRequest request(urlOf(QStringLiteral("/")));
        prepare(request);
        request.setHeadOnly();
        request.setQuote(commands);
        return request.perform();
    });
}

Result<QString> SftpStorage::fetchHostKey()
{
    CurlRequest request(urlOf(QStringLiteral("/")));
    request.setSshKey(m_keyFile, m_secrets.keyPassphrase.bytes());
    QString seen;
    request.setHostKeyCheck([&](const QString& fingerprint) {
        seen = fingerprint;
        return false;
    });
    request.setHeadOnly();
    const auto outcome = request.perform();
    if (seen.isEmpty())
        return explain(outcome, QStringLiteral("connect"));
    return seen;
}

Status SftpStorage::send(StagedUpload& upload, const ProgressFn& progress)
{
    upload.stagingName = upload.temporarySibling(remotePath(upload.key));
    bool cancelled = false;
    int attempts = 0;
    const auto outcome = StreamedTransfer::put(urlOf(upload.stagingName),
                                               [this](CurlRequest& r) {
                                                   prepare(r);
                                                   r.setCreateMissingDirs();
                                               },
                                               upload, progress, &cancelled, &attempts);
    if (!cancelled && !outcome.transportFailed())
        return Ok{};
    if (outcome.curlCode == kPeerFailedVerification || outcome.curlCode == kLoginDenied)
        upload.stagingName.clear(); // never connected: nothing to clean up
    if (cancelled)
        return fail(QStringLiteral("Cancelled: nothing was stored at %1.").arg(upload.key));
    return explain(outcome, QStringLiteral("upload %1").arg(upload.key), attempts);
}

Status SftpStorage::prove(StagedUpload& upload)
{
    QByteArray landed;
    qint64 landedSize = 0;
    int attempts = 0;
    const auto got = StreamedTransfer::readBack(urlOf(upload.stagingName), [this](CurlRequest& r) { prepare(r); }, &landed, &landedSize,
                                                &attempts);
    if (got.transportFailed())
        return fail(QStringLiteral("The upload of %1 finished but cannot be checked: %2")
                        .arg(upload.key, explain(got, QStringLiteral("read back %1").arg(upload.key), attempts).message));
    if (landedSize != upload.size || landed != upload.sha256)
        return fail(QStringLiteral("What %1 stored at %2 differs from the local file (SHA-256 mismatch); it was deleted.")
                        .arg(describe(), upload.key));
    return Ok{};
}

Status SftpStorage::publish(StagedUpload& upload)
{
    const QString finalPath = remotePath(upload.key);
    // OpenSSH's rename does not replace an existing file: remove the old one first.
    const auto outcome = command({"*rm " + quoted(finalPath), "rename " + quoted(upload.stagingName) + ' ' + quoted(finalPath)});
    if (outcome.curlCode == kQuoteError)
        return fail(QStringLiteral("The file reached %1 but could not be renamed to %2: %3.").arg(describe(), upload.key, outcome.curlError));
    if (outcome.transportFailed())
        return explain(outcome, QStringLiteral("move the upload into place at %1").arg(upload.key));
    upload.stagingName.clear();
    upload.published = true;
    return Ok{};
}

void SftpStorage::discard(const StagedUpload& upload)
{
    const QString where = upload.published ? remotePath(upload.key) : upload.stagingName;
    if (where.isEmpty())
        return;
    const auto ignored = command({"*rm " + quoted(where)});
    Q_UNUSED(ignored);
}

Result<StoredObject> SftpStorage::stat(const QString& key)
{
    if (auto valid = ObjectKey::validate(key); !valid)
        return valid.error();
    int attempts = 0;
    const auto outcome = RetryPolicy().run([&] {
        CurlRequest request(urlOf(remotePath(key)));
        prepare(request);
        request.setHeadOnly();
        return request.perform();
    }, nullptr, &attempts);
    if (outcome.curlCode == kRemoteFileNotFound)
        return fail(QStringLiteral("%1 is not on %2.").arg(key, describe()), NotFound);
    if (outcome.transportFailed())
        return explain(outcome, QStringLiteral("look up %1").arg(key), attempts);
    StoredObject object;
    object.key = key;
    object.size = outcome.contentLength;
    return object;
}

Status SftpStorage::remove(const QString& key)
{
    if (auto valid = ObjectKey::validate(key); !valid)
        return valid;
    auto present = exists(key);
    if (!present)
        return present.error();
    if (!present.value())
        return Ok{};
    const auto outcome = command({"rm " + quoted(remotePath(key))});
    if (outcome.transportFailed())
        return explain(outcome, QStringLiteral("delete %1").arg(key));
    return Ok{};
}

Status SftpStorage::download(const QString& key, const QString& localPath, const ProgressFn& progress)
{
    return StreamedTransfer::download(
        urlOf(remotePath(key)), [this](CurlRequest& r) { prepare(r); }, key, localPath, progress,
        [&](const CurlRequest::Outcome& outcome, int attempts) { return explain(outcome, QStringLiteral("download %1").arg(key), attempts); });
}

QUrl SftpStorage::publicUrl(const QString& key) const
{
    if (!m_publicBase.isEmpty())
        return ObjectKey::appendTo(m_publicBase, key);
    return QUrl::fromEncoded(urlOf(remotePath(key)), QUrl::StrictMode);
}

} // namespace slipway::storage
