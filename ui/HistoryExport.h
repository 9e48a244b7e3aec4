#pragma once

#include "common/Result.h"
#include "history/HistoryRecords.h"

#include <QList>
#include <QString>

namespace slipway::history {
class History;
}

namespace slipway::ui {

// Writes what the history view shows for people outside the tool: a CSV or JSON list of releases,
// and an evidence folder for one release (its record, steps, audit-chain entries and canonical texts).
class HistoryExport
{
public:
    [[nodiscard]] static Status writeCsv(const QList<history::ReleaseRecord>& releases, const QString& path);
    [[nodiscard]] static Status writeJson(const QList<history::ReleaseRecord>& releases, const QString& path);
    // Returns the folder written (parentFolder/slipway-evidence-<id>).
    [[nodiscard]] static Result<QString> writeEvidence(history::History& history, qint64 releaseId,
                                                       const QString& parentFolder);
};

} // namespace slipway::ui
