#include "MainWindow.h"

#include "DemoWorkspace.h"
#include "DeviceTestView.h"
#include "ChannelsView.h"
#include "HistoryLocationDialog.h"
#include "HistoryView.h"
#include "KeysView.h"
#include "KnownKeys.h"
#include "MessageBar.h"
#include "ReleaseWizard.h"
#include "Resources.h"
#include "TargetsView.h"
#include "Theme.h"
#include "common/DataLocation.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QFrame>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QVBoxLayout>

namespace slipway::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_navigation((initResources(), new QListWidget(this))), m_stack(new QStackedWidget(this)),
      m_history(new HistoryView(this)), m_wizard(new ReleaseWizard(this)), m_keys(new KeysView(this)),
      m_targets(new TargetsView(this)), m_deviceTest(new DeviceTestView(this)),
      m_channels(new ChannelsView(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Slipway \u2014 release manager for Capacitor live updates"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/slipway.svg")));

    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setAccessibleName(tr("Navigation"));
    m_navigation->setIconSize(QSize(20, 20));
    m_navigation->setSpacing(2);
    m_navigation->setFixedWidth(180);
    m_navigation->setFrameShape(QFrame::NoFrame);
    const struct
    {
        QString text;
        QStyle::StandardPixmap icon;
        QString tip;
    } pages[] = {
        {tr("Releases"), QStyle::SP_FileDialogDetailedView, tr("The release history (Ctrl+1)")},
        {tr("New release"), QStyle::SP_ArrowForward, tr("Release a web build (Ctrl+2, Ctrl+N)")},
        {tr("Keys"), QStyle::SP_DialogYesButton, tr("Inspect signing keys and check signatures (Ctrl+3)")},
        {tr("Targets"), QStyle::SP_DriveNetIcon, tr("Storage profiles where bundles are published (Ctrl+4)")},
        {tr("Device test"), QStyle::SP_ComputerIcon, tr("Simulate a phone against an update endpoint (Ctrl+5)")},
        {tr("Channels"), QStyle::SP_BrowserReload, tr("Stable and rollout releases per channel, rollout health (Ctrl+6)")},
    };
    for (const auto& page : pages) {
        auto* item = new QListWidgetItem(style()->standardIcon(page.icon), page.text, m_navigation);
        item->setToolTip(page.tip);
        item->setSizeHint(QSize(160, 36));
    }

    m_wizard->setWindowFlags(Qt::Widget);
    auto* wizardHolder = new QWidget(this);
    auto* wizardLayout = new QVBoxLayout(wizardHolder);
    wizardLayout->setContentsMargins(0, 0, 0, 0);
    wizardLayout->addWidget(m_wizard);

    m_stack->setObjectName(QStringLiteral("pages"));
    m_stack->addWidget(m_history);
    m_stack->addWidget(wizardHolder);
    m_stack->addWidget(m_keys);
    m_stack->addWidget(m_targets);
    m_stack->addWidget(m_deviceTest);
    m_stack->addWidget(m_channels);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->setSpacing(0);
    const bool firstRun = DemoWorkspace::isFirstRun();
    m_welcome = makeWelcome();
    m_welcome->setVisible(firstRun);
    rightLayout->addWidget(m_welcome);
    rightLayout->addWidget(m_stack, 1);

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    auto* line = new QFrame(this);
    line->setFrameShape(QFrame::VLine);
    line->setFrameShadow(QFrame::Sunken);
    layout->addWidget(line);
    layout->addWidget(right, 1);
    setCentralWidget(central);
    statusBar()->showMessage(tr("Data folder: %1").arg(QDir::toNativeSeparators(DataLocation::root())));

    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row == NewReleasePage && !m_wizard->isReleaseRunning() && m_wizard->currentId() == -1)
            m_wizard->startNew();
        if (row == NewReleasePage) {
            m_wizard->show();
            m_welcome->hide(); // the wizard needs the room; its Build page offers the demo build too
        }
        if (row == ReleasesPage)
            m_history->refresh();
        if (row == KeysPage)
            m_keys->refresh();
        if (row == TargetsPage)
            m_targets->refresh();
        if (row == DeviceTestPage)
            m_deviceTest->refresh();
        if (row == ChannelsPage)
            m_channels->refresh();
        m_stack->setCurrentIndex(row);
    });
    connect(m_wizard, &ReleaseWizard::releaseFinished, this, [this](qint64 id) {
        m_history->showRelease(id);
        m_welcome->hide();
    });
    connect(m_wizard, &ReleaseWizard::closed, this, [this] {
        m_wizard->startNew();
        m_wizard->show();
        showPage(ReleasesPage);
    });
    connect(m_history, &HistoryView::historyLocationRequested, this, &MainWindow::chooseHistory);
    connect(m_history, &HistoryView::resumeRequested, this, [this](qint64 id) {
        showPage(NewReleasePage);
        m_wizard->startResume(id);
    });

    for (int i = 0; i < 6; ++i) {
        auto* shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)), this);
        connect(shortcut, &QShortcut::activated, this, [this, i] {
            showPage(static_cast<Page>(i));
            if (i == NewReleasePage)
                m_wizard->focusCurrentPage(); // from the keyboard, typing goes on in the wizard
        });
    }
    auto* newRelease = new QShortcut(QKeySequence::New, this);
    connect(newRelease, &QShortcut::activated, this, [this] {
        showPage(NewReleasePage);
        m_wizard->focusCurrentPage();
    });

    // "&Workspace": W is no mnemonic of any view, so Alt+W never competes with one.
    QMenu* workspace = menuBar()->addMenu(tr("&Workspace"));
    QAction* chooseHistoryAction = workspace->addAction(tr("Release &history\u2026"), this, &MainWindow::chooseHistory);
    chooseHistoryAction->setObjectName(QStringLiteral("chooseHistoryAction"));
    workspace->addSeparator();
    QAction* quit = workspace->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    m_wizard->startNew();
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray()))
        resize(1180, 760);
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    const int last = settings.value(QStringLiteral("mainWindow/page"), int(ReleasesPage)).toInt();
    showPage(firstRun ? ReleasesPage
                      : static_cast<Page>(last == NewReleasePage ? ReleasesPage : std::clamp(last, 0, int(ChannelsPage))));
}

QFrame* MainWindow::makeWelcome()
{
    auto* frame = new QFrame(this);
    frame->setObjectName(QStringLiteral("welcomeBanner"));
    frame->setStyleSheet(
        Theme::isDark() ? QStringLiteral("#welcomeBanner { background: #1f3b57; border-bottom: 1px solid #3d6f9e; }"
                                         "#welcomeBanner QLabel { color: #e8f1fb; }")
                        : QStringLiteral("#welcomeBanner { background: #e8f1fb; border-bottom: 1px solid #7aa7d9; }"
                                         "#welcomeBanner QLabel { color: #10263d; }"));
    auto* layout = new QHBoxLayout(frame);
    layout->setContentsMargins(16, 12, 16, 12);
    auto* icon = new QLabel(frame);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/slipway.svg")).pixmap(40, 40));
    auto* text = new QLabel(tr("<b>Welcome to Slipway.</b> Your local workspace is ready: history, storage folder and "
                               "update channel under <tt>%1</tt>. No account is needed. Try a complete encrypted "
                               "release of the demo web build, then watch a simulated phone pick it up.")
                                .arg(QDir::toNativeSeparators(DataLocation::root()).toHtmlEscaped()),
                            frame);
    text->setWordWrap(true);
    auto* demo = new QPushButton(tr("&Try the demo release"), frame);
    demo->setObjectName(QStringLiteral("demoReleaseButton"));
    demo->setDefault(true);
    demo->setToolTip(tr("Publishes the demo web app in one click, with no account: each step is explained as it "
                        "happens"));
    auto* dismiss = new QPushButton(tr("Dismiss"), frame);
    dismiss->setObjectName(QStringLiteral("dismissWelcomeButton"));
    layout->addWidget(icon);
    layout->addWidget(text, 1);
    layout->addWidget(demo);
    layout->addWidget(dismiss);
    connect(demo, &QPushButton::clicked, this, &MainWindow::startDemoRelease);
    connect(dismiss, &QPushButton::clicked, frame, &QWidget::hide);
    return frame;
}

void MainWindow::startDemoRelease()
{
    if (m_wizard->isReleaseRunning()) {
        showPage(NewReleasePage);
        return;
    }
    if (KnownKeys::list().constFirst().passphraseProtected) {
        // A protected default key needs its passphrase: the wizard asks for it, with the demo build chosen.
        auto build = DemoWorkspace::extractDemoBuild();
        m_welcome->hide();
        showPage(NewReleasePage);
        m_wizard->startNew();
        if (build)
            m_wizard->draft().plan.buildSource = build.value();
        return;
    }
    auto draft = DemoWorkspace::demoDraft();
    if (!draft) {
        m_history->messages()->showError(draft.error().message);
        showPage(ReleasesPage);
        return;
    }
    m_welcome->hide();
    showPage(NewReleasePage);
    m_wizard->startPrepared(draft.value());
}

HistoryLocationDialog* MainWindow::chooseHistory()
{
    if (m_wizard->isReleaseRunning()) {
        showPage(ReleasesPage);
        m_history->messages()->showMessage(
            tr("A release is running: choose another history once it has finished (or after cancelling it)."),
            MessageBar::Kind::Warning);
        return nullptr;
    }
    auto* dialog = new HistoryLocationDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] {
        showPage(ReleasesPage); // reads the chosen history
        if (m_history->messages()->kind() != MessageBar::Kind::Error)
            m_history->messages()->showMessage(
                tr("Slipway now uses the release history %1.").arg(history::History::defaultPath()),
                MessageBar::Kind::Success);
    });
    dialog->open();
    return dialog;
}

void MainWindow::showPage(Page page)
{
    if (m_navigation->currentRow() == page)
        Q_EMIT m_navigation->currentRowChanged(page);
    else
        m_navigation->setCurrentRow(page);
}

MainWindow::Page MainWindow::currentPage() const
{
    return static_cast<Page>(m_navigation->currentRow());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_wizard->isReleaseRunning()) {
        // Closing mid-release would leave it interrupted: say so inside the window instead.
        m_wizard->reject();
        m_history->messages()->showMessage(
            tr("A release was running: it is being cancelled and can be resumed later from the history."),
            MessageBar::Kind::Warning);
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    settings.setValue(QStringLiteral("mainWindow/page"), int(currentPage()));
    QMainWindow::closeEvent(event);
}

} // namespace slipway::ui
