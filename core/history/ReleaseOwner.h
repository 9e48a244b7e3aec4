#pragma once

#include <QString>

namespace slipway::history {

// The process that runs a release, recorded in the release row as "host pid start-time". A killed
// process cannot write anything, so readers and the runner use this to tell a release that is really
// running from one whose process is gone.
class ReleaseOwner
{
public:
    // "host pid start-time" of this process.
    [[nodiscard]] static QString current();
    // False only when the owner surely is gone: same host, and its pid is dead, a zombie, or now
    // another process (its start time differs). An owner on another host is assumed alive.
    [[nodiscard]] static bool alive(const QString& owner);
    // "host pid" for messages.
    [[nodiscard]] static QString describe(const QString& owner);
};

} // namespace slipway::history
