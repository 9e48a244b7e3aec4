#pragma once

#include "common/Progress.h"
#include "common/Result.h"

#include <QIODevice>
#include <QJsonObject>
#include <QString>

#include <functional>

namespace slipway::storage {

class StorageTarget;

// A small JSON document kept under one key of a storage target (a channel manifest, a release's delta file list).
// Written to a temporary file and uploaded (targets publish atomically: a device never reads half of it); read back
// through a temporary file, within a size limit. `what` names the document in the messages ("channel manifest").
namespace StoredJson {

// `write` puts the document into the file; false when the file refused a write.
[[nodiscard]] Status publish(StorageTarget& target, const QString& key, const QString& what,
                             const std::function<bool(QIODevice&)>& write, const ProgressFn& progress = {});
[[nodiscard]] Result<QJsonObject> fetch(StorageTarget& target, const QString& key, qint64 maxBytes,
                                        const QString& what);

} // namespace StoredJson

} // namespace slipway::storage
