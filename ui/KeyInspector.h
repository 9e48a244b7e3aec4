#pragma once

#include "KnownKeys.h"
#include "history/HistoryRecords.h"

#include <QUrl>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTreeWidget;

namespace slipway::ui {

class MessageBar;

// For security staff: everything about one key (kind, bits, key_id, fingerprint grouped for eye
// comparison, created, the releases it signed), a private/public match check, export of the public
// key and the config snippet, and a passphrase change.
class KeyInspector : public QWidget
{
    Q_OBJECT
public:
    explicit KeyInspector(QWidget* parent = nullptr);

    void refresh();
    // Shows a key file (private or public) as if picked from the list.
    void inspect(const QString& path);
    void checkMatch(const QString& otherPath);
    void changePassphrase();
    [[nodiscard]] MessageBar* messages() const { return m_messages; }

Q_SIGNALS:
    // The key's facts are on screen, with what the history knows of it.
    void factsShown();

private:
    // What the history knows of a key, read off the UI thread.
    struct KeyHistory
    {
        QString fingerprint;
        QStringList expectingChannels;
        QList<history::ReleaseRecord> newestSigned; // at most ShownSignedReleases
        qint64 signedCount = 0;
        QDateTime firstSigned;
        std::optional<KnownKeys::OriginDate> origin;
        QString error; // why the history could not be read
    };
    static constexpr int ShownSignedReleases = 500;

    [[nodiscard]] Result<crypto::RsaKey> loadCurrent(bool needPrivate);
    void showFacts();
    void readKeyHistory(const QString& fingerprint);
    [[nodiscard]] static QUrl securityDocUrl();

    MessageBar* m_messages;
    QListWidget* m_list;
    QPushButton* m_open;
    QLabel* m_facts;
    QLabel* m_fingerprint;
    QTreeWidget* m_releases;
    QLineEdit* m_passphrase;
    QLineEdit* m_matchPath;
    QPushButton* m_matchButton;
    QLabel* m_matchResult;
    QPushButton* m_exportPublic;
    QPushButton* m_copySnippet;
    QLineEdit* m_newPassphrase;
    QLineEdit* m_newPassphraseRepeat;
    QPushButton* m_changePassphrase;
    QLabel* m_defaultWarning;
    QString m_path;
    KnownKey m_key;
    std::optional<KeyHistory> m_keyHistory;
};

} // namespace slipway::ui
