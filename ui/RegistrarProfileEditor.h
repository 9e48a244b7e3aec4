#pragma once

#include <QGroupBox>

class QLineEdit;
class QListWidget;
class QPushButton;

namespace slipway::ui {

class MessageBar;

// Update-service profiles (Capgo Cloud or a self-hosted Capgo): name and API host go to the profiles
// file, the API key to the OS keychain. Without a profile, releases register in the local channel
// manifest next to the bundles.
class RegistrarProfileEditor : public QGroupBox
{
    Q_OBJECT
public:
    RegistrarProfileEditor(MessageBar* messages, QWidget* parent = nullptr);
    void refresh();

private:
    void load(const QString& name);
    void save();
    void remove();

    MessageBar* m_messages;
    QListWidget* m_list;
    QLineEdit* m_name;
    QLineEdit* m_apiHost;
    QLineEdit* m_apiKey;
    QPushButton* m_save;
    QPushButton* m_remove;
};

} // namespace slipway::ui
