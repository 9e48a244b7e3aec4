#include "history/OpenConnections.h"

namespace slipway::history {

void OpenConnections::add(const QString& path)
{
    const QMutexLocker lock(&s_mutex);
    ++s_counts[path];
}

void OpenConnections::remove(const QString& path)
{
    const QMutexLocker lock(&s_mutex);
    if (--s_counts[path] <= 0)
        s_counts.remove(path);
}

} // namespace slipway::history
