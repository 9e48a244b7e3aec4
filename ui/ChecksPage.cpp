#include "ChecksPage.h"

#include "Background.h"
#include "BuildPage.h"
#include "MessageBar.h"
#include "ReleaseDraft.h"
#include "bundle/Preflight.h"
#include "common/InputLimits.h"

#include <QApplication>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace slipway::ui {

ChecksPage::ChecksPage(ReleaseDraft& draft, QWidget* parent)
    : QWizardPage(parent), m_draft(draft), m_messages(new MessageBar(this)), m_list(new QTreeWidget(this)),
      m_summary(new QLabel(this)), m_rerun(new QPushButton(tr("Check &again"), this)),
      m_cancel(new QPushButton(tr("&Stop checking"), this))
{
    setObjectName(QStringLiteral("checksPage"));
    setTitle(tr("Pre-flight checks"));
    setSubTitle(tr("What a phone needs from this build, checked before anything is packaged."));
    m_list->setObjectName(QStringLiteral("checksList"));
    m_list->setAccessibleName(tr("Pre-flight check results"));
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("Check"), tr("Result")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    m_list->setWordWrap(true);
    m_list->setRootIsDecorated(true);
    m_list->setAlternatingRowColors(true);
    m_summary->setObjectName(QStringLiteral("checksSummary"));
    m_summary->setWordWrap(true);
    m_rerun->setObjectName(QStringLiteral("rerunChecksButton"));
    m_rerun->setToolTip(tr("Run the checks again after fixing the build"));

    m_cancel->setObjectName(QStringLiteral("cancelChecksButton"));
    m_cancel->setToolTip(tr("Stop looking through this folder (for example when it is not the web build)"));
    m_cancel->hide();

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_summary, 1);
    bottom->addWidget(m_cancel);
    bottom->addWidget(m_rerun);
    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addWidget(m_messages);
    layout->addWidget(m_list, 1);
    layout->addLayout(bottom);
    connect(m_rerun, &QPushButton::clicked, this, &ChecksPage::runChecks);
    connect(m_cancel, &QPushButton::clicked, this, &ChecksPage::cancelChecks);
}

void ChecksPage::cancelChecks()
{
    if (m_cancelFlag)
        m_cancelFlag->store(true);
    m_cancel->setEnabled(false);
    m_summary->setText(tr("Stopping…"));
}

void ChecksPage::initializePage()
{
    runChecks();
}

void ChecksPage::cleanupPage()
{
    ++m_generation; // a result still on its way belongs to a build the user went back to change
    if (m_cancelFlag)
        m_cancelFlag->store(true); // and its scan need not go on
    m_cancel->hide();
    m_running = false;
    m_draft.preflight.reset();
}

void ChecksPage::runChecks()
{
    m_draft.preflight.reset();
    m_list->clear();
    m_messages->clearMessage();
    m_summary->setText(tr("Looking through %1…").arg(QDir::toNativeSeparators(m_draft.plan.buildSource)));
    m_running = true;
    m_rerun->setEnabled(false);
    m_cancelFlag = std::make_shared<std::atomic_bool>(false);
    m_cancel->setEnabled(true);
    m_cancel->show();
    Q_EMIT completeChanged();
    bundle::PreflightOptions options;
    options.appId = m_draft.plan.appId;
    options.version = m_draft.plan.version;
    options.codeCheck = m_draft.plan.codeCheck;
    options.limits = m_draft.plan.buildLimits;
    options.scan.cancelFlag = m_cancelFlag.get();
    const QString source = m_draft.plan.buildSource;
    const int generation = ++m_generation;
    // Progress comes from the scanning thread; the page may be gone by the time it arrives.
    QPointer<ChecksPage> page(this);
    options.scan.progress = [page, generation, source](qint64 entries, qint64 bytes) {
        QMetaObject::invokeMethod(
            page,
            [page, generation, source, entries, bytes] {
                if (!page || generation != page->m_generation || !page->m_running || !page->m_cancel->isEnabled())
                    return;
                page->m_summary->setText(
                    tr("Looking through %1: %n file(s) and folder(s), %2 so far…", nullptr,
                       int(std::min<qint64>(entries, INT_MAX)))
                        .arg(QDir::toNativeSeparators(source), QLocale().formattedDataSize(bytes)));
            },
            Qt::QueuedConnection);
    };
    runInBackground(
        this, [source, options, flag = m_cancelFlag] { return bundle::Preflight::run(source, options); },
        [this, generation, source](Result<bundle::PreflightReport> report) {
            if (generation != m_generation)
                return;
            m_running = false;
            m_rerun->setEnabled(true);
            m_cancel->hide();
            const bool cancelled = m_cancelFlag && m_cancelFlag->load();
            if (cancelled || !report) {
                m_summary->clear();
                const QString folder = QDir::toNativeSeparators(source);
                if (cancelled || report.error().code == bundle::BuildSource::CancelledCode)
                    m_messages->showMessage(tr("Checking %1 was stopped. If it is not your web build, go Back and "
                                               "choose the folder your build writes (often dist/ or www/).")
                                                .arg(folder),
                                            MessageBar::Kind::Warning);
                else if (report.error().code == bundle::BuildSource::TooLargeCode)
                    m_messages->showError(tr("%1 is far larger than a web build: it holds more than %2 files or "
                                             "more than %3. Go Back and choose the folder your web build writes "
                                             "(often dist/ or www/).")
                                              .arg(folder)
                                              .arg(QLocale().toString(limits::BuildEntries))
                                              .arg(QLocale().formattedDataSize(m_draft.plan.buildLimits.maxBytes)));
                else
                    m_messages->showError(report.error().message);
                Q_EMIT completeChanged();
                Q_EMIT checksFinished();
                return;
            }
            m_draft.preflight = report.value();
            const QIcon okIcon = style()->standardIcon(QStyle::SP_DialogApplyButton);
            const QIcon blockIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
            const QIcon warnIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
            const QIcon infoIcon = style()->standardIcon(QStyle::SP_MessageBoxInformation);
            for (const bundle::PreflightCheck& check : report->checks) {
                auto* item = new QTreeWidgetItem(m_list);
                item->setText(0, check.title);
                item->setData(0, Qt::UserRole, check.id);
                item->setData(0, Qt::UserRole + 1, check.passed);
                item->setText(1, check.message);
                item->setToolTip(1, check.message);
                if (check.passed)
                    item->setIcon(0, check.severity == bundle::CheckSeverity::Info ? infoIcon : okIcon);
                else
                    item->setIcon(0, check.severity == bundle::CheckSeverity::Blocking ? blockIcon : warnIcon);
                for (const QString& path : check.items) {
                    auto* child = new QTreeWidgetItem(item);
                    child->setText(1, path);
                }
                if (!check.passed && check.severity == bundle::CheckSeverity::Blocking)
                    item->setExpanded(true);
            }
            const QLocale locale;
            const QString size =
                tr("%n file(s), %1", nullptr, int(report->files)).arg(locale.formattedDataSize(report->bytes));
            if (report->hasBlockingFailure()) {
                m_messages->showError(
                    tr("This build cannot be released yet:\n%1\nFix the build, then press Check again.")
                        .arg(report->blockingSummary()));
                m_summary->setText(size);
            } else {
                m_summary->setText(tr("All blocking checks passed \u2014 %1.").arg(size));
                BuildPage::rememberBuild(m_draft.plan.buildSource);
            }
            Q_EMIT completeChanged();
            Q_EMIT checksFinished();
        });
}

bool ChecksPage::isComplete() const
{
    return !m_running && m_draft.preflight && !m_draft.preflight->hasBlockingFailure();
}

} // namespace slipway::ui
