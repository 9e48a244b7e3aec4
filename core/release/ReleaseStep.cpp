#include "release/ReleaseStep.h"

namespace slipway::release {

QString stepName(ReleaseStep step)
{
    switch (step) {
    case ReleaseStep::Preflight:
        return QStringLiteral("preflight");
    case ReleaseStep::Package:
        return QStringLiteral("package");
    case ReleaseStep::Encrypt:
        return QStringLiteral("encrypt");
    case ReleaseStep::Verify:
        return QStringLiteral("verify");
    case ReleaseStep::Upload:
        return QStringLiteral("upload");
    case ReleaseStep::Register:
        return QStringLiteral("register");
    case ReleaseStep::Record:
        return QStringLiteral("record");
    }
    return {};
}

QString stepTitle(ReleaseStep step)
{
    switch (step) {
    case ReleaseStep::Preflight:
        return QStringLiteral("Pre-flight");
    case ReleaseStep::Package:
        return QStringLiteral("Package");
    case ReleaseStep::Encrypt:
        return QStringLiteral("Encrypt");
    case ReleaseStep::Verify:
        return QStringLiteral("Verify as a device");
    case ReleaseStep::Upload:
        return QStringLiteral("Upload");
    case ReleaseStep::Register:
        return QStringLiteral("Register");
    case ReleaseStep::Record:
        return QStringLiteral("Record");
    }
    return {};
}

std::optional<ReleaseStep> stepFromName(const QString& name)
{
    for (ReleaseStep step : allSteps()) {
        if (stepName(step) == name.toLower())
            return step;
    }
    return std::nullopt;
}

const QList<ReleaseStep>& allSteps()
{
    static const QList<ReleaseStep> steps{ReleaseStep::Preflight, ReleaseStep::Package, ReleaseStep::Encrypt,
                                          ReleaseStep::Verify,    ReleaseStep::Upload,  ReleaseStep::Register,
                                          ReleaseStep::Record};
    return steps;
}

} // namespace slipway::release
