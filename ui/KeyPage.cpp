#include "KeyPage.h"

#include "Background.h"
#include "MessageBar.h"
#include "ReleaseDraft.h"
#include "RememberedFolder.h"
#include "TokenPinDialog.h"
#include "crypto/Pkcs11Tokens.h"
#include "crypto/Pkcs11Uri.h"
#include "release/SigningKey.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QVBoxLayout>

namespace slipway::ui {

KeyPage::KeyPage(ReleaseDraft& draft, QWidget* parent)
    : QWizardPage(parent), m_draft(draft), m_messages(new MessageBar(this)), m_modes(new QButtonGroup(this)),
      m_knownRadio(new QRadioButton(tr("Use a &known key"), this)),
      m_createRadio(new QRadioButton(tr("&Create a new key"), this)),
      m_importRadio(new QRadioButton(tr("&Import a Capgo key file (.capgo_key_v2)"), this)),
      m_knownCombo(new QComboBox(this)), m_newName(new QLineEdit(this)), m_newPassphrase(new QLineEdit(this)),
      m_newPassphraseRepeat(new QLineEdit(this)), m_createButton(new QPushButton(tr("Create &key"), this)),
      m_importPath(new QLineEdit(this)), m_browseButton(new QPushButton(tr("&Browse…"), this)),
      m_passphrase(new QLineEdit(this)), m_passphraseLabel(new QLabel(tr("&Passphrase:"), this)),
      m_keyId(new QLabel(this)), m_fingerprint(new QLabel(this)), m_location(new QLabel(this)),
      m_backupReminder(new QFrame(this)), m_backupText(new QLabel(m_backupReminder)),
      m_hardwareRadio(new QRadioButton(tr("Use a &hardware key (smart card, YubiKey, HSM)"), this)),
      m_tokenKeyCombo(new QComboBox(this)), m_findTokensButton(new QPushButton(tr("&Find tokens"), this))
{
    setObjectName(QStringLiteral("keyPage"));
    setTitle(tr("Signing key"));
    setSubTitle(tr("Phones install a bundle only when it is signed by the private key whose public half is built "
                   "into the app."));

    m_knownRadio->setObjectName(QStringLiteral("keyModeKnown"));
    m_createRadio->setObjectName(QStringLiteral("keyModeCreate"));
    m_importRadio->setObjectName(QStringLiteral("keyModeImport"));
    m_knownCombo->setObjectName(QStringLiteral("knownKeyCombo"));
    m_knownCombo->setAccessibleName(tr("Known keys"));
    m_newName->setObjectName(QStringLiteral("newKeyName"));
    m_newName->setAccessibleName(tr("New key name"));
    m_newName->setPlaceholderText(tr("for example production"));
    m_newPassphrase->setObjectName(QStringLiteral("newKeyPassphrase"));
    m_newPassphrase->setAccessibleName(tr("New key passphrase"));
    m_newPassphrase->setEchoMode(QLineEdit::Password);
    m_newPassphrase->setPlaceholderText(tr("at least 8 characters"));
    m_newPassphraseRepeat->setObjectName(QStringLiteral("newKeyPassphraseRepeat"));
    m_newPassphraseRepeat->setAccessibleName(tr("Repeat the passphrase"));
    m_newPassphraseRepeat->setEchoMode(QLineEdit::Password);
    m_createButton->setObjectName(QStringLiteral("createKeyButton"));
    m_createButton->setToolTip(tr("Generate an RSA-2048 key pair in Capgo's format, protected by the passphrase"));
    m_importPath->setObjectName(QStringLiteral("importKeyPath"));
    m_importPath->setAccessibleName(tr("Key file to import"));
    m_importPath->setPlaceholderText(tr("path of .capgo_key_v2 or .capgo_key_v2.enc"));
    m_browseButton->setObjectName(QStringLiteral("importKeyBrowse"));
    m_passphrase->setObjectName(QStringLiteral("keyPassphraseEdit"));
    m_passphrase->setAccessibleName(tr("Key passphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphraseLabel->setBuddy(m_passphrase);
    m_keyId->setObjectName(QStringLiteral("keyIdValue"));
    m_fingerprint->setObjectName(QStringLiteral("keyFingerprintValue"));
    m_location->setObjectName(QStringLiteral("keyLocationValue"));
    for (QLabel* value : {m_keyId, m_fingerprint, m_location}) {
        value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        value->setWordWrap(true);
    }
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_keyId->setFont(mono);
    m_fingerprint->setFont(mono);
    m_fingerprint->setToolTip(
        tr("SHA-256 of the public key, in pairs to compare by eye with what a colleague reads out"));

    m_modes->addButton(m_knownRadio, static_cast<int>(Mode::Known));
    m_modes->addButton(m_createRadio, static_cast<int>(Mode::Create));
    m_modes->addButton(m_importRadio, static_cast<int>(Mode::Import));
    m_modes->addButton(m_hardwareRadio, static_cast<int>(Mode::Hardware));
    m_hardwareRadio->setObjectName(QStringLiteral("keyModeHardware"));
    m_tokenKeyCombo->setObjectName(QStringLiteral("tokenKeyCombo"));
    m_tokenKeyCombo->setAccessibleName(tr("Keys on hardware tokens"));
    m_tokenKeyCombo->setPlaceholderText(tr("press Find tokens"));
    m_findTokensButton->setObjectName(QStringLiteral("findTokensButton"));
    m_findTokensButton->setToolTip(tr("List the keys on the tokens the PKCS#11 module sees (no PIN needed)"));
    m_knownRadio->setChecked(true);

    auto* choose = new QGroupBox(tr("Key"), this);
    auto* grid = new QGridLayout(choose);
    grid->setColumnStretch(1, 1);
    grid->setColumnMinimumWidth(0, 24);
    grid->addWidget(m_knownRadio, 0, 0, 1, 3);
    grid->addWidget(m_knownCombo, 1, 1, 1, 2);
    grid->addWidget(m_createRadio, 2, 0, 1, 3);
    auto* createForm = new QFormLayout;
    createForm->addRow(tr("&Name:"), m_newName);
    createForm->addRow(tr("Pass&phrase:"), m_newPassphrase);
    createForm->addRow(tr("&Repeat:"), m_newPassphraseRepeat);
    grid->addLayout(createForm, 3, 1);
    grid->addWidget(m_createButton, 3, 2, Qt::AlignBottom);
    grid->addWidget(m_importRadio, 4, 0, 1, 3);
    grid->addWidget(m_importPath, 5, 1);
    grid->addWidget(m_browseButton, 5, 2);
    auto* passRow = new QHBoxLayout;
    passRow->addWidget(m_passphraseLabel);
    passRow->addWidget(m_passphrase, 1);
    grid->addLayout(passRow, 6, 0, 1, 3);
    grid->addWidget(m_hardwareRadio, 7, 0, 1, 3);
    grid->addWidget(m_tokenKeyCombo, 8, 1);
    grid->addWidget(m_findTokensButton, 8, 2);

    auto* details = new QGroupBox(tr("Selected key"), this);
    auto* form = new QFormLayout(details);
    form->addRow(tr("key_id:"), m_keyId);
    form->addRow(tr("Fingerprint:"), m_fingerprint);
    form->addRow(tr("Kept at:"), m_location);

    m_backupReminder->setObjectName(QStringLiteral("backupReminder"));
    m_backupReminder->setStyleSheet(QStringLiteral("#backupReminder { background: #fff4d6; border: 2px solid #d9a400; "
                                                   "border-radius: 4px; } #backupReminder QLabel { color: #3b2f00; }"));
    auto* backupLayout = new QVBoxLayout(m_backupReminder);
    m_backupText->setWordWrap(true);
    m_backupText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    backupLayout->addWidget(m_backupText);
    m_backupReminder->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addWidget(m_messages);
    layout->addWidget(choose);
    layout->addWidget(details);
    layout->addWidget(m_backupReminder);
    layout->addStretch(1);

    connect(m_modes, &QButtonGroup::idToggled, this, [this](int, bool checked) {
        if (checked) {
            m_messages->clearMessage();
            updateKeyDetails();
        }
    });
    connect(m_knownCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_knownRadio->setChecked(true);
        updateKeyDetails();
    });
    connect(m_importPath, &QLineEdit::textChanged, this, [this] {
        if (!m_importPath->text().isEmpty())
            m_importRadio->setChecked(true);
        updateKeyDetails();
    });
    for (QLineEdit* edit : {m_newName, m_newPassphrase, m_newPassphraseRepeat})
        connect(edit, &QLineEdit::textEdited, this, [this] { m_createRadio->setChecked(true); });
    connect(m_createButton, &QPushButton::clicked, this, &KeyPage::createKey);
    connect(m_newPassphraseRepeat, &QLineEdit::returnPressed, this, &KeyPage::createKey);
    connect(m_findTokensButton, &QPushButton::clicked, this, &KeyPage::findTokenKeys);
    connect(m_tokenKeyCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (m_tokenKeyCombo->currentIndex() >= 0)
            m_hardwareRadio->setChecked(true);
        updateKeyDetails();
    });
    connect(m_browseButton, &QPushButton::clicked, this, &KeyPage::browseForKey);
    connect(m_passphrase, &QLineEdit::textEdited, m_messages, &MessageBar::clearMessage);
}

void KeyPage::initializePage()
{
    m_messages->clearMessage();
    m_passphrase->clear();
    m_newName->clear();
    m_newPassphrase->clear();
    m_newPassphraseRepeat->clear();
    m_backupReminder->hide();
    m_knownRadio->setChecked(true);
    QSettings settings;
    reloadKnownKeys(settings.value(QStringLiteral("wizard/lastKey")).toString());
    ensureDefaultKey();
}

void KeyPage::ensureDefaultKey()
{
    if (m_keys.isEmpty() || m_keys.first().exists || m_creatingDefault)
        return;
    // The zero-configuration key is made once, off the UI thread (RSA generation takes a moment).
    m_creatingDefault = true;
    m_keyId->setText(tr("creating…"));
    runInBackground(
        this, [] { return release::SigningKey::loadOrCreateDefault(); },
        [this](const Result<release::SigningKey>& key) {
            m_creatingDefault = false;
            if (!key)
                m_messages->showError(key.error().message);
            else if (key->created)
                KnownKeys::recordOrigin(key->path, KnownKeys::Origin::Created);
            reloadKnownKeys(selectedPath());
        });
}

void KeyPage::reloadKnownKeys(const QString& select)
{
    m_keys = KnownKeys::list();
    const QSignalBlocker blocker(m_knownCombo);
    m_knownCombo->clear();
    int index = 0;
    for (int i = 0; i < m_keys.size(); ++i) {
        const KnownKey& key = m_keys.at(i);
        QString text = key.label;
        if (!key.keyId.isEmpty())
            text += QStringLiteral("  \u2014  ") + key.keyId;
        if (key.passphraseProtected)
            text += QStringLiteral("  ") + tr("(passphrase)");
        m_knownCombo->addItem(text, key.privatePath);
        if (!select.isEmpty() && QFileInfo(key.privatePath).absoluteFilePath() == QFileInfo(select).absoluteFilePath())
            index = i;
    }
    m_knownCombo->setCurrentIndex(index);
    updateKeyDetails();
}

KeyPage::Mode KeyPage::mode() const
{
    return static_cast<Mode>(m_modes->checkedId());
}

QString KeyPage::selectedPath() const
{
    switch (mode()) {
    case Mode::Known:
    case Mode::Create:
        return m_knownCombo->currentData().toString();
    case Mode::Import:
        return m_importPath->text().trimmed();
    case Mode::Hardware:
        return m_tokenKeyCombo->currentData().toString();
    }
    return {};
}

KnownKey KeyPage::selectedKey() const
{
    if (mode() == Mode::Import)
        return KnownKeys::describe(selectedPath());
    const int index = m_knownCombo->currentIndex();
    return index >= 0 && index < m_keys.size() ? m_keys.at(index) : KnownKey{};
}

void KeyPage::updateKeyDetails()
{
    if (mode() == Mode::Hardware) {
        updateTokenKeyDetails();
        return;
    }
    const bool creating = mode() == Mode::Create;
    // The new-key fields stay editable: typing into them selects "Create a new key".
    m_createButton->setEnabled(!m_creatingKey);
    const KnownKey key = creating ? KnownKey{} : selectedKey();
    if (creating) {
        m_keyId->setText(tr("— (create the key first)"));
        m_fingerprint->setText(QStringLiteral("—"));
        m_location->setText(tr("%1/<name>/").arg(QDir::toNativeSeparators(KnownKeys::keysFolder())));
    } else if (!key.exists) {
        m_keyId->setText(m_creatingDefault && key.isDefault ? tr("creating…") : QStringLiteral("—"));
        m_fingerprint->setText(QStringLiteral("—"));
        m_location->setText(key.privatePath.isEmpty() ? QStringLiteral("—")
                                                      : QDir::toNativeSeparators(key.privatePath));
    } else {
        m_keyId->setText(key.keyId.isEmpty() ? tr("(unlocked with the passphrase)") : key.keyId);
        m_fingerprint->setText(key.fingerprint.isEmpty() ? tr("(unlocked with the passphrase)")
                                                         : crypto::groupedFingerprint(key.fingerprint));
        m_location->setText(QDir::toNativeSeparators(key.privatePath) +
                            (key.isDefault && !key.passphraseProtected
                                 ? tr(" \u2014 made by Slipway on first use and not protected by a passphrase "
                                      "(protect it under Keys)")
                                 : QString()));
    }
    const bool needsPassphrase = !creating && key.passphraseProtected;
    m_passphrase->setEnabled(needsPassphrase);
    m_passphraseLabel->setEnabled(needsPassphrase);
    m_passphrase->setPlaceholderText(needsPassphrase ? tr("this key is protected: enter its passphrase")
                                                     : tr("not needed for this key"));
    Q_EMIT completeChanged();
}

bool KeyPage::isComplete() const
{
    if (m_creatingKey)
        return false;
    switch (mode()) {
    case Mode::Create:
        return false; // the new key joins the known keys once created
    case Mode::Known:
        return selectedKey().exists;
    case Mode::Import:
        return QFileInfo(selectedPath()).isFile();
    case Mode::Hardware:
        return !m_findingTokens && !selectedPath().isEmpty();
    }
    return false;
}

void KeyPage::createKey()
{
    m_createRadio->setChecked(true);
    const QString name = m_newName->text().trimmed();
    const QString pass = m_newPassphrase->text();
    if (name.isEmpty()) {
        m_messages->showError(tr("Give the new key a name, for example \"production\"."));
        m_newName->setFocus();
        return;
    }
    if (pass.size() < 8) {
        m_messages->showError(tr("Choose a passphrase of at least 8 characters: it protects the key file at rest."));
        m_newPassphrase->setFocus();
        return;
    }
    if (pass != m_newPassphraseRepeat->text()) {
        m_messages->showError(tr("The two passphrases differ. Type the same passphrase twice."));
        m_newPassphraseRepeat->setFocus();
        return;
    }
    m_messages->showMessage(tr("Creating an RSA-2048 key pair…"));
    m_creatingKey = true;
    updateKeyDetails();
    const SecureBytes passphrase(pass.toUtf8());
    runInBackground(
        this,
        [name, passphrase]() -> Result<KnownKey> {
            auto key = crypto::RsaKey::generate();
            if (!key)
                return key.error();
            return KnownKeys::create(name, key.value(), passphrase);
        },
        [this, pass](Result<KnownKey> created) {
            m_creatingKey = false;
            if (!created) {
                m_messages->showError(created.error().message);
                updateKeyDetails();
                return;
            }
            reloadKnownKeys(created->privatePath);
            m_knownRadio->setChecked(true);
            m_passphrase->setText(pass);
            m_newName->clear();
            m_newPassphrase->clear();
            m_newPassphraseRepeat->clear();
            m_messages->showMessage(tr("Key \"%1\" created.").arg(created->label), MessageBar::Kind::Success);
            m_backupText->setText(
                tr("<b>Back up this key now.</b> It is kept at <tt>%1</tt>, protected by your passphrase. "
                   "If it is lost, phones will refuse every future update until a new app version with a new "
                   "public key reaches the stores. Copy the whole folder to your password manager or a safe "
                   "offline place, and never commit it to a repository.")
                    .arg(QDir::toNativeSeparators(QFileInfo(created->privatePath).absolutePath()).toHtmlEscaped()));
            m_backupReminder->show();
            updateKeyDetails();
        });
}

void KeyPage::browseForKey()
{
    const RememberedFolder folder(QStringLiteral("importKey"));
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Import a Capgo private key"), folder.folder(),
                                     tr("Capgo keys (.capgo_key_v2 .capgo_key_v2.enc *.pem);;All files (*)"), nullptr,
                                     QFileDialog::DontUseNativeDialog);
    folder.remember(path);
    if (!path.isEmpty())
        m_importPath->setText(path);
}

bool KeyPage::validatePage()
{
    if (mode() == Mode::Hardware)
        return validateTokenKey();
    const QString path = selectedPath();
    const KnownKey key = selectedKey();
    const SecureBytes passphrase(m_passphrase->isEnabled() ? m_passphrase->text().toUtf8() : QByteArray());
    if (key.passphraseProtected && passphrase.isEmpty()) {
        m_messages->showError(tr("This key is protected by a passphrase. Enter it to sign the release."));
        m_passphrase->setFocus();
        return false;
    }
    auto loaded = release::SigningKey::load(path, passphrase);
    if (!loaded) {
        const bool wrongPassphrase = key.passphraseProtected;
        m_messages->showError(wrongPassphrase ? tr("The passphrase does not unlock this key. Check it and try again "
                                                   "(it is case-sensitive).")
                                              : loaded.error().message);
        if (wrongPassphrase) {
            m_passphrase->selectAll();
            m_passphrase->setFocus();
        }
        return false;
    }
    m_messages->clearMessage();
    m_draft.plan.keyPath = loaded->path;
    m_draft.passphrase = passphrase;
    m_draft.publicKey = loaded->key.publicKey();
    m_draft.keyLabel = mode() == Mode::Import ? QDir::toNativeSeparators(path) : key.label;
    if (mode() == Mode::Import)
        KnownKeys::rememberImported(path);
    QSettings settings;
    settings.setValue(QStringLiteral("wizard/lastKey"), loaded->path);
    return true;
}

void KeyPage::findTokenKeys()
{
    m_findingTokens = true;
    m_findTokensButton->setEnabled(false);
    m_tokenKeyCombo->clear(); // a token may have been pulled since the last search
    m_hardwareRadio->setChecked(true);
    m_messages->showMessage(tr("Looking for hardware tokens…"));
    runInBackground(
        this, [] { return crypto::Pkcs11Tokens::list(); },
        [this](const Result<QList<crypto::Pkcs11TokenInfo>>& tokens) {
            m_findingTokens = false;
            m_findTokensButton->setEnabled(true);
            const QSignalBlocker blocker(m_tokenKeyCombo);
            m_tokenKeyCombo->clear();
            if (!tokens) {
                m_messages->showError(tokens.error().message);
                updateKeyDetails();
                return;
            }
            for (const crypto::Pkcs11TokenInfo& token : tokens.value()) {
                for (const crypto::Pkcs11KeyInfo& key : token.keys) {
                    if (!key.capgoCompatible)
                        continue; // phones accept RSA-2048 only
                    m_tokenKeyCombo->addItem(tr("%1 on token %2  —  %3").arg(key.label, token.label, key.keyId),
                                             key.uri);
                    const int row = m_tokenKeyCombo->count() - 1;
                    m_tokenKeyCombo->setItemData(row, key.keyId, Qt::UserRole + 1);
                    m_tokenKeyCombo->setItemData(row, key.fingerprint, Qt::UserRole + 2);
                    m_tokenKeyCombo->setItemData(row, token.label, Qt::UserRole + 3);
                }
            }
            if (m_tokenKeyCombo->count() == 0)
                m_messages->showError(tr("No RSA-2048 key was found on a token. Plug the token in, or create a key on "
                                         "it with: slipway key create --pkcs11 'pkcs11:token=NAME;object=capgo'"));
            else
                m_messages->clearMessage();
            updateKeyDetails();
        });
}

void KeyPage::updateTokenKeyDetails()
{
    const int row = m_tokenKeyCombo->currentIndex();
    const bool chosen = row >= 0;
    m_keyId->setText(chosen ? m_tokenKeyCombo->itemData(row, Qt::UserRole + 1).toString() : QStringLiteral("—"));
    m_fingerprint->setText(
        chosen ? crypto::groupedFingerprint(m_tokenKeyCombo->itemData(row, Qt::UserRole + 2).toString())
               : QStringLiteral("—"));
    m_location->setText(chosen ? tr("on token %1; the private key never leaves it")
                                     .arg(m_tokenKeyCombo->itemData(row, Qt::UserRole + 3).toString())
                               : tr("press Find tokens"));
    m_passphrase->setEnabled(false);
    m_passphraseLabel->setEnabled(false);
    m_passphrase->setPlaceholderText(tr("a hardware key asks for its PIN when you continue"));
    Q_EMIT completeChanged();
}

bool KeyPage::validateTokenKey()
{
    const QString uri = selectedPath();
    auto parsed = crypto::Pkcs11Uri::parse(uri);
    if (!parsed) {
        m_messages->showError(parsed.error().message);
        return false;
    }
    // $SLIPWAY_PKCS11_PIN first; the dialog only without it (the keychain is not asked on the UI thread).
    SecureBytes pin(qgetenv("SLIPWAY_PKCS11_PIN"));
    if (pin.isEmpty()) {
        pin = TokenPinDialog::ask(parsed->describe(), this);
        if (pin.isEmpty())
            return false;
    }
    auto loaded = release::SigningKey::load(uri, {}, [pin](const QString&) { return pin; });
    if (!loaded) {
        m_messages->showError(loaded.error().message);
        return false;
    }
    m_messages->clearMessage();
    m_draft.plan.keyPath = loaded->path;
    m_draft.passphrase = SecureBytes();
    m_draft.tokenPin = pin;
    m_draft.publicKey = loaded->key.publicKey();
    m_draft.keyLabel = parsed->describe();
    return true;
}

} // namespace slipway::ui
