#include "RunPage.h"

#include "MessageBar.h"
#include "ReleaseDraft.h"
#include "release/ReleaseRunner.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>
#include <QWizard>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace slipway::ui {

using release::ReleaseStep;

namespace {

QString durationText(qint64 ms)
{
    if (ms < 1000)
        return QObject::tr("%1 ms").arg(ms);
    const qint64 s = (ms + 500) / 1000;
    if (s < 60)
        return QObject::tr("%1 s").arg(s);
    return QObject::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
}

} // namespace

RunPage::RunPage(ReleaseDraft& draft, QWidget* parent)
    : QWizardPage(parent), m_draft(draft), m_runner(new release::ReleaseRunner(this)), m_messages(new MessageBar(this)),
      m_headline(new QLabel(this)), m_cancel(new QPushButton(tr("&Cancel release"), this)),
      m_resume(new QPushButton(tr("&Resume"), this))
{
    setObjectName(QStringLiteral("runPage"));
    setTitle(tr("Releasing"));
    setSubTitle(tr("Each step is recorded in the history as it happens."));
    m_headline->setObjectName(QStringLiteral("runHeadline"));
    m_headline->setWordWrap(true);
    m_cancel->setObjectName(QStringLiteral("cancelReleaseButton"));
    m_cancel->setToolTip(tr("Stop the release now; it stays in the history as interrupted and can be resumed"));
    m_resume->setObjectName(QStringLiteral("resumeReleaseButton"));
    m_resume->setToolTip(tr("Continue from the last step whose results still check out"));
    m_resume->hide();
    m_cancel->hide();

    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(8);
    grid->setColumnStretch(2, 1);
    int row = 0;
    for (ReleaseStep step : release::allSteps()) {
        StepRow r;
        r.icon = new QLabel(this);
        r.icon->setFixedSize(20, 20);
        r.title = new QLabel(release::stepTitle(step), this);
        r.title->setMinimumWidth(90);
        r.bar = new QProgressBar(this);
        r.bar->setObjectName(QStringLiteral("stepProgress_%1").arg(release::stepName(step)));
        r.bar->setAccessibleName(tr("%1 progress").arg(release::stepTitle(step)));
        r.bar->setRange(0, 1000);
        r.bar->setTextVisible(false);
        r.bar->setFixedHeight(14);
        r.detail = new QLabel(this);
        r.detail->setObjectName(QStringLiteral("stepDetail_%1").arg(release::stepName(step)));
        r.detail->setMinimumWidth(260);
        r.detail->setWordWrap(true);
        grid->addWidget(r.icon, row, 0);
        grid->addWidget(r.title, row, 1);
        grid->addWidget(r.bar, row, 2);
        grid->addWidget(r.detail, row, 3);
        m_rows.insert(static_cast<int>(step), r);
        ++row;
    }
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_resume);
    buttons->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    layout->addWidget(m_messages);
    layout->addWidget(m_headline);
    layout->addLayout(grid);
    layout->addStretch(1);
    layout->addLayout(buttons);

    connect(m_runner, &release::ReleaseRunner::releaseCreated, this, [this](qint64 id, int attempt) {
        m_releaseId = id;
        m_headline->setText(attempt > 1 ? tr("Release #%1, attempt %2").arg(id).arg(attempt)
                                        : tr("Release #%1").arg(id));
    });
    // Runs on the worker thread as soon as it starts: the release (and the compression threads it
    // spawns, which inherit the value) yields the CPU to the UI thread, so the window stays fluid on
    // a busy machine. It is background work: a few percent slower beats a frozen window.
    connect(
        m_runner, &release::ReleaseRunner::releaseCreated, this,
        [] { ::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 5); }, Qt::DirectConnection);
    connect(m_runner, &release::ReleaseRunner::stepStarted, this, &RunPage::onStepStarted);
    connect(m_runner, &release::ReleaseRunner::progress, this, &RunPage::onProgress);
    connect(m_runner, &release::ReleaseRunner::stepFinished, this, &RunPage::onStepFinished);
    connect(m_runner, &release::ReleaseRunner::finished, this, &RunPage::onFinished);
    connect(m_cancel, &QPushButton::clicked, this, &RunPage::cancelRelease);
    connect(m_resume, &QPushButton::clicked, this, &RunPage::resumeRelease);
}

RunPage::~RunPage() = default;

bool RunPage::isRunning() const
{
    return m_runner->isRunning();
}

void RunPage::resetRows()
{
    for (StepRow& r : m_rows) {
        r.icon->clear();
        r.bar->setValue(0);
        r.bar->setRange(0, 1000);
        r.detail->clear();
    }
}

void RunPage::setRunning(bool running)
{
    m_cancel->setVisible(running);
    m_cancel->setEnabled(running);
    m_resume->setVisible(!running && !m_finishedOk && m_releaseId > 0);
    if (QWizard* w = wizard())
        w->button(QWizard::CancelButton)->setEnabled(!running);
    Q_EMIT completeChanged();
}

void RunPage::initializePage()
{
    m_finishedOk = false;
    m_releaseId = 0;
    m_messages->clearMessage();
    resetRows();
    m_total.start();
    m_runner->setKeyPassphrase(m_draft.passphrase);
    bool started = false;
    if (m_draft.resumeReleaseId > 0) {
        m_releaseId = m_draft.resumeReleaseId;
        m_headline->setText(tr("Resuming release #%1…").arg(m_releaseId));
        started = m_runner->resume(m_draft.resumeReleaseId);
    } else {
        m_headline->setText(
            tr("Starting %1 %2 on %3…").arg(m_draft.plan.appId, m_draft.plan.version, m_draft.plan.channel));
        started = m_runner->start(m_draft.plan);
    }
    if (!started)
        m_messages->showError(tr("Another release is still running in this window. Wait for it to finish."));
    setRunning(started);
}

void RunPage::cancelRelease()
{
    if (!m_runner->isRunning())
        return;
    m_runner->cancel();
    m_cancel->setEnabled(false);
    m_headline->setText(tr("Cancelling…"));
}

void RunPage::resumeRelease()
{
    if (m_releaseId <= 0 || m_runner->isRunning())
        return;
    m_messages->clearMessage();
    resetRows();
    m_total.start();
    if (m_runner->resume(m_releaseId))
        setRunning(true);
}

void RunPage::onStepStarted(ReleaseStep step, const QString& /*detail*/)
{
    StepRow& r = m_rows[static_cast<int>(step)];
    r.timer.start();
    r.icon->setPixmap(style()->standardIcon(QStyle::SP_MediaPlay).pixmap(16, 16));
    r.bar->setRange(0, 0); // busy until the first byte count arrives
    r.detail->setText(tr("working…"));
}

void RunPage::onProgress(ReleaseStep step, qint64 done, qint64 total, const QString& message)
{
    StepRow& r = m_rows[static_cast<int>(step)];
    const QLocale locale;
    if (total <= 0) {
        r.detail->setText(message);
        return;
    }
    r.bar->setRange(0, 1000);
    r.bar->setValue(static_cast<int>(1000.0 * double(done) / double(total)));
    QString text = tr("%1 of %2").arg(locale.formattedDataSize(done), locale.formattedDataSize(total));
    const qint64 elapsed = r.timer.isValid() ? r.timer.elapsed() : 0;
    if (done > 0 && done < total && elapsed > 300) {
        const auto left = static_cast<qint64>(double(elapsed) * double(total - done) / double(done));
        text += tr(", %1 left").arg(durationText(left));
    }
    r.detail->setText(text);
}

void RunPage::onStepFinished(ReleaseStep step, bool ok, const QString& message)
{
    StepRow& r = m_rows[static_cast<int>(step)];
    r.bar->setRange(0, 1000);
    r.bar->setValue(ok ? 1000 : r.bar->value());
    r.icon->setPixmap(
        style()->standardIcon(ok ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxCritical).pixmap(16, 16));
    const QString took = r.timer.isValid() ? durationText(r.timer.elapsed()) : QString();
    const QString summary = message.section(QLatin1Char('\n'), 0, 0);
    r.detail->setText(ok ? tr("done in %1").arg(took) : summary);
    r.detail->setToolTip(message);
}

void RunPage::onFinished(const release::ReleaseResult& result)
{
    m_releaseId = result.releaseId > 0 ? result.releaseId : m_releaseId;
    m_finishedOk = result.ok();
    m_draft.result = result;
    m_draft.resumeReleaseId = 0;
    setRunning(false);
    if (m_finishedOk) {
        m_headline->setText(tr("Release #%1 completed in %2.").arg(m_releaseId).arg(durationText(m_total.elapsed())));
        m_messages->showMessage(tr("%1 %2 is live on %3.").arg(result.appId, result.version, result.channel),
                                MessageBar::Kind::Success);
    } else if (result.cancelled) {
        m_headline->setText(tr("Release #%1 was cancelled.").arg(m_releaseId));
        m_messages->showMessage(tr("Cancelled. The release is kept as interrupted: press Resume to continue it, "
                                   "now or later from the history."),
                                MessageBar::Kind::Warning);
    } else {
        m_headline->setText(tr("Release #%1 stopped.").arg(m_releaseId));
        m_messages->showError(result.error.isEmpty() ? tr("The release stopped.") : result.error);
    }
    // Q_EMIT expands to nothing, which the indentation check misreads after an if/else chain.
    Q_EMIT releaseFinished(m_releaseId, m_finishedOk); // NOLINT(readability-misleading-indentation)
    if (m_finishedOk && wizard() && wizard()->currentPage() == this)
        QTimer::singleShot(600, this, [this] {
            if (wizard() && wizard()->currentPage() == this)
                wizard()->next();
        });
}

bool RunPage::isComplete() const
{
    return m_finishedOk;
}

} // namespace slipway::ui
