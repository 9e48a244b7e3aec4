#include "registry/CapgoRegistrar.h"

#include "registry/CapgoApiKey.h"
#include "registry/CapgoClient.h"
#include "registry/CapgoJsonBody.h"
#include "registry/RegistrarProfile.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace slipway::registry {

namespace {

// The CLI's own semver test for --min-update-version (x.y.z with optional pre-release/build).
bool looksLikeSemver(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral(
        R"(^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$)"));
    return pattern.match(text).hasMatch();
}

QJsonValue orNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

// Reports the step count to the runner; false means the user cancelled.
class Steps
{
public:
    Steps(const ProgressFn& progress, qint64 total) : m_progress(progress), m_total(total) {}
    [[nodiscard]] bool next()
    {
        ++m_done;
        return !m_progress || m_progress(std::min(m_done, m_total), m_total);
    }
    // After the first write cancelling would leave half a registration: report, never stop.
    void report() { (void)next(); }

private:
    const ProgressFn& m_progress;
    qint64 m_total;
    qint64 m_done = 0;
};

Error cancelled()
{
    return fail(QStringLiteral("cancelled before anything was written to Capgo"));
}

} // namespace

CapgoRegistrar::CapgoRegistrar(QUrl apiHost, SecureBytes apiKey, QString profileName)
    : m_apiHost(std::move(apiHost)), m_apiKey(std::move(apiKey)), m_profileName(std::move(profileName))
{
}

CapgoRegistrar::~CapgoRegistrar() = default;

QString CapgoRegistrar::describe() const
{
    const QString where = m_apiHost == RegistrarProfile::defaultCapgoApiHost()
                              ? QStringLiteral("Capgo Cloud")
                              : QStringLiteral("Capgo at %1").arg(m_apiHost.toString());
    return m_profileName.isEmpty() ? where : QStringLiteral("%1 (profile %2)").arg(where, m_profileName);
}

Status CapgoRegistrar::validate(const RegistrationRequest& request)
{
    if (request.appId.isEmpty() || request.version.isEmpty() || request.channel.isEmpty())
        return fail(QStringLiteral("Capgo registration needs an app id, a version and a channel."), 2);
    static const QRegularExpression appIdPattern(QStringLiteral("^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)+$"));
    if (!appIdPattern.match(request.appId).hasMatch())
        return fail(
            QStringLiteral("\"%1\" is not an app id Capgo knows: use the reverse-domain appId of capacitor.config "
                           "(e.g. com.example.app).")
                .arg(request.appId),
            2);
    const QUrl& url = request.bundleUrl;
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty())
        return fail(QStringLiteral(
                        "Capgo only accepts an https:// URL for an external bundle, and \"%1\" is not one: publish the "
                        "bundle behind https (a storage profile with an https public base URL).")
                        .arg(url.toString()),
                    2);
    if (request.ivSessionKey.isEmpty() || !request.ivSessionKey.contains(QLatin1Char(':')))
        return fail(QStringLiteral("The session key (IV:KEY, from the encryption step) is missing or malformed."), 2);
    if (request.signedChecksum.isEmpty())
        return fail(QStringLiteral("The signed checksum (from the encryption step) is missing."), 2);
    if (!request.minUpdateVersion.isEmpty() && !looksLikeSemver(request.minUpdateVersion))
        return fail(QStringLiteral(
                        "The minimum update version \"%1\" is not a semantic version (MAJOR.MINOR.PATCH), which Capgo "
                        "requires.")
                        .arg(request.minUpdateVersion),
                    2);
    return Ok{};
}

Status CapgoRegistrar::checkPermission(CapgoClient& client, const RegistrationRequest& request,
                                       const QString& permission, const QJsonValue& channelId)
{
    const QByteArray body = CapgoJsonBody{
        {QStringLiteral("apikey"), QString::fromUtf8(m_apiKey.bytes())},
        {QStringLiteral("permission_key"), permission},
        {QStringLiteral("org_id"), QJsonValue::Null},
        {QStringLiteral("app_id"), request.appId},
        {QStringLiteral("channel_id"),
         channelId}}.bytes();
    auto allowed = client.rpc(QStringLiteral("cli_check_permission"), body, false,
                              QStringLiteral("checking the permission %1").arg(permission));
    if (!allowed)
        return allowed.error();
    if (!allowed->toBool())
        return fail(
            QStringLiteral("This Capgo API key lacks the permission %1 for %2: nothing was registered. Use a key with "
                           "upload rights for this app (Capgo console, API keys).")
                .arg(permission, request.appId),
            403);
    return Ok{};
}

Result<bool> CapgoRegistrar::versionExists(CapgoClient& client, const RegistrationRequest& request)
{
    const QByteArray body = CapgoJsonBody{
        {QStringLiteral("appid"), request.appId},
        {QStringLiteral("name_version"),
         request.version}}.bytes();
    auto exists = client.rpc(QStringLiteral("exist_app_versions"), body, true,
                             QStringLiteral("checking whether version %1 exists").arg(request.version));
    if (!exists)
        return exists.error();
    return exists->toBool();
}

Result<CapgoRegistrar::Channel> CapgoRegistrar::targetChannel(CapgoClient& client, const RegistrationRequest& request)
{
    auto rows =
        client.select(QStringLiteral("channels"),
                      {{QStringLiteral("select"),
                        QStringLiteral("id,public,version,rollout_version,rollout_enabled,rollout_percentage_bps")},
                       {QStringLiteral("app_id"), QStringLiteral("eq.") + request.appId},
                       {QStringLiteral("name"), QStringLiteral("eq.") + request.channel}},
                      QStringLiteral("reading channel %1").arg(request.channel));
    if (!rows)
        return rows.error();
    Channel channel;
    if (rows->isEmpty())
        return channel;
    const QJsonObject row = rows->first().toObject();
    channel.exists = true;
    channel.id = row.value(QStringLiteral("id")).toInteger();
    channel.version = row.value(QStringLiteral("version"));
    return channel;
}

Result<qint64> CapgoRegistrar::versionId(CapgoClient& client, const RegistrationRequest& request)
{
    const QByteArray body = CapgoJsonBody{
        {QStringLiteral("apikey"), QString::fromUtf8(m_apiKey.bytes())},
        {QStringLiteral("name_version"), request.version},
        {QStringLiteral("appid"),
         request.appId}}.bytes();
    auto id = client.rpc(QStringLiteral("get_app_versions"), body, true,
                         QStringLiteral("looking up the id of version %1").arg(request.version));
    if (!id)
        return id.error();
    if (!id->isDouble() || id->toInteger() <= 0)
        return fail(
            QStringLiteral("Capgo did not return an id for version %1 of %2.").arg(request.version, request.appId));
    return id->toInteger();
}

Result<QJsonObject> CapgoRegistrar::pointChannel(CapgoClient& client, const RegistrationRequest& request,
                                                 const Channel& channel)
{
    QJsonObject outcome{{QStringLiteral("channel"), request.channel}};
    if (channel.exists) {
        auto id = versionId(client, request);
        if (!id)
            return id.error();
        const QByteArray body = CapgoJsonBody{
            {QStringLiteral("app_id"), request.appId},
            {QStringLiteral("version_id"), id.value()},
            {QStringLiteral("channel_id"),
             channel.id}}.bytes();
        auto set = client.api("PUT", QStringLiteral("bundle"), body,
                              QStringLiteral("pointing channel %1 at it").arg(request.channel));
        if (!set)
            return set.error();
        outcome.insert(QStringLiteral("version_id"), id.value());
        outcome.insert(QStringLiteral("channel_id"), channel.id);
        outcome.insert(QStringLiteral("channel_created"), false);
        return outcome;
    }
    const QByteArray body = CapgoJsonBody{
        {QStringLiteral("app_id"), request.appId},
        {QStringLiteral("channel"), request.channel},
        {QStringLiteral("version"),
         request.version}}.bytes();
    auto created = client.api("POST", QStringLiteral("channel"), body,
                              QStringLiteral("creating channel %1 for it").arg(request.channel));
    if (!created)
        return created.error();
    const QJsonValue id = created->toObject().value(QStringLiteral("id"));
    if (!id.isUndefined())
        outcome.insert(QStringLiteral("channel_id"), id);
    outcome.insert(QStringLiteral("channel_created"), true);
    return outcome;
}

Result<RegistrationResult> CapgoRegistrar::registerRelease(const RegistrationRequest& request,
                                                           const ProgressFn& progress)
{
    if (Status s = validate(request); !s)
        return s.error();
    CapgoClient client(m_apiHost, m_apiKey);
    Steps steps(progress, 10);
    if (Status s = client.fetchConfig(); !s)
        return s.error();
    if (!steps.next())
        return cancelled();

    // Gates the CLI passes before it writes anything; each failure keeps the CLI's meaning.
    const QByteArray appBody = CapgoJsonBody{{QStringLiteral("app_id"), request.appId}}.bytes();
    auto twoFactor = client.rpc(QStringLiteral("reject_access_due_to_2fa_for_app"), appBody, false,
                                QStringLiteral("checking the organisation's 2FA rule"));
    // An older self-hosted backend without this function has no 2FA rule to enforce (as the CLI treats it).
    if (!twoFactor && twoFactor.error().code != 404)
        return twoFactor.error();
    if (twoFactor && twoFactor->toBool())
        return fail(
            QStringLiteral("The Capgo organisation of %1 requires two-factor authentication and the owner of this API "
                           "key has not enabled it: enable 2FA in the Capgo console (settings, account). Nothing "
                           "was registered.")
                .arg(request.appId),
            403);
    if (Status s = checkPermission(client, request, QStringLiteral("app.upload_bundle"), QJsonValue::Null); !s)
        return s.error();
    if (!steps.next())
        return cancelled();

    auto user = client.rpc(QStringLiteral("request_actor_user_id"), "{}", false,
                           QStringLiteral("identifying the API key's user"));
    if (!user)
        return user.error();
    const QString userId = user->toString();
    if (userId.isEmpty())
        return fail(QStringLiteral(
                        "Capgo did not recognise the API key (no user behind it): check CAPGO_TOKEN or the key stored "
                        "for this registrar profile."),
                    401);
    if (!steps.next())
        return cancelled();

    auto app = client.api("GET", QStringLiteral("app/") + request.appId, {},
                          QStringLiteral("reading app %1").arg(request.appId));
    if (!app) {
        if (app.error().code == 404)
            return fail(
                QStringLiteral("The app %1 does not exist on %2 (or this API key cannot see it): add it in the Capgo "
                               "console or with 'capgo app add' first.")
                    .arg(request.appId, describe()),
                404);
        return app.error();
    }
    const QString ownerOrg = app->toObject().value(QStringLiteral("owner_org")).toString();
    if (ownerOrg.isEmpty())
        return fail(QStringLiteral("Capgo did not say which organisation owns %1.").arg(request.appId));
    if (!steps.next())
        return cancelled();

    const QByteArray planBody = CapgoJsonBody{
        {QStringLiteral("orgid"), ownerOrg},
        {QStringLiteral("actions"), QJsonArray{QStringLiteral("storage")}},
        {QStringLiteral("appid"),
         request.appId}}.bytes();
    auto plan = client.rpc(QStringLiteral("is_allowed_action_org_action"), planBody, false,
                           QStringLiteral("checking the organisation's plan"));
    if (!plan && plan.error().code == 404) // older backends: the per-organisation check, as the CLI falls back
        plan = client.rpc(QStringLiteral("is_allowed_action_org"),
                          CapgoJsonBody{{QStringLiteral("orgid"), ownerOrg}}.bytes(), true,
                          QStringLiteral("checking the organisation's plan"));
    if (!plan)
        return plan.error();
    if (!plan->toBool())
        return fail(QStringLiteral(
                        "Capgo does not allow new bundles for %1 on its organisation's current plan (or this key may "
                        "not read its billing): upgrade the plan in the Capgo console. Nothing was registered.")
                        .arg(request.appId),
                    402);
    if (!steps.next())
        return cancelled();

    auto exists = versionExists(client, request);
    if (!exists)
        return exists.error();
    if (exists.value() && !m_repointExisting)
        return fail(
            QStringLiteral("Version %1 already exists for %2 on Capgo: nothing was registered and channel %3 was not "
                           "changed. Release a new version number, or re-point the channel at the existing version "
                           "on purpose ('slipway capgo register ... --repoint-existing').")
                .arg(request.version, request.appId, request.channel),
            VersionExistsCode);
    if (!steps.next())
        return cancelled();

    // The CLI's compatibility read: a channel that targets devices by native version needs a minimum.
    auto compat =
        client.select(QStringLiteral("channels"),
                      {{QStringLiteral("select"),
                        QStringLiteral("disable_auto_update,version(id,name,min_update_version,native_packages)")},
                       {QStringLiteral("name"), QStringLiteral("eq.") + request.channel},
                       {QStringLiteral("app_id"), QStringLiteral("eq.") + request.appId}},
                      QStringLiteral("reading channel %1's update rules").arg(request.channel));
    if (!compat)
        return compat.error();
    if (!compat->isEmpty() &&
        compat->first().toObject().value(QStringLiteral("disable_auto_update")).toString() ==
            QLatin1String("version_number") &&
        request.minUpdateVersion.isEmpty())
        return fail(
            QStringLiteral("Channel %1 of %2 only updates devices by version number (disable_auto_update = "
                           "version_number), so Capgo needs a minimum update version: give one (--min-update-version). "
                           "Nothing was registered.")
                .arg(request.channel, request.appId),
            2);
    if (!steps.next())
        return cancelled();

    auto channel = targetChannel(client, request);
    if (!channel)
        return channel.error();
    if (Status s = channel->exists
                       ? checkPermission(client, request, QStringLiteral("channel.promote_bundle"), channel->id)
                       : checkPermission(client, request, QStringLiteral("app.create_channel"), QJsonValue::Null);
        !s)
        return s.error();
    if (!steps.next())
        return cancelled();

    QJsonObject published;
    if (!exists.value()) {
        CapgoJsonBody row;
        row.add(QStringLiteral("name"), request.version)
            .add(QStringLiteral("app_id"), request.appId)
            .add(QStringLiteral("session_key"), request.ivSessionKey)
            .add(QStringLiteral("external_url"), request.bundleUrl.toString(QUrl::FullyEncoded))
            .add(QStringLiteral("storage_provider"), QStringLiteral("external"));
        if (!request.minUpdateVersion.isEmpty())
            row.add(QStringLiteral("min_update_version"), request.minUpdateVersion);
        row.add(QStringLiteral("native_packages"), QJsonArray())
            .add(QStringLiteral("owner_org"), ownerOrg)
            .add(QStringLiteral("user_id"), userId)
            .add(QStringLiteral("checksum"), request.signedChecksum)
            .add(QStringLiteral("link"), orNull(request.link))
            .add(QStringLiteral("comment"), orNull(request.comment))
            .add(QStringLiteral("cli_version"), QLatin1String(ContractCliVersion));
        if (Status s = client.upsert(QStringLiteral("app_versions"),
                                     {{QStringLiteral("on_conflict"), QStringLiteral("name,app_id")},
                                      {QStringLiteral("app_id"), QStringLiteral("eq.") + request.appId},
                                      {QStringLiteral("name"), QStringLiteral("eq.") + request.version}},
                                     row.bytes(), QStringLiteral("registering version %1").arg(request.version));
            !s) {
            if (s.error().code >= 400)
                return fail(QStringLiteral("%1 Nothing was registered.").arg(s.error().message), s.error().code);
            return fail(QStringLiteral(
                            "%1 Slipway cannot tell whether Capgo recorded version %2; run the registration again: it "
                            "reports \"already exists\" if it did.")
                            .arg(s.error().message, request.version),
                        s.error().code);
        }
    }
    // From here on a failure leaves half a registration: say exactly which half.
    steps.report();

    auto pointed = pointChannel(client, request, channel.value());
    if (!pointed) {
        return fail(QStringLiteral(
                        "Version %1 of %2 is registered on Capgo (%3), but channel %4 was NOT changed: %5 Finish the "
                        "assignment with 'slipway capgo register ... --repoint-existing' or in the Capgo console.")
                        .arg(request.version, request.appId, request.bundleUrl.toString(), request.channel,
                             pointed.error().message),
                    ChannelNotChangedCode);
    }
    steps.report();

    published = pointed.value();
    published.insert(QStringLiteral("app_id"), request.appId);
    published.insert(QStringLiteral("version"), request.version);
    published.insert(QStringLiteral("external_url"), request.bundleUrl.toString());
    published.insert(QStringLiteral("api_host"), m_apiHost.toString());
    published.insert(QStringLiteral("version_existed"), exists.value());

    RegistrationResult result;
    result.published = published;
    const QString how = exists.value() ? QStringLiteral("already registered; channel re-pointed")
                                       : QStringLiteral("registered (external %1)").arg(request.bundleUrl.toString());
    result.summary =
        QStringLiteral("%1: %2 %3 %4, channel %5 %6 it")
            .arg(describe(), request.appId, request.version, how, request.channel,
                 published.value(QStringLiteral("channel_created")).toBool() ? QStringLiteral("created for")
                                                                             : QStringLiteral("now points to"));
    return result;
}

Result<bool> CapgoRegistrar::isRegistered(const RegistrationRequest& request)
{
    CapgoClient client(m_apiHost, m_apiKey);
    if (Status s = client.fetchConfig(); !s)
        return s.error();
    auto exists = versionExists(client, request);
    if (!exists)
        return exists.error();
    if (!exists.value())
        return false;
    auto channel = targetChannel(client, request);
    if (!channel)
        return channel.error();
    if (!channel->exists || !channel->version.isDouble())
        return false;
    auto id = versionId(client, request);
    if (!id)
        return id.error();
    return channel->version.toInteger() == id.value();
}

Result<std::unique_ptr<Registrar>> openCapgoRegistrar(const QString& profileName)
{
    auto profile = RegistrarProfileStore::find(profileName);
    if (!profile)
        return profile.error();
    auto key = CapgoApiKey::resolve(profileName);
    if (!key)
        return key.error();
    return std::unique_ptr<Registrar>(std::make_unique<CapgoRegistrar>(profile->apiHost, key->key, profileName));
}

} // namespace slipway::registry
