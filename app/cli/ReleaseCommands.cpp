// `slipway release`: the headless way through the ReleaseRunner (CI jobs and scripts).
#include "cli/BuildLimitOptions.h"
#include "cli/CliSupport.h"
#include "cli/CommandRegistry.h"
#include "cli/InterruptGuard.h"
#include "cli/KeyLoading.h"
#include "common/ByteSize.h"
#include "crypto/SignedChecksum.h"
#include "history/HistoryRecords.h"
#include "release/ReleasePlan.h"
#include "release/ReleaseRunner.h"
#include "release/SigningKey.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

using namespace slipway;
using namespace slipway::release;

namespace {

// What happened to a release that did not complete, including whether the history could say so.
QString outcomeMessage(const ReleaseResult& result)
{
    QString message = result.error;
    if (!result.historyError.isEmpty()) {
        message += result.historyError == result.error
                       ? QStringLiteral("\nFor the same reason the history could not record that the release stopped.")
                       : QStringLiteral("\nThe history could not record this: %1").arg(result.historyError);
        if (result.releaseId > 0)
            message +=
                QStringLiteral("\nRelease %1's row still says 'running'; once this process has ended, 'slipway history "
                               "list' shows it as interrupted, and 'slipway release --resume %1' continues it when "
                               "the history can be written again.")
                    .arg(result.releaseId);
    } else if (result.releaseId > 0 && result.status == history::ReleaseStatus::Interrupted) {
        message +=
            QStringLiteral("\nRelease %1 is recorded as interrupted; continue it with 'slipway release --resume %1'.")
                .arg(result.releaseId);
    }
    return message;
}

int exitCodeFor(const ReleaseResult& result)
{
    if (result.ok())
        return cli::ExitOk;
    if (result.cancelled)
        return 130;
    if (result.status == history::ReleaseStatus::Refused)
        return 5;
    return cli::ExitFailure;
}

// Names the release options other than `except` that are set (a resume or abandon takes none).
QString conflictingOption(const cli::CommandLine& cl, const char* except)
{
    for (const char* option :
         {"app-id", "version", "path", "plan", "key", "channel", "storage", "registrar", "notes", "link",
          "min-update-version", "checksum-format", "no-code-check", "re-release", "new-key", "max-build-size", "max-expansion",
          "rollout-percent", "no-delta", "delta-skip-empty", "resume", "abandon"}) {
        if (qstrcmp(option, except) != 0 && cl.isSet(QLatin1String(option)))
            return QLatin1String(option);
    }
    return {};
}

// The release id of --resume or --abandon, which take no other release option.
Result<qint64> releaseIdOption(const cli::CommandLine& cl, const char* option, const QString& conflict)
{
    bool ok = false;
    const qint64 id = cl.value(QLatin1String(option)).toLongLong(&ok);
    if (!ok || id <= 0)
        return fail(QStringLiteral("--%1 needs a release id (see 'slipway history list --status interrupted')")
                        .arg(QLatin1String(option)),
                    cli::ExitUsage);
    if (const QString other = conflictingOption(cl, option); !other.isEmpty())
        return fail(conflict.arg(other), cli::ExitUsage);
    return id;
}

int abandonRelease(const cli::CommandLine& cl, bool json)
{
    auto id =
        releaseIdOption(cl, "abandon", QStringLiteral("--abandon takes only a release id; --%1 does not go with it"));
    if (!id)
        return cli::reportError(id.error());
    auto abandoned = ReleaseRunner::abandon(id.value());
    if (!abandoned)
        return cli::reportError(abandoned.error());
    const history::ReleaseRecord& r = abandoned.value();
    if (json) {
        cli::printJson(history::toJson(r));
        return cli::ExitOk;
    }
    cli::printLine(QStringLiteral("Release %1 abandoned: %2 %3 on channel %4 can be released again.")
                       .arg(r.id)
                       .arg(r.appId, r.version, r.channel));
    if (!r.storageKey.isEmpty())
        cli::printLine(QStringLiteral("  Its uploaded bundle %1 stays on %2 (no channel points at it).")
                           .arg(r.storageKey, r.storage));
    return cli::ExitOk;
}

int runRelease(const QStringList& args)
{
    cli::CommandLine cl(
        QStringLiteral("release"),
        QStringLiteral("Package, encrypt, verify as a device, upload and register a live update, recording "
                       "every step in the release history. With no --key, Slipway signs with its default "
                       "key (created once under the data folder)."));
    cl.addOption({QStringLiteral("app-id"), QStringLiteral("The app id, e.g. com.example.app."), QStringLiteral("ID")});
    cl.addOption(
        {QStringLiteral("version"), QStringLiteral("The bundle version (semver), e.g. 1.4.0."), QStringLiteral("V")});
    cl.addOption({QStringLiteral("path"), QStringLiteral("The web build folder or CI archive (zip, tar.*, 7z)."),
                  QStringLiteral("BUILD")});
    cl.addOption({QStringLiteral("channel"), QStringLiteral("The channel to publish on (default: production)."),
                  QStringLiteral("C")});
    cl.addOption({QStringLiteral("key"),
                  QStringLiteral("The private key PEM (.capgo_key_v2; passphrase: $SLIPWAY_KEY_PASSPHRASE), or a "
                                 "key on a hardware token by PKCS#11 URI, e.g. 'pkcs11:token=Release;object=capgo' "
                                 "(PIN: $SLIPWAY_PKCS11_PIN, the keychain, or asked at the terminal)."),
                  QStringLiteral("KEY")});
    cl.addOption({QStringLiteral("storage"),
                  QStringLiteral("Storage profile or URL (default: the local storage folder)."),
                  QStringLiteral("PROFILE")});
    cl.addOption({QStringLiteral("registrar"),
                  QStringLiteral("Registrar profile (default: the channel manifest next to the bundles)."),
                  QStringLiteral("PROFILE")});
    cl.addOption({QStringLiteral("plan"),
                  QStringLiteral("Read the release plan from a JSON file; options given here override it."),
                  QStringLiteral("plan.json")});
    cl.addOption({QStringLiteral("notes"), QStringLiteral("Release notes (also the manifest's comment)."),
                  QStringLiteral("TEXT")});
    cl.addOption({QStringLiteral("link"), QStringLiteral("A link published with the update."), QStringLiteral("URL")});
    cl.addOption({QStringLiteral("min-update-version"),
                  QStringLiteral("Oldest native version allowed to take this update."), QStringLiteral("V")});
    cl.addOption({QStringLiteral("checksum-format"),
                  QStringLiteral("v3 (default, current plugins) or v2 (legacy plugins)."), QStringLiteral("FORMAT")});
    cl.addOption({QStringLiteral("no-code-check"), QStringLiteral("Do not require notifyAppReady in the JavaScript.")});
    cli::addBuildLimitOptions(cl);
    cl.addOption(
        {QStringLiteral("re-release"),
         QStringLiteral("Release an app/version/channel again although it was released before (recorded as such).")});
    cl.addOption({QStringLiteral("new-key"),
                  QStringLiteral("Sign with another key than the channel's phones expect, on purpose (recorded in the "
                                 "audit chain). Without it such a release is refused.")});
    cl.addOption({QStringLiteral("rollout-percent"),
                  QStringLiteral("Roll out to N % of the devices first (1-99): the channel's stable release stays "
                                 "served to the others; widen or promote it with 'slipway channel rollout'. Needs the "
                                 "channel manifest registrar and a stable release on the channel."),
                  QStringLiteral("N")});
    cl.addOption({QStringLiteral("no-delta"),
                  QStringLiteral("Publish the zip only, without the per-file delta manifest.")});
    cl.addOption({QStringLiteral("delta-skip-empty"),
                  QStringLiteral("An encrypted delta cannot carry empty files (the plugin fails on 0 bytes): publish "
                                 "the delta without them instead of the zip only.")});
    cl.addOption({QStringLiteral("resume"),
                  QStringLiteral("Continue an interrupted release from its last verified step."),
                  QStringLiteral("ID")});
    cl.addOption({QStringLiteral("abandon"),
                  QStringLiteral("Give up an interrupted release: it is not resumable any more and its app, version "
                                 "and channel are free to release again."),
                  QStringLiteral("ID")});
    cl.addOption(
        {QStringLiteral("json"), QStringLiteral("Print the result as JSON on stdout (progress stays on stderr).")});
    cl.addOption({QStringLiteral("quiet"), QStringLiteral("Do not print the steps on stderr.")});
    if (!cl.parse(args))
        return cl.exitCode();

    const bool json = cl.isSet(QStringLiteral("json"));
    const bool quiet = cl.isSet(QStringLiteral("quiet"));
    if (cl.isSet(QStringLiteral("abandon")))
        return abandonRelease(cl, json);
    qint64 resumeId = 0;
    ReleasePlan plan;
    if (cl.isSet(QStringLiteral("resume"))) {
        auto id = releaseIdOption(cl, "resume",
                                  QStringLiteral("--resume continues the recorded plan; --%1 cannot change it"));
        if (!id)
            return cli::reportError(id.error());
        resumeId = id.value();
    } else {
        if (cl.isSet(QStringLiteral("plan"))) {
            auto loaded = ReleasePlan::fromFile(cl.value(QStringLiteral("plan")));
            if (!loaded)
                return cli::reportError(loaded.error().message, cli::ExitUsage);
            plan = loaded.value();
        }
        auto take = [&](const char* option, QString& field) {
            if (cl.isSet(QLatin1String(option)))
                field = cl.value(QLatin1String(option));
        };
        take("app-id", plan.appId);
        take("version", plan.version);
        take("path", plan.buildSource);
        take("channel", plan.channel);
        take("key", plan.keyPath);
        take("storage", plan.storageProfile);
        take("registrar", plan.registrarProfile);
        take("notes", plan.notes);
        take("link", plan.link);
        take("min-update-version", plan.minUpdateVersion);
        if (cl.isSet(QStringLiteral("checksum-format"))) {
            auto format = crypto::checksumFormatFromString(cl.value(QStringLiteral("checksum-format")));
            if (!format)
                return cli::reportError(format.error().message, cli::ExitUsage);
            plan.checksumFormat = format.value();
        }
        if (cl.isSet(QStringLiteral("no-code-check")))
            plan.codeCheck = false;
        if (cl.isSet(QStringLiteral("no-delta")))
            plan.delta = false;
        if (cl.isSet(QStringLiteral("delta-skip-empty")))
            plan.deltaSkipEmpty = true;
        auto limits = cli::buildLimitOptions(cl, plan.buildLimits);
        if (!limits)
            return cli::reportError(limits.error());
        plan.buildLimits = limits.value();
        if (cl.isSet(QStringLiteral("re-release")))
            plan.allowReRelease = true;
        if (cl.isSet(QStringLiteral("new-key")))
            plan.allowNewKey = true;
        if (cl.isSet(QStringLiteral("rollout-percent"))) {
            bool ok = false;
            const QString text = cl.value(QStringLiteral("rollout-percent")).trimmed();
            const int percent = text.toInt(&ok);
            if (!ok || percent == 0)
                return cli::reportError(QStringLiteral("--rollout-percent takes a whole number from %1 to %2 (the "
                                                       "share of devices that get the release first), not \"%3\".")
                                            .arg(ReleasePlan::MinRolloutPercent)
                                            .arg(ReleasePlan::MaxRolloutPercent)
                                            .arg(text),
                                        cli::ExitUsage);
            plan.rolloutPercent = percent;
        }
        if (Status valid = plan.validate(); !valid)
            return cli::reportError(valid.error().message + QStringLiteral(" (see 'slipway release --help')"),
                                    cli::ExitUsage);
    }

    ReleaseRunner runner;
    const QByteArray passphrase = qgetenv("SLIPWAY_KEY_PASSPHRASE");
    if (!passphrase.isEmpty())
        runner.setKeyPassphrase(SecureBytes(passphrase));
    runner.setTokenPinPrompt([](const QString& uri) { return cli::tokenPin(uri); });

    const int total = static_cast<int>(allSteps().size());
    if (!quiet) {
        QObject::connect(&runner, &ReleaseRunner::releaseCreated, [&](qint64 id, int attempt) {
            cli::printErrorLine(
                attempt > 1
                    ? QStringLiteral("Resuming release %1 (attempt %2)").arg(id).arg(attempt)
                    : QStringLiteral("Release %1: %2 %3 on %4").arg(id).arg(plan.appId, plan.version, plan.channel));
        });
        QObject::connect(&runner, &ReleaseRunner::stepStarted, [&](ReleaseStep step, const QString& title) {
            cli::printErrorLine(QStringLiteral("[%1/%2] %3").arg(allSteps().indexOf(step) + 1).arg(total).arg(title));
        });
        QObject::connect(&runner, &ReleaseRunner::stepFinished, [&](ReleaseStep, bool ok, const QString& message) {
            cli::printErrorLine(
                QStringLiteral("      %1 %2").arg(ok ? QStringLiteral("ok:") : QStringLiteral("FAILED:"), message));
        });
    }

    ReleaseResult result;
    QEventLoop loop;
    QObject::connect(&runner, &ReleaseRunner::finished, &loop, [&](const ReleaseResult& r) {
        result = r;
        loop.quit();
    });
    // Ctrl+C or a CI timeout's SIGTERM cancels cleanly: the release stays interrupted and resumable.
    {
        const cli::InterruptGuard interrupts;
        QTimer signalWatch;
        QObject::connect(&signalWatch, &QTimer::timeout, [&] {
            if (cli::InterruptGuard::interrupted())
                runner.cancel();
        });
        signalWatch.start(25);
        if (resumeId > 0)
            runner.resume(resumeId);
        else
            runner.start(plan);
        loop.exec();
        runner.wait();
    }

    if (json) {
        cli::printJson(result.toJson());
        if (!result.ok())
            cli::printErrorLine(QStringLiteral("slipway: error: %1").arg(outcomeMessage(result)));
        return exitCodeFor(result);
    }
    if (!result.ok())
        return cli::reportError(outcomeMessage(result), exitCodeFor(result));
    cli::printLine(QStringLiteral("Release %1 completed: %2 %3 on channel %4%5")
                       .arg(result.releaseId)
                       .arg(result.appId, result.version, result.channel,
                            result.attempt > 1 ? QStringLiteral(" (attempt %1)").arg(result.attempt) : QString()));
    cli::printLine(
        QStringLiteral("  bundle URL      %1 (%2)").arg(result.publicUrl, humanByteSize(result.encryptedSize)));
    cli::printLine(QStringLiteral("  SHA-256         %1").arg(result.sha256));
    cli::printLine(QStringLiteral("  checksum        %1").arg(result.signedChecksum));
    cli::printLine(QStringLiteral("  session key     %1").arg(result.ivSessionKey));
    cli::printLine(
        QStringLiteral("  key             key_id %1, SHA-256 fingerprint %2").arg(result.keyId, result.keyFingerprint));
    if (result.usedDefaultKey)
        cli::printLine(
            QStringLiteral("  signed with Slipway's default key %1 (no --key given). Back it up; put the public key "
                           "%1.pub into capacitor.config as plugins.CapacitorUpdater.publicKey.")
                .arg(result.keyPath));
    if (!result.manifestKey.isEmpty())
        cli::printLine(QStringLiteral("  channel manifest %1").arg(result.manifestKey));
    if (result.rolloutPercent > 0)
        cli::printLine(QStringLiteral("  rollout         %1 goes to %2 % of the devices on %3; the others stay on %4 "
                                      "(see 'slipway channel status --app-id %5 --channel %3')")
                           .arg(result.version)
                           .arg(result.rolloutPercent)
                           .arg(result.channel, result.stableVersion, result.appId));
    return cli::ExitOk;
}

const cli::CommandRegistration registration{
    {QStringLiteral("release"),
     QStringLiteral("Release a web build: package, encrypt, verify, upload, register, record"), &runRelease},
};

} // namespace
