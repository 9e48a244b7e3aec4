#pragma once

#include "common/Result.h"

#include <QByteArray>

namespace slipway::history {

class History;

enum class ExportFormat { Csv, Json };

struct HistoryExport
{
    QByteArray data;
    qsizetype releases = 0;
};

// Every release, oldest first. CSV: one row per release (spreadsheets). JSON: releases with their steps,
// the channel events, the keys and the audit chain's head, for a reviewer or another tool.
[[nodiscard]] Result<HistoryExport> exportHistory(History& history, ExportFormat format);

} // namespace slipway::history
