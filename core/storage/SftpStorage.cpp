#include "storage/SftpStorage.h"

#include "storage/ContentDigest.h"
#include "storage/FileCopy.h"
#include "storage/ObjectKey.h"
#include "storage/RetryPolicy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

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
        m_seenHostKey = fingerprint;
        return !m_pinnedHostKey.isEmpty() && fingerprint == m_pinnedHostKey;
    });
}

Error SftpStorage::explain(const CurlRequest::Outcome& outcome, const QString& action, int attempts) const
{
    const QString server = QStringLiteral("%1:%2").arg(m_url.host()).arg(m_url.port());
    if (outcome.cancelled)
        return fail(QStringLiteral("Cancelled while trying to %1.").arg(action));
    if (outcome.curlCode == kPeerFailedVerification && !m_seenHostKey.isEmpty()) {
        if (m_pinnedHostKey.isEmpty())
            return fail(QStringLiteral("The SFTP server %1 presented the host key %2, which is not pinned yet. If that is the "
                                       "server's real key (check with 'ssh-keygen -l -f' on its host key), pin it: add "
                                       "host-key=%2 to the sftp:// URL or use 'slipway storage add NAME --url URL --host-key %2'.")
                            .arg(server, m_seenHostKey));
        return fail(QStringLiteral("The SFTP server %1 presented the host key %2, but %3 is pinned. Someone may be "
                                   "intercepting the connection, or the server was reinstalled: nothing was sent. Check with "
                                   "the server's administrator before changing the pinned key.")
                        .arg(server, m_seenHostKey, m_pinnedHostKey));
    }
    if (outcome.curlCode == kLoginDenied)
        return fail(QStringLiteral("The SFTP server %1 refused the key %2 for user '%3'. Check that its public key is in the "
                                   "user's authorized_keys (use an ed25519 or ECDSA key: RSA keys do not work with this SSH "
                                   "library).")
                        .arg(server, m_keyFile, m_url.userName()));
    if (outcome.curlCode == kRemoteFileNotFound)
        return fail(QStringLiteral("Not found while trying to %1 on %2.").arg(action, describe()), 4);
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

Status SftpStorage::upload(const QString& localPath, const QString& key, const ProgressFn& progress)
{
    if (auto valid = ObjectKey::validate(key); !valid)
        return valid;
    const QFileInfo info(localPath);
    if (!info.isFile())
        return fail(QStringLiteral("Cannot read %1: no such file.").arg(localPath));
    auto expected = ContentDigest::sha256OfFile(localPath);
    if (!expected)
        return expected.error();
    const qint64 size = info.size();
    const QString finalPath = remotePath(key);
    const qsizetype slash = finalPath.lastIndexOf(QLatin1Char('/'));
    const QString temp = finalPath.left(slash + 1) + QStringLiteral(".%1.slipway-%2.part")
                                                         .arg(finalPath.mid(slash + 1))
                                                         .arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
    bool cancelled = false;
    int attempts = 0;
    const auto outcome = RetryPolicy().run([&] {
        CurlRequest request(urlOf(temp));
        prepare(request);
        request.setCreateMissingDirs();
        request.setBodyFile(localPath, 0, size);
        // OpenSSH's rename does not replace an existing file: remove the old one first.
        request.setPostQuote({"*rm " + quoted(finalPath), "rename " + quoted(temp) + ' ' + quoted(finalPath)});
        request.setProgress([&](qint64 sent, qint64) {
            if (!reportProgress(progress, qMin(sent, size), size))
                cancelled = true;
            return !cancelled;
        });
        return request.perform();
    }, nullptr, &attempts);
    if (cancelled || outcome.transportFailed()) {
        if (outcome.curlCode != kPeerFailedVerification && outcome.curlCode != kLoginDenied) {
            const auto ignored = command({"*rm " + quoted(temp)});
            Q_UNUSED(ignored);
        }
        if (cancelled)
            return fail(QStringLiteral("Cancelled: nothing was stored at %1.").arg(key));
        if (outcome.curlCode == kQuoteError)
            return fail(QStringLiteral("The file reached %1 but could not be renamed to %2: %3.").arg(describe(), key, outcome.curlError));
        return explain(outcome, QStringLiteral("upload %1").arg(key), attempts);
    }

    // Read back what landed and compare.
    const QString back = FileCopy::temporarySibling(QDir::tempPath() + QStringLiteral("/slipway-verify"));
    int getAttempts = 0;
    const auto got = RetryPolicy().run([&] {
        CurlRequest request(urlOf(finalPath));
        prepare(request);
        request.setDownloadFile(back);
        return request.perform();
    }, nullptr, &getAttempts);
    auto landed = got.transportFailed() ? Result<QByteArray>(explain(got, QStringLiteral("read back %1").arg(key), getAttempts))
                                        : ContentDigest::sha256OfFile(back);
    QFile::remove(back);
    if (!landed)
        return fail(QStringLiteral("The upload of %1 finished but cannot be checked: %2").arg(key, landed.error().message));
    if (landed.value() != expected.value()) {
        const auto ignored = command({"*rm " + quoted(finalPath)});
        Q_UNUSED(ignored);
        return fail(QStringLiteral("What %1 stored at %2 differs from the local file (SHA-256 mismatch); it was deleted.").arg(describe(), key));
    }
    reportProgress(progress, size, size);
    return Ok{};
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
        return fail(QStringLiteral("%1 is not on %2.").arg(key, describe()), 4);
    if (outcome.transportFailed())
        return explain(outcome, QStringLiteral("look up %1").arg(key), attempts);
    StoredObject object;
    object.key = key;
    object.size = outcome.contentLength;
    return object;
}

Result<bool> SftpStorage::exists(const QString& key)
{
    auto found = stat(key);
    if (found)
        return true;
    if (found.error().code == 4)
        return false;
    return found.error();
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
    if (auto valid = ObjectKey::validate(key); !valid)
        return valid;
    const QString temp = FileCopy::temporarySibling(localPath);
    bool cancelled = false;
    int attempts = 0;
    const auto outcome = RetryPolicy().run([&] {
        CurlRequest request(urlOf(remotePath(key)));
        prepare(request);
        request.setDownloadFile(temp);
        request.setProgress([&](qint64, qint64 received) {
            if (!reportProgress(progress, received, -1))
                cancelled = true;
            return !cancelled;
        });
        return request.perform();
    }, nullptr, &attempts);
    if (cancelled || outcome.transportFailed()) {
        QFile::remove(temp);
        if (cancelled)
            return fail(QStringLiteral("Cancelled: %1 was not downloaded.").arg(key));
        return explain(outcome, QStringLiteral("download %1").arg(key), attempts);
    }
    return FileCopy::replace(temp, localPath);
}

QUrl SftpStorage::publicUrl(const QString& key) const
{
    if (!m_publicBase.isEmpty())
        return ObjectKey::appendTo(m_publicBase, key);
    return QUrl::fromEncoded(urlOf(remotePath(key)), QUrl::StrictMode);
}

} // namespace slipway::storage
