#pragma once

#include <QWidget>

class QLineEdit;
class QListWidget;
class QPushButton;

namespace slipway::ui {

class MessageBar;

// Storage profiles: where bundles are published. The profile (no secret) goes to the profiles file,
// the secret to the OS keychain. "Test connection" opens the target and asks it about a key.
class TargetsView : public QWidget
{
    Q_OBJECT
public:
    explicit TargetsView(QWidget* parent = nullptr);
    void refresh();

private:
    void load(const QString& name);
    void save();
    void remove();
    void testConnection();

    MessageBar* m_messages;
    QListWidget* m_list;
    QLineEdit* m_name;
    QLineEdit* m_url;
    QLineEdit* m_publicUrl;
    QLineEdit* m_user;
    QLineEdit* m_secret;
    QPushButton* m_new;
    QPushButton* m_save;
    QPushButton* m_remove;
    QPushButton* m_test;
    class RegistrarProfileEditor* m_registrars;
};

} // namespace slipway::ui
