#include "registry/CapgoApiKey.h"

#include "common/KeychainEntry.h"

namespace slipway::registry {

namespace {

const QString kService = QStringLiteral("slipway-capgo");

} // namespace

Result<CapgoApiKey::Resolved> CapgoApiKey::resolve(const QString& profileName)
{
    QByteArray fromEnv = qgetenv("CAPGO_TOKEN").trimmed();
    if (!fromEnv.isEmpty())
        return Resolved{SecureBytes(std::move(fromEnv)), QStringLiteral("CAPGO_TOKEN")};
    if (profileName.isEmpty()) {
        return fail(
            QStringLiteral("No Capgo API key: set the environment variable CAPGO_TOKEN, or use a registrar profile "
                           "whose key is in the OS keychain ('slipway registrar add NAME --capgo --api-key-stdin')."),
            2);
    }
    auto entry = KeychainEntry(kService, profileName).read();
    if (entry && entry->has_value() && !entry->value().isEmpty())
        return Resolved{std::move(entry->value()), QStringLiteral("keychain")};
    const QString why =
        !entry ? entry.error().message
               : QStringLiteral("the keychain holds no key for profile '%1'; if your keyring is locked, unlock it first")
                     .arg(profileName);
    return fail(
        QStringLiteral("No Capgo API key for registrar profile '%1': set the environment variable CAPGO_TOKEN, or "
                       "store the key in the OS keychain with 'echo KEY | slipway registrar add %1 --capgo "
                       "--api-key-stdin' (%2).")
            .arg(profileName, why),
        2);
}

Status CapgoApiKey::storeInKeychain(const QString& profileName, const SecureBytes& key)
{
    auto stored = KeychainEntry(kService, profileName).write(key);
    if (!stored)
        return fail(
            QStringLiteral("Cannot store the Capgo API key in the OS keychain (%1). Set CAPGO_TOKEN in the environment "
                           "instead.")
                .arg(stored.error().message));
    return Ok{};
}

Status CapgoApiKey::removeFromKeychain(const QString& profileName)
{
    auto removed = KeychainEntry(kService, profileName).remove();
    if (!removed)
        return fail(QStringLiteral("Cannot remove the Capgo API key from the OS keychain: %1").arg(removed.error().message));
    return Ok{};
}

} // namespace slipway::registry
