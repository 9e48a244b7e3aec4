#pragma once

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QToolButton;
class QTreeWidget;

namespace slipway::ui {

class MessageBar;
class PhoneSimulation;
struct ReleaseDraft;

// A completed release in plain words (what was published, for which phones) with a prominent
// "Simulate a phone" and its verdict; the signed checksum, URL, update-response JSON and the
// capacitor.config snippet (each copyable) wait under "Technical details".
class DonePage : public QWizardPage
{
    Q_OBJECT
public:
    DonePage(ReleaseDraft& draft, QWidget* parent = nullptr);

    void initializePage() override;
    void simulatePhone();

private:
    QPushButton* copyButton(QWidget* source, const QString& name);

    void setTechnicalDetailsShown(bool shown);

    ReleaseDraft& m_draft;
    MessageBar* m_messages;
    QLabel* m_demoBadge;
    QLabel* m_summary;
    QLabel* m_phoneVerdict;
    QToolButton* m_detailsToggle;
    QWidget* m_details;
    QLabel* m_keyFacts;
    QLineEdit* m_checksum;
    QLineEdit* m_url;
    QPlainTextEdit* m_response;
    QPlainTextEdit* m_snippet;
    QPushButton* m_simulate;
    QTreeWidget* m_phoneSteps;
    PhoneSimulation* m_simulation;
};

} // namespace slipway::ui
