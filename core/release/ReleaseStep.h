#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace slipway::release {

// The steps of a release, in order. Package and Encrypt share one streaming pass in the packager
// (zip, hash and encryption ride the same bytes); they stay two steps in the history because their
// outputs differ (plain zip + SHA-256, encrypted file + seal) and a resume checks them separately.
enum class ReleaseStep { Preflight, Package, Encrypt, Verify, Upload, Register, Record };

[[nodiscard]] QString stepName(ReleaseStep step);  // "package"
[[nodiscard]] QString stepTitle(ReleaseStep step); // "Package"
// The title of a step stored by name in the history ("preflight" -> "Pre-flight"); unknown names as they are.
[[nodiscard]] QString stepTitle(const QString& name);
[[nodiscard]] std::optional<ReleaseStep> stepFromName(const QString& name);
[[nodiscard]] const QList<ReleaseStep>& allSteps();

} // namespace slipway::release

Q_DECLARE_METATYPE(slipway::release::ReleaseStep)
