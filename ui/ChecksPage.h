#pragma once

#include <QWizardPage>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace slipway::ui {

class MessageBar;
struct ReleaseDraft;

// The pre-flight results as a readable list. A blocking problem keeps Next disabled and the
// message says what to do.
class ChecksPage : public QWizardPage
{
    Q_OBJECT
public:
    ChecksPage(ReleaseDraft& draft, QWidget* parent = nullptr);

    void initializePage() override;
    void cleanupPage() override;
    [[nodiscard]] bool isComplete() const override;
    [[nodiscard]] bool isRunning() const { return m_running; }

Q_SIGNALS:
    void checksFinished();

private:
    void runChecks();

    ReleaseDraft& m_draft;
    MessageBar* m_messages;
    QTreeWidget* m_list;
    QLabel* m_summary;
    QPushButton* m_rerun;
    bool m_running = false;
    int m_generation = 0;
};

} // namespace slipway::ui
