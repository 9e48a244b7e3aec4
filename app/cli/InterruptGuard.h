#pragma once

namespace slipway::cli {

// While alive, Ctrl-C and SIGTERM only raise a flag, so long work (an upload, a release) can cancel cleanly
// instead of dying mid-write; the previous handlers come back when it goes.
class InterruptGuard
{
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;
    InterruptGuard(InterruptGuard&&) = delete;
    InterruptGuard& operator=(InterruptGuard&&) = delete;

    // True once SIGINT or SIGTERM arrived while a guard was alive.
    [[nodiscard]] static bool interrupted();
};

} // namespace slipway::cli
