#pragma once

#include "release/ReleaseResult.h"
#include "release/ReleaseStep.h"

#include <QElapsedTimer>
#include <QHash>
#include <QWizardPage>

class QLabel;
class QProgressBar;
class QPushButton;

namespace slipway::release {
class ReleaseRunner;
}

namespace slipway::ui {

class MessageBar;
struct ReleaseDraft;

// The release running: one row per step with a progress bar, bytes and time left, and a Cancel that
// really stops the worker. The runner works on its own thread; this page only draws its signals.
class RunPage : public QWizardPage
{
    Q_OBJECT
public:
    RunPage(ReleaseDraft& draft, QWidget* parent = nullptr);
    ~RunPage() override;

    void initializePage() override;
    [[nodiscard]] bool isComplete() const override;
    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] qint64 releaseId() const { return m_releaseId; }
    [[nodiscard]] release::ReleaseRunner* runner() const { return m_runner; }
    void cancelRelease();
    void resumeRelease();

    // What a step does, in words for someone who has never released an app (the demo shows them).
    [[nodiscard]] static QString plainWords(release::ReleaseStep step);

Q_SIGNALS:
    void releaseFinished(qint64 releaseId, bool ok);
    // A refused release: the user wants to go back and pick another version.
    void changeVersionRequested();

private:
    struct StepRow
    {
        QLabel* icon = nullptr;
        QLabel* title = nullptr;
        QProgressBar* bar = nullptr;
        QLabel* detail = nullptr;
        QLabel* plain = nullptr; // the demo's explanation
        QElapsedTimer timer;
        qint64 firstByteMs = -1; // when the first bytes were reported: rates count from there
        qint64 firstBytes = 0;
    };
    void resetRows();
    void onStepStarted(release::ReleaseStep step, const QString& message);
    void onProgress(release::ReleaseStep step, qint64 done, qint64 total, const QString& message);
    void onStepFinished(release::ReleaseStep step, bool ok, const QString& message);
    void onFinished(const release::ReleaseResult& result);
    void setRunning(bool running);
    void explainRefusal(const release::ReleaseResult& result);
    // The channel's phones expect another key: sign with this one only on an explicit confirmation.
    void confirmKeyChange(const release::ReleaseResult& result);

    ReleaseDraft& m_draft;
    release::ReleaseRunner* m_runner;
    MessageBar* m_messages;
    QLabel* m_headline;
    QPushButton* m_cancel;
    QPushButton* m_resume;
    QPushButton* m_changeVersion;
    QLabel* m_demoBadge;
    QHash<int, StepRow> m_rows;
    qint64 m_releaseId = 0;
    bool m_finishedOk = false;
    bool m_refused = false;
    QElapsedTimer m_total;
};

} // namespace slipway::ui
