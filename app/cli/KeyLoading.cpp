#include "cli/KeyLoading.h"

#include "cli/CliSupport.h"

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
    QFile file(path);
    QByteArray head;
    if (file.open(QIODevice::ReadOnly))
        head = file.read(4096);
    if (!crypto::RsaKey::isPassphraseProtected(head))
        return crypto::RsaKey::fromFile(path);
    SecureBytes passphrase = passphraseFromEnvironment();
    if (passphrase.isEmpty())
        passphrase = promptHidden("Passphrase for the private key: ");
    if (passphrase.isEmpty())
        return fail(QStringLiteral("%1 is protected by a passphrase: set SLIPWAY_KEY_PASSPHRASE or run from a terminal.")
                        .arg(path),
                    3);
    return crypto::RsaKey::fromFile(path, passphrase);
}

Result<crypto::RsaKey> loadSigningKey(const QString& path)
{
    auto key = loadKey(path);
    if (!key)
        return key;
    if (!key->isPrivate())
        return fail(QStringLiteral("%1 is a public key; signing and encrypting need the private key (.capgo_key_v2).")
                        .arg(path));
    if (auto st = key->checkCapgoCompatible(); !st)
        return fail(QStringLiteral("%1: %2").arg(path, st.error().message));
    return key;
}

Result<crypto::RsaKey> loadVerifyingKey(const QString& path)
{
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

SecureBytes readSecretFromStdin()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    QByteArray secret = in.readAll();
    while (secret.endsWith('\n') || secret.endsWith('\r'))
        secret.chop(1);
    return SecureBytes(std::move(secret));
}

} // namespace slipway::cli
