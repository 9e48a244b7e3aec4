#pragma once

#include "common/Result.h"
#include "history/HistoryRecords.h"

#include <QByteArray>
#include <QList>

namespace slipway::history {

class History;

enum class ExportFormat { Csv, Json };

// JSON for a file ending in .json, CSV for anything else.
[[nodiscard]] ExportFormat exportFormatFor(const QString& path);

// Every release in the history, oldest first.
[[nodiscard]] Result<QList<ReleaseRecord>> releasesOldestFirst(History& history);

// `releases` as given (the whole history, or what a filtered view lists) for people and tools outside
// Slipway. CSV: one row per release (spreadsheets). JSON: the releases with their steps, plus the channel
// events, the keys and the audit chain's head.
[[nodiscard]] Result<QByteArray> exportReleases(History& history, const QList<ReleaseRecord>& releases,
                                                ExportFormat format);
// The same, written atomically to `path`: the file is complete or untouched.
[[nodiscard]] Status writeExport(History& history, const QList<ReleaseRecord>& releases, ExportFormat format,
                                 const QString& path);

} // namespace slipway::history
