#pragma once

#include "ReleaseDraft.h"

#include <QWizard>

namespace slipway::ui {

class RunPage;

// The release wizard: Key -> Build -> Checks -> Review -> Run -> Done. One ReleaseDraft travels
// through the pages; the Review page is the commit point before anything irreversible.
class ReleaseWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId { KeyPageId, BuildPageId, ChecksPageId, ReviewPageId, RunPageId, DonePageId };

    explicit ReleaseWizard(QWidget* parent = nullptr);

    [[nodiscard]] ReleaseDraft& draft() { return m_draft; }
    // Starts over with an empty draft on the Key page.
    void startNew();
    // Opens the Run page directly to resume an interrupted release.
    void startResume(qint64 releaseId);
    // Runs a ready draft at once (the one-click demo): straight to the Run page.
    void startPrepared(const ReleaseDraft& draft);
    // After a refused release: back to the Build page with the key and build kept, to change the version.
    void returnToBuild();
    [[nodiscard]] bool isReleaseRunning() const;

    void reject() override;
    // Puts the keyboard focus on the first visible field of the current page, unless it is in the page already.
    void focusCurrentPage();

protected:
    bool focusNextPrevChild(bool next) override;

Q_SIGNALS:
    // A release finished (completed or not): the history should refresh.
    void releaseFinished(qint64 releaseId);
    // The wizard was finished or dismissed.
    void closed();

private:
    // Something typed or chosen that Escape or Cancel would throw away.
    [[nodiscard]] bool hasUnsavedInput() const;
    [[nodiscard]] bool confirmDiscard();

    ReleaseDraft m_draft;
    RunPage* m_runPage = nullptr;
};

} // namespace slipway::ui
