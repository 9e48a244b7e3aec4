#pragma once

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QSpinBox;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace slipway::registry {
class UpdateEndpoint;
}

namespace slipway::ui {

class MessageBar;
class PhoneSimulation;

// Device test: a simulated phone asks a loopback update endpoint serving the published channels,
// then downloads, decrypts and verifies what it is offered, step by step.
class DeviceTestView : public QWidget
{
    Q_OBJECT
public:
    explicit DeviceTestView(QWidget* parent = nullptr);
    ~DeviceTestView() override;
    void refresh();
    void simulate();
    // Serves the published channels to real phones on the LAN (POST /updates).
    void toggleEndpoint();
    // Picks the public key of the newest completed release on the app and channel typed in (with no app typed in
    // yet, the newest release of any app fills in the app and channel too).
    void selectReleaseKey();

private:
    MessageBar* m_messages;
    QLineEdit* m_appId;
    QLineEdit* m_channel;
    QLineEdit* m_currentVersion;
    QComboBox* m_key;
    QPushButton* m_simulate;
    QTreeWidget* m_steps;
    PhoneSimulation* m_simulation;
    QSpinBox* m_port;
    QComboBox* m_listen;
    QPushButton* m_endpointButton;
    QLabel* m_endpointUrl;
    std::unique_ptr<registry::UpdateEndpoint> m_endpoint;
    bool m_keyChosen = false;
};

} // namespace slipway::ui
