#include "registry/RegistrarProfile.h"

#include "common/ProfileFile.h"
#include "registry/CapgoClient.h"

#include <QRegularExpression>

namespace slipway::registry {

QUrl RegistrarProfile::defaultCapgoApiHost()
{
    return QUrl{QStringLiteral("https://api.capgo.app")};
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

namespace {

ProfileFile profileFile()
{
    return {QStringLiteral("registrar-profiles.json"), QStringLiteral("registrar profiles")};
}

} // namespace

QString RegistrarProfileStore::filePath()
{
    return profileFile().path();
}

Result<QList<RegistrarProfile>> RegistrarProfileStore::load()
{
    return profileFile().load<RegistrarProfile>();
}

Result<RegistrarProfile> RegistrarProfileStore::find(const QString& name)
{
    auto found = profileFile().find<RegistrarProfile>(name);
    if (!found)
        return found.error();
    if (found->has_value())
        return found->value();
    return fail(
        QStringLiteral("There is no registrar profile named '%1': add it with 'slipway registrar add %1 --capgo' or "
                       "list them with 'slipway registrar list'.")
            .arg(name),
        2);
}

Status RegistrarProfileStore::save(const RegistrarProfile& profile)
{
    return profileFile().put(profile.toJson());
}

Status RegistrarProfileStore::remove(const QString& name)
{
    auto removed = profileFile().remove(name);
    if (!removed)
        return removed.error();
    if (!removed.value())
        return fail(QStringLiteral("There is no registrar profile named '%1'.").arg(name), 2);
    return Ok{};
}

} // namespace slipway::registry
