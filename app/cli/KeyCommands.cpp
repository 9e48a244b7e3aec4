// slipway key create | inspect | match | export | config
#include "cli/CliSupport.h"
#include "cli/CommandRegistry.h"
#include "cli/KeyLoading.h"
#include "cli/TokenKeyCommands.h"
#include "crypto/KeyPairFiles.h"
#include "crypto/Pkcs11Uri.h"
#include "crypto/RsaKey.h"
#include "project/CapacitorConfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>

#include <sys/stat.h>

namespace slipway::cli {

namespace {

using crypto::KeyPairFiles;
using crypto::RsaKey;

QJsonObject describeKey(const RsaKey& key)
{
    const QString fingerprint = key.fingerprintSha256();
    return QJsonObject{
        {QStringLiteral("kind"), key.isPrivate() ? QStringLiteral("private") : QStringLiteral("public")},
        {QStringLiteral("algorithm"), QStringLiteral("RSA")},
        {QStringLiteral("bits"), key.bits()},
        {QStringLiteral("keyId"), key.keyId()},
        {QStringLiteral("fingerprint"), fingerprint},
        {QStringLiteral("fingerprintGrouped"), crypto::groupedFingerprint(fingerprint)},
        {QStringLiteral("capgoCompatible"), static_cast<bool>(key.checkCapgoCompatible())},
    };
}

// The Unix mode as octal text ("0600"), so security staff see at once who can read a private key.
QString fileMode(const QString& path)
{
    struct stat info{};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return {};
    return QStringLiteral("%1").arg(info.st_mode & 0777, 4, 8, QLatin1Char('0'));
}

QString keyFormat(const QByteArray& pem)
{
    if (pem.contains("BEGIN ENCRYPTED PRIVATE KEY"))
        return QStringLiteral("encrypted PKCS#8");
    if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN RSA PUBLIC KEY"))
        return QStringLiteral("PKCS#1 (Capgo)");
    if (pem.contains("BEGIN PRIVATE KEY"))
        return QStringLiteral("PKCS#8");
    if (pem.contains("BEGIN PUBLIC KEY"))
        return QStringLiteral("SubjectPublicKeyInfo");
    return QStringLiteral("unknown");
}

int keyCreate(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("key create"),
                    QStringLiteral("Create an RSA-2048 key pair in Capgo's format (.capgo_key_v2 and .capgo_key_v2.pub)."));
    cmd.addOption({QStringLiteral("out"), QStringLiteral("Folder for the key files (default: the current folder)."),
                   QStringLiteral("DIR")});
    cmd.addOption({QStringLiteral("force"), QStringLiteral("Replace existing key files (phones with the old key will then reject new bundles).")});
    cmd.addOption({QStringLiteral("passphrase"), QStringLiteral("Protect the private key with a passphrase "
                                                                "($SLIPWAY_KEY_PASSPHRASE or typed); written as .capgo_key_v2.enc.")});
    cmd.addOption({QStringLiteral("capacitor-config"),
                   QStringLiteral("Write the public key into this capacitor.config.json (a .ts config gets a snippet to paste)."),
                   QStringLiteral("FILE")});
    cmd.addOption({QStringLiteral("pkcs11"),
                   QStringLiteral("Generate the key pair on a hardware token instead (PKCS#11 URI, e.g. "
                                  "'pkcs11:token=Release;object=capgo'); only .capgo_key_v2.pub is written."),
                   QStringLiteral("URI")});
    cmd.addOption({QStringLiteral("json"), QStringLiteral("Print the result as JSON.")});
    if (!cmd.parse(args))
        return cmd.exitCode();

    const QString folder = cmd.isSet(QStringLiteral("out")) ? cmd.value(QStringLiteral("out")) : QDir::currentPath();
    if (cmd.isSet(QStringLiteral("pkcs11"))) {
        if (cmd.isSet(QStringLiteral("passphrase")))
            return reportError(QStringLiteral("--passphrase protects a key file; a token key is protected by the token's PIN."),
                               ExitUsage);
        return createKeyOnToken(cmd.value(QStringLiteral("pkcs11")), folder, cmd.isSet(QStringLiteral("force")),
                                cmd.value(QStringLiteral("capacitor-config")), cmd.isSet(QStringLiteral("json")));
    }
    SecureBytes passphrase;
    if (cmd.isSet(QStringLiteral("passphrase"))) {
        auto entered = newPassphrase();
        if (!entered)
            return reportError(entered.error());
        passphrase = entered.value();
    }
    if (!QFileInfo(folder).isDir())
        return reportError(QStringLiteral("The folder %1 does not exist; create it or choose another with --out.").arg(folder));
    auto key = RsaKey::generate();
    if (!key)
        return reportError(key.error());
    auto paths = KeyPairFiles::write(key.value(), folder, cmd.isSet(QStringLiteral("force")), passphrase);
    if (!paths)
        return reportError(paths.error());

    const QString publicPem = QString::fromLatin1(key->publicPkcs1Pem());
    QJsonObject result = describeKey(key.value());
    result.insert(QStringLiteral("kind"), QStringLiteral("key pair"));
    result.insert(QStringLiteral("privateKey"), paths->privatePath);
    result.insert(QStringLiteral("publicKey"), paths->publicPath);
    result.insert(QStringLiteral("passphraseProtected"), paths->passphraseProtected);
    QString configNote;
    if (cmd.isSet(QStringLiteral("capacitor-config"))) {
        const QString config = cmd.value(QStringLiteral("capacitor-config"));
        auto written = project::CapacitorConfig::writePublicKey(config, publicPem);
        result.insert(QStringLiteral("capacitorConfig"), config);
        result.insert(QStringLiteral("capacitorConfigUpdated"), static_cast<bool>(written));
        if (!written) {
            result.insert(QStringLiteral("capacitorConfigSnippet"), project::CapacitorConfig::typeScriptSnippet(publicPem));
            configNote = written.error().message;
        } else {
            configNote = QStringLiteral("Public key written to plugins.CapacitorUpdater.publicKey in %1.").arg(config);
        }
    }
    if (cmd.isSet(QStringLiteral("json"))) {
        printJson(result);
        if (!configNote.isEmpty() && !result.value(QStringLiteral("capacitorConfigUpdated")).toBool())
            printErrorLine(configNote);
        return ExitOk;
    }
    printLine(QStringLiteral("Created an RSA-2048 key pair.\n  private key: %1 (mode 0600%2)\n  public key:  %3\n"
                             "  key id:      %4\n  fingerprint: SHA256 %5")
                  .arg(paths->privatePath,
                       paths->passphraseProtected ? QStringLiteral(", passphrase-protected") : QString(),
                       paths->publicPath, key->keyId(), crypto::groupedFingerprint(key->fingerprintSha256())));
    if (!configNote.isEmpty())
        printLine(configNote);
    printLine(QStringLiteral("\nBACK UP THE PRIVATE KEY NOW. Without it you cannot ship updates to apps that carry this "
                             "public key; anyone who has it can ship updates to them."));
    return ExitOk;
}

int keyInspect(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("key inspect"), QStringLiteral("Show a key's kind, size, Capgo key id and SHA-256 fingerprint."));
    cmd.addPositional(QStringLiteral("FILE"), QStringLiteral("A PEM key file (private or public), or a token key's PKCS#11 URI."));
    cmd.addOption({QStringLiteral("json"), QStringLiteral("Print the result as JSON.")});
    if (!cmd.parse(args, 1, 1))
        return cmd.exitCode();
    const QString path = cmd.positional().first();
    if (crypto::Pkcs11Uri::looksLikeUri(path))
        return inspectKeyOnToken(path, cmd.isSet(QStringLiteral("json")));
    auto key = loadKey(path);
    if (!key)
        return reportError(key.error());
    QFile file(path);
    QByteArray head;
    if (file.open(QIODevice::ReadOnly))
        head = file.read(4096);
    QJsonObject result = describeKey(key.value());
    result.insert(QStringLiteral("file"), QFileInfo(path).absoluteFilePath());
    result.insert(QStringLiteral("format"), keyFormat(head));
    result.insert(QStringLiteral("passphraseProtected"), RsaKey::isPassphraseProtected(head));
    if (key->isPrivate())
        result.insert(QStringLiteral("fileMode"), fileMode(path));
    if (cmd.isSet(QStringLiteral("json"))) {
        printJson(result);
        return ExitOk;
    }
    printLine(QStringLiteral("file:        %1\nkind:        %2 key (%3)\nalgorithm:   RSA-%4\nkey id:      %5\n"
                             "fingerprint: %6\n             SHA256 %7\ncapgo:       %8")
                  .arg(result.value(QStringLiteral("file")).toString(), result.value(QStringLiteral("kind")).toString(),
                       result.value(QStringLiteral("format")).toString())
                  .arg(key->bits())
                  .arg(key->keyId(), key->fingerprintSha256(), crypto::groupedFingerprint(key->fingerprintSha256()),
                       key->checkCapgoCompatible() ? QStringLiteral("compatible (RSA-2048)")
                                                   : key->checkCapgoCompatible().error().message));
    return ExitOk;
}

int keyMatch(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("key match"), QStringLiteral("Check that a private key and a public key belong together."));
    cmd.addPositional(QStringLiteral("PRIVATE"), QStringLiteral("The private key file."));
    cmd.addPositional(QStringLiteral("PUBLIC"), QStringLiteral("The public key file."));
    cmd.addOption({QStringLiteral("json"), QStringLiteral("Print the result as JSON.")});
    if (!cmd.parse(args, 2, 2))
        return cmd.exitCode();
    auto privateKey = loadKey(cmd.positional()[0]);
    if (!privateKey)
        return reportError(privateKey.error());
    auto publicKey = loadKey(cmd.positional()[1]);
    if (!publicKey)
        return reportError(publicKey.error());
    const bool match = privateKey->isPrivate() && privateKey->isSameKeyPair(publicKey.value());
    if (cmd.isSet(QStringLiteral("json")))
        printJson(QJsonObject{{QStringLiteral("match"), match},
                              {QStringLiteral("privateFingerprint"), privateKey->fingerprintSha256()},
                              {QStringLiteral("publicFingerprint"), publicKey->fingerprintSha256()}});
    if (!privateKey->isPrivate())
        return reportError(QStringLiteral("%1 is not a private key.").arg(cmd.positional()[0]));
    if (!match)
        return reportError(QStringLiteral("The keys do not belong together: the private key's public half has fingerprint "
                                          "%1, the public key %2.")
                               .arg(privateKey->fingerprintSha256(), publicKey->fingerprintSha256()));
    if (!cmd.isSet(QStringLiteral("json")))
        printLine(QStringLiteral("The keys belong together (fingerprint %1).").arg(publicKey->fingerprintSha256()));
    return ExitOk;
}

int keyExport(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("key export"),
                    QStringLiteral("Export a (passphrase-protected) private key in Capgo's plain PKCS#1 format, or its public key."));
    cmd.addPositional(QStringLiteral("KEY"), QStringLiteral("The private key file, or a token key's PKCS#11 URI (with --public)."));
    cmd.addOption({QStringLiteral("out"), QStringLiteral("The file to write."), QStringLiteral("FILE")});
    cmd.addOption({QStringLiteral("public"), QStringLiteral("Export only the public key (PKCS#1, .capgo_key_v2.pub format).")});
    cmd.addOption({QStringLiteral("force"), QStringLiteral("Replace the output file if it exists.")});
    if (!cmd.parse(args, 1, 1) || !cmd.require({QStringLiteral("out")}))
        return cmd.exitCode();
    const QString source = cmd.positional().first();
    const bool onToken = crypto::Pkcs11Uri::looksLikeUri(source);
    if (onToken && !cmd.isSet(QStringLiteral("public")))
        return reportError(QStringLiteral("A token key's private half never leaves the token; export its public key with --public."),
                           ExitUsage);
    auto key = onToken ? loadVerifyingKey(source) : loadKey(source);
    if (!key)
        return reportError(key.error());
    const QString out = cmd.value(QStringLiteral("out"));
    const bool force = cmd.isSet(QStringLiteral("force"));
    if (cmd.isSet(QStringLiteral("public"))) {
        if (!force && QFileInfo::exists(out))
            return reportError(QStringLiteral("%1 already exists; add --force to replace it.").arg(out));
        if (auto st = KeyPairFiles::writeFileAtomically(out, key->publicPkcs1Pem(), 0644); !st)
            return reportError(st.error());
    } else if (auto st = KeyPairFiles::exportPlainPrivate(key.value(), out, force); !st) {
        return reportError(st.error());
    }
    printLine(QStringLiteral("Wrote %1.").arg(out));
    return ExitOk;
}

int keyConfig(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("key config"),
                    QStringLiteral("Put a public key into plugins.CapacitorUpdater.publicKey of a Capacitor config."));
    cmd.addPositional(QStringLiteral("KEY"), QStringLiteral("The public (or private) key file."));
    cmd.addOption({QStringLiteral("capacitor-config"), QStringLiteral("capacitor.config.json to edit, or .ts to get a snippet."),
                   QStringLiteral("FILE")});
    if (!cmd.parse(args, 1, 1) || !cmd.require({QStringLiteral("capacitor-config")}))
        return cmd.exitCode();
    auto key = loadVerifyingKey(cmd.positional().first());
    if (!key)
        return reportError(key.error());
    const QString config = cmd.value(QStringLiteral("capacitor-config"));
    auto written = project::CapacitorConfig::writePublicKey(config, QString::fromLatin1(key->publicPkcs1Pem()));
    if (!written)
        return reportError(written.error());
    printLine(QStringLiteral("Public key %1 written to %2.").arg(key->keyId(), config));
    return ExitOk;
}

const CommandRegistration registration{
    {QStringLiteral("key create"), QStringLiteral("Create a Capgo-compatible RSA-2048 key pair"), &keyCreate},
    {QStringLiteral("key inspect"), QStringLiteral("Show a key's kind, bits, key id and fingerprint"), &keyInspect},
    {QStringLiteral("key match"), QStringLiteral("Check that a private and a public key belong together"), &keyMatch},
    {QStringLiteral("key export"), QStringLiteral("Export a key in Capgo's plain format"), &keyExport},
    {QStringLiteral("key config"), QStringLiteral("Write a public key into capacitor.config.json"), &keyConfig},
};

} // namespace

} // namespace slipway::cli
