#include "TargetsView.h"

#include "Background.h"
#include "DemoWorkspace.h"
#include "MessageBar.h"
#include "RegistrarProfileEditor.h"
#include "common/KeychainEntry.h"
#include "storage/StorageFactory.h"
#include "storage/StorageProfile.h"

#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace slipway::ui {

TargetsView::TargetsView(QWidget* parent)
    : QWidget(parent), m_messages(new MessageBar(this)), m_list(new QListWidget(this)), m_name(new QLineEdit(this)),
      m_url(new QLineEdit(this)), m_publicUrl(new QLineEdit(this)), m_user(new QLineEdit(this)),
      m_secret(new QLineEdit(this)), m_new(new QPushButton(tr("&New profile"), this)),
      m_save(new QPushButton(tr("&Save"), this)), m_remove(new QPushButton(tr("&Remove"), this)),
      m_test(new QPushButton(tr("&Test connection"), this)), m_cancel(new QPushButton(tr("Cancel"), this)),
      m_keepSession(new QPushButton(tr("&Keep it for this session only"), this)),
      m_useKeyring(new QPushButton(tr("Use the system &keyring anyway"), this)),
      m_registrars(new RegistrarProfileEditor(m_messages, this))
{
    setObjectName(QStringLiteral("targetsView"));
    m_list->setObjectName(QStringLiteral("targetsList"));
    m_list->setAccessibleName(tr("Storage profiles"));
    m_name->setObjectName(QStringLiteral("targetName"));
    m_name->setPlaceholderText(tr("prod-cdn"));
    m_url->setObjectName(QStringLiteral("targetUrl"));
    m_url->setPlaceholderText(tr("s3://bucket/prefix?endpoint=https://host&region=eu-west-1   "
                                 "https://dav.example.com/bundles   sftp://user@host/path   file:///srv/bundles"));
    m_url->setToolTip(
        tr("Where bundles go. S3-compatible, WebDAV/HTTP PUT, SFTP or a folder. Never put a password in the URL."));
    m_publicUrl->setObjectName(QStringLiteral("targetPublicUrl"));
    m_publicUrl->setPlaceholderText(tr("optional: https://cdn.example.com/bundles (what phones download from)"));
    m_user->setObjectName(QStringLiteral("targetAccessKey"));
    m_user->setPlaceholderText(tr("S3 access key id (optional)"));
    m_secret->setObjectName(QStringLiteral("targetSecret"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("S3 secret key, WebDAV password or SFTP key passphrase: kept in the keychain"));
    m_test->setObjectName(QStringLiteral("testConnectionButton"));
    m_save->setObjectName(QStringLiteral("saveTargetButton"));
    m_remove->setObjectName(QStringLiteral("removeTargetButton"));
    m_cancel->setObjectName(QStringLiteral("cancelTargetRequestButton"));
    m_cancel->setToolTip(tr("Stop waiting for the keyring or the storage"));
    m_keepSession->setObjectName(QStringLiteral("keepSecretForSessionButton"));
    m_keepSession->setToolTip(tr("The secret stays in memory until Slipway closes; it is never written to disk"));
    m_useKeyring->setObjectName(QStringLiteral("useKeyringAnywayButton"));
    m_useKeyring->setToolTip(tr("Try the system keyring again: a system window may ask for its password"));
    for (QPushButton* b : {m_cancel, m_keepSession, m_useKeyring})
        b->hide();

    auto* editor = new QGroupBox(tr("Storage profile"), this);
    auto* form = new QFormLayout(editor);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("&Public URL:"), m_publicUrl);
    form->addRow(tr("&Access key id:"), m_user);
    form->addRow(tr("S&ecret:"), m_secret);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_new);
    buttons->addStretch(1);
    buttons->addWidget(m_test);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_save);
    form->addRow(buttons);
    auto* note =
        new QLabel(tr("Without a profile, releases go to the local workspace folder %1 and its local channels.")
                       .arg(QDir::toNativeSeparators(DemoWorkspace::localStorageFolder())),
                   this);
    note->setWordWrap(true);

    auto* right = new QVBoxLayout;
    right->addWidget(editor);
    right->addWidget(note);
    right->addWidget(m_registrars);
    right->addStretch(1);
    auto* saved = new QGroupBox(tr("Saved storage profiles"), this);
    auto* savedLayout = new QVBoxLayout(saved);
    savedLayout->addWidget(m_list);
    auto* body = new QHBoxLayout;
    body->addWidget(saved, 1);
    body->addLayout(right, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addWidget(m_messages);
    auto* choices = new QHBoxLayout;
    choices->addStretch(1);
    choices->addWidget(m_keepSession);
    choices->addWidget(m_useKeyring);
    choices->addWidget(m_cancel);
    layout->addLayout(choices);
    layout->addLayout(body, 1);

    connect(m_list, &QListWidget::currentTextChanged, this, &TargetsView::load);
    connect(m_new, &QPushButton::clicked, this, [this] {
        m_list->clearSelection();
        for (QLineEdit* e : {m_name, m_url, m_publicUrl, m_user, m_secret})
            e->clear();
        m_name->setFocus();
    });
    connect(m_save, &QPushButton::clicked, this, &TargetsView::save);
    connect(m_remove, &QPushButton::clicked, this, &TargetsView::remove);
    connect(m_test, &QPushButton::clicked, this, &TargetsView::testConnection);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        setIdle();
        m_messages->showMessage(tr("Stopped waiting for an answer."), MessageBar::Kind::Warning);
    });
    connect(m_keepSession, &QPushButton::clicked, this, &TargetsView::keepSecretForSession);
    connect(m_useKeyring, &QPushButton::clicked, this, [this] { storeSecret(m_pendingProfile, false); });
}

void TargetsView::refresh()
{
    m_registrars->refresh();
    const QString current = m_name->text();
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    auto profiles = storage::StorageProfileStore::load();
    if (!profiles) {
        m_messages->showError(profiles.error().message);
        return;
    }
    for (const storage::StorageProfile& profile : profiles.value())
        m_list->addItem(profile.name);
    const auto found = m_list->findItems(current, Qt::MatchExactly);
    if (!found.isEmpty())
        m_list->setCurrentItem(found.first());
}

void TargetsView::load(const QString& name)
{
    m_messages->clearMessage();
    auto profile = storage::StorageProfileStore::find(name);
    if (!profile)
        return;
    m_name->setText(profile->name);
    m_url->setText(profile->url.toString());
    m_publicUrl->setText(profile->publicBaseUrl.toString());
    m_user->clear();
    m_secret->clear();
}

bool TargetsView::secretTyped() const
{
    return !m_secret->text().isEmpty() || !m_user->text().trimmed().isEmpty();
}

storage::StorageSecrets TargetsView::typedSecrets(storage::StorageKind kind) const
{
    storage::StorageSecrets secrets;
    secrets.source = QStringLiteral("typed");
    secrets.accessKeyId = m_user->text().trimmed();
    const SecureBytes secret(m_secret->text().toUtf8());
    switch (kind) {
    case storage::StorageKind::S3:
        secrets.secretAccessKey = secret;
        break;
    case storage::StorageKind::WebDav:
        secrets.password = secret;
        break;
    case storage::StorageKind::Sftp:
        secrets.keyPassphrase = secret;
        break;
    case storage::StorageKind::Folder:
        break;
    }
    return secrets;
}

void TargetsView::setBusy(const QString& text)
{
    ++m_generation;
    m_messages->showMessage(text);
    for (QPushButton* b : {m_test, m_save, m_remove, m_new})
        b->setEnabled(false);
    m_keepSession->hide();
    m_useKeyring->hide();
    m_cancel->show();
}

void TargetsView::setIdle()
{
    ++m_generation;
    for (QPushButton* b : {m_test, m_save, m_remove, m_new})
        b->setEnabled(true);
    m_cancel->hide();
}

void TargetsView::save()
{
    auto profile = storage::StorageProfile::fromUrl(m_name->text().trimmed(), m_url->text().trimmed(),
                                                    m_publicUrl->text().trimmed());
    if (!profile) {
        m_messages->showError(profile.error().message);
        return;
    }
    if (Status s = storage::StorageProfileStore::save(profile.value()); !s) {
        m_messages->showError(s.error().message);
        return;
    }
    m_pendingProfile.clear();
    refresh();
    if (!secretTyped()) {
        m_messages->showMessage(tr("Profile \"%1\" saved.").arg(profile->name), MessageBar::Kind::Success);
        return;
    }
    storeSecret(profile->name, true);
}

void TargetsView::storeSecret(const QString& profileName, bool checkKeyringFirst)
{
    auto profile = storage::StorageProfileStore::find(profileName);
    if (!profile) {
        m_messages->showError(profile.error().message);
        return;
    }
    m_pendingProfile = profileName;
    const storage::StorageSecrets secrets = typedSecrets(profile->kind());
    if (KeychainEntry::secretsKeptForSessionOnly()) {
        keepSecretForSession();
        return;
    }
    setBusy(tr("Profile \"%1\" saved. Putting its secret in the system keyring…").arg(profileName));
    const int generation = m_generation;
    struct Outcome
    {
        QString problem;
        bool keyringMayAsk = false;
    };
    runInBackground(
        this,
        [profileName, secrets, checkKeyringFirst]() -> Outcome {
            // Asked first, so that no system window pops up unannounced for a missing or locked keyring.
            if (checkKeyringFirst) {
                const QString problem = KeychainEntry::keyringProblem();
                if (!problem.isEmpty())
                    return {problem, problem.contains(QLatin1String("window"))};
            }
            const Status stored = storage::StorageSecrets::storeInKeychain(profileName, secrets);
            return {stored ? QString() : stored.error().message, false};
        },
        [this, generation, profileName](const Outcome& outcome) {
            if (generation != m_generation)
                return; // cancelled: the user has moved on
            setIdle();
            if (!outcome.problem.isEmpty()) {
                offerKeyringChoice(outcome.problem, outcome.keyringMayAsk);
                return;
            }
            m_pendingProfile.clear();
            m_secret->clear();
            m_messages->showMessage(tr("Profile \"%1\" saved. Its secret is in the system keyring.").arg(profileName),
                                    MessageBar::Kind::Success);
        });
}

void TargetsView::offerKeyringChoice(const QString& problem, bool keyringMayAsk)
{
    m_messages->showMessage(
        tr("Profile \"%1\" is saved, but its secret is not: %2. Keep the secret for this session "
           "only (it is forgotten when Slipway closes and typed again next time)%3.")
            .arg(m_pendingProfile, problem, keyringMayAsk ? tr(", or use the system keyring anyway") : QString()),
        MessageBar::Kind::Warning);
    m_keepSession->show();
    m_useKeyring->setVisible(keyringMayAsk);
}

void TargetsView::keepSecretForSession()
{
    auto profile = storage::StorageProfileStore::find(m_pendingProfile);
    if (!profile) {
        m_messages->showError(profile.error().message);
        return;
    }
    KeychainEntry::keepSecretsForSessionOnly(true);
    if (Status s = storage::StorageSecrets::storeInKeychain(profile->name, typedSecrets(profile->kind())); !s) {
        m_messages->showError(s.error().message);
        return;
    }
    m_keepSession->hide();
    m_useKeyring->hide();
    m_secret->clear();
    m_messages->showMessage(
        tr("Profile \"%1\" saved. Its secret is kept in memory until Slipway closes.").arg(m_pendingProfile),
        MessageBar::Kind::Success);
    m_pendingProfile.clear();
}

void TargetsView::remove()
{
    const QString name = m_name->text().trimmed();
    if (name.isEmpty())
        return;
    if (Status s = storage::StorageProfileStore::remove(name); !s) {
        m_messages->showError(s.error().message);
        return;
    }
    (void)storage::StorageSecrets::removeFromKeychain(name);
    m_messages->showMessage(tr("Profile \"%1\" removed.").arg(name), MessageBar::Kind::Success);
    refresh();
}

void TargetsView::testConnection()
{
    const QString name = m_name->text().trimmed();
    auto profile = storage::StorageProfile::fromUrl(name.isEmpty() ? QStringLiteral("test") : name,
                                                    m_url->text().trimmed(), m_publicUrl->text().trimmed());
    if (!profile) {
        m_messages->showError(profile.error().message);
        return;
    }
    // What is on screen is what is tested: typed credentials first; only an empty form falls back
    // to the saved profile's secret (environment, then the keychain, bounded in time).
    const bool typed = secretTyped();
    const bool saved = !name.isEmpty() && static_cast<bool>(storage::StorageProfileStore::find(name));
    if (!typed && !saved && profile->kind() == storage::StorageKind::S3) {
        m_messages->showError(tr("Type the access key id and the secret key to test this S3 storage."));
        m_user->setFocus();
        return;
    }
    setBusy(typed || !saved ? tr("Connecting to %1…").arg(profile->url.toDisplayString())
                            : tr("Reading the secret of \"%1\" from the system keyring, then connecting…").arg(name));
    const int generation = m_generation;
    const storage::StorageProfile p = profile.value();
    const std::optional<storage::StorageSecrets> secrets =
        typed ? std::optional<storage::StorageSecrets>(typedSecrets(p.kind())) : std::nullopt;
    runInBackground(
        this,
        [p, secrets, saved]() -> Result<QString> {
            std::optional<storage::StorageSecrets> use = secrets;
            if (!use && saved && p.kind() != storage::StorageKind::Folder) {
                auto kept = storage::StorageSecrets::readFromKeychain(p.name);
                if (kept)
                    use = std::move(kept.value());
                else if (kept.error().code != 2) // 2: none kept; the environment may still hold it
                    return fail(QObject::tr("the system keyring did not give this profile's secret (%1). Type the "
                                            "secret above and test again.")
                                    .arg(kept.error().message));
            }
            auto target = use ? storage::openProfile(p, std::move(use.value())) : storage::openProfile(p);
            if (!target)
                return target.error();
            auto exists = target.value()->exists(QStringLiteral(".slipway-connection-test"));
            if (!exists)
                return exists.error();
            return target.value()->describe();
        },
        [this, generation](const Result<QString>& result) {
            if (generation != m_generation)
                return; // cancelled
            setIdle();
            if (!result)
                m_messages->showError(tr("The connection failed: %1").arg(result.error().message));
            else
                m_messages->showMessage(tr("Connected: %1 answers.").arg(result.value()), MessageBar::Kind::Success);
        });
}

} // namespace slipway::ui
