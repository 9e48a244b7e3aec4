// slipway serve | device simulate | channel set
#include "cli/CliSupport.h"
#include "cli/CommandRegistry.h"
#include "cli/KeyLoading.h"
#include "common/InputLimits.h"
#include "common/TerminalText.h"
#include "device/DeviceSimulator.h"
#include "history/DeviceStats.h"
#include "history/History.h"
#include "registry/ChannelControl.h"
#include "registry/RolloutWatcher.h"
#include "registry/UpdateEndpoint.h"
#include "storage/StorageFactory.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace slipway::cli {

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int /*signal*/)
{
    const char byte = 1;
    [[maybe_unused]] const auto n = ::write(g_signalPipe[1], &byte, 1);
}

// Ends the event loop cleanly on Ctrl-C or SIGTERM.
void quitOnSignals()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return;
    auto* notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, QCoreApplication::instance());
    QObject::connect(notifier, &QSocketNotifier::activated, QCoreApplication::instance(), &QCoreApplication::quit);
    struct sigaction action{};
    action.sa_handler = &onSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

int serve(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("serve"),
                    QStringLiteral("Serve the update protocol of @capgo/capacitor-updater from the published channel manifests "
                                   "(for QA phones and demos)."));
    cmd.addOption({QStringLiteral("host"), QStringLiteral("Address to listen on (default 127.0.0.1; 0.0.0.0 for phones on the LAN)."),
                   QStringLiteral("H"), QStringLiteral("127.0.0.1")});
    cmd.addOption({QStringLiteral("port"), QStringLiteral("Port (default 8787; 0 picks a free one)."), QStringLiteral("N"),
                   QStringLiteral("8787")});
    cmd.addOption({QStringLiteral("storage"), QStringLiteral("Storage profile or URL holding the manifests (default: the local storage)."),
                   QStringLiteral("PROFILE")});
    cmd.addOption(
        {QStringLiteral("timeout"),
         QStringLiteral("Close a connection idle for this many seconds, or still sending one request after them "
                        "(default %1).")
             .arg(limits::ServeTimeoutMs / 1000),
         QStringLiteral("SECONDS"), QString::number(limits::ServeTimeoutMs / 1000)});
    cmd.addOption(
        {QStringLiteral("max-connections"),
         QStringLiteral("Open connections at most; more are answered 503 (default %1).").arg(limits::ServeConnections),
         QStringLiteral("N"), QString::number(limits::ServeConnections)});
    cmd.addOption({QStringLiteral("manifest-ttl"),
                   QStringLiteral("Reuse a channel manifest read from storage for this many seconds (default 0: read "
                                  "it for every request, so a rollback reaches the next device at once). For a large "
                                  "fleet, 1 spares the storage; a change made elsewhere then takes up to that long."),
                   QStringLiteral("SECONDS"), QStringLiteral("0")});
    cmd.addOption({QStringLiteral("json"), QStringLiteral("Print the endpoint URLs as one JSON line, then serve.")});
    if (!cmd.parse(args))
        return cmd.exitCode();
    bool ttlOk = false;
    const double ttl = cmd.value(QStringLiteral("manifest-ttl")).toDouble(&ttlOk);
    if (!ttlOk || !(ttl >= 0 && ttl <= 3600))
        return reportError(QStringLiteral("--manifest-ttl must be a number of seconds from 0 to 3600."), ExitUsage);
    bool portOk = false;
    const uint port = cmd.value(QStringLiteral("port")).toUInt(&portOk);
    const QHostAddress address(cmd.value(QStringLiteral("host")));
    if (!portOk || port > 65535 || address.isNull())
        return reportError(QStringLiteral("--host must be an IP address and --port a number from 0 to 65535."), ExitUsage);
    registry::HttpListener::Settings settings;
    bool timeoutOk = false;
    const double timeout = cmd.value(QStringLiteral("timeout")).toDouble(&timeoutOk);
    if (!timeoutOk || !(timeout >= 0.1 && timeout <= 3600))
        return reportError(QStringLiteral("--timeout must be a number of seconds from 0.1 to 3600."), ExitUsage);
    settings.timeoutMs = static_cast<int>(timeout * 1000);
    bool connectionsOk = false;
    settings.maxConnections = cmd.value(QStringLiteral("max-connections")).toInt(&connectionsOk);
    if (!connectionsOk || settings.maxConnections < 1 || settings.maxConnections > 10000)
        return reportError(QStringLiteral("--max-connections must be a number from 1 to 10000."), ExitUsage);
    auto target = storage::openReleaseStorage(cmd.value(QStringLiteral("storage")));
    if (!target)
        return reportError(target.error());
    auto history = history::History::open();
    if (!history)
        return reportError(history.error());

    registry::UpdateEndpoint::Hooks hooks;
    auto* db = history->get();
    hooks.channels = [db](const QString& appId) {
        history::ReleaseFilter filter;
        filter.appId = appId;
        filter.status = history::ReleaseStatus::Completed;
        QStringList channels;
        if (auto releases = db->releases(filter))
            for (const auto& r : releases.value())
                if (!channels.contains(r.channel))
                    channels << r.channel;
        return channels;
    };
    // Events arrive checked (registry/DeviceRequest) and are written in batches by the rollout watcher, which
    // then asks the health policy about the rollouts of the apps that reported.
    std::unique_ptr<registry::RolloutWatcher> watcher;
    hooks.recordStats = [&watcher](const QJsonObject& event) -> Status {
        if (Status queued = watcher->enqueue(event); !queued)
            return queued;
        // Checked fields (registry/DeviceRequest); what reaches the console is escaped all the same.
        printErrorLine(printableText(QStringLiteral("stats: %1 %2 %3 %4")
                                         .arg(event.value(QStringLiteral("app_id")).toString(),
                                              event.value(QStringLiteral("action")).toString(),
                                              event.value(QStringLiteral("version_name")).toString(),
                                              event.value(QStringLiteral("device_id")).toString())));
        return Ok{};
    };
    hooks.report = [](const QString& line) { printErrorLine(printableText(QStringLiteral("serve: %1").arg(line))); };
    // Kept in the history, so that every `serve` on one database answers from what the devices told any of them.
    history::DeviceStats devices(*db);
    hooks.chosenChannels.read = [&devices](const QString& appId, const QString& deviceId) {
        return devices.chosenChannel(appId, deviceId);
    };
    hooks.chosenChannels.write = [&devices](const QString& appId, const QString& deviceId, const QString& channel) {
        return devices.chooseChannel(appId, deviceId, channel);
    };
    hooks.reports = [&devices](const QString& appId, const QString& deviceId, const QString& version,
                               const QStringList& actions) {
        return devices.reportsOf(appId, deviceId, version, actions);
    };
    registry::UpdateEndpoint endpoint(target.value(), hooks);
    endpoint.setSettings(settings);
    endpoint.setManifestTtl(static_cast<int>(ttl * 1000));
    registry::RolloutWatcher::Hooks watching;
    watching.channels = hooks.channels;
    watching.manifest = [&endpoint](const QString& appId, const QString& channel) {
        return endpoint.manifest(appId, channel);
    };
    watching.changed = [&endpoint](const QString& appId, const QString& channel) { endpoint.invalidate(appId, channel); };
    watching.report = hooks.report;
    auto started = registry::RolloutWatcher::start(*db, target.value(), watching);
    if (!started)
        return reportError(started.error());
    watcher = std::move(started.value());
    auto bound = endpoint.listen(address, static_cast<quint16>(port));
    if (!bound)
        return reportError(bound.error());
    const QString base = QStringLiteral("http://%1:%2").arg(address.protocol() == QAbstractSocket::IPv6Protocol
                                                                 ? QStringLiteral("[%1]").arg(address.toString())
                                                                 : address.toString())
                             .arg(bound.value());
    if (cmd.isSet(QStringLiteral("json"))) {
        const QByteArray line = QJsonDocument(QJsonObject{{QStringLiteral("updateUrl"), base + QStringLiteral("/updates")},
                                                          {QStringLiteral("statsUrl"), base + QStringLiteral("/stats")},
                                                          {QStringLiteral("channelUrl"), base + QStringLiteral("/channel_self")},
                                                          {QStringLiteral("port"), bound.value()}})
                                    .toJson(QJsonDocument::Compact);
        printLine(QString::fromUtf8(line));
    } else {
        printLine(QStringLiteral("Serving updates from %1\n  updateUrl:  %2/updates\n  statsUrl:   %2/stats\n  channelUrl: %2/channel_self\n"
                                 "Press Ctrl-C to stop.")
                      .arg(target.value()->describe(), base));
    }
    quitOnSignals();
    const int code = QCoreApplication::exec();
    if (Status last = watcher->flush(); !last) // what is still queued
        return reportError(last.error());
    return code;
}

QJsonObject simulationToJson(const device::SimulationResult& result)
{
    return QJsonObject{{QStringLiteral("outcome"), result.outcome},
                       {QStringLiteral("applied"), result.applied()},
                       {QStringLiteral("version"), result.version},
                       {QStringLiteral("summary"), result.summary()},
                       {QStringLiteral("response"), result.response},
                       {QStringLiteral("steps"), device::toJson(result.steps)},
                       {QStringLiteral("path"), result.path},
                       {QStringLiteral("filesTotal"), result.filesTotal},
                       {QStringLiteral("filesDownloaded"), result.filesDownloaded},
                       {QStringLiteral("reusedBuiltin"), result.reusedBuiltin},
                       {QStringLiteral("reusedCache"), result.reusedCache},
                       {QStringLiteral("bytesDownloaded"), result.bytesDownloaded},
                       {QStringLiteral("failureAction"), result.failureAction},
                       {QStringLiteral("failedFile"), result.failedFile}};
}

int deviceSimulate(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("device simulate"),
                    QStringLiteral("Behave like a phone with @capgo/capacitor-updater: ask for an update, download, decrypt, "
                                   "verify and check the bundle. Exit 0 only when a phone would apply an update."));
    cmd.addOption({QStringLiteral("update-url"), QStringLiteral("The update endpoint (e.g. http://127.0.0.1:8787/updates)."), QStringLiteral("URL")});
    cmd.addOption({QStringLiteral("app-id"), QStringLiteral("The app id."), QStringLiteral("ID")});
    cmd.addOption({QStringLiteral("public-key"), QStringLiteral("The public key configured in the app."), QStringLiteral("PUB")});
    cmd.addOption({QStringLiteral("version-name"), QStringLiteral("The bundle the phone runs now (default: builtin)."),
                   QStringLiteral("V"), QStringLiteral("builtin")});
    cmd.addOption({QStringLiteral("version-build"), QStringLiteral("The native app version (default 1.0.0)."), QStringLiteral("V"),
                   QStringLiteral("1.0.0")});
    cmd.addOption({QStringLiteral("channel"), QStringLiteral("The phone's default channel."), QStringLiteral("C")});
    cmd.addOption({QStringLiteral("platform"), QStringLiteral("android or ios (default android)."), QStringLiteral("P"),
                   QStringLiteral("android")});
    cmd.addOption({QStringLiteral("builtin"), QStringLiteral("The app's shipped web build: a delta update reuses its files."),
                   QStringLiteral("DIR")});
    cmd.addOption({QStringLiteral("cache"),
                   QStringLiteral("The plugin's download cache ({sha256}_{name} files): read by a delta update, filled "
                                  "after every install."),
                   QStringLiteral("DIR")});
    cmd.addOption({QStringLiteral("out"), QStringLiteral("Write the installed bundle here as the phone has it (a new or empty folder)."),
                   QStringLiteral("DIR")});
    cmd.addOption({QStringLiteral("plugin-version"),
                   QStringLiteral("The @capgo/capacitor-updater version the phone reports (default %1): the endpoint "
                                  "sends a delta only to plugins that handle it.")
                       .arg(device::DeviceSimulator::PluginVersion),
                   QStringLiteral("V")});
    cmd.addOption({QStringLiteral("json"), QStringLiteral("Print the result as JSON.")});
    if (!cmd.parse(args) || !cmd.require({QStringLiteral("update-url"), QStringLiteral("app-id"), QStringLiteral("public-key")}))
        return cmd.exitCode();
    auto key = loadVerifyingKey(cmd.value(QStringLiteral("public-key")));
    if (!key)
        return reportError(key.error());
    device::DeviceProfile phone;
    phone.updateUrl = QUrl(cmd.value(QStringLiteral("update-url")));
    phone.appId = cmd.value(QStringLiteral("app-id"));
    phone.publicKey = key.value();
    phone.versionName = cmd.value(QStringLiteral("version-name"));
    phone.pluginVersion = cmd.value(QStringLiteral("plugin-version"));
    phone.versionBuild = cmd.value(QStringLiteral("version-build"));
    phone.defaultChannel = cmd.value(QStringLiteral("channel"));
    phone.platform = cmd.value(QStringLiteral("platform"));
    phone.builtinDir = cmd.value(QStringLiteral("builtin"));
    phone.cacheDir = cmd.value(QStringLiteral("cache"));
    phone.outDir = cmd.value(QStringLiteral("out"));
    const bool json = cmd.isSet(QStringLiteral("json"));
    const auto result = device::DeviceSimulator::simulate(phone);
    if (json) {
        printJson(simulationToJson(result));
    } else {
        for (const auto& s : result.steps)
            printLine(QStringLiteral("%1 %2: %3").arg(s.passed ? QStringLiteral("[ok]  ") : QStringLiteral("[FAIL]"), s.title, s.detail));
        if (!result.path.isEmpty())
            printLine(QStringLiteral("Path: %1; %2 files, %3 downloaded (%4 bytes), %5 reused from the builtin build, %6 from the cache.")
                          .arg(result.path)
                          .arg(result.filesTotal)
                          .arg(result.filesDownloaded)
                          .arg(result.bytesDownloaded)
                          .arg(result.reusedBuiltin)
                          .arg(result.reusedCache));
        printLine(result.summary());
    }
    if (!result.applied())
        return json ? ExitFailure : reportError(result.summary());
    return ExitOk;
}

int channelSet(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("channel set"),
                    QStringLiteral("Point a self-hosted channel at a release from the history (promote or roll back) by "
                                   "re-publishing its manifest; the event is recorded."));
    cmd.addOption({QStringLiteral("app-id"), QStringLiteral("The app id."), QStringLiteral("ID")});
    cmd.addOption({QStringLiteral("channel"), QStringLiteral("The channel to change."), QStringLiteral("C")});
    cmd.addOption({QStringLiteral("version"), QStringLiteral("The released version the channel should serve."), QStringLiteral("V")});
    cmd.addOption({QStringLiteral("json"), QStringLiteral("Print the result as JSON.")});
    if (!cmd.parse(args) || !cmd.require({QStringLiteral("app-id"), QStringLiteral("channel"), QStringLiteral("version")}))
        return cmd.exitCode();
    auto history = history::History::open();
    if (!history)
        return reportError(history.error());
    registry::ChannelControl control(*history.value());
    auto change = control.setChannel(cmd.value(QStringLiteral("app-id")), cmd.value(QStringLiteral("channel")),
                                     cmd.value(QStringLiteral("version")));
    if (!change)
        return reportError(change.error());
    if (cmd.isSet(QStringLiteral("json"))) {
        printJson(QJsonObject{{QStringLiteral("appId"), change->appId},
                              {QStringLiteral("channel"), change->channel},
                              {QStringLiteral("version"), change->version},
                              {QStringLiteral("previousVersion"), change->previousVersion},
                              {QStringLiteral("kind"), change->kind},
                              {QStringLiteral("releaseId"), change->releaseId},
                              {QStringLiteral("manifestUrl"), change->manifestUrl.toString()},
                              {QStringLiteral("delta"), change->delta},
                              {QStringLiteral("manifest"), change->manifest}});
    } else {
        printLine(QStringLiteral("%1: channel %2 of %3 now serves %4%5 (manifest %6).")
                      .arg(change->kind, change->channel, change->appId, change->version,
                           change->previousVersion.isEmpty() ? QString()
                                                             : QStringLiteral(", was %1").arg(change->previousVersion),
                           change->manifestUrl.toString()));
        if (!change->delta.isEmpty())
            printLine(QStringLiteral("  ") + change->delta);
    }
    return ExitOk;
}

int deviceEvents(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("device events"), QStringLiteral("List what phones reported to 'slipway serve' (newest first)."));
    cmd.addOption(
        {QStringLiteral("app-id"), QStringLiteral("Only this app (default: every app)."), QStringLiteral("ID")});
    cmd.addOption({QStringLiteral("limit"), QStringLiteral("At most this many events (default 200)."), QStringLiteral("N"),
                   QStringLiteral("200")});
    cmd.addOption({QStringLiteral("json"), QStringLiteral("Print the result as JSON.")});
    if (!cmd.parse(args))
        return cmd.exitCode();
    bool limitOk = false;
    const int limit = cmd.value(QStringLiteral("limit")).toInt(&limitOk);
    if (!limitOk || limit < 1)
        return reportError(QStringLiteral("--limit must be a number of events, 1 or more."), ExitUsage);
    auto history = history::History::open();
    if (!history)
        return reportError(history.error());
    auto events = history.value()->deviceEvents(cmd.value(QStringLiteral("app-id")), limit);
    if (!events)
        return reportError(events.error());
    if (cmd.isSet(QStringLiteral("json"))) {
        QJsonArray list;
        for (const auto& e : events.value())
            list.append(history::toJson(e));
        printJson(QJsonDocument(list));
        return ExitOk;
    }
    // Rows recorded before the endpoint checked its fields may hold anything: escape them for the terminal.
    for (const auto& e : events.value())
        printLine(printableText(
            QStringLiteral("%1  %2  %3  %4  %5")
                .arg(e.at.toString(Qt::ISODate), e.appId, e.action.leftJustified(18), e.versionName, e.deviceId)));
    return ExitOk;
}

const CommandRegistration registration{
    {QStringLiteral("serve"), QStringLiteral("Serve the updater protocol from the channel manifests"), &serve},
    {QStringLiteral("device simulate"), QStringLiteral("Behave like a phone: fetch, verify and apply an update"), &deviceSimulate},
    {QStringLiteral("device events"), QStringLiteral("List what phones reported to the test endpoint"), &deviceEvents},
    {QStringLiteral("channel set"), QStringLiteral("Promote or roll back a channel to a released version"), &channelSet},
};

} // namespace

} // namespace slipway::cli
