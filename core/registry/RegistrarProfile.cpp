#include "registry/RegistrarProfile.h"

#include "common/DataLocation.h"
#include "registry/CapgoClient.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>

namespace slipway::registry {

namespace {

Status writeProfiles(const QJsonArray& array)
{
    const QString path = RegistrarProfileStore::filePath();
    QDir().mkpath(DataLocation::root());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("Cannot write the registrar profiles to %1: %2").arg(path, file.errorString()));
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("profiles"), array}}).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return fail(QStringLiteral("Cannot write the registrar profiles to %1: %2").arg(path, file.errorString()));
    return Ok{};
}

} // namespace

QUrl RegistrarProfile::defaultCapgoApiHost()
{
    return QUrl(QStringLiteral("https://api.capgo.app"));
}

QJsonObject RegistrarProfile::toJson() const
{
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("kind"), kind},
                       {QStringLiteral("api_host"), apiHost.toString()}};
}

Result<RegistrarProfile> RegistrarProfile::fromJson(const QJsonObject& object)
{
    RegistrarProfile profile;
    profile.name = object.value(QStringLiteral("name")).toString();
    profile.kind = object.value(QStringLiteral("kind")).toString();
    profile.apiHost = QUrl(object.value(QStringLiteral("api_host")).toString());
    if (Status s = validateName(profile.name); !s)
        return s.error();
    if (profile.kind != QLatin1String("capgo"))
        return fail(QStringLiteral("the profile '%1' has the unknown kind '%2' (only 'capgo' exists)")
                        .arg(profile.name, profile.kind));
    if (profile.apiHost.isEmpty())
        profile.apiHost = defaultCapgoApiHost();
    if (Status s =
            CapgoClient::checkSecureHost(profile.apiHost, QStringLiteral("API host of profile '%1'").arg(profile.name));
        !s)
        return s.error();
    return profile;
}

Status RegistrarProfile::validateName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    if (!pattern.match(name).hasMatch())
        return fail(QStringLiteral(
                        "'%1' is not a usable registrar profile name: use up to 64 letters, digits, '.', '_' or '-'.")
                        .arg(name),
                    2);
    if (name == QLatin1String("local"))
        return fail(QStringLiteral(
                        "'local' is the built-in registrar (the channel manifest next to the bundles): choose another "
                        "name."),
                    2);
    return Ok{};
}

QString RegistrarProfileStore::filePath()
{
    return DataLocation::root() + QStringLiteral("/registrar-profiles.json");
}

Result<QList<RegistrarProfile>> RegistrarProfileStore::load()
{
    QList<RegistrarProfile> profiles;
    QFile file(filePath());
    if (!file.exists())
        return profiles;
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot read the registrar profiles in %1: %2").arg(filePath(), file.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return fail(QStringLiteral("The registrar profiles file %1 is damaged (%2): fix or delete it.")
                        .arg(filePath(), error.errorString()));
    for (const auto& value : doc.object().value(QStringLiteral("profiles")).toArray()) {
        auto profile = RegistrarProfile::fromJson(value.toObject());
        if (!profile)
            return fail(
                QStringLiteral("A registrar profile in %1 is invalid: %2").arg(filePath(), profile.error().message));
        profiles.append(profile.value());
    }
    return profiles;
}

Result<RegistrarProfile> RegistrarProfileStore::find(const QString& name)
{
    auto profiles = load();
    if (!profiles)
        return profiles.error();
    for (const auto& profile : profiles.value()) {
        if (profile.name == name)
            return profile;
    }
    return fail(
        QStringLiteral("There is no registrar profile named '%1': add it with 'slipway registrar add %1 --capgo' or "
                       "list them with 'slipway registrar list'.")
            .arg(name),
        2);
}

Status RegistrarProfileStore::save(const RegistrarProfile& profile)
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
    return writeProfiles(array);
}

Status RegistrarProfileStore::remove(const QString& name)
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
        return fail(QStringLiteral("There is no registrar profile named '%1'.").arg(name), 2);
    return writeProfiles(array);
}

} // namespace slipway::registry
