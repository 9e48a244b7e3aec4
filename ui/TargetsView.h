#pragma once

#include "storage/StorageSecrets.h"

#include <QWidget>

class QLineEdit;
class QListWidget;
class QPushButton;

namespace slipway::ui {

class MessageBar;

// Storage profiles: where bundles are published. The profile (no secret) goes to the profiles file,
// the secret to the OS keychain (or, when there is no usable keyring, to memory for this session).
// "Test connection" opens the target with what is on screen and asks it about a key.
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
    void storeSecret(const QString& profileName, bool checkKeyringFirst);
    void keepSecretForSession();
    // Busy while the keychain or the target is asked; Cancel gives the window back at once.
    void setBusy(const QString& text);
    void setIdle();
    void offerKeyringChoice(const QString& problem, bool keyringMayAsk);
    [[nodiscard]] storage::StorageSecrets typedSecrets(storage::StorageKind kind) const;
    [[nodiscard]] bool secretTyped() const;

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
    QPushButton* m_cancel;
    QPushButton* m_keepSession;
    QPushButton* m_useKeyring;
    QString m_pendingProfile; // saved, its secret not yet stored (the keyring was not usable)
    int m_generation = 0;     // a result of an older (cancelled) request is dropped
    class RegistrarProfileEditor* m_registrars;
};

} // namespace slipway::ui
