#include "storage/WebDavStorage.h"

#include "storage/ContentDigest.h"
#include "storage/FileCopy.h"
#include "storage/ObjectKey.h"
#include "storage/RetryPolicy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QRandomGenerator>

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
        int attempts = 0;
        const auto outcome = simple("MKCOL", url, {}, &attempts);
        // 201 created; 405 exists already (RFC 4918) or a plain PUT endpoint without MKCOL; 501 the same;
        // 301 some servers redirect to the slash form.
        const long s = outcome.status;
        if (outcome.transportFailed() || (s != 201 && s != 405 && s != 501 && s != 301 && s != 200))
            return explain(outcome, QStringLiteral("create the folder %1").arg(QString::fromUtf8(QByteArray::fromPercentEncoding(url))),
                           attempts);
    }
    return Ok{};
}

Status WebDavStorage::put(const QString& localPath, const QString& key, qint64 size, const ProgressFn& progress)
{
    bool cancelled = false;
    int attempts = 0;
    auto attempt = [&] {
        return RetryPolicy().run([&] {
            CurlRequest request(urlOf(key));
            authorize(request);
            request.setBodyFile(localPath, 0, size);
            request.setProgress([&](qint64 sent, qint64) {
                if (!reportProgress(progress, qMin(sent, size), size))
                    cancelled = true;
                return !cancelled;
            });
            return request.perform();
        }, nullptr, &attempts);
    };
    auto outcome = attempt();
    if (!cancelled && !outcome.transportFailed() && outcome.status == 409) {
        // The parent folder is missing and the server does not create it on PUT.
        if (auto made = makeFolders(key); !made)
            return made;
        outcome = attempt();
    }
    if (cancelled || outcome.cancelled)
        return fail(QStringLiteral("Cancelled: nothing was stored at %1.").arg(key));
    if (outcome.transportFailed() || (outcome.status != 201 && outcome.status != 204 && outcome.status != 200))
        return explain(outcome, QStringLiteral("upload %1").arg(key), attempts);
    return Ok{};
}

Status WebDavStorage::upload(const QString& localPath, const QString& key, const ProgressFn& progress)
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
    if (auto made = makeFolders(key); !made)
        return made;

    // A temporary sibling first: a reader never sees half a bundle at the key.
    const qsizetype slash = key.lastIndexOf(QLatin1Char('/'));
    const QString temp = key.left(slash + 1) + QStringLiteral(".%1.slipway-%2.part")
                                                    .arg(key.mid(slash + 1))
                                                    .arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
    if (auto sent = put(localPath, temp, size, progress); !sent) {
        const auto ignored = simple("DELETE", urlOf(temp));
        Q_UNUSED(ignored);
        return sent;
    }
    int attempts = 0;
    const auto moved = simple("MOVE", urlOf(temp), {"Destination: " + urlOf(key), "Overwrite: T"}, &attempts);
    if (moved.transportFailed() || (moved.status != 201 && moved.status != 204)) {
        const auto ignored = simple("DELETE", urlOf(temp));
        Q_UNUSED(ignored);
        if (moved.transportFailed() || (moved.status != 405 && moved.status != 501))
            return explain(moved, QStringLiteral("move the upload into place at %1").arg(key), attempts);
        // A plain PUT endpoint without WebDAV: write the key directly.
        if (auto sent = put(localPath, key, size, progress); !sent)
            return sent;
    }

    // Read back what landed and compare.
    const QString back = FileCopy::temporarySibling(QDir::tempPath() + QStringLiteral("/slipway-verify"));
    int getAttempts = 0;
    const auto got = RetryPolicy().run([&] {
        CurlRequest request(urlOf(key));
        authorize(request);
        request.setDownloadFile(back);
        return request.perform();
    }, nullptr, &getAttempts);
    auto landed = (got.transportFailed() || got.status != 200) ? Result<QByteArray>(explain(got, QStringLiteral("read back %1").arg(key), getAttempts))
                                                               : ContentDigest::sha256OfFile(back);
    QFile::remove(back);
    if (!landed)
        return fail(QStringLiteral("The upload of %1 finished but cannot be checked: %2").arg(key, landed.error().message));
    if (landed.value() != expected.value()) {
        const auto ignored = simple("DELETE", urlOf(key));
        Q_UNUSED(ignored);
        return fail(QStringLiteral("What %1 stored at %2 differs from the local file (SHA-256 mismatch); it was deleted. Try "
                                   "again and check the server.")
                        .arg(describe(), key));
    }
    reportProgress(progress, size, size);
    return Ok{};
}

Result<StoredObject> WebDavStorage::stat(const QString& key)
{
    if (auto valid = ObjectKey::validate(key); !valid)
        return valid.error();
    int attempts = 0;
    const auto outcome = simple("HEAD", urlOf(key), {}, &attempts);
    if (!outcome.transportFailed() && outcome.status == 404)
        return fail(QStringLiteral("%1 is not on %2.").arg(key, describe()), 4);
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

Result<bool> WebDavStorage::exists(const QString& key)
{
    auto found = stat(key);
    if (found)
        return true;
    if (found.error().code == 4)
        return false;
    return found.error();
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
    if (auto valid = ObjectKey::validate(key); !valid)
        return valid;
    const QString temp = FileCopy::temporarySibling(localPath);
    bool cancelled = false;
    int attempts = 0;
    const auto outcome = RetryPolicy().run([&] {
        CurlRequest request(urlOf(key));
        authorize(request);
        request.setDownloadFile(temp);
        request.setProgress([&](qint64, qint64 received) {
            if (!reportProgress(progress, received, -1))
                cancelled = true;
            return !cancelled;
        });
        return request.perform();
    }, nullptr, &attempts);
    if (cancelled || outcome.transportFailed() || outcome.status != 200) {
        QFile::remove(temp);
        if (cancelled)
            return fail(QStringLiteral("Cancelled: %1 was not downloaded.").arg(key));
        return explain(outcome, QStringLiteral("download %1").arg(key), attempts);
    }
    return FileCopy::replace(temp, localPath);
}

QUrl WebDavStorage::publicUrl(const QString& key) const
{
    if (!m_publicBase.isEmpty())
        return ObjectKey::appendTo(m_publicBase, key);
    return QUrl::fromEncoded(urlOf(key), QUrl::StrictMode);
}

} // namespace slipway::storage
