#pragma once

#include "common/Result.h"
#include "common/SecureBytes.h"

#include <QString>

namespace slipway::registry {

// Where a Capgo API key comes from: CAPGO_TOKEN (CI, scripts; the Capgo CLI's own convention) first,
// then the OS keychain entry of the registrar profile (service "slipway-capgo", account = profile
// name). It lives only in memory: never in the profile file, the history or a log.
class CapgoApiKey
{
public:
    struct Resolved
    {
        SecureBytes key;
        QString source; // "CAPGO_TOKEN" or "keychain": for messages, never the key itself
    };

    // `profileName` empty: only the environment is asked.
    [[nodiscard]] static Result<Resolved> resolve(const QString& profileName);
    [[nodiscard]] static Status storeInKeychain(const QString& profileName, const SecureBytes& key);
    [[nodiscard]] static Status removeFromKeychain(const QString& profileName);
};

} // namespace slipway::registry
