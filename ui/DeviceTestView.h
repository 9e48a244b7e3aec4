#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QPushButton;
class QTreeWidget;

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
    void refresh();
    void simulate();

private:
    MessageBar* m_messages;
    QLineEdit* m_appId;
    QLineEdit* m_channel;
    QLineEdit* m_currentVersion;
    QComboBox* m_key;
    QPushButton* m_simulate;
    QTreeWidget* m_steps;
    PhoneSimulation* m_simulation;
};

} // namespace slipway::ui
