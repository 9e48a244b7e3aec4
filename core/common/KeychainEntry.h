#pragma once

#include "common/Result.h"
#include "common/SecureBytes.h"

#include <QString>

#include <atomic>
#include <chrono>
#include <optional>

namespace slipway {

// One secret in the OS keychain (the Secret Service, through QtKeychain), named by service and account.
// The calls block until the keychain answers, a time limit passes or a cancel flag is raised, so they
// belong on a worker or CLI thread. Errors say why the keychain is unusable; callers add what to do instead.
class KeychainEntry
{
public:
    // How long a keychain call may take before it is reported as not answering (a keyring stuck, or
    // waiting for a password window nobody sees).
    static constexpr std::chrono::milliseconds DefaultTimeout{10000};
    // Error code of a call that ran out of time, and of one that was cancelled.
    static constexpr int NoAnswerCode = 4;
    static constexpr int CancelledCode = 5;

    KeychainEntry(QString service, QString account);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    // Raised from another thread, it ends a waiting call at once with CancelledCode.
    void setCancelFlag(const std::atomic_bool* cancel) { m_cancel = cancel; }

    // std::nullopt when the keychain holds no such entry (or the keyring is locked and stays so).
    [[nodiscard]] Result<std::optional<SecureBytes>> read() const;
    [[nodiscard]] Status write(const SecureBytes& value) const;
    // Removing an entry that does not exist succeeds.
    [[nodiscard]] Status remove() const;

    // Whether the Secret Service can take a secret without a system window: empty when it can,
    // otherwise why not in plain words (no keyring service, no default keyring yet, a locked one,
    // no answer). Asks over D-Bus without touching any secret; bounded by DefaultTimeout.
    [[nodiscard]] static QString keyringProblem();

    // For the rest of this process, secrets are written to memory instead of the OS keychain (when
    // the user chose "keep it for this session only"); reads find them there first. Never on disk.
    static void keepSecretsForSessionOnly(bool enabled);
    [[nodiscard]] static bool secretsKeptForSessionOnly();

private:
    // The QtKeychain jobs themselves, on the keychain's own thread.
    [[nodiscard]] Result<std::optional<SecureBytes>> readFromKeyring() const;
    [[nodiscard]] Status writeToKeyring(const SecureBytes& value) const;
    [[nodiscard]] Status removeFromKeyring() const;

    QString m_service;
    QString m_account;
    std::chrono::milliseconds m_timeout = DefaultTimeout;
    const std::atomic_bool* m_cancel = nullptr;
};

} // namespace slipway
