#include "PhoneSimulation.h"

#include "Background.h"
#include "DemoWorkspace.h"
#include "registry/UpdateEndpoint.h"
#include "storage/FolderStorage.h"
#include "storage/StorageFactory.h"

#include <QHostAddress>
#include <QStyle>
#include <QTreeWidget>
#include <QUrl>

namespace slipway::ui {

PhoneSimulation::PhoneSimulation(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<slipway::device::SimulationResult>();
}

PhoneSimulation::~PhoneSimulation() = default;

void PhoneSimulation::showSteps(QTreeWidget* list, const device::SimulationResult& result)
{
    list->clear();
    QStyle* style = list->style();
    for (qsizetype i = 0; i < result.steps.size(); ++i) {
        const device::VerificationStep& step = result.steps.at(i);
        auto* item = new QTreeWidgetItem(list, {step.title, step.detail});
        QStyle::StandardPixmap icon = step.passed ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxCritical;
        // The last step decides the outcome: "the endpoint answered blocked" worked as a request, but
        // the phone gets no update.
        const bool last = i == result.steps.size() - 1;
        if (last && step.passed && !result.applied()) {
            const bool neutral = result.outcome == QLatin1String("up_to_date");
            icon = neutral ? QStyle::SP_MessageBoxInformation : QStyle::SP_MessageBoxWarning;
            item->setData(0, Qt::UserRole, neutral ? QStringLiteral("info") : QStringLiteral("warning"));
        } else {
            item->setData(0, Qt::UserRole, step.passed ? QStringLiteral("passed") : QStringLiteral("failed"));
        }
        item->setIcon(0, style->standardIcon(icon));
        item->setToolTip(1, step.detail);
    }
}

void PhoneSimulation::start(const QString& storageProfile, const QString& appId, const QString& channel,
                            const crypto::RsaKey& publicKey, const QString& currentVersion)
{
    if (m_running)
        return;
    const auto failWith = [this](const QString& message) {
        device::SimulationResult result;
        result.outcome = QStringLiteral("failed");
        device::VerificationStep step;
        step.id = QStringLiteral("endpoint");
        step.title = tr("Start the test update endpoint");
        step.detail = message;
        result.steps << step;
        Q_EMIT finished(result);
    };
    std::shared_ptr<storage::StorageTarget> target;
    if (storageProfile.isEmpty()) {
        target = std::make_shared<storage::FolderStorage>(DemoWorkspace::localStorageFolder());
    } else {
        auto opened = storage::openStorage(storageProfile);
        if (!opened) {
            failWith(opened.error().message);
            return;
        }
        target = std::move(opened).value();
    }
    m_endpoint = std::make_unique<registry::UpdateEndpoint>(target, registry::UpdateEndpoint::Hooks{});
    auto port = m_endpoint->listen(QHostAddress::LocalHost, 0);
    if (!port) {
        failWith(port.error().message);
        return;
    }
    device::DeviceProfile profile;
    profile.updateUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/updates").arg(port.value()));
    profile.appId = appId;
    profile.publicKey = publicKey;
    profile.versionName = currentVersion;
    profile.defaultChannel = channel;
    m_running = true;
    // The endpoint answers on this thread's event loop while the phone works on its own thread.
    runInBackground(
        this, [profile] { return device::DeviceSimulator::simulate(profile); },
        [this](const device::SimulationResult& result) {
            m_running = false;
            m_endpoint.reset();
            Q_EMIT finished(result);
        });
}

} // namespace slipway::ui
