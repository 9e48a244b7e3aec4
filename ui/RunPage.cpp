#include "RunPage.h"

#include "HistoryTask.h"
#include "MessageBar.h"
#include "ReleaseDraft.h"
#include "history/History.h"
#include "release/ReleaseRunner.h"
#include "release/ReleasedVersions.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
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
      m_resume(new QPushButton(tr("&Resume"), this)),
      m_changeVersion(new QPushButton(tr("C&hoose another version"), this)), m_demoBadge(new QLabel(this))
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
    m_changeVersion->setObjectName(QStringLiteral("changeVersionButton"));
    m_changeVersion->setToolTip(tr("Back to the build and version, with the same key"));
    m_changeVersion->hide();
    m_demoBadge->setObjectName(QStringLiteral("demoBadge"));
    m_demoBadge->setText(tr("DEMO"));
    m_demoBadge->setAccessibleName(tr("This is the demo release"));
    m_demoBadge->setToolTip(tr("The demo web app, published to a folder on this computer: no account, nothing leaves "
                               "this machine"));
    m_demoBadge->setStyleSheet(QStringLiteral("QLabel { color: white; background: #6a1b9a; border-radius: 4px; "
                                              "padding: 3px 10px; font-weight: bold; letter-spacing: 1px; }"));
    m_demoBadge->hide();

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
        r.detail->setMinimumWidth(220);
        r.detail->setWordWrap(true);
        r.plain = new QLabel(plainWords(step), this);
        r.plain->setObjectName(QStringLiteral("stepPlain_%1").arg(release::stepName(step)));
        r.plain->setWordWrap(true);
        r.plain->setEnabled(false); // a quieter colour: it explains, the step title names
        r.plain->hide();
        grid->addWidget(r.icon, row, 0);
        grid->addWidget(r.title, row, 1);
        grid->addWidget(r.bar, row, 2);
        grid->addWidget(r.detail, row, 3);
        ++row;
        grid->addWidget(r.plain, row, 1, 1, 3);
        m_rows.insert(static_cast<int>(step), r);
        ++row;
    }
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_changeVersion);
    buttons->addWidget(m_resume);
    buttons->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    layout->addWidget(m_messages);
    auto* headlineRow = new QHBoxLayout;
    headlineRow->addWidget(m_demoBadge);
    headlineRow->addWidget(m_headline, 1);
    layout->addLayout(headlineRow);
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
    connect(m_changeVersion, &QPushButton::clicked, this, &RunPage::changeVersionRequested);
}

QString RunPage::plainWords(ReleaseStep step)
{
    switch (step) {
    case ReleaseStep::Preflight:
        return tr("Look the web app over: it has a start page and tells the phone that it started fine.");
    case ReleaseStep::Package:
        return tr("Pack every file of the web app into one zip file.");
    case ReleaseStep::Encrypt:
        return tr("Lock the zip with a fresh secret and sign it, so that phones know it comes from you.");
    case ReleaseStep::Verify:
        return tr("Open it exactly as a phone will, to be sure that phones accept it.");
    case ReleaseStep::Upload:
        return tr("Put it where phones download it (for the demo: a folder on this computer).");
    case ReleaseStep::Register:
        return tr("Tell the update channel that this is the version phones should get now.");
    case ReleaseStep::Record:
        return tr("Write what happened into the release history, sealed against later edits.");
    }
    return {};
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
    // A refused release cannot be resumed: it never started. Changing the version is the way on.
    m_resume->setVisible(!running && !m_finishedOk && !m_refused && m_releaseId > 0);
    m_changeVersion->setVisible(!running && m_refused && m_draft.resumeReleaseId == 0);
    if (QWizard* w = wizard())
        w->button(QWizard::CancelButton)->setEnabled(!running);
    Q_EMIT completeChanged();
}

void RunPage::initializePage()
{
    m_finishedOk = false;
    m_refused = false;
    setTitle(m_draft.demo ? tr("Demo release") : tr("Releasing"));
    setSubTitle(m_draft.demo ? tr("The demo web app is being published, step by step. Nothing leaves this computer.")
                             : tr("Each step is recorded in the history as it happens."));
    m_demoBadge->setVisible(m_draft.demo);
    for (StepRow& r : m_rows)
        r.plain->setVisible(m_draft.demo);
    m_releaseId = 0;
    m_messages->clearMessage();
    resetRows();
    m_total.start();
    m_runner->setKeyPassphrase(m_draft.passphrase);
    m_runner->setTokenPin(m_draft.tokenPin);
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
    r.firstByteMs = -1;
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
    if (done > 0 && r.firstByteMs < 0) {
        r.firstByteMs = elapsed;
        r.firstBytes = done;
    }
    // Rate and time left from the bytes moved since the first ones (an upload's hashing before its
    // first byte goes out does not make the rest look slower).
    const qint64 measuredMs = elapsed - r.firstByteMs;
    if (r.firstByteMs >= 0 && done < total && measuredMs > 300 && done > r.firstBytes) {
        const double perMs = double(done - r.firstBytes) / double(measuredMs);
        if (step == ReleaseStep::Upload)
            text += tr(", %1/s").arg(locale.formattedDataSize(static_cast<qint64>(perMs * 1000.0)));
        text += tr(", %1 left").arg(durationText(static_cast<qint64>(double(total - done) / perMs)));
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
    m_refused = result.status == history::ReleaseStatus::Refused;
    m_draft.result = result;
    setRunning(false);
    m_draft.resumeReleaseId = 0;
    if (m_finishedOk) {
        m_headline->setText(tr("Release #%1 completed in %2.").arg(m_releaseId).arg(durationText(m_total.elapsed())));
        m_messages->showMessage(tr("%1 %2 is live on %3.").arg(result.appId, result.version, result.channel),
                                MessageBar::Kind::Success);
    } else if (result.cancelled) {
        m_headline->setText(tr("Release #%1 was cancelled.").arg(m_releaseId));
        m_messages->showMessage(tr("Cancelled. The release is kept as interrupted: press Resume to continue it, "
                                   "now or later from the history."),
                                MessageBar::Kind::Warning);
    } else if (m_refused && result.refusedForKey) {
        confirmKeyChange(result);
    } else if (m_refused) {
        explainRefusal(result);
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

void RunPage::confirmKeyChange(const release::ReleaseResult& result)
{
    m_headline->setText(tr("Release #%1 did not start: the channel's phones expect another key.").arg(m_releaseId));
    m_messages->showError(result.error);
    QMessageBox ask(QMessageBox::Warning, tr("Change the signing key?"),
                    tr("Phones on channel %1 hold another public key and will reject every bundle signed with this "
                       "one, unless they already run an app build with its public key.")
                        .arg(result.channel),
                    QMessageBox::Cancel, this);
    ask.setObjectName(QStringLiteral("keyChangeConfirmation"));
    ask.setInformativeText(result.error);
    QPushButton* change = ask.addButton(tr("Sign with the new key"), QMessageBox::DestructiveRole);
    change->setObjectName(QStringLiteral("confirmKeyChangeButton"));
    ask.setDefaultButton(QMessageBox::Cancel);
    ask.exec();
    if (ask.clickedButton() != change)
        return;
    // Recorded in the audit chain as a key-change event when the release publishes.
    m_draft.plan.allowNewKey = true;
    initializePage();
}

void RunPage::explainRefusal(const release::ReleaseResult& result)
{
    m_headline->setText(tr("Release #%1 did not start: nothing was built or published.").arg(m_releaseId));
    const QString what = tr("Version %1 of %2 on channel %3").arg(result.version, result.appId, result.channel);
    m_messages->showError(tr("%1 is already taken. Press Choose another version and give a newer one.").arg(what));
    // Which release holds it, from the history (off the UI thread: it may be a team server).
    useHistoryInBackground(
        this,
        [result](history::History& history) {
            return release::ReleasedVersions::holder(history, result.appId, result.version, result.channel);
        },
        [this, what, refused = m_releaseId](const Result<std::optional<history::ReleaseRecord>>& holder) {
            if (refused != m_releaseId || !holder || !holder->has_value())
                return;
            const history::ReleaseRecord& h = holder->value();
            const QString when = QLocale().toString(
                (h.finishedAt.isValid() ? h.finishedAt : h.createdAt).toLocalTime(), QLocale::ShortFormat);
            if (h.status == history::ReleaseStatus::Completed)
                m_messages->showError(tr("%1 is already released (release #%2, %3). Slipway never publishes the same "
                                         "version twice by accident: press Choose another version and give a newer "
                                         "one.")
                                          .arg(what)
                                          .arg(h.id)
                                          .arg(when));
            else if (h.status == history::ReleaseStatus::Interrupted)
                m_messages->showError(tr("%1 belongs to release #%2, which was interrupted on %3. Continue that "
                                         "release from Releases (Resume), or press Choose another version.")
                                          .arg(what)
                                          .arg(h.id)
                                          .arg(when));
            else
                m_messages->showError(tr("%1 is being released right now by release #%2. Wait for it to finish, or "
                                         "press Choose another version.")
                                          .arg(what)
                                          .arg(h.id));
        });
}

bool RunPage::isComplete() const
{
    return m_finishedOk;
}

} // namespace slipway::ui
