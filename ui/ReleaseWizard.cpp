#include "ReleaseWizard.h"

#include "BuildPage.h"
#include "ChecksPage.h"
#include "DonePage.h"
#include "KeyPage.h"
#include "ReviewPage.h"
#include "RunPage.h"

#include <QAbstractButton>
#include <QApplication>
#include <QIcon>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>

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
    // After QWizard's own choice, which may be a hidden widget (so the keys went nowhere, or to the
    // Cancel button that took the focus from a Next button disabled while checks run).
    connect(this, &QWizard::currentIdChanged, this,
            [this] { QTimer::singleShot(0, this, &ReleaseWizard::focusCurrentPage); });
}

void ReleaseWizard::focusCurrentPage()
{
    QWizardPage* page = currentPage();
    if (page == nullptr || !isVisible())
        return;
    const QWidget* focus = QApplication::focusWidget();
    if (focus != nullptr && page->isAncestorOf(focus) && focus->isVisible())
        return;
    int hops = 0;
    for (QWidget* w = page->nextInFocusChain(); w != nullptr && w != page && hops < 1000;
         w = w->nextInFocusChain(), ++hops) {
        if (page->isAncestorOf(w) && (w->focusPolicy() & Qt::TabFocus) != 0 && w->isVisible() && w->isEnabled() &&
            qobject_cast<QAbstractButton*>(w) == nullptr) {
            w->setFocus(Qt::TabFocusReason);
            return;
        }
    }
    page->setFocus(Qt::OtherFocusReason);
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
    if (hasUnsavedInput() && !confirmDiscard())
        return;
    QWizard::reject();
    Q_EMIT closed();
}

bool ReleaseWizard::focusNextPrevChild(bool next)
{
    // QWizard hides its page area for a moment whenever a page's completeChanged() updates the
    // buttons (on each keystroke in a field that gates Next). Qt then moves the focus on from the
    // hidden field, and embedded in the main window it lands outside the wizard: on the sidebar,
    // which takes the next keys. The field is shown again at once, so it keeps the focus.
    // A page being left is hidden explicitly: then the focus moves on as usual.
    const QWidget* focus = QApplication::focusWidget();
    const QWizardPage* page = currentPage();
    if (focus != nullptr && page != nullptr && isVisible() && !page->isHidden() && page->isAncestorOf(focus) &&
        focus->isVisibleTo(page) && !focus->isVisible())
        return true;
    return QWizard::focusNextPrevChild(next);
}

bool ReleaseWizard::hasUnsavedInput() const
{
    switch (currentId()) {
    case BuildPageId:
    case ChecksPageId:
    case ReviewPageId:
        return true;
    case KeyPageId:
        for (const QLineEdit* edit : currentPage()->findChildren<QLineEdit*>())
            if (edit->isEnabled() && !edit->isReadOnly() && !edit->text().isEmpty())
                return true;
        return false;
    default:
        return false; // the release ran: it is in the history
    }
}

bool ReleaseWizard::confirmDiscard()
{
    QMessageBox box(QMessageBox::Question, tr("Discard this release?"),
                    tr("What you entered for this release will be lost."), QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("discardReleaseBox"));
    QPushButton* discard = box.addButton(tr("&Discard"), QMessageBox::DestructiveRole);
    discard->setObjectName(QStringLiteral("discardReleaseButton"));
    QPushButton* keep = box.addButton(tr("&Keep editing"), QMessageBox::RejectRole);
    keep->setObjectName(QStringLiteral("keepEditingButton"));
    box.setDefaultButton(keep);
    box.setEscapeButton(keep);
    box.exec();
    return box.clickedButton() == discard;
}

} // namespace slipway::ui
