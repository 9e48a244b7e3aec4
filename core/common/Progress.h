#pragma once

#include <QtGlobal>

#include <functional>

namespace slipway {

// Reports bytes done out of a total (total < 0 when unknown). Returns false to ask the work to stop:
// the callee then cleans up and fails with a "cancelled" error.
using ProgressFn = std::function<bool(qint64 done, qint64 total)>;

inline bool reportProgress(const ProgressFn& progress, qint64 done, qint64 total)
{
    return !progress || progress(done, total);
}

} // namespace slipway
