// slipway bundle encrypt | decrypt | verify
#include "cli/CliSupport.h"
#include "cli/CommandRegistry.h"
#include "cli/KeyLoading.h"
#include "crypto/BundleCipher.h"
#include "crypto/SignedChecksum.h"
#include "device/DeviceVerifier.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryFile>

namespace slipway::cli {

namespace {

int bundleEncrypt(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("bundle encrypt"),
                    QStringLiteral("Encrypt a bundle zip for devices: AES-128-CBC payload, RSA-wrapped session key, "
                                   "signed checksum."));
    cmd.addPositional(QStringLiteral("ZIP"), QStringLiteral("The plain bundle zip."));
    cmd.addPositional(QStringLiteral("SHA256"), QStringLiteral("Optional: the zip's SHA-256 hex, checked."), QStringLiteral("[SHA256]"));
    cmd.addOption({QStringLiteral("key"), QStringLiteral("The private key (.capgo_key_v2)."), QStringLiteral("PRIVATE_PEM")});
    cmd.addOption({QStringLiteral("out"), QStringLiteral("Output file (default: ZIP.encrypted)."), QStringLiteral("FILE")});
    cmd.addOption({QStringLiteral("checksum-format"),
                   QStringLiteral("v3 (default, current plugins), v2 (legacy plugins) or crc32 (plugins before 5.10)."),
                   QStringLiteral("FORMAT"), QStringLiteral("v3")});
    cmd.addOption({QStringLiteral("json"), QStringLiteral("Print the result as JSON.")});
    if (!cmd.parse(args, 1, 2) || !cmd.require({QStringLiteral("key")}))
        return cmd.exitCode();
    const QString zip = cmd.positional().first();
    const QString expected = cmd.positional().value(1);
    if (!expected.isEmpty() && (expected.size() != 64 || QByteArray::fromHex(expected.toLatin1()).size() != 32))
        return reportError(QStringLiteral("SHA256 must be 64 hex characters (the plain zip's checksum)."), ExitUsage);
    auto format = crypto::checksumFormatFromString(cmd.value(QStringLiteral("checksum-format")));
    if (!format)
        return reportError(format.error().message, ExitUsage);
    if (!QFileInfo(zip).isFile())
        return reportError(QStringLiteral("The zip %1 does not exist.").arg(zip));
    auto key = loadSigningKey(cmd.value(QStringLiteral("key")));
    if (!key)
        return reportError(key.error());
    const QString out = cmd.isSet(QStringLiteral("out")) ? cmd.value(QStringLiteral("out")) : zip + QStringLiteral(".encrypted");
    auto seal = crypto::encryptBundleFile(zip, out, key.value(), format.value(), {}, expected);
    if (!seal)
        return reportError(seal.error());
    const QJsonObject result{
        {QStringLiteral("checksum"), seal->signedChecksum},
        {QStringLiteral("checksumFormat"), crypto::checksumFormatName(seal->format)},
        {QStringLiteral("ivSessionKey"), seal->ivSessionKey},
        {QStringLiteral("sha256"), seal->sha256Hex},
        {QStringLiteral("filename"), QFileInfo(out).absoluteFilePath()},
        {QStringLiteral("keyId"), key.value()->publicKey().keyId()},
        {QStringLiteral("size"), seal->encryptedSize},
    };
    if (cmd.isSet(QStringLiteral("json"))) {
        printJson(result);
    } else {
        printLine(QStringLiteral("Encrypted %1 -> %2\n  sha256:          %3\n  ivSessionKey:    %4\n  signed checksum: %5 (%6)")
                      .arg(zip, out, seal->sha256Hex, seal->ivSessionKey, seal->signedChecksum,
                           crypto::checksumFormatName(seal->format)));
    }
    if (seal->format != crypto::ChecksumFormat::V3)
        printErrorLine(QStringLiteral("slipway: warning: the %1 checksum is for legacy plugins; current plugins reject it.")
                           .arg(crypto::checksumFormatName(seal->format)));
    return ExitOk;
}

int bundleDecrypt(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("bundle decrypt"),
                    QStringLiteral("Decrypt an encrypted bundle with the public key, as a device does."));
    cmd.addPositional(QStringLiteral("ENC"), QStringLiteral("The encrypted bundle."));
    cmd.addOption({QStringLiteral("iv-session-key"), QStringLiteral("The session key (ivSessionKey)."), QStringLiteral("KEY")});
    cmd.addOption({QStringLiteral("key"), QStringLiteral("The public key (.capgo_key_v2.pub)."), QStringLiteral("PUBLIC_PEM")});
    cmd.addOption({QStringLiteral("checksum"), QStringLiteral("The signed checksum, checked against the decrypted zip."),
                   QStringLiteral("SIGNED")});
    cmd.addOption({QStringLiteral("out"), QStringLiteral("Where to write the decrypted zip."), QStringLiteral("ZIP")});
    cmd.addOption({QStringLiteral("json"), QStringLiteral("Print the result as JSON.")});
    if (!cmd.parse(args, 1, 1) || !cmd.require({QStringLiteral("iv-session-key"), QStringLiteral("key"), QStringLiteral("out")}))
        return cmd.exitCode();
    auto key = loadVerifyingKey(cmd.value(QStringLiteral("key")));
    if (!key)
        return reportError(key.error());
    auto session = crypto::SessionKey::unwrap(cmd.value(QStringLiteral("iv-session-key")), key.value());
    if (!session)
        return reportError(session.error());
    std::optional<QString> expected;
    if (cmd.isSet(QStringLiteral("checksum"))) {
        auto recovered = crypto::SignedChecksum::recoverHex(cmd.value(QStringLiteral("checksum")), key.value());
        if (!recovered)
            return reportError(recovered.error());
        expected = recovered.value();
    }
    const QString out = cmd.value(QStringLiteral("out"));
    if (!QFileInfo(QFileInfo(out).absolutePath()).isDir())
        return reportError(QStringLiteral("The output folder %1 does not exist.").arg(QFileInfo(out).absolutePath()));
    // Decrypt beside the target and move it into place only once the checksum holds.
    QTemporaryFile staging(QFileInfo(out).absoluteFilePath() + QStringLiteral(".XXXXXX.partial"));
    if (!staging.open())
        return reportError(QStringLiteral("Cannot write in %1: %2").arg(QFileInfo(out).absolutePath(), staging.errorString()));
    staging.close();
    auto decrypted = crypto::decryptBundleFile(cmd.positional().first(), staging.fileName(), session.value());
    if (!decrypted)
        return reportError(decrypted.error());
    if (expected && *expected != decrypted->sha256Hex) {
        const QString why = crypto::SignedChecksum::isLegacyV2Of(*expected, decrypted->sha256Hex)
                                ? QStringLiteral("The checksum is a legacy V2 signature; current plugins expect V3 and "
                                                 "reject it.")
                                : QStringLiteral("Checksum mismatch: the signed checksum says %1, the decrypted zip "
                                                 "hashes to %2. The bundle was altered or the checksum belongs to "
                                                 "another bundle; nothing was written.")
                                      .arg(*expected, decrypted->sha256Hex);
        return reportError(why);
    }
    QFile::remove(out);
    if (!staging.rename(out))
        return reportError(QStringLiteral("Cannot write %1: %2").arg(out, staging.errorString()));
    staging.setAutoRemove(false);
    if (cmd.isSet(QStringLiteral("json"))) {
        QJsonObject result{{QStringLiteral("filename"), QFileInfo(out).absoluteFilePath()},
                           {QStringLiteral("sha256"), decrypted->sha256Hex},
                           {QStringLiteral("size"), decrypted->size}};
        if (expected)
            result.insert(QStringLiteral("checksumMatches"), true);
        printJson(result);
    } else {
        printLine(QStringLiteral("Decrypted to %1 (sha256 %2)%3")
                      .arg(out, decrypted->sha256Hex, expected ? QStringLiteral("; the signed checksum matches.") : QString()));
    }
    return ExitOk;
}

QJsonObject reportToJson(const device::VerificationReport& report)
{
    QJsonObject json{{QStringLiteral("accepted"), report.accepted()},
                     {QStringLiteral("summary"), report.summary()},
                     {QStringLiteral("steps"), device::toJson(report.steps)},
                     {QStringLiteral("sha256"), report.sha256Hex},
                     {QStringLiteral("entries"), report.entries}};
    if (const auto* failed = report.failedStep())
        json.insert(QStringLiteral("failedStep"), failed->id);
    return json;
}

int bundleVerify(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("bundle verify"),
                    QStringLiteral("Check an encrypted bundle exactly as a phone does; exit 0 only when a phone would accept it."));
    cmd.addPositional(QStringLiteral("ENC"), QStringLiteral("The encrypted bundle."));
    cmd.addOption({QStringLiteral("iv-session-key"), QStringLiteral("The session key (ivSessionKey)."), QStringLiteral("KEY")});
    cmd.addOption({QStringLiteral("checksum"), QStringLiteral("The signed checksum."), QStringLiteral("SIGNED")});
    cmd.addOption({QStringLiteral("key"), QStringLiteral("The public key the app is configured with."), QStringLiteral("PUBLIC_PEM")});
    cmd.addOption({QStringLiteral("json"), QStringLiteral("Print the result as JSON.")});
    if (!cmd.parse(args, 1, 1)
        || !cmd.require({QStringLiteral("iv-session-key"), QStringLiteral("checksum"), QStringLiteral("key")}))
        return cmd.exitCode();
    auto key = loadVerifyingKey(cmd.value(QStringLiteral("key")));
    if (!key)
        return reportError(key.error());
    device::VerificationInput input;
    input.encryptedPath = cmd.positional().first();
    input.ivSessionKey = cmd.value(QStringLiteral("iv-session-key"));
    input.signedChecksum = cmd.value(QStringLiteral("checksum"));
    input.publicKey = key.value();
    const auto report = device::DeviceVerifier::verify(input);
    if (cmd.isSet(QStringLiteral("json"))) {
        printJson(reportToJson(report));
    } else {
        for (const auto& s : report.steps)
            printLine(QStringLiteral("%1 %2: %3").arg(s.passed ? QStringLiteral("[ok]  ") : QStringLiteral("[FAIL]"), s.title, s.detail));
    }
    if (!report.accepted())
        return reportError(report.summary());
    if (!cmd.isSet(QStringLiteral("json")))
        printLine(report.summary());
    return ExitOk;
}

const CommandRegistration registration{
    {QStringLiteral("bundle encrypt"), QStringLiteral("Encrypt a bundle zip (session key + signed checksum)"), &bundleEncrypt},
    {QStringLiteral("bundle decrypt"), QStringLiteral("Decrypt an encrypted bundle with the public key"), &bundleDecrypt},
    {QStringLiteral("bundle verify"), QStringLiteral("Verify an encrypted bundle exactly as a phone does"), &bundleVerify},
};

} // namespace

} // namespace slipway::cli
