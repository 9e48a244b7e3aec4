#include "TargetsView.h"

#include "Background.h"
#include "DemoWorkspace.h"
#include "MessageBar.h"
#include "RegistrarProfileEditor.h"
#include "storage/StorageFactory.h"
#include "storage/StorageProfile.h"
#include "storage/StorageSecrets.h"

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
      m_test(new QPushButton(tr("&Test connection"), this)), m_registrars(new RegistrarProfileEditor(m_messages, this))
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
    QString where = tr("Profile \"%1\" saved.").arg(profile->name);
    if (!m_secret->text().isEmpty() || !m_user->text().isEmpty()) {
        storage::StorageSecrets secrets;
        secrets.accessKeyId = m_user->text().trimmed();
        const SecureBytes secret(m_secret->text().toUtf8());
        switch (profile->kind()) {
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
        if (Status s = storage::StorageSecrets::storeInKeychain(profile->name, secrets); !s) {
            m_messages->showError(
                tr("The profile was saved but its secret could not go to the keychain: %1").arg(s.error().message));
            refresh();
            return;
        }
        m_secret->clear();
        where += QLatin1Char(' ') + tr("Its secret is in the keychain.");
    }
    m_messages->showMessage(where, MessageBar::Kind::Success);
    refresh();
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
    auto profile = storage::StorageProfile::fromUrl(m_name->text().trimmed().isEmpty() ? QStringLiteral("test")
                                                                                       : m_name->text().trimmed(),
                                                    m_url->text().trimmed(), m_publicUrl->text().trimmed());
    if (!profile) {
        m_messages->showError(profile.error().message);
        return;
    }
    m_test->setEnabled(false);
    m_messages->showMessage(tr("Connecting to %1…").arg(profile->url.toDisplayString()));
    const storage::StorageProfile p = profile.value();
    runInBackground(
        this,
        [p]() -> Result<QString> {
            auto target = storage::openProfile(p);
            if (!target)
                return target.error();
            auto exists = target.value()->exists(QStringLiteral(".slipway-connection-test"));
            if (!exists)
                return exists.error();
            return target.value()->describe();
        },
        [this](Result<QString> result) {
            m_test->setEnabled(true);
            if (!result)
                m_messages->showError(tr("The connection failed: %1").arg(result.error().message));
            else
                m_messages->showMessage(tr("Connected: %1 answers.").arg(result.value()), MessageBar::Kind::Success);
        });
}

} // namespace slipway::ui
