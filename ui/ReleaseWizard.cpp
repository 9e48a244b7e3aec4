#include "ReleaseWizard.h"

#include "BuildPage.h"
#include "ChecksPage.h"
#include "DonePage.h"
#include "KeyPage.h"
#include "ReviewPage.h"
#include "RunPage.h"

#include <QAbstractButton>
#include <QIcon>

namespace slipway::ui {

ReleaseWizard::ReleaseWizard(QWidget* parent) : QWizard(parent)
{
    setObjectName(QStringLiteral("releaseWizard"));
    setWindowTitle(tr("New release"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnLastPage, true);
    setOption(QWizard::NoCancelButtonOnLastPage, true);
    setPixmap(QWizard::LogoPixmap, QIcon(QStringLiteral(":/icons/slipway.svg")).pixmap(48, 48));
    setPage(KeyPageId, new KeyPage(m_draft, this));
    setPage(BuildPageId, new BuildPage(m_draft, this));
    setPage(ChecksPageId, new ChecksPage(m_draft, this));
    setPage(ReviewPageId, new ReviewPage(m_draft, this));
    m_runPage = new RunPage(m_draft, this);
    setPage(RunPageId, m_runPage);
    setPage(DonePageId, new DonePage(m_draft, this));
    setStartId(KeyPageId);
    button(QWizard::NextButton)->setObjectName(QStringLiteral("wizardNextButton"));
    button(QWizard::BackButton)->setObjectName(QStringLiteral("wizardBackButton"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("wizardFinishButton"));
    button(QWizard::CancelButton)->setObjectName(QStringLiteral("wizardCancelButton"));
    button(QWizard::CommitButton)->setObjectName(QStringLiteral("wizardCommitButton"));
    button(QWizard::NextButton)->setToolTip(tr("Next step (Alt+N)"));
    connect(m_runPage, &RunPage::releaseFinished, this, [this](qint64 id, bool) { Q_EMIT releaseFinished(id); });
    connect(m_runPage, &RunPage::changeVersionRequested, this, &ReleaseWizard::returnToBuild);
    connect(this, &QWizard::accepted, this, &ReleaseWizard::closed);
}

void ReleaseWizard::startNew()
{
    if (isReleaseRunning())
        return;
    m_draft.reset();
    setStartId(KeyPageId);
    restart();
}

void ReleaseWizard::startResume(qint64 releaseId)
{
    if (isReleaseRunning())
        return;
    m_draft.reset();
    m_draft.resumeReleaseId = releaseId;
    setStartId(RunPageId);
    restart();
    setStartId(KeyPageId);
}

void ReleaseWizard::startPrepared(const ReleaseDraft& draft)
{
    if (isReleaseRunning())
        return;
    m_draft = draft;
    setStartId(RunPageId);
    restart();
    setStartId(KeyPageId);
}

void ReleaseWizard::returnToBuild()
{
    if (isReleaseRunning())
        return;
    // The key, passphrase and build stay in the draft; the Build page shows them again.
    m_draft.result.reset();
    m_draft.resumeReleaseId = 0;
    m_draft.demo = false;
    setStartId(BuildPageId);
    restart();
    setStartId(KeyPageId);
}

bool ReleaseWizard::isReleaseRunning() const
{
    return m_runPage->isRunning();
}

void ReleaseWizard::reject()
{
    if (isReleaseRunning()) {
        m_runPage->cancelRelease();
        return;
    }
    QWizard::reject();
    Q_EMIT closed();
}

} // namespace slipway::ui
