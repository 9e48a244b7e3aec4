// slipway channel rollout | channel status | device explain | device fleet
#include "cli/CliSupport.h"
#include "cli/CommandRegistry.h"
#include "cli/KeyLoading.h"
#include "common/BoundedFile.h"
#include "common/InputLimits.h"
#include "common/TerminalText.h"
#include "device/DeviceFleet.h"
#include "history/DeviceStats.h"
#include "history/History.h"
#include "registry/ChannelControl.h"
#include "registry/ChannelRollout.h"
#include "registry/DeviceAction.h"
#include "registry/RolloutState.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <cmath>

namespace slipway::cli {

namespace {

const QString DefaultChannel = QStringLiteral("production");

int channelRollout(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("channel rollout"),
                    QStringLiteral("Roll a released version out to a percentage of a self-hosted channel's devices, or "
                                   "pause, resume, promote or abort the running rollout. Every change is recorded in "
                                   "the audit chain with who, when and why."));
    cmd.addOption({QStringLiteral("app-id"), QStringLiteral("The app id."), QStringLiteral("ID")});
    cmd.addOption({QStringLiteral("channel"), QStringLiteral("The channel (default production)."), QStringLiteral("C"),
                   DefaultChannel});
    cmd.addOption({QStringLiteral("version"), QStringLiteral("The completed release to roll out."), QStringLiteral("V")});
    cmd.addOption({QStringLiteral("percent"), QStringLiteral("The share of devices that get it, 0 to 100 (raising it keeps "
                                                             "every device that had it)."),
                   QStringLiteral("P")});
    cmd.addOption({QStringLiteral("pause"), QStringLiteral("No new device gets the rollout; devices on it keep it.")});
    cmd.addOption({QStringLiteral("resume"), QStringLiteral("Resume a paused or halted rollout.")});
    cmd.addOption({QStringLiteral("promote"), QStringLiteral("The rollout version becomes the stable release.")});
    cmd.addOption({QStringLiteral("abort"), QStringLiteral("End the rollout: every device gets the stable release again.")});
    cmd.addOption({QStringLiteral("reason"), QStringLiteral("Why (kept in the audit chain)."), QStringLiteral("TEXT")});
    cmd.addOption({QStringLiteral("min-devices"), QStringLiteral("Health policy: devices that must report before it "
                                                                 "judges (default 50)."),
                   QStringLiteral("N")});
    cmd.addOption({QStringLiteral("max-failure"), QStringLiteral("Health policy: halt when the 95 % lower bound of the "
                                                                 "failure rate is above this percentage (default 5)."),
                   QStringLiteral("PERCENT")});
    cmd.addOption({QStringLiteral("on-failure"), QStringLiteral("Health policy: pause (default) or abort."),
                   QStringLiteral("ACTION")});
    cmd.addOption({QStringLiteral("json"), QStringLiteral("Print the result as JSON.")});
    if (!cmd.parse(args) || !cmd.require({QStringLiteral("app-id")}))
        return cmd.exitCode();
    int operations = 0;
    for (const char* op : {"pause", "resume", "promote", "abort"})
        operations += cmd.isSet(QLatin1String(op)) ? 1 : 0;
    const bool start = cmd.isSet(QStringLiteral("version")) || cmd.isSet(QStringLiteral("percent"));
    if (operations + (start ? 1 : 0) != 1)
        return reportError(QStringLiteral("Give either --version V --percent P, or one of --pause, --resume, --promote, "
                                          "--abort."),
                           ExitUsage);
    std::optional<registry::HealthPolicy> policy;
    if (cmd.isSet(QStringLiteral("min-devices")) || cmd.isSet(QStringLiteral("max-failure")) ||
        cmd.isSet(QStringLiteral("on-failure"))) {
        registry::HealthPolicy p;
        bool ok = true;
        if (cmd.isSet(QStringLiteral("min-devices")))
            p.minDevices = cmd.value(QStringLiteral("min-devices")).toInt(&ok);
        if (!ok)
            return reportError(QStringLiteral("--min-devices must be a whole number."), ExitUsage);
        if (cmd.isSet(QStringLiteral("max-failure")))
            p.failureThreshold = cmd.value(QStringLiteral("max-failure")).toDouble(&ok) / 100.0;
        if (!ok)
            return reportError(QStringLiteral("--max-failure must be a percentage."), ExitUsage);
        if (cmd.isSet(QStringLiteral("on-failure")))
            p.action = cmd.value(QStringLiteral("on-failure"));
        if (Status s = p.check(); !s)
            return reportError(s.error().message, ExitUsage);
        policy = p;
    }
    double percent = 0;
    if (start) {
        if (!cmd.require({QStringLiteral("version"), QStringLiteral("percent")}))
            return cmd.exitCode();
        bool ok = false;
        percent = cmd.value(QStringLiteral("percent")).toDouble(&ok);
        if (!ok)
            return reportError(QStringLiteral("--percent must be a number from 0 to 100."), ExitUsage);
        if (Status s = registry::RolloutState::checkPercent(percent); !s)
            return reportError(s.error().message, ExitUsage);
    }
    const QString appId = cmd.value(QStringLiteral("app-id"));
    const QString channel = cmd.value(QStringLiteral("channel"));
    const QString why = cmd.value(QStringLiteral("reason"));
    auto history = history::History::open();
    if (!history)
        return reportError(history.error());
    registry::ChannelControl control(*history.value());
    auto storage = control.channelStorage(appId, channel);
    if (!storage)
        return reportError(storage.error());
    registry::ChannelRollout rollout(*history.value(), storage.value());
    Result<registry::RolloutChange> change = fail(QString());
    if (start)
        change = rollout.start(appId, channel, cmd.value(QStringLiteral("version")), percent, why, policy);
    else if (cmd.isSet(QStringLiteral("pause")))
        change = rollout.pause(appId, channel, why);
    else if (cmd.isSet(QStringLiteral("resume")))
        change = rollout.resume(appId, channel, why);
    else if (cmd.isSet(QStringLiteral("promote")))
        change = rollout.promote(appId, channel, why);
    else
        change = rollout.abort(appId, channel, why);
    if (!change)
        return reportError(change.error());
    if (cmd.isSet(QStringLiteral("json")))
        printJson(QJsonObject{{QStringLiteral("kind"), change->kind},
                              {QStringLiteral("summary"), change->summary},
                              {QStringLiteral("eventId"), change->eventId},
                              {QStringLiteral("manifest"), change->manifest}});
    else
        printLine(change->summary);
    return ExitOk;
}

QJsonObject channelJson(const registry::ChannelState& state, history::History& history, const QString& appId)
{
    history::DeviceStats stats(history);
    QJsonObject json{{QStringLiteral("channel"), state.channel},
                     {QStringLiteral("stable"), state.version},
                     {QStringLiteral("storage"), state.storage}};
    if (!state.problem.isEmpty())
        json.insert(QStringLiteral("problem"), state.problem);
    if (state.lastChange)
        json.insert(QStringLiteral("lastChange"), history::toJson(*state.lastChange));
    if (auto events = history.channelEvents(appId, state.channel)) {
        QJsonArray recent; // newest first: rollout changes and halts with their reasons
        for (qsizetype i = 0; i < std::min<qsizetype>(events->size(), 20); ++i)
            recent.append(history::toJson(events->at(i)));
        json.insert(QStringLiteral("events"), recent);
    }
    auto rollout = registry::RolloutState::fromManifest(state.manifest);
    if (!rollout) {
        json.insert(QStringLiteral("problem"), rollout.error().message);
        return json;
    }
    if (!rollout->has_value())
        return json;
    const registry::RolloutState& r = rollout->value();
    QJsonObject section = r.toJson();
    section.remove(QStringLiteral("release"));
    if (auto tally = stats.tally(appId, r.version)) {
        section.insert(QStringLiteral("tally"), tally->toJson());
        section.insert(QStringLiteral("health"), registry::RolloutHealth::decide(r.policy, tally.value()).toJson());
    }
    json.insert(QStringLiteral("rollout"), section);
    return json;
}

int channelStatus(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("channel status"),
                    QStringLiteral("What each self-hosted channel of an app serves: the stable release, the rollout "
                                   "(version, percentage, state, health, and why it halted), and the last change."));
    cmd.addOption({QStringLiteral("app-id"), QStringLiteral("The app id."), QStringLiteral("ID")});
    cmd.addOption({QStringLiteral("channel"), QStringLiteral("Only this channel."), QStringLiteral("C")});
    cmd.addOption({QStringLiteral("json"), QStringLiteral("Print the result as JSON.")});
    if (!cmd.parse(args) || !cmd.require({QStringLiteral("app-id")}))
        return cmd.exitCode();
    auto history = history::History::open();
    if (!history)
        return reportError(history.error());
    const QString appId = cmd.value(QStringLiteral("app-id"));
    registry::ChannelControl control(*history.value());
    auto channels = control.channels(appId);
    if (!channels)
        return reportError(channels.error());
    QJsonArray list;
    for (const registry::ChannelState& state : channels.value())
        if (!cmd.isSet(QStringLiteral("channel")) || state.channel == cmd.value(QStringLiteral("channel")))
            list.append(channelJson(state, *history.value(), appId));
    if (cmd.isSet(QStringLiteral("channel")) && list.isEmpty())
        return reportError(QStringLiteral("%1 has no channel %2.").arg(appId, cmd.value(QStringLiteral("channel"))));
    if (cmd.isSet(QStringLiteral("json"))) {
        printJson(QJsonObject{{QStringLiteral("appId"), appId}, {QStringLiteral("channels"), list}});
        return ExitOk;
    }
    for (const auto& v : list) {
        const QJsonObject c = v.toObject();
        printLine(printableText(QStringLiteral("%1: stable %2%3")
                                    .arg(c.value(QStringLiteral("channel")).toString(),
                                         c.value(QStringLiteral("stable")).toString(QStringLiteral("(none)")),
                                         c.contains(QStringLiteral("problem"))
                                             ? QStringLiteral(" (%1)").arg(c.value(QStringLiteral("problem")).toString())
                                             : QString())));
        const QJsonObject r = c.value(QStringLiteral("rollout")).toObject();
        if (!r.isEmpty()) {
            const QJsonObject t = r.value(QStringLiteral("tally")).toObject();
            printLine(printableText(
                QStringLiteral("  rollout %1 to %2 % (%3), id %4: %5 devices tried it, %6 applied, %7 failed, %8 reverted")
                    .arg(r.value(QStringLiteral("version")).toString())
                    .arg(r.value(QStringLiteral("percent")).toDouble())
                    .arg(r.value(QStringLiteral("state")).toString(), r.value(QStringLiteral("id")).toString())
                    .arg(t.value(QStringLiteral("devices")).toInteger())
                    .arg(t.value(QStringLiteral("applied")).toInteger())
                    .arg(t.value(QStringLiteral("failed")).toInteger())
                    .arg(t.value(QStringLiteral("reverted")).toInteger())));
            printLine(printableText(QStringLiteral("  health: %1")
                                        .arg(r.value(QStringLiteral("health")).toObject().value(QStringLiteral("reason")).toString())));
            const QJsonObject halt = r.value(QStringLiteral("halt")).toObject();
            if (!halt.isEmpty())
                printLine(printableText(QStringLiteral("  HALTED at %1: %2")
                                            .arg(halt.value(QStringLiteral("at")).toString(),
                                                 halt.value(QStringLiteral("reason")).toString())));
        }
        if (c.contains(QStringLiteral("lastChange"))) {
            const QJsonObject e = c.value(QStringLiteral("lastChange")).toObject();
            printLine(printableText(QStringLiteral("  last change: %1 %2 by %3 at %4")
                                        .arg(e.value(QStringLiteral("kind")).toString(),
                                             e.value(QStringLiteral("version")).toString(),
                                             e.value(QStringLiteral("os_user")).toString(),
                                             e.value(QStringLiteral("at")).toString())));
        }
    }
    return ExitOk;
}

int deviceExplain(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("device explain"),
                    QStringLiteral("Why a device gets what it gets from a self-hosted channel: its cohort bucket in the "
                                   "rollout, the rollout's state, and what it reported."));
    cmd.addOption({QStringLiteral("app-id"), QStringLiteral("The app id."), QStringLiteral("ID")});
    cmd.addOption({QStringLiteral("device-id"), QStringLiteral("The device id the plugin reports."), QStringLiteral("ID")});
    cmd.addOption({QStringLiteral("channel"), QStringLiteral("The device's channel (default production)."),
                   QStringLiteral("C"), DefaultChannel});
    cmd.addOption({QStringLiteral("version-name"), QStringLiteral("The bundle the device runs (default: the last it "
                                                                  "reported applying, else builtin)."),
                   QStringLiteral("V")});
    cmd.addOption({QStringLiteral("json"), QStringLiteral("Print the result as JSON.")});
    if (!cmd.parse(args) || !cmd.require({QStringLiteral("app-id"), QStringLiteral("device-id")}))
        return cmd.exitCode();
    const QString appId = cmd.value(QStringLiteral("app-id"));
    const QString deviceId = cmd.value(QStringLiteral("device-id"));
    const QString channel = cmd.value(QStringLiteral("channel"));
    if (deviceId.isEmpty() || deviceId.size() > limits::DeviceIdChars)
        return reportError(QStringLiteral("--device-id must be 1 to %1 characters.").arg(limits::DeviceIdChars), ExitUsage);
    auto history = history::History::open();
    if (!history)
        return reportError(history.error());
    history::DeviceStats stats(*history.value());
    auto versions = stats.versionsOf(appId, deviceId);
    if (!versions)
        return reportError(versions.error());
    auto events = stats.eventsOf(appId, deviceId, 10);
    if (!events)
        return reportError(events.error());
    QString running = cmd.value(QStringLiteral("version-name"));
    if (running.isEmpty()) {
        // The newest version it switched to and did not leave.
        for (const history::DeviceVersionRecord& v : versions.value())
            if (v.applied && !v.reverted && running.isEmpty())
                running = v.version;
        if (running.isEmpty())
            running = QStringLiteral("builtin");
    }
    registry::ChannelControl control(*history.value());
    auto channels = control.channels(appId);
    if (!channels)
        return reportError(channels.error());
    QJsonObject manifest;
    for (const registry::ChannelState& s : channels.value())
        if (s.channel == channel)
            manifest = s.manifest;
    if (manifest.isEmpty())
        return reportError(QStringLiteral("%1 has no readable manifest on channel %2.").arg(appId, channel));
    const registry::ServedRelease served = registry::RolloutState::choose(manifest, deviceId, running);
    QStringList reported;
    QJsonArray versionList;
    for (const history::DeviceVersionRecord& v : versions.value()) {
        QString line = QStringLiteral("%1: %2").arg(v.version, v.applied ? QStringLiteral("applied") : QStringLiteral("not applied"));
        if (v.failed)
            line += QStringLiteral(", failed with %1 (%2)").arg(v.failureAction, registry::DeviceAction::describe(v.failureAction));
        if (v.reverted)
            line += QStringLiteral(", then went back to the builtin or a previous bundle");
        reported << line;
        versionList.append(QJsonObject{{QStringLiteral("version"), v.version},
                                       {QStringLiteral("applied"), v.applied},
                                       {QStringLiteral("failed"), v.failed},
                                       {QStringLiteral("failureAction"), v.failureAction},
                                       {QStringLiteral("reverted"), v.reverted},
                                       {QStringLiteral("lastAction"), v.lastAction}});
    }
    const QString answer = running == served.version
                               ? QStringLiteral("It runs %1 already: it is told it is up to date.").arg(running)
                               : QStringLiteral("It is offered %1 (it runs %2).").arg(served.version, running);
    if (cmd.isSet(QStringLiteral("json"))) {
        QJsonArray recent;
        for (const history::DeviceEvent& e : events.value())
            recent.append(history::toJson(e));
        printJson(QJsonObject{{QStringLiteral("appId"), appId},
                              {QStringLiteral("deviceId"), deviceId},
                              {QStringLiteral("channel"), channel},
                              {QStringLiteral("running"), running},
                              {QStringLiteral("served"), served.version},
                              {QStringLiteral("fromRollout"), served.fromRollout},
                              {QStringLiteral("bucket"), served.bucket},
                              {QStringLiteral("why"), served.why},
                              {QStringLiteral("answer"), answer},
                              {QStringLiteral("versions"), versionList},
                              {QStringLiteral("recentEvents"), recent}});
        return ExitOk;
    }
    printLine(printableText(QStringLiteral("Device %1 on channel %2 of %3:").arg(deviceId, channel, appId)));
    printLine(printableText(QStringLiteral("  %1").arg(served.why)));
    printLine(printableText(QStringLiteral("  %1").arg(answer)));
    for (const QString& line : reported)
        printLine(printableText(QStringLiteral("  reported %1").arg(line)));
    if (reported.isEmpty())
        printLine(QStringLiteral("  It has reported nothing to 'slipway serve' yet."));
    return ExitOk;
}

int deviceFleet(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("device fleet"),
                    QStringLiteral("Simulate many phones against an update endpoint: each round every phone asks for an "
                                   "update, applies it through the real device verifier (once per bundle) or fails at the "
                                   "given rate, and reports stats."));
    cmd.addOption({QStringLiteral("update-url"), QStringLiteral("The update endpoint (e.g. http://127.0.0.1:8787/updates)."),
                   QStringLiteral("URL")});
    cmd.addOption({QStringLiteral("stats-url"), QStringLiteral("Where stats go (default: /stats beside the update URL)."),
                   QStringLiteral("URL")});
    cmd.addOption({QStringLiteral("app-id"), QStringLiteral("The app id."), QStringLiteral("ID")});
    cmd.addOption({QStringLiteral("public-key"), QStringLiteral("The public key configured in the app."), QStringLiteral("PUB")});
    cmd.addOption({QStringLiteral("devices"), QStringLiteral("How many phones (1 to %1).").arg(limits::FleetDevices),
                   QStringLiteral("N"), QStringLiteral("100")});
    cmd.addOption({QStringLiteral("fail-rate"), QStringLiteral("The share of updates phones fail to apply, 0 to 1 (default 0)."),
                   QStringLiteral("R"), QStringLiteral("0")});
    cmd.addOption({QStringLiteral("fail-version"), QStringLiteral("Only updates to this version fail (default: any)."),
                   QStringLiteral("V")});
    cmd.addOption({QStringLiteral("plugin-versions"), QStringLiteral("Plugin versions the phones report, comma-separated, "
                                                                     "assigned in turn."),
                   QStringLiteral("LIST")});
    cmd.addOption({QStringLiteral("rounds"), QStringLiteral("How many rounds (default 1)."), QStringLiteral("K"),
                   QStringLiteral("1")});
    cmd.addOption({QStringLiteral("channel"), QStringLiteral("The phones' default channel."), QStringLiteral("C")});
    cmd.addOption({QStringLiteral("id-prefix"), QStringLiteral("Device ids are PREFIX-0001... (default fleet)."),
                   QStringLiteral("PREFIX"), QStringLiteral("fleet")});
    cmd.addOption({QStringLiteral("seed"), QStringLiteral("Which phones fail, reproducibly (default 1)."),
                   QStringLiteral("S"), QStringLiteral("1")});
    cmd.addOption({QStringLiteral("state"), QStringLiteral("Keep the phones' versions in this JSON file between runs."),
                   QStringLiteral("FILE")});
    cmd.addOption({QStringLiteral("json"), QStringLiteral("Print the rounds as JSON.")});
    if (!cmd.parse(args) ||
        !cmd.require({QStringLiteral("update-url"), QStringLiteral("app-id"), QStringLiteral("public-key")}))
        return cmd.exitCode();
    device::FleetOptions options;
    options.updateUrl = QUrl(cmd.value(QStringLiteral("update-url")));
    if (!options.updateUrl.isValid() || !options.updateUrl.scheme().startsWith(QLatin1String("http")))
        return reportError(QStringLiteral("--update-url must be an http(s) URL."), ExitUsage);
    if (cmd.isSet(QStringLiteral("stats-url"))) {
        options.statsUrl = QUrl(cmd.value(QStringLiteral("stats-url")));
        if (!options.statsUrl.isValid() || !options.statsUrl.scheme().startsWith(QLatin1String("http")))
            return reportError(QStringLiteral("--stats-url must be an http(s) URL."), ExitUsage);
    }
    bool ok = false;
    options.devices = cmd.value(QStringLiteral("devices")).toInt(&ok);
    if (!ok || options.devices < 1 || options.devices > limits::FleetDevices)
        return reportError(QStringLiteral("--devices must be a number from 1 to %1.").arg(limits::FleetDevices), ExitUsage);
    options.failRate = cmd.value(QStringLiteral("fail-rate")).toDouble(&ok);
    if (!ok || !std::isfinite(options.failRate) || options.failRate < 0 || options.failRate > 1)
        return reportError(QStringLiteral("--fail-rate must be a number from 0 to 1 (0.3 = 30 %)."), ExitUsage);
    const int rounds = cmd.value(QStringLiteral("rounds")).toInt(&ok);
    if (!ok || rounds < 1 || rounds > limits::FleetRounds)
        return reportError(QStringLiteral("--rounds must be a number from 1 to %1.").arg(limits::FleetRounds), ExitUsage);
    options.appId = cmd.value(QStringLiteral("app-id"));
    options.failVersion = cmd.value(QStringLiteral("fail-version"));
    options.channel = cmd.value(QStringLiteral("channel"));
    options.idPrefix = cmd.value(QStringLiteral("id-prefix"));
    options.seed = cmd.value(QStringLiteral("seed"));
    if (cmd.isSet(QStringLiteral("plugin-versions")))
        options.pluginVersions = cmd.value(QStringLiteral("plugin-versions")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    auto key = loadVerifyingKey(cmd.value(QStringLiteral("public-key")));
    if (!key)
        return reportError(key.error());
    options.publicKey = key.value();
    device::DeviceFleet fleet(options);
    const QString statePath = cmd.value(QStringLiteral("state"));
    if (!statePath.isEmpty() && QFileInfo::exists(statePath)) {
        auto bytes = readBoundedFile(statePath, limits::FleetStateBytes, QStringLiteral("fleet state"));
        if (!bytes)
            return reportError(bytes.error());
        const QJsonDocument doc = QJsonDocument::fromJson(bytes.value());
        if (!doc.isObject())
            return reportError(QStringLiteral("The fleet state %1 is not a JSON object.").arg(statePath));
        fleet.restore(doc.object());
    }
    QJsonArray reports;
    int errors = 0;
    for (int round = 1; round <= rounds; ++round) {
        const device::FleetRound report = fleet.runRound(round);
        errors += report.errors;
        reports.append(report.toJson());
        if (!cmd.isSet(QStringLiteral("json"))) {
            QStringList offered;
            for (auto it = report.offered.cbegin(); it != report.offered.cend(); ++it)
                offered << QStringLiteral("%1 x%2").arg(it.key()).arg(it.value());
            QStringList running;
            for (auto it = report.running.cbegin(); it != report.running.cend(); ++it)
                running << QStringLiteral("%1 x%2").arg(it.key()).arg(it.value());
            printLine(printableText(QStringLiteral("round %1: offered %2; applied %3, failed %4, up to date %5, errors %6; "
                                                   "running %7")
                                        .arg(report.round)
                                        .arg(offered.isEmpty() ? QStringLiteral("nothing") : offered.join(QStringLiteral(", ")))
                                        .arg(report.applied)
                                        .arg(report.failed)
                                        .arg(report.upToDate)
                                        .arg(report.errors)
                                        .arg(running.join(QStringLiteral(", ")))));
            for (const QString& p : report.problems)
                printErrorLine(printableText(QStringLiteral("  %1").arg(p)));
        }
    }
    if (!statePath.isEmpty()) {
        QSaveFile file(statePath);
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(fleet.state()).toJson(QJsonDocument::Compact)) < 0 ||
            !file.commit())
            return reportError(QStringLiteral("Cannot write the fleet state %1: %2").arg(statePath, file.errorString()));
    }
    if (cmd.isSet(QStringLiteral("json")))
        printJson(QJsonObject{{QStringLiteral("rounds"), reports}, {QStringLiteral("errors"), errors}});
    return errors == 0 ? ExitOk : ExitFailure;
}

const CommandRegistration registration{
    {QStringLiteral("channel rollout"), QStringLiteral("Roll a version out to a share of a channel's devices"), &channelRollout},
    {QStringLiteral("channel status"), QStringLiteral("What each channel serves, its rollout and its health"), &channelStatus},
    {QStringLiteral("device explain"), QStringLiteral("Why a device gets what it gets"), &deviceExplain},
    {QStringLiteral("device fleet"), QStringLiteral("Simulate many phones against an update endpoint"), &deviceFleet},
};

} // namespace

} // namespace slipway::cli
