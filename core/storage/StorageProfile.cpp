#include "storage/StorageProfile.h"

#include "common/DataLocation.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
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

Result<StorageProfile> StorageProfile::fromUrl(const QString& name, const QString& text, const QString& publicBaseUrl)
{
    StorageProfile profile;
    profile.name = name;
    profile.url = QUrl(text, QUrl::StrictMode);
    if (!profile.url.isValid() || profile.url.scheme().isEmpty())
        return fail(QStringLiteral("'%1' is not a storage URL: use s3://BUCKET/PREFIX, https://HOST/PATH, "
                                   "sftp://USER@HOST:PORT/PATH or file:///PATH.")
                        .arg(text));
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
            return fail(QStringLiteral("The S3 URL '%1' names no bucket: use s3://BUCKET/PREFIX.").arg(text));
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
            return fail(QStringLiteral("The SFTP URL '%1' needs a user and a host: sftp://USER@HOST:PORT/PATH.").arg(text));
        const QString hostKey = profile.option(QStringLiteral("host-key"));
        if (!hostKey.isEmpty() && !hostKey.startsWith(QLatin1String("SHA256:")))
            return fail(QStringLiteral("The SFTP host key must be given as its SHA-256 fingerprint, "
                                       "'SHA256:...' as printed by ssh-keygen -l."));
    } else if (scheme == QLatin1String("file")) {
        if (!profile.url.isLocalFile() || profile.url.toLocalFile().isEmpty())
            return fail(QStringLiteral("The folder URL '%1' must be file:///ABSOLUTE/PATH.").arg(text));
    } else if (profile.url.host().isEmpty()) {
        return fail(QStringLiteral("The WebDAV URL '%1' names no host.").arg(text));
    }
    if (!publicBaseUrl.isEmpty()) {
        profile.publicBaseUrl = QUrl(publicBaseUrl, QUrl::StrictMode);
        if (!profile.publicBaseUrl.isValid() || profile.publicBaseUrl.scheme().isEmpty())
            return fail(QStringLiteral("The public base URL '%1' is not a valid URL (e.g. https://cdn.example.com/bundles).").arg(publicBaseUrl));
    }
    return profile;
}

QString StorageProfileStore::filePath()
{
    return DataLocation::root() + QStringLiteral("/storage-profiles.json");
}

Result<QList<StorageProfile>> StorageProfileStore::load()
{
    QList<StorageProfile> profiles;
    QFile file(filePath());
    if (!file.exists())
        return profiles;
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot read the storage profiles in %1: %2").arg(filePath(), file.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return fail(QStringLiteral("The storage profiles file %1 is damaged (%2): fix or delete it.").arg(filePath(), error.errorString()));
    for (const auto& value : doc.object().value(QStringLiteral("profiles")).toArray()) {
        auto profile = StorageProfile::fromJson(value.toObject());
        if (!profile)
            return fail(QStringLiteral("A storage profile in %1 is invalid: %2").arg(filePath(), profile.error().message));
        profiles.append(profile.value());
    }
    return profiles;
}

Result<StorageProfile> StorageProfileStore::find(const QString& name)
{
    auto profiles = load();
    if (!profiles)
        return profiles.error();
    for (const auto& profile : profiles.value()) {
        if (profile.name == name)
            return profile;
    }
    return fail(QStringLiteral("There is no storage profile named '%1': add it with 'slipway storage add %1 --url URL' "
                               "or list them with 'slipway storage list'.")
                    .arg(name));
}

Status StorageProfileStore::save(const StorageProfile& profile)
{
    auto profiles = load();
    if (!profiles)
        return profiles.error();
    QJsonArray array;
    bool replaced = false;
    for (const auto& existing : profiles.value()) {
        if (existing.name == profile.name) {
            array.append(profile.toJson());
            replaced = true;
        } else {
            array.append(existing.toJson());
        }
    }
    if (!replaced)
        array.append(profile.toJson());
    QDir().mkpath(DataLocation::root());
    QSaveFile file(filePath());
    if (!file.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("Cannot write the storage profiles to %1: %2").arg(filePath(), file.errorString()));
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("profiles"), array}}).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return fail(QStringLiteral("Cannot write the storage profiles to %1: %2").arg(filePath(), file.errorString()));
    return Ok{};
}

Status StorageProfileStore::remove(const QString& name)
{
    auto profiles = load();
    if (!profiles)
        return profiles.error();
    QJsonArray array;
    bool found = false;
    for (const auto& existing : profiles.value()) {
        if (existing.name == name)
            found = true;
        else
            array.append(existing.toJson());
    }
    if (!found)
        return fail(QStringLiteral("There is no storage profile named '%1'.").arg(name));
    QSaveFile file(filePath());
    if (!file.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("Cannot write the storage profiles to %1: %2").arg(filePath(), file.errorString()));
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("profiles"), array}}).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return fail(QStringLiteral("Cannot write the storage profiles to %1: %2").arg(filePath(), file.errorString()));
    return Ok{};
}

} // namespace slipway::storage
