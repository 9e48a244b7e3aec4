#pragma once

#include "crypto/RsaKey.h"
#include "device/DeviceSimulator.h"

#include <QObject>

class QTreeWidget;

#include <memory>

namespace slipway::registry {
class UpdateEndpoint;
}

namespace slipway::ui {

// "Simulate a phone": serves the published channel manifests with a loopback update endpoint and
// lets the device simulator ask it for an update, download, decrypt and verify, as the plugin does.
class PhoneSimulation : public QObject
{
    Q_OBJECT
public:
    explicit PhoneSimulation(QObject* parent = nullptr);
    ~PhoneSimulation() override;

    // storageProfile empty: the local workspace storage.
    void start(const QString& storageProfile, const QString& appId, const QString& channel,
               const crypto::RsaKey& publicKey, const QString& currentVersion = QStringLiteral("builtin"));
    [[nodiscard]] bool isRunning() const { return m_running; }
    // Lists what the phone did, one row per step: a step that went through but ended the update
    // (blocked, up to date, asked to revert) is marked as such, never with a green check.
    static void showSteps(QTreeWidget* list, const device::SimulationResult& result);

Q_SIGNALS:
    void finished(const slipway::device::SimulationResult& result);

private:
    std::unique_ptr<registry::UpdateEndpoint> m_endpoint;
    bool m_running = false;
};

} // namespace slipway::ui

Q_DECLARE_METATYPE(slipway::device::SimulationResult)
