#pragma once

#include "KnownKeys.h"

#include <QWizardPage>

class QButtonGroup;
class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace slipway::ui {

class MessageBar;
struct ReleaseDraft;

// Which private key signs the release: a known key, a new key (with a passphrase and a loud backup
// reminder) or an imported Capgo .capgo_key_v2. key_id and fingerprint are always on show.
class KeyPage : public QWizardPage
{
    Q_OBJECT
public:
    KeyPage(ReleaseDraft& draft, QWidget* parent = nullptr);

    void initializePage() override;
    [[nodiscard]] bool isComplete() const override;
    bool validatePage() override;

private:
    enum class Mode { Known, Create, Import, Hardware };
    [[nodiscard]] Mode mode() const;
    [[nodiscard]] QString selectedPath() const;
    [[nodiscard]] KnownKey selectedKey() const;
    void reloadKnownKeys(const QString& select = {});
    void updateKeyDetails();
    void createKey();
    void browseForKey();
    void ensureDefaultKey();
    void findTokenKeys();
    void updateTokenKeyDetails();
    [[nodiscard]] bool validateTokenKey();

    ReleaseDraft& m_draft;
    MessageBar* m_messages;
    QButtonGroup* m_modes;
    QRadioButton* m_knownRadio;
    QRadioButton* m_createRadio;
    QRadioButton* m_importRadio;
    QComboBox* m_knownCombo;
    QLineEdit* m_newName;
    QLineEdit* m_newPassphrase;
    QLineEdit* m_newPassphraseRepeat;
    QPushButton* m_createButton;
    QLineEdit* m_importPath;
    QPushButton* m_browseButton;
    QLineEdit* m_passphrase;
    QLabel* m_passphraseLabel;
    QLabel* m_keyId;
    QLabel* m_fingerprint;
    QLabel* m_location;
    QFrame* m_backupReminder;
    QLabel* m_backupText;
    QList<KnownKey> m_keys;
    QRadioButton* m_hardwareRadio;
    QComboBox* m_tokenKeyCombo;
    QPushButton* m_findTokensButton;
    bool m_findingTokens = false;
    bool m_creatingKey = false;
    bool m_creatingDefault = false;
};

} // namespace slipway::ui
