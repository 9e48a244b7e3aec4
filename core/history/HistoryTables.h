#pragma once

#include "history/HistoryRecords.h"
#include "history/HistoryTable.h"

namespace slipway::history::HistoryTables {

[[nodiscard]] const HistoryTable<ReleaseRecord>& releases();
[[nodiscard]] const HistoryTable<StepRecord>& steps();
[[nodiscard]] const HistoryTable<KeyRecord>& keys();
[[nodiscard]] const HistoryTable<ChannelEvent>& channelEvents();
// Telemetry from the devices: not sealed.
[[nodiscard]] const HistoryTable<DeviceEvent>& deviceEvents();

// The sealed tables (name and columns) in the order `history verify` walks them.
struct SealedTable
{
    QString name;
    QStringList columns;
    QString selectList; // as HistoryTable::selectList()
    int sealSeqPosition = 0;
};
[[nodiscard]] const QList<SealedTable>& sealed();

} // namespace slipway::history::HistoryTables
