#pragma once

#include "common/Result.h"
#include "common/SecureBytes.h"

#include <QString>

#include <optional>

namespace slipway {

// One secret in the OS keychain (the Secret Service, through QtKeychain), named by service and account.
// The calls block until the keychain answers, so they belong on a worker or CLI thread, or behind a
// short user action. Errors say why the keychain is unusable; callers add what to do instead.
class KeychainEntry
{
public:
    KeychainEntry(QString service, QString account);

    // std::nullopt when the keychain holds no such entry (or the keyring is locked and stays so).
    [[nodiscard]] Result<std::optional<SecureBytes>> read() const;
    [[nodiscard]] Status write(const SecureBytes& value) const;
    // Removing an entry that does not exist succeeds.
    [[nodiscard]] Status remove() const;

private:
    QString m_service;
    QString m_account;
};

} // namespace slipway
