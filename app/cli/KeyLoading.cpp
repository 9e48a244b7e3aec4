#include "cli/KeyLoading.h"

#include "cli/CliSupport.h"

#include "common/BoundedFile.h"
#include "common/InputLimits.h"
#include "crypto/FileKeySigner.h"
#include "crypto/KeyPairFiles.h"
#include "crypto/Pkcs11Signer.h"
#include "crypto/Pkcs11Tokens.h"
#include "crypto/Pkcs11Uri.h"

#include <QFile>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace slipway::cli {

namespace {

const char* const PassphraseVariable = "SLIPWAY_KEY_PASSPHRASE";

// Reads one line from the terminal with echo off.
SecureBytes promptHidden(const char* prompt)
{
    if (!::isatty(STDIN_FILENO))
        return {};
    printErrorText(QString::fromUtf8(prompt));
    termios saved{};
    ::tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    SecureBytes line(1024);
    int length = 0;
    for (int c = std::fgetc(stdin); c != EOF && c != '\n' && length < line.size(); c = std::fgetc(stdin))
        line.data()[length++] = static_cast<unsigned char>(c);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    printErrorLine(QString());
    line.resize(length);
    return line;
}

SecureBytes passphraseFromEnvironment()
{
    return SecureBytes(qgetenv(PassphraseVariable));
}

} // namespace

Result<crypto::RsaKey> loadKey(const QString& path)
{
    auto bytes = readBoundedFile(path, limits::KeyFileBytes, QStringLiteral("key file"));
    if (!bytes)
        return bytes.error();
    const SecureBytes pem(std::move(bytes).value());
    SecureBytes passphrase;
    if (crypto::RsaKey::isPassphraseProtected(pem.bytes())) {
        passphrase = passphraseFromEnvironment();
        if (passphrase.isEmpty())
            passphrase = promptHidden("Passphrase for the private key: ");
        if (passphrase.isEmpty())
            return fail(QStringLiteral("%1 is protected by a passphrase: set SLIPWAY_KEY_PASSPHRASE or run from a terminal.")
                            .arg(path),
                        3);
    }
    auto key = crypto::RsaKey::fromPem(pem.bytes(), passphrase);
    if (!key)
        return fail(QStringLiteral("%1: %2").arg(path, key.error().message), key.error().code);
    return key;
}

SecureBytes tokenPin(const QString& uri)
{
    auto parsed = crypto::Pkcs11Uri::parse(uri);
    SecureBytes pin = parsed ? crypto::Pkcs11Signer::storedPin(parsed.value()) : SecureBytes();
    if (pin.isEmpty() && parsed)
        pin = promptHidden(QStringLiteral("PIN for %1: ").arg(parsed->describe()).toUtf8().constData());
    return pin;
}

Result<crypto::SignerPtr> loadSigningKey(const QString& path)
{
    if (crypto::Pkcs11Uri::looksLikeUri(path)) {
        auto uri = crypto::Pkcs11Uri::parse(path);
        if (!uri)
            return uri.error();
        auto signer = crypto::Pkcs11Signer::open(uri.value(), tokenPin(path));
        if (!signer)
            return signer.error();
        return crypto::SignerPtr(std::move(signer).value());
    }
    auto key = loadKey(path);
    if (!key)
        return key.error();
    if (const QString warning = crypto::KeyPairFiles::permissionWarning(path); key->isPrivate() && !warning.isEmpty())
        printErrorLine(QStringLiteral("warning: %1").arg(warning));
    if (!key->isPrivate())
        return fail(QStringLiteral("%1 is a public key; signing and encrypting need the private key (.capgo_key_v2).")
                        .arg(path));
    if (auto st = key->checkCapgoCompatible(); !st)
        return fail(QStringLiteral("%1: %2").arg(path, st.error().message));
    return crypto::FileKeySigner::make(key.value(), path);
}

Result<crypto::RsaKey> loadVerifyingKey(const QString& path)
{
    if (crypto::Pkcs11Uri::looksLikeUri(path)) {
        auto uri = crypto::Pkcs11Uri::parse(path);
        if (!uri)
            return uri.error();
        auto token = crypto::Pkcs11Tokens::inspect(uri.value());
        if (!token)
            return token.error();
        return token->keys.first().publicKey;
    }
    auto key = loadKey(path);
    if (!key)
        return key;
    if (auto st = key->checkCapgoCompatible(); !st)
        return fail(QStringLiteral("%1: %2").arg(path, st.error().message));
    return key->publicKey();
}

Result<SecureBytes> newPassphrase()
{
    SecureBytes passphrase = passphraseFromEnvironment();
    if (!passphrase.isEmpty())
        return passphrase;
    passphrase = promptHidden("New passphrase for the private key: ");
    if (passphrase.isEmpty())
        return fail(QStringLiteral("No passphrase given: set SLIPWAY_KEY_PASSPHRASE or run from a terminal."), 2);
    const SecureBytes again = promptHidden("Repeat the passphrase: ");
    if (!(again == passphrase))
        return fail(QStringLiteral("The two passphrases differ; nothing was written."), 2);
    return passphrase;
}

Result<SecureBytes> readSecretFromStdin(const QString& option)
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return fail(QStringLiteral("%1: standard input cannot be read.").arg(option), 2);
    // One buffer, filled in place: a pipe delivers the secret in pieces and no copy may be left behind.
    SecureBytes secret(limits::SecretBytes + 1);
    qsizetype length = 0;
    while (length < secret.size()) {
        const qint64 n = in.read(reinterpret_cast<char*>(secret.data()) + length, secret.size() - length);
        if (n <= 0)
            break;
        length += n;
    }
    if (length > limits::SecretBytes)
        return fail(QStringLiteral("%1: more than %2 bytes on standard input; that is not a secret (pipe only the secret).")
                        .arg(option)
                        .arg(limits::SecretBytes),
                    2);
    while (length > 0 && (secret.data()[length - 1] == '\n' || secret.data()[length - 1] == '\r'))
        --length;
    secret.resize(length);
    if (secret.isEmpty())
        return fail(QStringLiteral("%1: nothing was read from standard input.").arg(option), 2);
    return secret;
}

} // namespace slipway::cli
