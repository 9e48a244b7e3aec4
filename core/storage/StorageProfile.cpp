#include "storage/StorageProfile.h"

#include "common/ProfileFile.h"

#include <QRegularExpression>
#include <QUrlQuery>

namespace slipway::storage {

namespace {

const QStringList kKnownOptions{QStringLiteral("endpoint"), QStringLiteral("region"), QStringLiteral("style"),
                                QStringLiteral("host-key"), QStringLiteral("key"), QStringLiteral("auth"),
                                QStringLiteral("checksum")};

} // namespace

StorageKind StorageProfile::kind() const
{
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("s3"))
        return StorageKind::S3;
    if (scheme == QLatin1String("sftp"))
        return StorageKind::Sftp;
    if (scheme == QLatin1String("file"))
        return StorageKind::Folder;
    return StorageKind::WebDav;
}

QString StorageProfile::option(const QString& name) const
{
    return QUrlQuery(url).queryItemValue(name, QUrl::FullyDecoded);
}

void StorageProfile::setOption(const QString& name, const QString& value)
{
    QUrlQuery query(url);
    query.removeAllQueryItems(name);
    if (!value.isEmpty())
        query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value, "/:")));
    url.setQuery(query.isEmpty() ? QString() : query.query(QUrl::FullyEncoded), QUrl::StrictMode);
}

QJsonObject StorageProfile::toJson() const
{
    QJsonObject object{{QStringLiteral("name"), name}, {QStringLiteral("url"), url.toString(QUrl::FullyEncoded)}};
    if (!publicBaseUrl.isEmpty())
        object.insert(QStringLiteral("publicBaseUrl"), publicBaseUrl.toString(QUrl::FullyEncoded));
    return object;
}

Result<StorageProfile> StorageProfile::fromJson(const QJsonObject& object)
{
    return fromUrl(object.value(QStringLiteral("name")).toString(), object.value(QStringLiteral("url")).toString(),
                   object.value(QStringLiteral("publicBaseUrl")).toString());
}

Status StorageProfile::validateName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    if (!pattern.match(name).hasMatch())
        return fail(QStringLiteral("'%1' is not a usable storage profile name: use letters, digits, '.', '_' or '-' "
                                   "(up to 64, starting with a letter or digit).")
                        .arg(name));
    return Ok{};
}

Result<StorageProfile> StorageProfile::fromUrl(const QString& name, const QString& url, const QString& publicBaseUrl)
{
    StorageProfile profile;
    profile.name = name;
    profile.url = QUrl(url, QUrl::StrictMode);
    if (!profile.url.isValid() || profile.url.scheme().isEmpty())
        return fail(QStringLiteral("'%1' is not a storage URL: use s3://BUCKET/PREFIX, https://HOST/PATH, "
                                   "sftp://USER@HOST:PORT/PATH or file:///PATH.")
                        .arg(url));
    const QString scheme = profile.url.scheme().toLower();
    profile.url.setScheme(scheme);
    if (!QStringList{QStringLiteral("s3"), QStringLiteral("http"), QStringLiteral("https"), QStringLiteral("sftp"),
                     QStringLiteral("file")}
             .contains(scheme))
        return fail(QStringLiteral("Storage URLs start with s3://, https://, http://, sftp:// or file://, not %1://.").arg(scheme));
    if (!profile.url.password().isEmpty())
        return fail(QStringLiteral("The storage URL contains a password. Secrets never go into URLs or profiles: "
                                   "give them through the environment or the keychain (see docs/storage.md)."));
    const QUrlQuery query(profile.url);
    for (const auto& item : query.queryItems()) {
        if (!kKnownOptions.contains(item.first))
            return fail(QStringLiteral("Unknown storage URL option '%1' (known: %2).").arg(item.first, kKnownOptions.join(QStringLiteral(", "))));
    }
    if (scheme == QLatin1String("s3")) {
        if (profile.url.host().isEmpty())
            return fail(QStringLiteral("The S3 URL '%1' names no bucket: use s3://BUCKET/PREFIX.").arg(url));
        const QString endpoint = profile.option(QStringLiteral("endpoint"));
        if (!endpoint.isEmpty()) {
            const QUrl e(endpoint);
            if (!e.isValid() || (e.scheme() != QLatin1String("http") && e.scheme() != QLatin1String("https")) || e.host().isEmpty())
                return fail(QStringLiteral("The S3 endpoint '%1' must be an http:// or https:// URL such as "
                                           "https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:9000.")
                                .arg(endpoint));
        }
        const QString checksum = profile.option(QStringLiteral("checksum"));
        if (!checksum.isEmpty() && checksum != QLatin1String("md5") && checksum != QLatin1String("sha256"))
            return fail(QStringLiteral("The S3 checksum must be 'md5' (Content-MD5) or 'sha256' (signed payload hash), not '%1'.").arg(checksum));
        const QString style = profile.option(QStringLiteral("style"));
        if (!style.isEmpty() && style != QLatin1String("path") && style != QLatin1String("virtual"))
            return fail(QStringLiteral("The S3 addressing style must be 'path' or 'virtual', not '%1'.").arg(style));
    } else if (scheme == QLatin1String("sftp")) {
        if (profile.url.host().isEmpty() || profile.url.userName().isEmpty())
            return fail(QStringLiteral("The SFTP URL '%1' needs a user and a host: sftp://USER@HOST:PORT/PATH.").arg(url));
        const QString hostKey = profile.option(QStringLiteral("host-key"));
        if (!hostKey.isEmpty() && !hostKey.startsWith(QLatin1String("SHA256:")))
            return fail(QStringLiteral("The SFTP host key must be given as its SHA-256 fingerprint, "
                                       "'SHA256:...' as printed by ssh-keygen -l."));
    } else if (scheme == QLatin1String("file")) {
        if (!profile.url.isLocalFile() || profile.url.toLocalFile().isEmpty())
            return fail(QStringLiteral("The folder URL '%1' must be file:///ABSOLUTE/PATH.").arg(url));
    } else if (profile.url.host().isEmpty()) {
        return fail(QStringLiteral("The WebDAV URL '%1' names no host.").arg(url));
    }
    if (!publicBaseUrl.isEmpty()) {
        profile.publicBaseUrl = QUrl(publicBaseUrl, QUrl::StrictMode);
        if (!profile.publicBaseUrl.isValid() || profile.publicBaseUrl.scheme().isEmpty())
            return fail(QStringLiteral("The public base URL '%1' is not a valid URL (e.g. https://cdn.example.com/bundles).").arg(publicBaseUrl));
    }
    return profile;
}

namespace {

ProfileFile profileFile()
{
    return {QStringLiteral("storage-profiles.json"), QStringLiteral("storage profiles")};
}

} // namespace

QString StorageProfileStore::filePath()
{
    return profileFile().path();
}

Result<QList<StorageProfile>> StorageProfileStore::load()
{
    return profileFile().load<StorageProfile>();
}

Result<StorageProfile> StorageProfileStore::find(const QString& name)
{
    auto found = profileFile().find<StorageProfile>(name);
    if (!found)
        return found.error();
    if (found->has_value())
        return found->value();
    return fail(QStringLiteral("There is no storage profile named '%1': add it with 'slipway storage add %1 --url URL' "
                               "or list them with 'slipway storage list'.")
                    .arg(name));
}

Status StorageProfileStore::save(const StorageProfile& profile)
{
    return profileFile().put(profile.toJson());
}

Status StorageProfileStore::remove(const QString& name)
{
    auto removed = profileFile().remove(name);
    if (!removed)
        return removed.error();
    if (!removed.value())
        return fail(QStringLiteral("There is no storage profile named '%1'.").arg(name));
    return Ok{};
}

} // namespace slipway::storage
