#pragma once

#include "common/SecureBytes.h"

#include <QString>

#include <optional>

namespace slipway::history {

// What "Test connection" found at a PostgreSQL history address, in the release manager's words. Blocks for at most
// ServerLogin's connect timeout: run it off the UI thread.
struct ServerCheck
{
    enum class Outcome { Connected, PasswordRefused, NoPassword, Unreachable, NoDatabase, NotAnAddress, Failed };

    Outcome outcome = Outcome::Failed;
    QString serverVersion; // "15.18 (Debian 15.18-0+deb12u1)" once connected
    qint64 releases = -1;  // releases in the Slipway history there; -1 when it holds none yet
    QString message;       // one or two plain sentences for the window

    [[nodiscard]] bool connected() const { return outcome == Outcome::Connected; }

    // Connects to `location` with `password` when one is given (what is typed is what is tested), otherwise as the
    // history itself would (PGPASSWORD, ~/.pgpass, the keychain); reads the server's version and what the database
    // holds; never writes.
    [[nodiscard]] static ServerCheck run(const QString& location, const std::optional<SecureBytes>& password);
};

} // namespace slipway::history
