#pragma once

#include <QWizardPage>

#include <atomic>
#include <memory>

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
    // Stops a scan that is under way (a folder picked by mistake may be a whole disk).
    void cancelChecks();

Q_SIGNALS:
    void checksFinished();

private:
    void runChecks();

    ReleaseDraft& m_draft;
    MessageBar* m_messages;
    QTreeWidget* m_list;
    QLabel* m_summary;
    QPushButton* m_rerun;
    QPushButton* m_cancel;
    std::shared_ptr<std::atomic_bool> m_cancelFlag;
    bool m_running = false;
    int m_generation = 0;
};

} // namespace slipway::ui
