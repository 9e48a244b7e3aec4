#include "common/ProgressSum.h"

#include <algorithm>

namespace slipway {

ProgressFn ProgressSum::part()
{
    const std::lock_guard lock(m_mutex);
    Part* mine = &m_parts.emplace_back();
    return [this, mine](qint64 done, qint64 total) {
        const std::lock_guard lock(m_mutex);
        mine->total = std::max<qint64>(total, 0);
        mine->done = std::clamp<qint64>(done, 0, mine->total);
        qint64 sumDone = 0;
        qint64 sumTotal = 0;
        for (const Part& p : m_parts) {
            sumDone += p.done;
            sumTotal += p.total;
        }
        return reportProgress(m_whole, sumDone, sumTotal);
    };
}

} // namespace slipway
