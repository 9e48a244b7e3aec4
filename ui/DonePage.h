#pragma once

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace slipway::ui {

class MessageBar;
class PhoneSimulation;
struct ReleaseDraft;

// The summary of a completed release: signed checksum, URL and update-response JSON (each
// copyable), the capacitor.config snippet with the public key, and "Simulate a phone".
class DonePage : public QWizardPage
{
    Q_OBJECT
public:
    DonePage(ReleaseDraft& draft, QWidget* parent = nullptr);

    void initializePage() override;
    void simulatePhone();

private:
    QPushButton* copyButton(QWidget* source, const QString& name);

    ReleaseDraft& m_draft;
    MessageBar* m_messages;
    QLabel* m_summary;
    QLineEdit* m_checksum;
    QLineEdit* m_url;
    QPlainTextEdit* m_response;
    QPlainTextEdit* m_snippet;
    QPushButton* m_simulate;
    QTreeWidget* m_phoneSteps;
    PhoneSimulation* m_simulation;
};

} // namespace slipway::ui
