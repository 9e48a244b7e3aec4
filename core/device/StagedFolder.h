#pragma once

#include "common/Result.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace slipway::device {

// A bundle folder written beside its destination and moved into place only once complete, so a failed
// install leaves nothing half-written there. The destination must be new or empty; without one the folder
// is a temporary one, removed afterwards.
class StagedFolder
{
public:
    [[nodiscard]] static Result<std::unique_ptr<StagedFolder>> create(const QString& destination);
    [[nodiscard]] QString path() const { return m_dir.path(); }
    [[nodiscard]] QString destination() const { return m_destination; }
    // Moves the folder to its destination (nothing to do without one).
    [[nodiscard]] Status commit();

private:
    StagedFolder(const QString& pattern, QString destination) : m_dir(pattern), m_destination(std::move(destination)) {}
    QTemporaryDir m_dir;
    QString m_destination;
};

} // namespace slipway::device
