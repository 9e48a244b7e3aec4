// slipway key list-tokens, and the token halves of key create / key inspect
#include "cli/TokenKeyCommands.h"

#include "cli/CliSupport.h"
#include "cli/CommandRegistry.h"
#include "cli/KeyLoading.h"
#include "crypto/KeyPairFiles.h"
#include "crypto/Pkcs11Tokens.h"
#include "crypto/Pkcs11Uri.h"
#include "project/CapacitorConfig.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

namespace slipway::cli {

namespace {

using crypto::Pkcs11KeyInfo;
using crypto::Pkcs11TokenInfo;

QJsonObject keyJson(const Pkcs11KeyInfo& key)
{
    return QJsonObject{
        {QStringLiteral("label"), key.label},
        {QStringLiteral("id"), key.idHex},
        {QStringLiteral("algorithm"), key.algorithm},
        {QStringLiteral("capgoCompatible"), key.capgoCompatible},
        {QStringLiteral("keyId"), key.keyId},
        {QStringLiteral("fingerprint"), key.fingerprint},
        {QStringLiteral("fingerprintGrouped"),
         key.fingerprint.isEmpty() ? QString() : crypto::groupedFingerprint(key.fingerprint)},
        {QStringLiteral("uri"), key.uri},
    };
}

QJsonObject tokenJson(const Pkcs11TokenInfo& token)
{
    QJsonArray keys;
    for (const Pkcs11KeyInfo& key : token.keys)
        keys.append(keyJson(key));
    return QJsonObject{
        {QStringLiteral("slot"), static_cast<qint64>(token.slotId)},
        {QStringLiteral("token"), token.label},
        {QStringLiteral("manufacturer"), token.manufacturer},
        {QStringLiteral("model"), token.model},
        {QStringLiteral("serial"), token.serial},
        {QStringLiteral("pinPad"), token.pinPad},
        {QStringLiteral("pinState"), token.pinState},
        {QStringLiteral("keys"), keys},
    };
}

QString tokenText(const Pkcs11TokenInfo& token)
{
    QString text = QStringLiteral("slot %1: token '%2'\n  manufacturer: %3\n  model:        %4\n  serial:       %5\n")
                       .arg(token.slotId)
                       .arg(token.label, token.manufacturer, token.model, token.serial);
    if (!token.pinState.isEmpty())
        text += QStringLiteral("  PIN:          %1\n").arg(token.pinState);
    if (token.keys.isEmpty())
        text += QStringLiteral("  keys:         none visible without login\n");
    for (const Pkcs11KeyInfo& key : token.keys) {
        text += QStringLiteral("  key '%1' (id %2): %3%4\n").arg(key.label, key.idHex, key.algorithm,
                                                                  key.capgoCompatible ? QString() : QStringLiteral(", not usable for Capgo"));
        if (!key.keyId.isEmpty())
            text += QStringLiteral("    key id:      %1\n    fingerprint: SHA256 %2\n")
                        .arg(key.keyId, crypto::groupedFingerprint(key.fingerprint));
        text += QStringLiteral("    uri:         %1\n").arg(key.uri);
    }
    return text;
}

int keyListTokens(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("key list-tokens"),
                    QStringLiteral("List the PKCS#11 slots, tokens and the keys on them (no PIN needed)."));
    cmd.addOption({QStringLiteral("module"),
                   QStringLiteral("The PKCS#11 module (default: $SLIPWAY_PKCS11_MODULE, else p11-kit's proxy)."),
                   QStringLiteral("PATH")});
    cmd.addOption({QStringLiteral("json"), QStringLiteral("Print the result as JSON.")});
    if (!cmd.parse(args))
        return cmd.exitCode();
    auto tokens = crypto::Pkcs11Tokens::list(cmd.value(QStringLiteral("module")));
    if (!tokens)
        return reportError(tokens.error());
    if (cmd.isSet(QStringLiteral("json"))) {
        QJsonArray list;
        for (const Pkcs11TokenInfo& token : tokens.value())
            list.append(tokenJson(token));
        printJson(QJsonObject{{QStringLiteral("tokens"), list}});
        return ExitOk;
    }
    if (tokens->isEmpty())
        printLine(QStringLiteral("No token is present."));
    for (const Pkcs11TokenInfo& token : tokens.value())
        printLine(tokenText(token));
    return ExitOk;
}

const CommandRegistration registration{
    {QStringLiteral("key list-tokens"), QStringLiteral("List hardware tokens (PKCS#11) and their keys"), &keyListTokens},
};

} // namespace

int inspectKeyOnToken(const QString& text, bool json)
{
    auto uri = crypto::Pkcs11Uri::parse(text);
    if (!uri)
        return reportError(uri.error());
    auto token = crypto::Pkcs11Tokens::inspect(uri.value());
    if (!token)
        return reportError(token.error());
    const Pkcs11KeyInfo& key = token->keys.first();
    if (json) {
        QJsonObject result = tokenJson(token.value());
        result.remove(QStringLiteral("keys"));
        const QJsonObject keyFields = keyJson(key);
        for (auto it = keyFields.constBegin(); it != keyFields.constEnd(); ++it)
            result.insert(it.key(), it.value());
        result.insert(QStringLiteral("kind"), QStringLiteral("token key"));
        printJson(result);
        return ExitOk;
    }
    printLine(tokenText(token.value()).trimmed());
    return ExitOk;
}

int createKeyOnToken(const QString& text, const QString& folder, bool force, const QString& capacitorConfig, bool json)
{
    auto uri = crypto::Pkcs11Uri::parse(text);
    if (!uri)
        return reportError(uri.error());
    if (!QFileInfo(folder).isDir())
        return reportError(QStringLiteral("The folder %1 does not exist; create it or choose another with --out.").arg(folder));
    const QString publicPath = QDir(folder).filePath(crypto::KeyPairFiles::PublicFileName);
    if (QFileInfo::exists(publicPath) && !force)
        return reportError(QStringLiteral("%1 exists; nothing was generated (use --force to replace the public file).")
                               .arg(publicPath));
    auto key = crypto::Pkcs11Tokens::generate(uri.value(), tokenPin(text));
    if (!key)
        return reportError(key.error());
    const QByteArray publicPem = key->publicPkcs1Pem();
    if (Status written = crypto::KeyPairFiles::writeFileAtomically(publicPath, publicPem, 0644); !written)
        return reportError(QStringLiteral("The key was generated on the token, but %1").arg(written.error().message));
    QJsonObject result{
        {QStringLiteral("kind"), QStringLiteral("token key")},
        {QStringLiteral("uri"), uri->toString()},
        {QStringLiteral("publicKey"), QFileInfo(publicPath).absoluteFilePath()},
        {QStringLiteral("keyId"), key->keyId()},
        {QStringLiteral("fingerprint"), key->fingerprintSha256()},
        {QStringLiteral("bits"), key->bits()},
        {QStringLiteral("extractable"), false},
    };
    if (!capacitorConfig.isEmpty()) {
        auto updated = project::CapacitorConfig::writePublicKey(capacitorConfig, QString::fromLatin1(publicPem));
        result.insert(QStringLiteral("capacitorConfigUpdated"), static_cast<bool>(updated));
        if (!updated)
            printErrorLine(updated.error().message);
    }
    if (json) {
        printJson(result);
        return ExitOk;
    }
    printLine(QStringLiteral("Generated RSA-2048 on %1; the private key is sensitive and cannot leave the token.\n"
                             "  public key:  %2\n  key id:      %3\n  fingerprint: SHA256 %4\n  sign with:   --key '%5'")
                  .arg(uri->describe(), publicPath, key->keyId(), crypto::groupedFingerprint(key->fingerprintSha256()),
                       uri->toString()));
    return ExitOk;
}

} // namespace slipway::cli
