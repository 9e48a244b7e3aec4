#include "SignatureCheckView.h"

#include "Background.h"
#include "DemoWorkspace.h"
#include "HistoryTask.h"
#include "KnownKeys.h"
#include "MessageBar.h"
#include "RememberedFolder.h"
#include "device/DeviceVerifier.h"
#include "history/History.h"
#include "release/ReleasePlan.h"
#include "storage/FolderStorage.h"
#include "storage/StorageFactory.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStyle>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace slipway::ui {

namespace {

struct CheckOutcome
{
    device::VerificationReport report;
    QString error;
};

} // namespace

SignatureCheckView::SignatureCheckView(QWidget* parent)
    : QWidget(parent), m_messages(new MessageBar(this)),
      m_fromHistory(new QRadioButton(tr("A release from the &history"), this)),
      m_fromFiles(new QRadioButton(tr("&Files: an encrypted bundle with its session key and signed checksum"), this)),
      m_release(new QComboBox(this)), m_bundlePath(new QLineEdit(this)), m_sessionKey(new QLineEdit(this)),
      m_checksum(new QLineEdit(this)), m_publicKey(new QComboBox(this)), m_publicKeyPath(new QLineEdit(this)),
      m_check(new QPushButton(tr("Check as a &phone would"), this)), m_verdict(new QLabel(this)),
      m_steps(new QTreeWidget(this)), m_keyNote(new QLabel(this))
{
    setObjectName(QStringLiteral("signatureCheck"));
    m_fromHistory->setObjectName(QStringLiteral("sigFromHistory"));
    m_fromFiles->setObjectName(QStringLiteral("sigFromFiles"));
    m_release->setObjectName(QStringLiteral("sigReleaseCombo"));
    m_release->setAccessibleName(tr("Release to check"));
    m_bundlePath->setObjectName(QStringLiteral("sigBundlePath"));
    m_bundlePath->setPlaceholderText(tr("the encrypted bundle (.zip) as phones download it"));
    m_bundlePath->setAccessibleName(tr("Encrypted bundle"));
    m_sessionKey->setObjectName(QStringLiteral("sigSessionKey"));
    m_sessionKey->setPlaceholderText(tr("session_key (IV:wrapped key, base64)"));
    m_sessionKey->setAccessibleName(tr("Session key"));
    m_checksum->setObjectName(QStringLiteral("sigChecksum"));
    m_checksum->setPlaceholderText(tr("checksum (signed, base64)"));
    m_checksum->setAccessibleName(tr("Signed checksum"));
    m_publicKey->setObjectName(QStringLiteral("sigPublicKeyCombo"));
    m_publicKey->setAccessibleName(tr("Public key the phone holds"));
    m_publicKeyPath->setObjectName(QStringLiteral("sigPublicKeyPath"));
    m_publicKeyPath->setPlaceholderText(tr("or a public key file (.capgo_key_v2.pub)"));
    m_publicKeyPath->setAccessibleName(tr("Public key file"));
    m_check->setObjectName(QStringLiteral("sigCheckButton"));
    m_verdict->setObjectName(QStringLiteral("sigVerdict"));
    m_verdict->setWordWrap(true);
    m_steps->setObjectName(QStringLiteral("sigStepsList"));
    m_steps->setAccessibleName(tr("Device verification steps"));
    m_steps->setHeaderLabels({tr("Device step"), tr("Result")});
    m_steps->setRootIsDecorated(false);
    m_steps->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    auto* group = new QButtonGroup(this);
    group->addButton(m_fromHistory);
    group->addButton(m_fromFiles);
    m_fromHistory->setChecked(true);

    auto* bundle = new QGroupBox(tr("Bundle"), this);
    auto* form = new QFormLayout(bundle);
    form->addRow(m_fromHistory);
    form->addRow(tr("Release:"), m_release);
    form->addRow(m_fromFiles);
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* bundleRow = new QHBoxLayout;
    bundleRow->addWidget(m_bundlePath, 1);
    bundleRow->addWidget(browse);
    form->addRow(tr("Encrypted bundle:"), bundleRow);
    form->addRow(tr("Session key:"), m_sessionKey);
    form->addRow(tr("Signed checksum:"), m_checksum);
    auto* keyBox = new QGroupBox(tr("Public key in the app"), this);
    auto* keyForm = new QFormLayout(keyBox);
    keyForm->addRow(tr("Known key:"), m_publicKey);
    keyForm->addRow(tr("Or file:"), m_publicKeyPath);
    m_keyNote->setObjectName(QStringLiteral("sigKeyNote"));
    m_keyNote->setWordWrap(true);
    keyForm->addRow(QString(), m_keyNote);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 10, 10, 10);
    layout->addWidget(m_messages);
    layout->addWidget(bundle);
    layout->addWidget(keyBox);
    auto* checkRow = new QHBoxLayout;
    checkRow->addWidget(m_verdict, 1);
    checkRow->addWidget(m_check);
    layout->addLayout(checkRow);
    layout->addWidget(m_steps, 1);

    for (QLineEdit* edit : {m_bundlePath, m_sessionKey, m_checksum})
        connect(edit, &QLineEdit::textEdited, this, [this] { m_fromFiles->setChecked(true); });
    connect(m_release, &QComboBox::activated, this, [this] { m_fromHistory->setChecked(true); });
    connect(m_release, &QComboBox::currentIndexChanged, this, &SignatureCheckView::selectReleaseKey);
    connect(browse, &QPushButton::clicked, this, [this] {
        const RememberedFolder folder(QStringLiteral("encryptedBundle"));
        const QString path = QFileDialog::getOpenFileName(this, tr("Encrypted bundle"), folder.folder(), QString(),
                                                          nullptr, QFileDialog::DontUseNativeDialog);
        folder.remember(path);
        if (!path.isEmpty()) {
            m_bundlePath->setText(path);
            m_fromFiles->setChecked(true);
        }
    });
    connect(m_check, &QPushButton::clicked, this, &SignatureCheckView::runCheck);
}

void SignatureCheckView::refresh()
{
    KnownKeys::fillChooser(m_publicKey);
    useHistoryInBackground(
        this,
        [](history::History& history) {
            history::ReleaseFilter filter;
            filter.status = history::ReleaseStatus::Completed;
            return history.releases(filter);
        },
        [this](const Result<QList<history::ReleaseRecord>>& releases) {
            const QVariant currentRelease = m_release->currentData();
            {
                const QSignalBlocker blocker(m_release);
                m_release->clear();
                if (releases)
                    for (const history::ReleaseRecord& r : releases.value())
                        m_release->addItem(tr("#%1  %2 %3 (%4)").arg(r.id).arg(r.appId, r.version, r.channel), r.id);
                if (m_release->count() == 0)
                    m_release->addItem(tr("no completed release yet"), 0);
                m_release->setCurrentIndex(std::max(0, m_release->findData(currentRelease)));
            }
            selectReleaseKey();
        });
}

namespace {

struct Signer
{
    history::ReleaseRecord release;
    QString keyLocation; // where the history says its private key was kept
};

} // namespace

void SignatureCheckView::selectReleaseKey()
{
    const qint64 id = m_release->currentData().toLongLong();
    if (id <= 0) {
        m_keyNote->clear();
        Q_EMIT releaseKeyRead();
        return;
    }
    useHistoryInBackground(
        this,
        [id](history::History& history) -> Result<Signer> {
            auto release = history.release(id);
            if (!release)
                return release.error();
            Signer signer{release.value(), QString()};
            if (auto key = history.keyByFingerprint(signer.release.keyFingerprint); key && key->has_value())
                signer.keyLocation = key->value().location;
            return signer;
        },
        [this, id](const Result<Signer>& signer) {
            if (m_release->currentData().toLongLong() != id)
                return; // another release was picked meanwhile: its own read follows
            if (signer)
                showReleaseKey(id, signer->release, signer->keyLocation);
            else
                m_keyNote->clear();
            Q_EMIT releaseKeyRead();
        });
}

void SignatureCheckView::showReleaseKey(qint64 id, const history::ReleaseRecord& release, const QString& keyLocation)
{
    const QString who = KnownKeys::identity(release.keyId, release.keyFingerprint);
    if (const int index = KnownKeys::indexOfFingerprint(m_publicKey, release.keyFingerprint); index >= 0) {
        m_publicKey->setCurrentIndex(index);
        m_publicKeyPath->clear();
        m_keyNote->setText(tr("Release #%1 was signed with %2: its public key is chosen.").arg(id).arg(who));
        return;
    }
    // Not among the known keys: the history says where its private key was kept.
    const QString publicPath = keyLocation.isEmpty() ? QString() : KnownKeys::publicPathFor(keyLocation);
    if (!publicPath.isEmpty()) {
        m_publicKeyPath->setText(publicPath);
        m_keyNote->setText(tr("Release #%1 was signed with %2: its public key file is chosen.").arg(id).arg(who));
    } else {
        m_keyNote->setText(tr("Release #%1 was signed with %2, which is not among the known keys: give the public "
                              "key the app holds as a file.")
                               .arg(id)
                               .arg(who));
    }
}

void SignatureCheckView::runCheck()
{
    m_messages->clearMessage();
    Result<crypto::RsaKey> publicKey = fail(tr("Choose the public key the app holds."));
    if (!m_publicKeyPath->text().trimmed().isEmpty())
        publicKey = crypto::RsaKey::fromFile(m_publicKeyPath->text().trimmed());
    else if (!m_publicKey->currentData().toString().isEmpty())
        publicKey = KnownKeys::publicKeyFor(m_publicKey->currentData().toString());
    if (!publicKey) {
        m_messages->showError(publicKey.error().message);
        return;
    }
    const crypto::RsaKey key = publicKey->publicKey();
    QString bundlePath = m_bundlePath->text().trimmed();
    QString sessionKey = m_sessionKey->text().trimmed();
    QString checksum = m_checksum->text().trimmed();
    const qint64 releaseId = m_fromHistory->isChecked() ? m_release->currentData().toLongLong() : 0;
    if (m_fromHistory->isChecked() && releaseId <= 0) {
        m_messages->showError(tr("Pick a completed release, or switch to files."));
        return;
    }
    if (!m_fromHistory->isChecked() && (bundlePath.isEmpty() || sessionKey.isEmpty() || checksum.isEmpty())) {
        m_messages->showError(tr("Give the encrypted bundle, its session key and its signed checksum."));
        return;
    }
    m_check->setEnabled(false);
    m_verdict->setText(tr("Checking…"));
    m_steps->clear();
    runInBackground(
        this,
        [key, bundlePath, sessionKey, checksum, releaseId,
         historyPath = history::History::defaultPath()]() mutable -> CheckOutcome {
            CheckOutcome outcome;
            QString storageProfile;
            QString storageKey;
            if (releaseId > 0) {
                // The release's own session key, checksum and stored bundle, read here: the history may be a
                // team server.
                auto history = history::History::open(historyPath);
                auto release =
                    history ? history.value()->release(releaseId) : Result<history::ReleaseRecord>(history.error());
                if (!release) {
                    outcome.error = release.error().message;
                    return outcome;
                }
                sessionKey = release->ivSessionKey;
                checksum = release->signedChecksum;
                storageKey = release->storageKey;
                if (auto plan =
                        release::ReleasePlan::fromJson(QJsonDocument::fromJson(release->planJson.toUtf8()).object()))
                    storageProfile = plan->storageProfile;
            }
            QTemporaryDir temp;
            QString path = bundlePath;
            if (!storageKey.isEmpty()) {
                std::unique_ptr<storage::StorageTarget> target;
                if (storageProfile.isEmpty()) {
                    target = std::make_unique<storage::FolderStorage>(DemoWorkspace::localStorageFolder());
                } else {
                    auto opened = storage::openStorage(storageProfile);
                    if (!opened) {
                        outcome.error = opened.error().message;
                        return outcome;
                    }
                    target = std::move(opened).value();
                }
                path = QDir(temp.path()).filePath(QStringLiteral("bundle.zip"));
                if (Status s = target->download(storageKey, path); !s) {
                    outcome.error =
                        QObject::tr("Cannot fetch the bundle from %1: %2").arg(target->describe(), s.error().message);
                    return outcome;
                }
            }
            device::VerificationInput input;
            input.encryptedPath = path;
            input.ivSessionKey = sessionKey;
            input.signedChecksum = checksum;
            input.publicKey = key;
            outcome.report = device::DeviceVerifier::verify(input);
            return outcome;
        },
        [this](const CheckOutcome& outcome) {
            m_check->setEnabled(true);
            if (!outcome.error.isEmpty()) {
                m_verdict->clear();
                m_messages->showError(outcome.error);
                Q_EMIT checkFinished(false);
                return;
            }
            for (const device::VerificationStep& step : outcome.report.steps) {
                auto* item = new QTreeWidgetItem(m_steps, {step.title, step.detail});
                item->setIcon(0, style()->standardIcon(step.passed ? QStyle::SP_DialogApplyButton
                                                                   : QStyle::SP_MessageBoxCritical));
                item->setToolTip(1, step.detail);
            }
            const bool accepted = outcome.report.accepted();
            m_verdict->setText(
                accepted ? tr("\u2714 A phone holding this key ACCEPTS the bundle.")
                         : tr("\u2716 A phone holding this key REFUSES the bundle: %1").arg(outcome.report.summary()));
            m_verdict->setStyleSheet(accepted ? QStringLiteral("QLabel { color: #2e7d32; font-weight: bold; }")
                                              : QStringLiteral("QLabel { color: #c62828; font-weight: bold; }"));
            Q_EMIT checkFinished(accepted);
        });
}

} // namespace slipway::ui
