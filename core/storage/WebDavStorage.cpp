#include "storage/WebDavStorage.h"

#include "storage/ObjectKey.h"
#include "storage/RetryPolicy.h"
#include "storage/StreamedTransfer.h"

#include <QLocale>

namespace slipway::storage {

WebDavStorage::WebDavStorage(QUrl baseUrl, StorageSecrets secrets, QUrl publicBaseUrl, QString profileName)
    : m_base(std::move(baseUrl)), m_secrets(std::move(secrets)), m_publicBase(std::move(publicBaseUrl)),
      m_profileName(std::move(profileName))
{
    m_base.setQuery(QString());
    m_base.setFragment(QString());
}

QString WebDavStorage::describe() const
{
    return QStringLiteral("WebDAV %1").arg(m_base.toString(QUrl::RemoveUserInfo));
}

QByteArray WebDavStorage::urlOf(const QString& key) const
{
    QByteArray base = m_base.adjusted(QUrl::RemoveUserInfo).toEncoded();
    if (!base.endsWith('/'))
        base += '/';
    return base + ObjectKey::encode(key);
}

void WebDavStorage::authorize(CurlRequest& request) const
{
    if (!m_secrets.token.isEmpty())
        request.setBearerToken(m_secrets.token.bytes());
    else if (!m_secrets.password.isEmpty() || !m_base.userName().isEmpty())
        request.setBasicAuth(m_base.userName().toUtf8(), m_secrets.password.bytes());
}

Error WebDavStorage::explain(const CurlRequest::Outcome& outcome, const QString& action, int attempts) const
{
    if (outcome.cancelled)
        return fail(QStringLiteral("Cancelled while trying to %1.").arg(action));
    const QString tries = attempts > 1 ? QStringLiteral(" after %1 attempts").arg(attempts) : QString();
    if (outcome.transportFailed())
        return fail(QStringLiteral("Cannot reach %1%2 (%3). Check the URL, the network and that the server is running.")
                        .arg(m_base.toString(QUrl::RemoveUserInfo), tries, outcome.curlError));
    const QString secretSource = !m_secrets.token.isEmpty()
                                     ? (m_secrets.source == QLatin1String("keychain") ? QStringLiteral("the token in the keychain")
                                                                                      : QStringLiteral("SLIPWAY_WEBDAV_TOKEN"))
                                     : (m_secrets.source == QLatin1String("keychain") ? QStringLiteral("the password in the keychain")
                                                                                      : QStringLiteral("SLIPWAY_WEBDAV_PASSWORD"));
    switch (outcome.status) {
    case 401:
        if (m_secrets.password.isEmpty() && m_secrets.token.isEmpty())
            return fail(QStringLiteral("%1 asks for a login (HTTP 401): put the user in the URL (https://USER@host/...) and "
                                       "set SLIPWAY_WEBDAV_PASSWORD, or SLIPWAY_WEBDAV_TOKEN for a bearer token.")
                            .arg(m_base.toString(QUrl::RemoveUserInfo)));
        return fail(QStringLiteral("%1 refused the login%2 (HTTP 401): the password or token is wrong. Check %3.")
                        .arg(m_base.toString(QUrl::RemoveUserInfo),
                             m_base.userName().isEmpty() ? QString() : QStringLiteral(" of user '%1'").arg(m_base.userName()),
                             secretSource));
    case 403:
        return fail(QStringLiteral("%1 forbids this (HTTP 403) while trying to %2: the account may not write there.")
                        .arg(describe(), action));
    case 404:
        return fail(QStringLiteral("Not found while trying to %1 on %2 (HTTP 404).").arg(action, describe()));
    case 405:
        return fail(QStringLiteral("%1 does not allow this method (HTTP 405) while trying to %2: is it a WebDAV or PUT endpoint?")
                        .arg(describe(), action));
    case 413:
        return fail(QStringLiteral("%1 refused the file as too large (HTTP 413): raise the server's upload limit.").arg(describe()));
    case 507:
        return fail(QStringLiteral("%1 is out of space (HTTP 507 Insufficient Storage): nothing was stored; free some space.").arg(describe()));
    default:
        return fail(QStringLiteral("%1 could not %2 (HTTP %3)%4.").arg(describe(), action).arg(outcome.status).arg(tries));
    }
}

CurlRequest::Outcome WebDavStorage::simple(const QByteArray& method, const QByteArray& url, const QList<QByteArray>& headers,
                                           int* attempts) const
{
    return RetryPolicy().run([&] {
        CurlRequest request(url);
        authorize(request);
        if (method == "HEAD")
            request.setHeadOnly();
        else
            request.setMethod(method);
        for (const auto& h : headers)
            request.addHeader(h);
        return request.perform();
    }, nullptr, attempts);
}

Status WebDavStorage::makeFolders(const QString& key)
{
    // Top-down MKCOL of the base folder and the key's folders: many servers refuse a PUT into a
    // missing folder (409, or 500 for nginx without create_full_put_path).
    QList<QByteArray> urls;
    QByteArray base = m_base.adjusted(QUrl::RemoveUserInfo).toEncoded();
    while (base.endsWith('/'))
        base.chop(1);
    if (!m_base.path().isEmpty() && m_base.path() != QLatin1String("/"))
        urls.append(base + '/');
    const QStringList segments = key.split(QLatin1Char('/'));
    QString path;
    for (int i = 0; i + 1 < segments.size(); ++i) {
        path = path.isEmpty() ? segments[i] : path + QLatin1Char('/') + segments[i];
        urls.append(urlOf(path) + '/');
    }
    for (const QByteArray& url : urls) {
        {
            std::lock_guard lock(m_foldersMutex);
            if (m_madeFolders.contains(url))
                continue;
        }
        int attempts = 0;
        const auto outcome = simple("MKCOL", url, {}, &attempts);
        // 201 created; 405 exists already (RFC 4918) or a plain PUT endpoint without MKCOL; 501 the same;
        // 301 some servers redirect to the slash form.
        const long s = outcome.status;
        if (outcome.transportFailed() || (s != 201 && s != 405 && s != 501 && s != 301 && s != 200))
            return explain(outcome, QStringLiteral("create the folder %1").arg(QString::fromUtf8(QByteArray::fromPercentEncoding(url))),
                           attempts);
        std::lock_guard lock(m_foldersMutex);
        m_madeFolders.insert(url);
    }
    return Ok{};
}

Status WebDavStorage::put(StagedUpload& upload, const QString& key, const ProgressFn& progress)
{
    bool cancelled = false;
    int attempts = 0;
    const auto outcome = StreamedTransfer::put(urlOf(key), [this](CurlRequest& r) { authorize(r); }, upload, progress, &cancelled, &attempts);
    if (cancelled || outcome.cancelled)
        return fail(QStringLiteral("Cancelled: nothing was stored at %1.").arg(upload.key));
    if (outcome.transportFailed() || (outcome.status != 201 && outcome.status != 204 && outcome.status != 200))
        return explain(outcome, QStringLiteral("upload %1").arg(upload.key), attempts);
    return Ok{};
}

Status WebDavStorage::send(StagedUpload& upload, const ProgressFn& progress)
{
    if (auto made = makeFolders(upload.key); !made)
        return made;
    // A temporary sibling first: a reader never sees half a bundle at the key.
    upload.stagingName = upload.temporarySibling(upload.key);
    return put(upload, upload.stagingName, progress);
}

Status WebDavStorage::proveAt(const QString& key, const StagedUpload& upload)
{
    QByteArray landed;
    qint64 landedSize = 0;
    int attempts = 0;
    const auto got = StreamedTransfer::readBack(urlOf(key), [this](CurlRequest& r) { authorize(r); }, &landed, &landedSize, &attempts);
    if (got.transportFailed() || got.status != 200)
        return fail(QStringLiteral("The upload of %1 finished but cannot be checked: %2")
                        .arg(upload.key, explain(got, QStringLiteral("read back %1").arg(key), attempts).message));
    if (landedSize != upload.size || landed != upload.sha256)
        return fail(QStringLiteral("What %1 stored at %2 differs from the local file (SHA-256 mismatch); it was deleted. Try "
                                   "again and check the server.")
                        .arg(describe(), upload.key));
    return Ok{};
}

Status WebDavStorage::prove(StagedUpload& upload)
{
    return proveAt(upload.published ? upload.key : upload.stagingName, upload);
}

Status WebDavStorage::publish(StagedUpload& upload)
{
    int attempts = 0;
    const auto moved = simple("MOVE", urlOf(upload.stagingName), {"Destination: " + urlOf(upload.key), "Overwrite: T"}, &attempts);
    if (!moved.transportFailed() && (moved.status == 201 || moved.status == 204)) {
        upload.stagingName.clear();
        upload.published = true;
        return Ok{};
    }
    if (moved.transportFailed() || (moved.status != 405 && moved.status != 501))
        return explain(moved, QStringLiteral("move the upload into place at %1").arg(upload.key), attempts);
    // A plain PUT endpoint without WebDAV: write the key directly, and prove it there.
    discard(upload);
    upload.stagingName.clear();
    upload.published = true;
    const QByteArray sent = upload.sha256;
    if (auto direct = put(upload, upload.key, {}); !direct)
        return direct;
    if (upload.sha256 != sent)
        return fail(QStringLiteral("%1 changed while it was being uploaded: nothing was published; upload it again.").arg(upload.localPath));
    return proveAt(upload.key, upload);
}

void WebDavStorage::discard(const StagedUpload& upload)
{
    const QString& where = upload.published ? upload.key : upload.stagingName;
    if (where.isEmpty())
        return;
    const auto ignored = simple("DELETE", urlOf(where));
    Q_UNUSED(ignored);
}

Result<StoredObject> WebDavStorage::stat(const QString& key)
{
    if (auto valid = ObjectKey::validate(key); !valid)
        return valid.error();
    int attempts = 0;
    const auto outcome = simple("HEAD", urlOf(key), {}, &attempts);
    if (!outcome.transportFailed() && outcome.status == 404)
        return fail(QStringLiteral("%1 is not on %2.").arg(key, describe()), NotFound);
    if (outcome.transportFailed() || outcome.status != 200)
        return explain(outcome, QStringLiteral("look up %1").arg(key), attempts);
    StoredObject object;
    object.key = key;
    object.size = outcome.headers.value("content-length", "-1").toLongLong();
    object.etag = QString::fromLatin1(outcome.headers.value("etag"));
    object.modified = QLocale::c().toDateTime(QString::fromLatin1(outcome.headers.value("last-modified")),
                                               QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    object.modified.setTimeSpec(Qt::UTC);
    return object;
}

Status WebDavStorage::remove(const QString& key)
{
    if (auto valid = ObjectKey::validate(key); !valid)
        return valid;
    int attempts = 0;
    const auto outcome = simple("DELETE", urlOf(key), {}, &attempts);
    if (!outcome.transportFailed() && (outcome.status == 200 || outcome.status == 204 || outcome.status == 404))
        return Ok{};
    return explain(outcome, QStringLiteral("delete %1").arg(key), attempts);
}

Status WebDavStorage::download(const QString& key, const QString& localPath, const ProgressFn& progress)
{
    return StreamedTransfer::download(
        urlOf(key), [this](CurlRequest& r) { authorize(r); }, key, localPath, progress,
        [&](const CurlRequest::Outcome& outcome, int attempts) { return explain(outcome, QStringLiteral("download %1").arg(key), attempts); });
}

QUrl WebDavStorage::publicUrl(const QString& key) const
{
    if (!m_publicBase.isEmpty())
        return ObjectKey::appendTo(m_publicBase, key);
    return QUrl::fromEncoded(urlOf(key), QUrl::StrictMode);
}

} // namespace slipway::storage
