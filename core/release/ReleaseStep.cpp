#include "release/ReleaseStep.h"

#include <QCoreApplication>

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
    // The one place that names the steps for people: the wizard, the history view and the CLI.
    switch (step) {
    case ReleaseStep::Preflight:
        return QCoreApplication::translate("ReleaseStep", "Pre-flight");
    case ReleaseStep::Package:
        return QCoreApplication::translate("ReleaseStep", "Package");
    case ReleaseStep::Encrypt:
        return QCoreApplication::translate("ReleaseStep", "Encrypt");
    case ReleaseStep::Verify:
        return QCoreApplication::translate("ReleaseStep", "Verify as a device");
    case ReleaseStep::Upload:
        return QCoreApplication::translate("ReleaseStep", "Upload");
    case ReleaseStep::Register:
        return QCoreApplication::translate("ReleaseStep", "Register");
    case ReleaseStep::Record:
        return QCoreApplication::translate("ReleaseStep", "Record");
    }
    return {};
}

QString stepTitle(const QString& name)
{
    const auto step = stepFromName(name);
    return step ? stepTitle(*step) : name;
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
