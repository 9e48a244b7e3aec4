#include "KeyInspector.h"

#include "HistoryTask.h"
#include "MessageBar.h"
#include "RememberedFolder.h"
#include "common/BoundedFile.h"
#include "common/InputLimits.h"
#include "crypto/KeyPairFiles.h"
#include "history/ChannelKeys.h"
#include "history/History.h"
#include "project/CapacitorConfig.h"
#include "release/SigningKey.h"

#include <QApplication>
#include <QCoreApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace slipway::ui {

KeyInspector::KeyInspector(QWidget* parent)
    : QWidget(parent), m_messages(new MessageBar(this)), m_list(new QListWidget(this)),
      m_open(new QPushButton(tr("&Open key file…"), this)), m_facts(new QLabel(this)), m_fingerprint(new QLabel(this)),
      m_releases(new QTreeWidget(this)), m_passphrase(new QLineEdit(this)), m_matchPath(new QLineEdit(this)),
      m_matchButton(new QPushButton(tr("Check &match"), this)), m_matchResult(new QLabel(this)),
      m_exportPublic(new QPushButton(tr("E&xport public key…"), this)),
      m_copySnippet(new QPushButton(tr("Copy config &snippet"), this)), m_newPassphrase(new QLineEdit(this)),
      m_newPassphraseRepeat(new QLineEdit(this)), m_changePassphrase(new QPushButton(tr("C&hange passphrase"), this)),
      m_defaultWarning(new QLabel(this))
{
    m_defaultWarning->setObjectName(QStringLiteral("defaultKeyWarning"));
    m_defaultWarning->setWordWrap(true);
    m_defaultWarning->setTextFormat(Qt::RichText);
    m_defaultWarning->setStyleSheet(QStringLiteral("QLabel { background: #fff4d6; color: #3b2f00; border: 2px solid "
                                                   "#d9a400; border-radius: 4px; padding: 6px; }"));
    m_defaultWarning->hide();
    setObjectName(QStringLiteral("keyInspector"));
    m_list->setObjectName(QStringLiteral("inspectorKeyList"));
    m_list->setAccessibleName(tr("Known keys"));
    m_open->setObjectName(QStringLiteral("inspectorOpenButton"));
    m_open->setToolTip(tr("Inspect any private or public key file (.capgo_key_v2, .pub, .pem)"));
    m_facts->setObjectName(QStringLiteral("inspectorFacts"));
    m_facts->setTextFormat(Qt::RichText);
    m_facts->setWordWrap(true);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_fingerprint->setObjectName(QStringLiteral("inspectorFingerprint"));
    m_fingerprint->setAccessibleName(tr("SHA-256 fingerprint"));
    QFont big = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_fingerprint->setFont(big);
    m_fingerprint->setWordWrap(true);
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_fingerprint->setToolTip(tr("Read it out in pairs to compare it with a colleague's copy"));
    m_releases->setObjectName(QStringLiteral("inspectorReleases"));
    m_releases->setAccessibleName(tr("Releases signed with this key"));
    m_releases->setHeaderLabels({tr("#"), tr("App"), tr("Version"), tr("Channel"), tr("Status"), tr("When")});
    m_releases->setRootIsDecorated(false);
    m_releases->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_passphrase->setObjectName(QStringLiteral("inspectorPassphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setPlaceholderText(tr("passphrase, for a protected private key"));
    m_passphrase->setAccessibleName(tr("Passphrase of the inspected key"));
    m_matchPath->setObjectName(QStringLiteral("matchKeyPath"));
    m_matchPath->setPlaceholderText(tr("the other half: a public key (.pub) or private key file"));
    m_matchPath->setAccessibleName(tr("Key file to compare"));
    m_matchButton->setObjectName(QStringLiteral("matchKeyButton"));
    m_matchButton->setToolTip(tr("Do these two files belong to the same key pair?"));
    m_matchResult->setObjectName(QStringLiteral("matchResult"));
    m_matchResult->setWordWrap(true);
    m_exportPublic->setObjectName(QStringLiteral("exportPublicKeyButton"));
    m_copySnippet->setObjectName(QStringLiteral("copyConfigSnippetButton"));
    m_copySnippet->setToolTip(tr("The publicKey lines for capacitor.config.ts"));
    m_newPassphrase->setObjectName(QStringLiteral("inspectorNewPassphrase"));
    m_newPassphrase->setEchoMode(QLineEdit::Password);
    m_newPassphrase->setPlaceholderText(tr("new passphrase (at least 8 characters)"));
    m_newPassphrase->setAccessibleName(tr("New passphrase"));
    m_newPassphraseRepeat->setObjectName(QStringLiteral("inspectorNewPassphraseRepeat"));
    m_newPassphraseRepeat->setEchoMode(QLineEdit::Password);
    m_newPassphraseRepeat->setPlaceholderText(tr("repeat the new passphrase"));
    m_newPassphraseRepeat->setAccessibleName(tr("Repeat the new passphrase"));
    m_changePassphrase->setObjectName(QStringLiteral("changePassphraseButton"));

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(m_open);

    auto* facts = new QGroupBox(tr("Key"), this);
    auto* factsLayout = new QVBoxLayout(facts);
    factsLayout->addWidget(m_facts);
    factsLayout->addWidget(new QLabel(tr("SHA-256 fingerprint:"), this));
    factsLayout->addWidget(m_fingerprint);

    auto* match = new QGroupBox(tr("Check a key pair"), this);
    auto* matchLayout = new QGridLayout(match);
    matchLayout->addWidget(m_passphrase, 0, 0, 1, 2);
    matchLayout->addWidget(m_matchPath, 1, 0);
    matchLayout->addWidget(m_matchButton, 1, 1);
    matchLayout->addWidget(m_matchResult, 2, 0, 1, 2);

    auto* manage = new QGroupBox(tr("Export and protect"), this);
    auto* manageLayout = new QGridLayout(manage);
    manageLayout->addWidget(m_exportPublic, 0, 0);
    manageLayout->addWidget(m_copySnippet, 0, 1);
    manageLayout->addWidget(m_newPassphrase, 1, 0);
    manageLayout->addWidget(m_newPassphraseRepeat, 1, 1);
    manageLayout->addWidget(m_changePassphrase, 1, 2);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_defaultWarning);
    rightLayout->addWidget(facts);
    auto* signedLabel = new QLabel(tr("Releases signed with this key:"), this);
    signedLabel->setBuddy(m_releases);
    rightLayout->addWidget(signedLabel);
    rightLayout->addWidget(m_releases, 1);
    rightLayout->addWidget(match);
    rightLayout->addWidget(manage);
    auto* threatModel = new QLabel(this);
    threatModel->setObjectName(QStringLiteral("inspectorThreatModel"));
    threatModel->setOpenExternalLinks(true);
    const QUrl doc = securityDocUrl();
    threatModel->setText(doc.isValid() ? tr("What a release key protects, what it does not, and hardware keys: "
                                            "<a href=\"%1\">the threat model (docs/security.md)</a>.")
                                             .arg(doc.toString().toHtmlEscaped())
                                       : tr("What a release key protects, what it does not, and hardware keys: "
                                            "the threat model in docs/security.md."));
    rightLayout->addWidget(threatModel);

    auto* splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 10, 10, 10);
    layout->addWidget(m_messages);
    layout->addWidget(splitter, 1);

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int) {
        if (QListWidgetItem* item = m_list->currentItem())
            inspect(item->data(Qt::UserRole).toString());
    });
    connect(m_open, &QPushButton::clicked, this, [this] {
        const RememberedFolder folder(QStringLiteral("inspectKey"));
        const QString path = QFileDialog::getOpenFileName(this, tr("Inspect a key file"), folder.folder(), QString(),
                                                          nullptr, QFileDialog::DontUseNativeDialog);
        folder.remember(path);
        if (!path.isEmpty())
            inspect(path);
    });
    connect(m_matchButton, &QPushButton::clicked, this, [this] { checkMatch(m_matchPath->text().trimmed()); });
    connect(m_exportPublic, &QPushButton::clicked, this, [this] {
        auto key = loadCurrent(false);
        if (!key) {
            m_messages->showError(key.error().message);
            return;
        }
        const RememberedFolder folder(QStringLiteral("exportPublicKey"));
        const QString path = QFileDialog::getSaveFileName(this, tr("Export the public key"),
                                                          folder.fileIn(QStringLiteral(".capgo_key_v2.pub")), QString(),
                                                          nullptr, QFileDialog::DontUseNativeDialog);
        folder.remember(path);
        if (path.isEmpty())
            return;
        if (Status s = crypto::KeyPairFiles::writeFileAtomically(path, key->publicKey().publicPkcs1Pem(), 0644); !s)
            m_messages->showError(s.error().message);
        else
            m_messages->showMessage(tr("Public key written to %1.").arg(QDir::toNativeSeparators(path)),
                                    MessageBar::Kind::Success);
    });
    connect(m_copySnippet, &QPushButton::clicked, this, [this] {
        auto key = loadCurrent(false);
        if (!key) {
            m_messages->showError(key.error().message);
            return;
        }
        QApplication::clipboard()->setText(
            project::CapacitorConfig::typeScriptSnippet(QString::fromLatin1(key->publicKey().publicPkcs1Pem())));
        m_messages->showMessage(tr("The capacitor.config snippet is on the clipboard."), MessageBar::Kind::Success);
    });
    connect(m_changePassphrase, &QPushButton::clicked, this, &KeyInspector::changePassphrase);
}

void KeyInspector::refresh()
{
    const QString current = m_path;
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const KnownKey& key : KnownKeys::list()) {
        if (!key.exists)
            continue;
        auto* item = new QListWidgetItem(
            key.isDefault && !key.passphraseProtected ? tr("%1 (not protected)").arg(key.label) : key.label, m_list);
        item->setData(Qt::UserRole, key.privatePath);
        item->setToolTip(key.privatePath);
        item->setIcon(
            style()->standardIcon(key.passphraseProtected ? QStyle::SP_DialogYesButton : QStyle::SP_FileIcon));
    }
    int row = 0;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toString() == current)
            row = i;
    }
    if (m_list->count() > 0) {
        m_list->setCurrentRow(row);
        inspect(m_list->item(row)->data(Qt::UserRole).toString());
    } else {
        m_facts->setText(
            tr("No key yet. The first release creates Slipway's default key; you can also create one in the "
               "release wizard or open a key file."));
        m_fingerprint->clear();
    }
}

void KeyInspector::inspect(const QString& path)
{
    m_messages->clearMessage();
    m_matchResult->clear();
    m_path = path;
    m_key = KnownKeys::describe(path);
    m_keyHistory.reset();
    showFacts();
}

QUrl KeyInspector::securityDocUrl()
{
    // Installed next to the other docs, or in the source tree of a build that runs from its build folder.
    const QString appDir = QCoreApplication::applicationDirPath();
    for (const QString& candidate : {appDir + QStringLiteral("/../share/doc/slipway/security.md"),
                                     appDir + QStringLiteral("/../../docs/security.md")})
        if (QFileInfo::exists(candidate))
            return QUrl::fromLocalFile(QFileInfo(candidate).canonicalFilePath());
    return {};
}

void KeyInspector::showFacts()
{
    auto read = readBoundedFile(m_path, limits::KeyFileBytes, QStringLiteral("key file"));
    const QByteArray pem = read ? std::move(read).value() : QByteArray();
    const bool isPrivate = pem.contains("PRIVATE KEY");
    Result<crypto::RsaKey> pub = fail(QString());
    if (!m_key.publicPath.isEmpty())
        pub = crypto::RsaKey::fromFile(m_key.publicPath);
    else if (!m_key.passphraseProtected)
        pub = crypto::RsaKey::fromPem(pem);
    const QFileInfo info(m_path);
    const auto row = [](const QString& label, const QString& value) {
        return QStringLiteral("<tr><td style='padding:2px 14px 2px 0'><b>%1</b></td><td>%2</td></tr>")
            .arg(label.toHtmlEscaped(), value);
    };
    QString kind = isPrivate ? (m_key.passphraseProtected ? tr("RSA private key, protected by a passphrase (PKCS#8)")
                                                          : tr("RSA private key (Capgo .capgo_key_v2, not protected)"))
                             : tr("RSA public key");
    QString html = QStringLiteral("<table>");
    html += row(tr("Kind"), kind.toHtmlEscaped());
    if (pub) {
        html += row(tr("Size"),
                    tr("%1 bits%2")
                        .arg(pub->bits())
                        .arg(pub->bits() == crypto::RsaKey::CapgoBits ? QString() : tr(" \u2014 phones need 2048"))
                        .toHtmlEscaped());
        html +=
            row(tr("key_id"),
                QStringLiteral("<tt>%1</tt> (%2)")
                    .arg(pub->keyId().toHtmlEscaped(),
                         tr("fingerprint %1").arg(crypto::fingerprintStart(pub->fingerprintSha256())).toHtmlEscaped()));
    } else {
        html += row(tr("key_id"), tr("enter the passphrase and press Check match to read it").toHtmlEscaped());
    }
    const QLocale locale;
    const QString reading = tr("reading the release history…");
    const KeyHistory* known = m_keyHistory && m_keyHistory->fingerprint == (pub ? pub->fingerprintSha256() : QString())
                                  ? &*m_keyHistory
                                  : nullptr;
    const auto origin = known ? known->origin : std::nullopt;
    if (origin && origin->origin == KnownKeys::Origin::Created) {
        html += row(tr("Created"), locale.toString(origin->at.toLocalTime(), QLocale::LongFormat).toHtmlEscaped());
    } else if (pub && !known) {
        html += row(tr("Created"), reading.toHtmlEscaped());
    } else {
        // Not made by Slipway (or before it recorded it): the file's own date is all there is; say so.
        const bool born = info.birthTime().isValid();
        const QDateTime fileDate = born ? info.birthTime() : info.lastModified();
        html += row(tr("Created"), (born ? tr("not recorded; the key file was created %1")
                                         : tr("not recorded; the key file was last changed %1"))
                                       .arg(locale.toString(fileDate.toLocalTime(), QLocale::LongFormat))
                                       .toHtmlEscaped());
        if (origin)
            html += row(tr("Imported"), locale.toString(origin->at.toLocalTime(), QLocale::LongFormat).toHtmlEscaped());
    }
    if (pub && !known) {
        html += row(tr("First signed a release"), reading.toHtmlEscaped());
        html += row(tr("Phones expect it on"), reading.toHtmlEscaped());
    } else if (known && !known->error.isEmpty()) {
        html += row(tr("Releases"), tr("not known: %1").arg(known->error).toHtmlEscaped());
    } else {
        html += row(tr("First signed a release"),
                    known && known->firstSigned.isValid()
                        ? locale.toString(known->firstSigned.toLocalTime(), QLocale::LongFormat).toHtmlEscaped()
                        : tr("never").toHtmlEscaped());
        // The wrong-key guard's view: a release signed with another key is refused on these channels.
        html += row(tr("Phones expect it on"), !known || known->expectingChannels.isEmpty()
                                                   ? tr("no channel yet").toHtmlEscaped()
                                                   : known->expectingChannels.join(QStringLiteral(", ")).toHtmlEscaped());
    }
    html += row(tr("File"),
                QStringLiteral("<tt>%1</tt>").arg(QDir::toNativeSeparators(info.absoluteFilePath()).toHtmlEscaped()));
    if (!m_key.publicPath.isEmpty() && isPrivate)
        html += row(tr("Public half"),
                    QStringLiteral("<tt>%1</tt>").arg(QDir::toNativeSeparators(m_key.publicPath).toHtmlEscaped()));
    html += QStringLiteral("</table>");
    m_facts->setText(html);
    m_fingerprint->setText(pub ? crypto::groupedFingerprint(pub->fingerprintSha256()) : QStringLiteral("—"));
    m_releases->clear();
    if (known) {
        for (const history::ReleaseRecord& r : known->newestSigned)
            new QTreeWidgetItem(m_releases, {QString::number(r.id), r.appId, r.version, r.channel, r.status,
                                             locale.toString(r.createdAt.toLocalTime(), QLocale::ShortFormat)});
        if (const qint64 older = known->signedCount - known->newestSigned.size(); older > 0)
            new QTreeWidgetItem(m_releases,
                                {QString(), tr("… and %n older release(s) signed with this key", nullptr, int(older))});
        if (known->newestSigned.isEmpty())
            new QTreeWidgetItem(m_releases, {QString(), tr("no release signed with this key yet")});
    } else {
        new QTreeWidgetItem(m_releases, {QString(), pub ? reading : tr("no release signed with this key yet")});
    }
    const bool unprotectedDefault =
        isPrivate && !m_key.passphraseProtected &&
        QFileInfo(m_path).absoluteFilePath() == QFileInfo(release::SigningKey::defaultPath()).absoluteFilePath();
    m_defaultWarning->setVisible(unprotectedDefault);
    m_defaultWarning->setText(
        tr("<b>This is Slipway's default key, and it is not protected.</b> Slipway made it on its own the first "
           "time a release needed a key, and keeps it unencrypted at <tt>%1</tt>: anyone who can read that file "
           "can sign updates that your users' phones will install. Protect it with a passphrase below (the key "
           "pair stays the same, so apps that trust it keep working), and keep a backup.")
            .arg(QDir::toNativeSeparators(m_path).toHtmlEscaped()));
    m_changePassphrase->setText(m_key.passphraseProtected ? tr("C&hange passphrase")
                                                          : tr("&Protect with a passphrase"));
    m_passphrase->setEnabled(m_key.passphraseProtected);
    m_changePassphrase->setEnabled(isPrivate);
    m_newPassphrase->setEnabled(isPrivate);
    m_newPassphraseRepeat->setEnabled(isPrivate);
    if (pub && !known)
        readKeyHistory(pub->fingerprintSha256());
    else
        Q_EMIT factsShown();
}

void KeyInspector::readKeyHistory(const QString& fingerprint)
{
    useHistoryInBackground(
        this,
        [fingerprint](history::History& history) -> Result<KeyHistory> {
            KeyHistory known;
            known.fingerprint = fingerprint;
            if (auto channels = history::ChannelKeys(history).channelsExpecting(fingerprint))
                for (const history::ExpectedKey& channel : channels.value())
                    known.expectingChannels << QStringLiteral("%1 / %2").arg(channel.appId, channel.channel);
            history::ReleaseFilter signedWith;
            signedWith.keyFingerprint = fingerprint;
            signedWith.limit = ShownSignedReleases;
            auto newest = history.releases(signedWith);
            auto count = newest ? history.countReleases(signedWith) : Result<qint64>(newest.error());
            if (!count)
                return count.error();
            known.newestSigned = newest.value();
            known.signedCount = count.value();
            signedWith.limit = 1;
            signedWith.oldestFirst = true;
            if (auto first = history.releases(signedWith); first && !first->isEmpty())
                known.firstSigned = first->first().createdAt;
            known.origin = KnownKeys::originOf(history, fingerprint);
            return known;
        },
        [this, fingerprint, path = m_path](const Result<KeyHistory>& known) {
            if (path != m_path)
                return; // another key is shown now: its own read follows
            if (known) {
                m_keyHistory = known.value();
            } else {
                m_keyHistory = KeyHistory{};
                m_keyHistory->fingerprint = fingerprint;
                m_keyHistory->error = known.error().message;
            }
            showFacts();
        });
}

Result<crypto::RsaKey> KeyInspector::loadCurrent(bool needPrivate)
{
    if (m_path.isEmpty())
        return fail(tr("Pick a key first."));
    if (!needPrivate && !m_key.publicPath.isEmpty())
        return crypto::RsaKey::fromFile(m_key.publicPath);
    const SecureBytes passphrase(m_passphrase->text().toUtf8());
    if (m_key.passphraseProtected && passphrase.isEmpty())
        return fail(tr("This private key is protected: enter its passphrase first."));
    auto key = crypto::RsaKey::fromFile(m_path, passphrase);
    if (!key && m_key.passphraseProtected)
        return fail(
            tr("The passphrase does not unlock %1. Check it and try again.").arg(QDir::toNativeSeparators(m_path)));
    return key;
}

void KeyInspector::checkMatch(const QString& otherPath)
{
    if (otherPath.isEmpty()) {
        m_messages->showError(tr("Give the other key file to compare with."));
        return;
    }
    auto mine = loadCurrent(true);
    if (!mine) {
        m_messages->showError(mine.error().message);
        return;
    }
    auto other = crypto::RsaKey::fromFile(otherPath);
    if (!other) {
        m_messages->showError(
            tr("%1 cannot be read as a key: %2").arg(QDir::toNativeSeparators(otherPath), other.error().message));
        return;
    }
    m_messages->clearMessage();
    const bool same = mine->isSameKeyPair(other.value());
    m_matchResult->setText(
        same ? tr("\u2714 Same key pair: fingerprint %1").arg(crypto::groupedFingerprint(other->fingerprintSha256()))
             : tr("\u2716 Not the same key pair. Phones holding %1 would refuse bundles signed with this key.")
                   .arg(QDir::toNativeSeparators(otherPath)));
    m_matchResult->setStyleSheet(same ? QStringLiteral("QLabel { color: #2e7d32; font-weight: bold; }")
                                      : QStringLiteral("QLabel { color: #c62828; font-weight: bold; }"));
}

void KeyInspector::changePassphrase()
{
    const QString next = m_newPassphrase->text();
    if (next.size() < 8) {
        m_messages->showError(tr("Choose a new passphrase of at least 8 characters."));
        return;
    }
    if (next != m_newPassphraseRepeat->text()) {
        m_messages->showError(tr("The two new passphrases differ. Type the same passphrase twice."));
        return;
    }
    if (m_defaultWarning->isVisible()) {
        auto protectedKey = KnownKeys::protectDefaultKey(SecureBytes(next.toUtf8()));
        if (!protectedKey) {
            m_messages->showError(protectedKey.error().message);
            return;
        }
        m_newPassphrase->clear();
        m_newPassphraseRepeat->clear();
        m_path = protectedKey->privatePath;
        refresh();
        m_passphrase->setText(next);
        m_messages->showMessage(tr("The default key is protected now: %1. Releases ask for its passphrase. Update "
                                   "your backup.")
                                    .arg(QDir::toNativeSeparators(protectedKey->privatePath)),
                                MessageBar::Kind::Success);
        return;
    }
    auto key = loadCurrent(true);
    if (!key) {
        m_messages->showError(key.error().message);
        return;
    }
    auto pem = key->encryptedPkcs8Pem(SecureBytes(next.toUtf8()));
    if (!pem) {
        m_messages->showError(pem.error().message);
        return;
    }
    // A plain Capgo key becomes .capgo_key_v2.enc beside it; the plain file is left for the user to delete.
    QString target = m_path;
    if (!m_key.passphraseProtected)
        target = QFileInfo(m_path).dir().filePath(crypto::KeyPairFiles::ProtectedFileName);
    if (Status s = crypto::KeyPairFiles::writeFileAtomically(target, pem.value(), 0600); !s) {
        m_messages->showError(s.error().message);
        return;
    }
    m_newPassphrase->clear();
    m_newPassphraseRepeat->clear();
    m_passphrase->setText(next);
    m_messages->showMessage(
        m_key.passphraseProtected
            ? tr("Passphrase changed. Update your backup: the old file no longer opens with the new passphrase.")
            : tr("A protected copy was written to %1. Delete the unprotected file once your backup is updated.")
                  .arg(QDir::toNativeSeparators(target)),
        MessageBar::Kind::Success);
    inspect(target);
}

} // namespace slipway::ui
