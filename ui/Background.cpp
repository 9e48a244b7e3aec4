#include "Background.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QList>
#include <QPointer>

#include <mutex>

namespace slipway::ui {

namespace {

constexpr int ShutdownWaitMs = 15000;

std::mutex& threadsMutex()
{
    static std::mutex mutex;
    return mutex;
}

QList<QPointer<QThread>>& runningThreads()
{
    static QList<QPointer<QThread>> threads;
    return threads;
}

// Runs inside QCoreApplication's destructor, on the main thread (where the threads are deleted).
void waitForBackgroundThreads()
{
    QList<QPointer<QThread>> threads;
    {
        std::lock_guard lock(threadsMutex());
        threads.swap(runningThreads());
    }
    const QDeadlineTimer deadline(ShutdownWaitMs);
    for (const QPointer<QThread>& thread : std::as_const(threads))
        if (thread)
            thread->wait(deadline);
}

} // namespace

void trackBackgroundThread(QThread* thread)
{
    std::lock_guard lock(threadsMutex());
    static const bool registered = [] {
        qAddPostRoutine(waitForBackgroundThreads);
        return true;
    }();
    Q_UNUSED(registered);
    QList<QPointer<QThread>>& threads = runningThreads();
    threads.removeAll(QPointer<QThread>());
    threads.append(thread);
}

} // namespace slipway::ui
