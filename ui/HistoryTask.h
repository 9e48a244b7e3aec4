#pragma once

#include "Background.h"
#include "common/Result.h"
#include "history/History.h"

#include <type_traits>
#include <utility>

namespace slipway::ui {

// Opens the release history on a short-lived thread, runs `work` (History& -> Result<T>) there and hands its result
// to `done` on `context`'s thread. A team history costs a connection per open, an unreachable server its connect
// timeout and a write cut off by an outage its reconnect wait: none of that may freeze the window.
template <typename Work, typename Done> void useHistoryInBackground(QObject* context, Work work, Done done)
{
    using Outcome = std::invoke_result_t<Work&, history::History&>;
    runInBackground(
        context,
        [location = history::History::defaultPath(), work = std::move(work)]() mutable -> Outcome {
            auto history = history::History::open(location);
            if (!history)
                return history.error();
            return work(*history.value());
        },
        std::move(done));
}

} // namespace slipway::ui
