#include "cli/InterruptGuard.h"

#include <atomic>
#include <csignal>

namespace slipway::cli {

namespace {

std::atomic<bool> g_interrupted{false};
struct sigaction g_oldInt{};
struct sigaction g_oldTerm{};

extern "C" void onInterrupt(int /*signal*/)
{
    g_interrupted = true;
}

} // namespace

InterruptGuard::InterruptGuard()
{
    g_interrupted = false;
    struct sigaction action{};
    action.sa_handler = &onInterrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &g_oldInt);
    sigaction(SIGTERM, &action, &g_oldTerm);
}

InterruptGuard::~InterruptGuard()
{
    sigaction(SIGINT, &g_oldInt, nullptr);
    sigaction(SIGTERM, &g_oldTerm, nullptr);
}

bool InterruptGuard::interrupted()
{
    return g_interrupted;
}

} // namespace slipway::cli
