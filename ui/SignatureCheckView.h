#pragma once

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

Q_SIGNALS:
    void checkFinished(bool accepted);

private:
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
};

} // namespace slipway::ui
