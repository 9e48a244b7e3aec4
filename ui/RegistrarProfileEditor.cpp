#include "RegistrarProfileEditor.h"

#include "MessageBar.h"
#include "registry/CapgoApiKey.h"
#include "registry/RegistrarProfile.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>

namespace slipway::ui {

RegistrarProfileEditor::RegistrarProfileEditor(MessageBar* messages, QWidget* parent)
    : QGroupBox(tr("Update service (registration)"), parent), m_messages(messages), m_list(new QListWidget(this)),
      m_name(new QLineEdit(this)), m_apiHost(new QLineEdit(this)), m_apiKey(new QLineEdit(this)),
      m_save(new QPushButton(tr("Save &service"), this)), m_remove(new QPushButton(tr("Remove s&ervice"), this))
{
    setObjectName(QStringLiteral("registrarEditor"));
    m_list->setObjectName(QStringLiteral("registrarList"));
    m_list->setAccessibleName(tr("Update service profiles"));
    m_list->setMaximumHeight(80);
    m_name->setObjectName(QStringLiteral("registrarName"));
    m_name->setPlaceholderText(tr("capgo-cloud"));
    m_apiHost->setObjectName(QStringLiteral("registrarApiHost"));
    m_apiHost->setPlaceholderText(registry::RegistrarProfile::defaultCapgoApiHost().toString());
    m_apiHost->setToolTip(tr("Capgo Cloud, or the API host of a self-hosted Capgo backend"));
    m_apiKey->setObjectName(QStringLiteral("registrarApiKey"));
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setPlaceholderText(tr("Capgo API key: kept in the keychain (CAPGO_TOKEN overrides it)"));
    m_save->setObjectName(QStringLiteral("saveRegistrarButton"));
    m_remove->setObjectName(QStringLiteral("removeRegistrarButton"));
    auto* form = new QFormLayout(this);
    form->addRow(m_list);
    form->addRow(tr("Na&me:"), m_name);
    form->addRow(tr("API &host:"), m_apiHost);
    form->addRow(tr("API &key:"), m_apiKey);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_save);
    form->addRow(buttons);
    connect(m_list, &QListWidget::currentTextChanged, this, &RegistrarProfileEditor::load);
    connect(m_save, &QPushButton::clicked, this, &RegistrarProfileEditor::save);
    connect(m_remove, &QPushButton::clicked, this, &RegistrarProfileEditor::remove);
}

void RegistrarProfileEditor::refresh()
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    if (auto profiles = registry::RegistrarProfileStore::load()) {
        for (const registry::RegistrarProfile& profile : profiles.value())
            m_list->addItem(profile.name);
    }
}

void RegistrarProfileEditor::load(const QString& name)
{
    auto profile = registry::RegistrarProfileStore::find(name);
    if (!profile)
        return;
    m_name->setText(profile->name);
    m_apiHost->setText(profile->apiHost.toString());
    m_apiKey->clear();
}

void RegistrarProfileEditor::save()
{
    registry::RegistrarProfile profile;
    profile.name = m_name->text().trimmed();
    profile.apiHost = m_apiHost->text().trimmed().isEmpty() ? registry::RegistrarProfile::defaultCapgoApiHost()
                                                            : QUrl(m_apiHost->text().trimmed());
    if (Status valid = registry::RegistrarProfile::validateName(profile.name); !valid) {
        m_messages->showError(valid.error().message);
        return;
    }
    if (!profile.apiHost.isValid() || profile.apiHost.scheme().isEmpty()) {
        m_messages->showError(tr("Give the API host as a URL, for example %1.")
                                  .arg(registry::RegistrarProfile::defaultCapgoApiHost().toString()));
        return;
    }
    if (Status s = registry::RegistrarProfileStore::save(profile); !s) {
        m_messages->showError(s.error().message);
        return;
    }
    QString text = tr("Update service \"%1\" saved.").arg(profile.name);
    if (!m_apiKey->text().isEmpty()) {
        if (Status s = registry::CapgoApiKey::storeInKeychain(profile.name, SecureBytes(m_apiKey->text().toUtf8()));
            !s) {
            m_messages->showError(
                tr("The profile was saved but its API key could not go to the keychain: %1").arg(s.error().message));
            refresh();
            return;
        }
        m_apiKey->clear();
        text += QLatin1Char(' ') + tr("Its API key is in the keychain.");
    }
    m_messages->showMessage(text, MessageBar::Kind::Success);
    refresh();
}

void RegistrarProfileEditor::remove()
{
    const QString name = m_name->text().trimmed();
    if (name.isEmpty())
        return;
    if (Status s = registry::RegistrarProfileStore::remove(name); !s) {
        m_messages->showError(s.error().message);
        return;
    }
    (void)registry::CapgoApiKey::removeFromKeychain(name);
    m_messages->showMessage(tr("Update service \"%1\" removed.").arg(name), MessageBar::Kind::Success);
    refresh();
}

} // namespace slipway::ui
