#pragma once

#include <QObject>
#include <QThread>

#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace slipway::ui {

// Keeps `thread` known until it finishes. When the application object goes away (quitting, or a test's
// end), the threads still running are waited for, up to 15 s: one still working after its window closed
// must not meet Qt's and SQLite's globals being torn down around it.
void trackBackgroundThread(QThread* thread);

// Runs `work` on a short-lived thread and hands its result to `done` on `context`'s thread.
// When `context` is gone by then, the result is dropped: a closed window never receives it.
template <typename Work, typename Done> void runInBackground(QObject* context, Work work, Done done)
{
    using Value = std::invoke_result_t<Work&>;
    auto result = std::make_shared<std::optional<Value>>();
    QThread* thread = QThread::create([result, work = std::move(work)]() mutable { result->emplace(work()); });
    QObject::connect(thread, &QThread::finished, context,
                     [result, done = std::move(done)]() mutable { done(std::move(**result)); });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    trackBackgroundThread(thread);
    thread->start();
}

} // namespace slipway::ui
