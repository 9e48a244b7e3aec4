#pragma once

#include "common/Result.h"

#include <QDialog>
#include <QPointer>

#include <atomic>
#include <memory>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace slipway::ui {

class MessageBar;

// Release history…: the local SQLite file (the default, its path shown) or a team's PostgreSQL database (host, port,
// database, user, SSL mode, and a password that goes to the OS keychain on Save, never to the settings). Test
// connection runs off the UI thread with a time limit, can be stopped, and says what happened in plain words. Save
// (Enter) stores the address (HistoryChoice) and switches this session to it; Cancel (Esc) changes nothing.
class HistoryLocationDialog : public QDialog
{
    Q_OBJECT
public:
    explicit HistoryLocationDialog(QWidget* parent = nullptr);
    ~HistoryLocationDialog() override;

    // postgresql://USER@HOST:PORT/DATABASE[?sslmode=MODE] as typed, or empty for the local file; an error naming the
    // missing field.
    [[nodiscard]] Result<QString> address() const;
    [[nodiscard]] bool isBusy() const { return m_busy; }
    [[nodiscard]] MessageBar* messages() const { return m_messages; }

    void testConnection();
    void accept() override;
    void reject() override;

Q_SIGNALS:
    // A connection test has ended (not when it was stopped).
    void tested(bool connected);

private:
    void fillFrom(const QString& location);
    void updateEnabled();
    void setBusy(const QString& text);
    void setIdle();
    void stopWaiting();
    void save(const QString& address);

    MessageBar* m_messages;
    QRadioButton* m_local;
    QRadioButton* m_team;
    QLabel* m_localPath;
    QLineEdit* m_host;
    QSpinBox* m_port;
    QLineEdit* m_database;
    QLineEdit* m_user;
    QLineEdit* m_password;
    QComboBox* m_sslMode;
    QPushButton* m_test;
    QProgressBar* m_spinner;
    QLabel* m_notes;
    QDialogButtonBox* m_buttons;
    QPointer<QWidget> m_focusBeforeBusy;
    bool m_busy = false;
    bool m_testing = false;
    // The user chose to use a keyring that may open a window of its own (after being told so).
    bool m_keyringAnyway = false;
    int m_generation = 0;
    // Raised to end a keychain write still waiting when the dialog is cancelled.
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace slipway::ui
