// `bundle preflight` and `bundle zip`: check a build and turn it into a Capgo bundle (optionally encrypted).
#include "bundle/Packager.h"
#include "bundle/Preflight.h"
#include "cli/BuildLimitOptions.h"
#include "cli/CliSupport.h"
#include "cli/CommandRegistry.h"
#include "cli/KeyLoading.h"
#include "crypto/RsaKey.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace slipway::cli {

namespace {

QJsonArray checksToJson(const std::vector<bundle::PreflightCheck>& checks)
{
    QJsonArray out;
    for (const auto& c : checks) {
        out.append(QJsonObject{{QStringLiteral("id"), c.id},
                               {QStringLiteral("title"), c.title},
                               {QStringLiteral("severity"), bundle::Preflight::severityName(c.severity)},
                               {QStringLiteral("passed"), c.passed},
                               {QStringLiteral("message"), c.message},
                               {QStringLiteral("items"), QJsonArray::fromStringList(c.items)}});
    }
    return out;
}

void printChecks(const std::vector<bundle::PreflightCheck>& checks)
{
    for (const auto& c : checks) {
        const QString mark = c.passed ? QStringLiteral("ok  ")
                                      : (c.severity == bundle::CheckSeverity::Blocking ? QStringLiteral("FAIL") : QStringLiteral("warn"));
        printLine(QStringLiteral("[%1] %2: %3").arg(mark, c.title, c.message));
    }
}

void addPreflightOptions(CommandLine& cl)
{
    cl.addOption({QStringLiteral("path"), QStringLiteral("The build folder or CI artifact archive (zip, tar, tar.gz, tar.xz, tar.zst, 7z)."),
                  QStringLiteral("BUILD_OR_ARCHIVE")});
    cl.addOption({QStringLiteral("bundle"), QStringLiteral("Bundle version (semver), checked and reported."), QStringLiteral("VERSION")});
    cl.addOption({QStringLiteral("app-id"), QStringLiteral("App id (reverse-domain), checked."), QStringLiteral("ID")});
    cl.addOption(
        {QStringLiteral("no-code-check"), QStringLiteral("Do not look for notifyAppReady() in the JavaScript.")});
    cl.addOption({QStringLiteral("exclude-junk"),
                  QStringLiteral("Leave .git, .DS_Store, source maps and the like out of the bundle.")});
    addBuildLimitOptions(cl);
    cl.addOption({QStringLiteral("json"), QStringLiteral("Print the result as JSON.")});
}

Result<bundle::PreflightOptions> preflightOptions(const CommandLine& cl)
{
    bundle::PreflightOptions o;
    o.version = cl.value(QStringLiteral("bundle"));
    o.appId = cl.value(QStringLiteral("app-id"));
    o.codeCheck = !cl.isSet(QStringLiteral("no-code-check"));
    o.excludeJunk = cl.isSet(QStringLiteral("exclude-junk"));
    auto limits = buildLimitOptions(cl);
    if (!limits)
        return limits.error();
    o.limits = limits.value();
    return o;
}

int runPreflight(const QStringList& args)
{
    CommandLine cl(QStringLiteral("bundle preflight"), QStringLiteral("Check a build before it becomes a bundle. Exits non-zero when a blocking check fails."));
    addPreflightOptions(cl);
    if (!cl.parse(args) || !cl.require({QStringLiteral("path")}))
        return cl.exitCode();
    auto options = preflightOptions(cl);
    if (!options)
        return reportError(options.error());
    auto report = bundle::Preflight::run(cl.value(QStringLiteral("path")), options.value());
    if (!report)
        return reportError(report.error().message); // exit 1: BuildSource's codes are not exit codes
    const bool blocked = report->hasBlockingFailure();
    if (cl.isSet(QStringLiteral("json"))) {
        printJson(QJsonObject{{QStringLiteral("path"), cl.value(QStringLiteral("path"))},
                              {QStringLiteral("ready"), !blocked},
                              {QStringLiteral("files"), report->files},
                              {QStringLiteral("bytes"), report->bytes},
                              {QStringLiteral("checks"), checksToJson(report->checks)}});
    } else {
        printChecks(report->checks);
        printLine(blocked ? QStringLiteral("Not ready: fix the failed checks above.") : QStringLiteral("Ready to bundle."));
    }
    return blocked ? ExitFailure : ExitOk;
}

int runZip(const QStringList& args)
{
    CommandLine cl(QStringLiteral("bundle zip"),
                   QStringLiteral("Package a build as a Capgo bundle zip; with --key also write FILE.zip.encrypted in the same pass."));
    addPreflightOptions(cl);
    cl.addOption({QStringLiteral("out"), QStringLiteral("The bundle zip to write."), QStringLiteral("FILE.zip")});
    cl.addOption({QStringLiteral("key"), QStringLiteral("Private key (.capgo_key_v2) to encrypt with; a protected key reads its "
                                                        "passphrase from SLIPWAY_KEY_PASSPHRASE."),
                  QStringLiteral("PRIVATE_PEM")});
    if (!cl.parse(args) || !cl.require({QStringLiteral("path"), QStringLiteral("out")}))
        return cl.exitCode();

    bundle::PackageRequest request;
    request.sourcePath = cl.value(QStringLiteral("path"));
    request.zipPath = cl.value(QStringLiteral("out"));
    auto options = preflightOptions(cl);
    if (!options)
        return reportError(options.error());
    request.preflight = options.value();
    if (cl.isSet(QStringLiteral("key"))) {
        auto key = loadSigningKey(cl.value(QStringLiteral("key")));
        if (!key)
            return reportError(key.error());
        request.signer = key.value();
        request.encryptedPath = request.zipPath + QStringLiteral(".encrypted");
    }

    auto result = bundle::Packager::package(request);
    if (!result)
        return result.error().code == bundle::BuildSource::TooLargeCode ? reportError(result.error().message)
                                                                        : reportError(result.error());
    const auto& r = result.value();
    QJsonObject json{{QStringLiteral("bundle"), request.preflight.version},
                     {QStringLiteral("filename"), r.zipPath},
                     {QStringLiteral("checksum"), r.sha256Hex},
                     {QStringLiteral("files"), r.files},
                     {QStringLiteral("bytes"), r.bytes},
                     {QStringLiteral("zipSize"), r.zipSize}};
    if (r.seal) {
        json.insert(QStringLiteral("encryptedFilename"), r.encryptedPath);
        json.insert(QStringLiteral("ivSessionKey"), r.seal->ivSessionKey);
        json.insert(QStringLiteral("signedChecksum"), r.seal->signedChecksum);
        json.insert(QStringLiteral("encryptedSize"), r.seal->encryptedSize);
    }
    QJsonArray warnings;
    for (const auto& c : r.checks) {
        if (!c.passed && c.severity == bundle::CheckSeverity::Warning)
            warnings.append(c.message);
    }
    if (!warnings.isEmpty())
        json.insert(QStringLiteral("warnings"), warnings);
    if (cl.isSet(QStringLiteral("json"))) {
        printJson(json);
    } else {
        for (const auto& w : warnings)
            printErrorLine(QStringLiteral("slipway: warning: %1").arg(w.toString()));
        printLine(QStringLiteral("Wrote %1 (%2 files, %3 bytes, SHA-256 %4)").arg(r.zipPath).arg(r.files).arg(r.zipSize).arg(r.sha256Hex));
        if (r.seal)
            printLine(QStringLiteral("Wrote %1\nivSessionKey: %2\nsignedChecksum: %3").arg(r.encryptedPath, r.seal->ivSessionKey, r.seal->signedChecksum));
    }
    return ExitOk;
}

const CommandRegistration registration{{
    {QStringLiteral("bundle preflight"), QStringLiteral("Check a build folder or archive before bundling"), &runPreflight},
    {QStringLiteral("bundle zip"), QStringLiteral("Package a build as a Capgo bundle zip (and encrypt it with --key)"), &runZip},
}};

} // namespace

} // namespace slipway::cli
