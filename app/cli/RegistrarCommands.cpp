// slipway registrar add | list | remove, and slipway capgo register
#include "cli/CliSupport.h"
#include "cli/KeyLoading.h"
#include "cli/CommandRegistry.h"
#include "registry/CapgoApiKey.h"
#include "registry/CapgoClient.h"
#include "registry/CapgoRegistrar.h"
#include "registry/RegistrarProfile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

namespace slipway::cli {

namespace {

using namespace registry;

// HTTP statuses travel in Error::code; a process exit code keeps only the few meanings scripts test.
int exitFor(const Error& error)
{
    const int code = error.code;
    const int exit = (code == ExitUsage || code == CapgoRegistrar::VersionExistsCode ||
                      code == CapgoRegistrar::ChannelNotChangedCode)
                         ? code
                         : ExitFailure;
    reportError(error.message, exit);
    return exit;
}


int registrarAdd(const QStringList& args)
{
    CommandLine cmd(
        QStringLiteral("registrar add"),
        QStringLiteral("Saves a registrar profile: where releases are registered (Capgo Cloud or a self-hosted Capgo). "
                       "Only the non-secret parts go to the profile file; the API key goes to the OS keychain."));
    cmd.addPositional(QStringLiteral("name"),
                      QStringLiteral("Profile name, e.g. capgo-prod (used by 'slipway release --registrar')."));
    cmd.addOption({QStringLiteral("capgo"), QStringLiteral("A Capgo registrar (the only kind for now).")});
    cmd.addOption(
        {QStringLiteral("api-host"),
         QStringLiteral("Capgo API host (default https://api.capgo.app; a self-hosted backend's API URL otherwise)."),
         QStringLiteral("url")});
    cmd.addOption(
        {QStringLiteral("api-key-stdin"),
         QStringLiteral(
             "Read the Capgo API key from stdin and store it in the OS keychain (else CAPGO_TOKEN is used).")});
    cmd.addOption({QStringLiteral("json"), QStringLiteral("Print the saved profile as JSON.")});
    if (!cmd.parse(args, 1, 1))
        return cmd.exitCode();
    if (!cmd.isSet(QStringLiteral("capgo")))
        return reportError(
            QStringLiteral("say which kind of registrar this is: --capgo (see 'slipway registrar add --help')"),
            ExitUsage);
    RegistrarProfile profile;
    profile.name = cmd.positional().first();
    if (Status s = RegistrarProfile::validateName(profile.name); !s)
        return exitFor(s.error());
    profile.apiHost = cmd.isSet(QStringLiteral("api-host")) ? QUrl(cmd.value(QStringLiteral("api-host")))
                                                            : RegistrarProfile::defaultCapgoApiHost();
    auto checked = RegistrarProfile::fromJson(profile.toJson());
    if (!checked)
        return exitFor(checked.error());
    if (cmd.isSet(QStringLiteral("api-key-stdin"))) {
        const auto key = readSecretFromStdin(QStringLiteral("--api-key-stdin"));
        if (!key)
            return reportError(key.error().message, ExitUsage);
        if (Status s = CapgoApiKey::storeInKeychain(profile.name, key.value()); !s)
            return exitFor(s.error());
    }
    if (Status s = RegistrarProfileStore::save(checked.value()); !s)
        return exitFor(s.error());
    if (cmd.isSet(QStringLiteral("json"))) {
        printJson(checked->toJson());
    } else {
        printLine(QStringLiteral("Registrar profile '%1' saved: Capgo at %2 (API key from %3).")
                      .arg(profile.name, checked->apiHost.toString(),
                           cmd.isSet(QStringLiteral("api-key-stdin"))
                               ? QStringLiteral("the OS keychain")
                               : QStringLiteral("CAPGO_TOKEN or the OS keychain")));
    }
    return ExitOk;
}

int registrarList(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("registrar list"),
                    QStringLiteral("Lists the registrar profiles (never their keys)."));
    cmd.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    if (!cmd.parse(args))
        return cmd.exitCode();
    auto profiles = RegistrarProfileStore::load();
    if (!profiles)
        return exitFor(profiles.error());
    if (cmd.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const auto& profile : profiles.value())
            array.append(profile.toJson());
        printJson(QJsonObject{{QStringLiteral("profiles"), array}});
        return ExitOk;
    }
    printLine(QStringLiteral("local\tbuilt-in\tthe channel manifest published next to the bundles"));
    for (const auto& profile : profiles.value())
        printLine(QStringLiteral("%1\t%2\t%3").arg(profile.name, profile.kind, profile.apiHost.toString()));
    return ExitOk;
}

int registrarRemove(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("registrar remove"),
                    QStringLiteral("Removes a registrar profile and its API key from the OS keychain."));
    cmd.addPositional(QStringLiteral("name"), QStringLiteral("Profile name."));
    if (!cmd.parse(args, 1, 1))
        return cmd.exitCode();
    const QString name = cmd.positional().first();
    if (Status s = RegistrarProfileStore::remove(name); !s)
        return exitFor(s.error());
    if (Status s = CapgoApiKey::removeFromKeychain(name); !s)
        printErrorLine(QStringLiteral("slipway: warning: profile removed, but its keychain entry could not be: %1")
                           .arg(s.error().message));
    printLine(QStringLiteral("Registrar profile '%1' removed.").arg(name));
    return ExitOk;
}

// --profile NAME (its API host, its keychain entry) and --api-host URL; the key from CAPGO_TOKEN first.
Result<std::unique_ptr<CapgoRegistrar>> registrarFromOptions(const CommandLine& cmd)
{
    const QString profileName = cmd.value(QStringLiteral("profile"));
    QUrl apiHost = RegistrarProfile::defaultCapgoApiHost();
    if (!profileName.isEmpty()) {
        auto profile = RegistrarProfileStore::find(profileName);
        if (!profile)
            return profile.error();
        apiHost = profile->apiHost;
    }
    if (cmd.isSet(QStringLiteral("api-host")))
        apiHost = QUrl(cmd.value(QStringLiteral("api-host")));
    if (Status s = CapgoClient::checkSecureHost(apiHost, QStringLiteral("Capgo API host")); !s)
        return s.error();
    auto key = CapgoApiKey::resolve(profileName);
    if (!key)
        return key.error();
    return std::make_unique<CapgoRegistrar>(apiHost, key->key, profileName);
}

int capgoRegister(const QStringList& args)
{
    CommandLine cmd(
        QStringLiteral("capgo register"),
        QStringLiteral("Registers an encrypted bundle already hosted at an https URL with Capgo and points a channel "
                       "at it, as 'capgo bundle upload APP --external URL --iv-session-key KEY --encrypted-checksum "
                       "SIGNED -b VERSION -c CHANNEL' does. A version that already exists is refused (exit 3). "
                       "API key: CAPGO_TOKEN, else the keychain entry of --profile."));
    const auto value = [&](const char* name, const char* help, const char* valueName) {
        cmd.addOption({QLatin1String(name), QLatin1String(help), QLatin1String(valueName)});
    };
    value("app-id", "App id, e.g. com.example.app.", "id");
    value("version", "Bundle version (Capgo's bundle name).", "version");
    value("channel", "Channel to point at the version (created when missing).", "name");
    value("external", "https URL devices download the encrypted bundle from.", "url");
    value("iv-session-key", "The session key from the encryption step (IV:KEY).", "key");
    value("checksum", "The signed checksum from the encryption step.", "signed");
    value("min-update-version", "Minimum native version devices need for this bundle.", "version");
    value("comment", "Comment shown in the Capgo console.", "text");
    value("link", "Link (e.g. release notes) shown in the Capgo console.", "url");
    value("api-host", "Capgo API host (default: the profile's, else https://api.capgo.app).", "url");
    value("profile", "Registrar profile: its API host and its API key in the OS keychain.", "name");
    cmd.addOption(
        {QStringLiteral("repoint-existing"),
         QStringLiteral("When the version already exists on Capgo, point the channel at it instead of refusing.")});
    cmd.addOption({QStringLiteral("json"), QStringLiteral("Print the outcome as JSON.")});
    if (!cmd.parse(args))
        return cmd.exitCode();
    if (!cmd.require({QStringLiteral("app-id"), QStringLiteral("version"), QStringLiteral("channel"),
                      QStringLiteral("external"), QStringLiteral("iv-session-key"), QStringLiteral("checksum")}))
        return cmd.exitCode();

    RegistrationRequest request;
    request.appId = cmd.value(QStringLiteral("app-id"));
    request.version = cmd.value(QStringLiteral("version"));
    request.channel = cmd.value(QStringLiteral("channel"));
    request.bundleUrl = QUrl(cmd.value(QStringLiteral("external")), QUrl::StrictMode);
    request.ivSessionKey = cmd.value(QStringLiteral("iv-session-key"));
    request.signedChecksum = cmd.value(QStringLiteral("checksum"));
    request.minUpdateVersion = cmd.value(QStringLiteral("min-update-version"));
    request.comment = cmd.value(QStringLiteral("comment"));
    request.link = cmd.value(QStringLiteral("link"));
    request.releasedAt = QDateTime::currentDateTimeUtc();
    if (Status s = CapgoRegistrar::validate(request); !s)
        return exitFor(s.error());

    auto registrar = registrarFromOptions(cmd);
    if (!registrar)
        return exitFor(registrar.error());
    registrar.value()->setRepointExistingVersion(cmd.isSet(QStringLiteral("repoint-existing")));
    auto result = registrar.value()->registerRelease(request);
    if (!result)
        return exitFor(result.error());
    if (cmd.isSet(QStringLiteral("json"))) {
        QJsonObject out = result->published;
        out.insert(QStringLiteral("summary"), result->summary);
        printJson(out);
    } else {
        printLine(result->summary);
    }
    return ExitOk;
}

int capgoStatus(const QStringList& args)
{
    CommandLine cmd(
        QStringLiteral("capgo status"),
        QStringLiteral("Says whether Capgo holds a version and the channel points at it (exit 0), or not (exit 1). "
                       "Read-only. API key: CAPGO_TOKEN, else the keychain entry of --profile."));
    cmd.addOption({QStringLiteral("app-id"), QStringLiteral("App id."), QStringLiteral("id")});
    cmd.addOption({QStringLiteral("version"), QStringLiteral("Bundle version."), QStringLiteral("version")});
    cmd.addOption({QStringLiteral("channel"), QStringLiteral("Channel."), QStringLiteral("name")});
    cmd.addOption({QStringLiteral("api-host"), QStringLiteral("Capgo API host."), QStringLiteral("url")});
    cmd.addOption({QStringLiteral("profile"), QStringLiteral("Registrar profile."), QStringLiteral("name")});
    cmd.addOption({QStringLiteral("json"), QStringLiteral("Print the answer as JSON.")});
    if (!cmd.parse(args))
        return cmd.exitCode();
    if (!cmd.require({QStringLiteral("app-id"), QStringLiteral("version"), QStringLiteral("channel")}))
        return cmd.exitCode();
    RegistrationRequest request;
    request.appId = cmd.value(QStringLiteral("app-id"));
    request.version = cmd.value(QStringLiteral("version"));
    request.channel = cmd.value(QStringLiteral("channel"));
    auto registrar = registrarFromOptions(cmd);
    if (!registrar)
        return exitFor(registrar.error());
    auto registered = registrar.value()->isRegistered(request);
    if (!registered)
        return exitFor(registered.error());
    if (cmd.isSet(QStringLiteral("json"))) {
        printJson(QJsonObject{{QStringLiteral("app_id"), request.appId},
                              {QStringLiteral("version"), request.version},
                              {QStringLiteral("channel"), request.channel},
                              {QStringLiteral("registered"), registered.value()}});
    } else {
        printLine(
            registered.value()
                ? QStringLiteral("Channel %1 of %2 serves version %3 on %4.")
                      .arg(request.channel, request.appId, request.version, registrar.value()->describe())
                : QStringLiteral("Channel %1 of %2 does not serve version %3 on %4 (the version is missing or the "
                                 "channel points elsewhere).")
                      .arg(request.channel, request.appId, request.version, registrar.value()->describe()));
    }
    return registered.value() ? ExitOk : ExitFailure;
}

const CommandRegistration registration{{
    {QStringLiteral("registrar add"), QStringLiteral("Save a registrar profile (Capgo Cloud or self-hosted Capgo)"),
     &registrarAdd},
    {QStringLiteral("registrar list"), QStringLiteral("List registrar profiles"), &registrarList},
    {QStringLiteral("registrar remove"), QStringLiteral("Remove a registrar profile and its keychain entry"),
     &registrarRemove},
    {QStringLiteral("capgo register"),
     QStringLiteral("Register a hosted encrypted bundle with Capgo and point a channel at it"), &capgoRegister},
    {QStringLiteral("capgo status"), QStringLiteral("Check whether a Capgo channel serves a version"), &capgoStatus},
}};

} // namespace

} // namespace slipway::cli
