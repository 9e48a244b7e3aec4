#include "BuildPage.h"

#include "DemoWorkspace.h"
#include "DropZone.h"
#include "HistoryTask.h"
#include "MessageBar.h"
#include "ProjectInfo.h"
#include "ReleaseDraft.h"
#include "ReleaseTableModel.h"
#include "RememberedFolder.h"
#include "bundle/Preflight.h"
#include "history/History.h"
#include "release/ReleasedVersions.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace slipway::ui {

namespace {
const QString RecentKey = QStringLiteral("wizard/recentBuilds");
}

BuildPage::BuildPage(ReleaseDraft& draft, QWidget* parent)
    : QWizardPage(parent), m_draft(draft), m_messages(new MessageBar(this)), m_path(new QLineEdit(this)),
      m_browseFolder(new QPushButton(tr("Choose &folder…"), this)),
      m_browseArchive(new QPushButton(tr("Choose &archive…"), this)),
      m_demoButton(new QPushButton(tr("Use the &demo build"), this)), m_recent(new QListWidget(this)),
      m_appId(new QLineEdit(this)), m_version(new QLineEdit(this)), m_channel(new QLineEdit(this)),
      m_notes(new QLineEdit(this)), m_prefillNote(new QLabel(this))
{
    setObjectName(QStringLiteral("buildPage"));
    setTitle(tr("Web build"));
    setSubTitle(tr("The folder your web build lands in (dist, www, build) or the archive your CI produced."));

    auto* drop = new DropZone(tr("Drop a build folder or a CI archive (.zip, .tar.gz, .tar.xz, .7z) here"), this);
    connect(drop, &DropZone::pathDropped, this, &BuildPage::setBuildPath);

    m_path->setObjectName(QStringLiteral("buildPathEdit"));
    m_path->setAccessibleName(tr("Build folder or archive"));
    m_path->setPlaceholderText(tr("/path/to/your/app/dist"));
    m_path->setClearButtonEnabled(true);
    m_browseFolder->setObjectName(QStringLiteral("browseFolderButton"));
    m_browseArchive->setObjectName(QStringLiteral("browseArchiveButton"));
    m_demoButton->setObjectName(QStringLiteral("useDemoButton"));
    m_demoButton->setToolTip(
        tr("A tiny Capacitor web build shipped with Slipway: try a complete release without an app"));
    m_recent->setObjectName(QStringLiteral("recentBuildsList"));
    m_recent->setAccessibleName(tr("Recent builds"));
    m_recent->setMaximumHeight(90);
    m_appId->setObjectName(QStringLiteral("appIdEdit"));
    m_appId->setPlaceholderText(tr("com.example.app"));
    m_appId->setToolTip(tr("The appId of your Capacitor app (reverse domain)"));
    m_version->setObjectName(QStringLiteral("versionEdit"));
    m_version->setPlaceholderText(tr("1.2.3"));
    m_version->setToolTip(tr("The bundle version phones will report (semantic versioning)"));
    m_channel->setObjectName(QStringLiteral("channelEdit"));
    m_channel->setToolTip(tr("The channel phones follow, for example production or beta"));
    m_notes->setObjectName(QStringLiteral("notesEdit"));
    m_notes->setPlaceholderText(tr("optional: what changed"));
    m_prefillNote->setObjectName(QStringLiteral("prefillNote"));
    m_prefillNote->setWordWrap(true);
    m_prefillNote->setEnabled(false);

    auto* source = new QGroupBox(tr("Build"), this);
    auto* sourceLayout = new QVBoxLayout(source);
    sourceLayout->addWidget(drop);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browseFolder);
    pathRow->addWidget(m_browseArchive);
    sourceLayout->addLayout(pathRow);
    auto* recentRow = new QHBoxLayout;
    auto* recentLabel = new QLabel(tr("&Recent:"), this);
    recentLabel->setBuddy(m_recent);
    recentRow->addWidget(recentLabel, 0, Qt::AlignTop);
    recentRow->addWidget(m_recent, 1);
    recentRow->addWidget(m_demoButton, 0, Qt::AlignTop);
    sourceLayout->addLayout(recentRow);

    auto* what = new QGroupBox(tr("Release"), this);
    auto* form = new QFormLayout(what);
    form->addRow(tr("A&pp id:"), m_appId);
    form->addRow(tr("&Version:"), m_version);
    form->addRow(tr("C&hannel:"), m_channel);
    form->addRow(tr("&Notes:"), m_notes);
    form->addRow(QString(), m_prefillNote);

    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addWidget(m_messages);
    layout->addWidget(source);
    layout->addWidget(what);
    layout->addStretch(1);

    connect(m_path, &QLineEdit::textChanged, this, [this] {
        m_messages->clearMessage();
        prefillFromProject();
        Q_EMIT completeChanged();
    });
    for (QLineEdit* edit : {m_appId, m_version, m_channel})
        connect(edit, &QLineEdit::textChanged, this, &BuildPage::completeChanged);
    connect(m_browseFolder, &QPushButton::clicked, this, [this] {
        const RememberedFolder folder(QStringLiteral("buildFolder"));
        const QString path = QFileDialog::getExistingDirectory(
            this, tr("Choose the web build folder"), m_path->text().isEmpty() ? folder.folder() : m_path->text(),
            QFileDialog::ShowDirsOnly | QFileDialog::DontUseNativeDialog);
        // The folder holding the build, so that the next build beside it is one click away.
        if (!path.isEmpty())
            folder.remember(QFileInfo(path).absolutePath());
        if (!path.isEmpty())
            setBuildPath(path);
    });
    connect(m_browseArchive, &QPushButton::clicked, this, [this] {
        const RememberedFolder folder(QStringLiteral("buildArchive"));
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Choose a CI build archive"), folder.folder(),
            tr("Build archives (*.zip *.tar *.tar.gz *.tgz *.tar.bz2 *.tar.xz *.tar.zst *.7z);;All files (*)"), nullptr,
            QFileDialog::DontUseNativeDialog);
        folder.remember(path);
        if (!path.isEmpty())
            setBuildPath(path);
    });
    connect(m_demoButton, &QPushButton::clicked, this, &BuildPage::useDemoBuild);
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { setBuildPath(item->data(Qt::UserRole).toString()); });
    connect(m_recent, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* item) { setBuildPath(item->data(Qt::UserRole).toString()); });
}

void BuildPage::initializePage()
{
    loadRecentBuilds();
    m_notes->setText(m_draft.plan.notes); // a new release starts with no notes; a return keeps them
    if (m_channel->text().isEmpty())
        m_channel->setText(m_draft.plan.channel);
    if (!m_draft.plan.buildSource.isEmpty())
        setBuildPath(m_draft.plan.buildSource);
    prefillFromProject(); // the same path again may now need the next version
}

void BuildPage::setBuildPath(const QString& path)
{
    m_path->setText(QDir::toNativeSeparators(path));
}

void BuildPage::useDemoBuild()
{
    auto extracted = DemoWorkspace::extractDemoBuild();
    if (!extracted) {
        m_messages->showError(extracted.error().message);
        return;
    }
    m_autoAppId.clear();
    m_autoVersion.clear();
    m_appId->clear();
    m_version->clear();
    setBuildPath(extracted.value());
    prefillFromProject(); // the same path as before changes no text, yet app id and version were cleared
}

void BuildPage::prefillFromProject()
{
    const QString path = QDir::fromNativeSeparators(m_path->text().trimmed());
    if (!QFileInfo::exists(path)) {
        m_prefillNote->clear();
        return;
    }
    const ProjectInfo info = ProjectInfo::find(path);
    QStringList notes;
    // Only fields the user has not typed into are prefilled.
    if (!info.appId.isEmpty() && (m_appId->text().isEmpty() || m_appId->text() == m_autoAppId)) {
        m_appId->setText(info.appId);
        m_autoAppId = info.appId;
        notes << tr("app id from %1").arg(QDir::toNativeSeparators(info.configPath));
    }
    if (!info.version.isEmpty() && (m_version->text().isEmpty() || m_version->text() == m_autoVersion)) {
        m_version->setText(info.version);
        m_autoVersion = info.version;
        notes << tr("version from %1").arg(QDir::toNativeSeparators(info.packagePath));
        suggestUnreleasedVersion();
    }
    m_prefillNote->setText(notes.isEmpty() ? QString() : tr("Prefilled: %1").arg(notes.join(QStringLiteral("; "))));
}

void BuildPage::suggestUnreleasedVersion()
{
    const QString appId = m_appId->text().trimmed();
    const QString channel = m_channel->text().trimmed().isEmpty() ? m_draft.plan.channel : m_channel->text().trimmed();
    const QString original = m_version->text().trimmed();
    useHistoryInBackground(
        this,
        [appId, original, channel](history::History& history) {
            return release::ReleasedVersions::nextFree(history, appId, original, channel);
        },
        [this, appId, original, channel](const Result<QString>& version) {
            // Typed over meanwhile: the user's version stands.
            if (!version || version.value() == original || m_version->text().trimmed() != original ||
                m_appId->text().trimmed() != appId)
                return;
            m_version->setText(version.value());
            m_autoVersion = version.value();
            m_messages->showMessage(tr("%1 %2 is already released on %3, so the next version %4 is suggested.")
                                        .arg(appId, original, channel, version.value()));
        });
}

bool BuildPage::isComplete() const
{
    return QFileInfo::exists(QDir::fromNativeSeparators(m_path->text().trimmed())) &&
           !m_appId->text().trimmed().isEmpty() && !m_version->text().trimmed().isEmpty() &&
           !m_channel->text().trimmed().isEmpty();
}

bool BuildPage::validatePage()
{
    const QString appId = m_appId->text().trimmed();
    const QString version = m_version->text().trimmed();
    if (!bundle::Preflight::isReverseDomainAppId(appId)) {
        m_messages->showError(
            tr("\"%1\" is not an app id. Use your Capacitor appId, for example com.example.app.").arg(appId));
        m_appId->setFocus();
        return false;
    }
    if (!bundle::Preflight::isSemver(version)) {
        m_messages->showError(
            tr("\"%1\" is not a version phones understand. Use semantic versioning, for example 1.4.0.").arg(version));
        m_version->setFocus();
        return false;
    }
    // The runner refuses a version the channel already has; say so here, where it can be changed.
    const QString channel = m_channel->text().trimmed();
    if (auto history = history::History::open()) {
        auto held = release::ReleasedVersions::holder(*history.value(), appId, version, channel);
        if (held && held->has_value()) {
            const history::ReleaseRecord& h = held->value();
            auto next = release::ReleasedVersions::nextFree(*history.value(), appId, version, channel);
            const QString suggestion = next ? next.value() : QString();
            m_messages->showError(
                h.status == history::ReleaseStatus::Completed
                    ? tr("%1 %2 is already released on channel %3 (release #%4). Choose a newer version, for "
                         "example %5.")
                          .arg(appId, version, channel)
                          .arg(h.id)
                          .arg(suggestion)
                    : tr("Release #%4 of %1 %2 on channel %3 is not finished yet (%6): resume it from Releases, or "
                         "choose another version, for example %5.")
                          .arg(appId, version, channel)
                          .arg(h.id)
                          .arg(suggestion, ReleaseTableModel::statusText(h.status)));
            m_version->selectAll();
            m_version->setFocus();
            return false;
        }
    }
    const QString path = QFileInfo(QDir::fromNativeSeparators(m_path->text().trimmed())).absoluteFilePath();
    m_draft.plan.buildSource = path;
    m_draft.plan.appId = appId;
    m_draft.plan.version = version;
    m_draft.plan.channel = m_channel->text().trimmed();
    m_draft.plan.notes = m_notes->text().trimmed();
    m_draft.preflight.reset();
    return true; // the Checks page remembers the build once it passes
}

void BuildPage::loadRecentBuilds()
{
    m_recent->clear();
    QSettings settings;
    for (const QString& path : settings.value(RecentKey).toStringList()) {
        if (!QFileInfo::exists(path))
            continue;
        auto* item = new QListWidgetItem(QDir::toNativeSeparators(path), m_recent);
        item->setData(Qt::UserRole, path);
        item->setToolTip(path);
    }
    if (m_recent->count() == 0) {
        auto* item = new QListWidgetItem(tr("No recent builds yet: try the demo build"), m_recent);
        item->setFlags(Qt::NoItemFlags);
    }
}

void BuildPage::rememberBuild(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value(RecentKey).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    settings.setValue(RecentKey, recent.mid(0, 8));
}

} // namespace slipway::ui
