#pragma once

#include "history/HistoryRecords.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QTreeWidget;
class QLabel;

namespace slipway::ui {

class MessageBar;

// For security staff: the device's verdict on a bundle, step by step, against a chosen public key.
// The bundle is a release from the history (fetched from its storage) or dropped files.
class SignatureCheckView : public QWidget
{
    Q_OBJECT
public:
    explicit SignatureCheckView(QWidget* parent = nullptr);

    void refresh();
    void runCheck();
    // Preselects the public key the chosen release was signed with (a known key, else the public
    // half beside the private key the history recorded), so the check answers for the right key.
    void selectReleaseKey();

Q_SIGNALS:
    void checkFinished(bool accepted);
    // The chosen release's signer was read from the history (and its key chosen where one is known).
    void releaseKeyRead();

private:
    void showReleaseKey(qint64 id, const history::ReleaseRecord& release, const QString& keyLocation);

    MessageBar* m_messages;
    QRadioButton* m_fromHistory;
    QRadioButton* m_fromFiles;
    QComboBox* m_release;
    QLineEdit* m_bundlePath;
    QLineEdit* m_sessionKey;
    QLineEdit* m_checksum;
    QComboBox* m_publicKey;
    QLineEdit* m_publicKeyPath;
    QPushButton* m_check;
    QLabel* m_verdict;
    QTreeWidget* m_steps;
    QLabel* m_keyNote;
};

} // namespace slipway::ui
