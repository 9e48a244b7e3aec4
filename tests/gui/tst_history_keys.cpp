// The history view's actions (filters, export, evidence, promote, roll back, audit seal on a
// tampered file) and the key inspector / signature check, on real releases in a real history.

#include "GuiTestSupport.h"
#include "HistoryView.h"
#include "KeyInspector.h"
#include "KeysView.h"
#include "KnownKeys.h"
#include "MessageBar.h"
#include "ReleaseTableModel.h"
#include "SignatureCheckView.h"
#include "TargetsView.h"
#include "history/History.h"
#include "registry/LocalChannelRegistrar.h"
#include "release/ReleaseRunner.h"
#include "release/SigningKey.h"
#include "storage/FolderStorage.h"
#include "storage/StorageProfile.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTreeWidget>
#include <QUrl>
#include <QtTest>

using namespace slipway;
using namespace slipway::ui;
using guitest::child;

class TestHistoryKeys : public QObject
{
    Q_OBJECT

    static release::ReleaseResult release(const QString& build, const QString& version, const QString& channel)
    {
        release::ReleasePlan plan;
        plan.appId = QStringLiteral("com.example.history");
        plan.version = version;
        plan.channel = channel;
        plan.buildSource = build;
        release::ReleaseRunner runner;
        QSignalSpy done(&runner, &release::ReleaseRunner::finished);
        if (!runner.start(plan) || !done.wait(60000))
            qFatal("release did not finish");
        return done.first().first().value<release::ReleaseResult>();
    }

    static QString makeBuild(const QString& folder)
    {
        guitest::writeFile(folder + QStringLiteral("/index.html"), guitest::indexHtml());
        guitest::writeFile(folder + QStringLiteral("/app.js"), guitest::appJs());
        return folder;
    }

    static QString publishedVersion(const QString& channel)
    {
        auto storage = std::make_shared<storage::FolderStorage>(DataLocation::folder(QStringLiteral("storage")));
        registry::LocalChannelRegistrar registrar(storage);
        auto manifest = registrar.publishedManifest(QStringLiteral("com.example.history"), channel);
        return manifest ? manifest->value(QStringLiteral("version")).toString() : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SlipwayTests"));
        QCoreApplication::setApplicationName(QStringLiteral("slipway-gui-history"));
    }

    void historyActions()
    {
        guitest::Sandbox sandbox;
        const QString build = makeBuild(sandbox.dir.filePath(QStringLiteral("build")));
        QVERIFY(release(build, QStringLiteral("1.0.0"), QStringLiteral("beta")).ok());
        QVERIFY(release(build, QStringLiteral("1.1.0"), QStringLiteral("production")).ok());
        QVERIFY(release(build, QStringLiteral("1.2.0"), QStringLiteral("production")).ok());

        MainWindow window;
        window.show();
        window.showPage(MainWindow::ReleasesPage);
        HistoryView* view = window.historyView();
        QCOMPARE(view->model()->rowCount(), 3);

        // Filters: search text and channel.
        QTest::keyClicks(child<QLineEdit>(view, "historySearch"), QStringLiteral("1.1"));
        QTRY_COMPARE(view->model()->rowCount(), 1);
        child<QLineEdit>(view, "historySearch")->clear();
        QTRY_COMPARE(view->model()->rowCount(), 3);
        auto* channel = child<QComboBox>(view, "historyChannelFilter");
        channel->setCurrentIndex(channel->findData(QStringLiteral("beta")));
        Q_EMIT channel->activated(channel->currentIndex());
        QCOMPARE(view->model()->rowCount(), 1);
        QCOMPARE(view->model()->releaseAt(0)->version, QStringLiteral("1.0.0"));
        channel->setCurrentIndex(0);
        Q_EMIT channel->activated(0);
        QCOMPARE(view->model()->rowCount(), 3);

        // Export CSV and JSON of what is listed.
        const QString csv = sandbox.dir.filePath(QStringLiteral("releases.csv"));
        {
            QSignalSpy exported(view, &HistoryView::exportFinished);
            view->exportReleases(csv);
            QVERIFY(exported.wait(30000));
            QCOMPARE(exported.first().first().toBool(), true);
        }
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csvFile.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines.first().startsWith("id,app_id,version"));
        const QString json = sandbox.dir.filePath(QStringLiteral("releases.json"));
        {
            QSignalSpy exported(view, &HistoryView::exportFinished);
            view->exportReleases(json);
            QVERIFY(exported.wait(30000));
        }
        QFile jsonFile(json);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonObject exported = QJsonDocument::fromJson(jsonFile.readAll()).object();
        QCOMPARE(exported.value(QStringLiteral("releases")).toArray().size(), 3);
        QVERIFY(!exported.value(QStringLiteral("releases")).toArray().first().toObject().value(QStringLiteral("steps")).toArray().isEmpty());

        // Evidence for the selected release.
        const qint64 oldProduction = view->model()->releaseAt(view->model()->rowCount() - 2)->id; // 1.1.0
        view->selectRelease(oldProduction);
        const QString evidence = sandbox.dir.filePath(QStringLiteral("evidence.tar.xz"));
        QSignalSpy evidenceDone(view, &HistoryView::evidenceFinished);
        view->writeEvidence(evidence);
        QVERIFY(!child<QPushButton>(view, "evidenceButton")->isEnabled()); // one package at a time
        QVERIFY(evidenceDone.wait(60000));
        QCOMPARE(evidenceDone.first().first().toBool(), true);
        QCOMPARE(view->messages()->kind(), MessageBar::Kind::Success);
        QVERIFY(child<QPushButton>(view, "evidenceButton")->isEnabled());
        QProcess tar;
        tar.start(QStringLiteral("tar"), {QStringLiteral("-xJOf"), evidence,
                                          QStringLiteral("slipway-evidence-release-%1/audit/chain-head.txt").arg(oldProduction)});
        QVERIFY(tar.waitForFinished(30000));
        QCOMPARE(tar.exitCode(), 0);
        QVERIFY2(tar.readAllStandardOutput().contains(": intact"), "the package records an intact audit chain");

        // Roll production back to 1.1.0, then promote 1.0.0 from beta to production.
        QCOMPARE(publishedVersion(QStringLiteral("production")), QStringLiteral("1.2.0"));
        QTest::mouseClick(child<QPushButton>(view, "rollbackButton"), Qt::LeftButton);
        // It asks first (tst_story covers the dialog); confirm.
        QPushButton* confirm = nullptr;
        QTRY_VERIFY((confirm = view->findChild<QPushButton*>(QStringLiteral("confirmChannelChange"))) &&
                    confirm->isVisible());
        QVERIFY(guitest::actAndWait(view, &HistoryView::channelChanged,
                                    [&] { QTest::mouseClick(confirm, Qt::LeftButton); }));
        QCOMPARE(view->messages()->kind(), MessageBar::Kind::Success);
        // 1.1.0 was released with a delta: the roll back serves it again, and says so.
        QVERIFY2(view->messages()->text().contains(QStringLiteral("Served with its delta of")),
                 qPrintable(view->messages()->text()));
        QCOMPARE(publishedVersion(QStringLiteral("production")), QStringLiteral("1.1.0"));
        auto history = history::History::open();
        QVERIFY(history);
        auto events =
            history.value()->channelEvents(QStringLiteral("com.example.history"), QStringLiteral("production"));
        QVERIFY(events && !events->isEmpty());
        QCOMPARE(events->first().version, QStringLiteral("1.1.0"));

        // The audit seal: intact, then broken after an edit behind Slipway's back.
        QSignalSpy checked(view, &HistoryView::chainChecked);
        view->verifyChain();
        QVERIFY(!child<QPushButton>(view, "verifyChainButton")->isEnabled()); // while it runs
        QVERIFY(checked.wait(30000));
        QCOMPARE(checked.takeFirst().first().toBool(), true);
        QVERIFY(child<QPushButton>(view, "verifyChainButton")->isEnabled());
        QVERIFY(child<QLabel>(view, "auditSeal")->text().contains(QStringLiteral("intact")));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
            db.setDatabaseName(history::History::defaultPath());
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(
                query.exec(QStringLiteral("UPDATE releases SET version = '9.9.9' WHERE id = %1").arg(oldProduction)));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
        view->verifyChain();
        QVERIFY(checked.wait(30000));
        QCOMPARE(checked.takeFirst().first().toBool(), false);
        QVERIFY(child<QLabel>(view, "auditSeal")->text().contains(QStringLiteral("BROKEN")));
        QCOMPARE(view->messages()->kind(), MessageBar::Kind::Error);
    }

    void keyInspectorAndSignatureCheck()
    {
        guitest::Sandbox sandbox;
        const QString build = makeBuild(sandbox.dir.filePath(QStringLiteral("build")));
        const release::ReleaseResult released = release(build, QStringLiteral("2.0.0"), QStringLiteral("production"));
        QVERIFY(released.ok());
        auto other = crypto::RsaKey::generate();
        QVERIFY(other);
        auto otherKey =
            KnownKeys::create(QStringLiteral("other"), other.value(), SecureBytes(QByteArray("other passphrase")));
        QVERIFY(otherKey);

        MainWindow window;
        window.show();
        window.showPage(MainWindow::KeysPage);
        KeyInspector* inspector = window.keysView()->inspector();
        QVERIFY(guitest::actAndWait(inspector, &KeyInspector::factsShown,
                                    [&] { inspector->inspect(release::SigningKey::defaultPath()); }));
        QCOMPARE(child<QLabel>(inspector, "inspectorFingerprint")->text(),
                 crypto::groupedFingerprint(released.keyFingerprint));
        QVERIFY(child<QLabel>(inspector, "inspectorFacts")->text().contains(released.keyId));
        QCOMPARE(child<QTreeWidget>(inspector, "inspectorReleases")->topLevelItemCount(), 1);
        QCOMPARE(child<QTreeWidget>(inspector, "inspectorReleases")->topLevelItem(0)->text(2), QStringLiteral("2.0.0"));

        // Match check: its own public half matches, another key does not.
        inspector->checkMatch(release::SigningKey::defaultPath() + QStringLiteral(".pub"));
        QVERIFY(child<QLabel>(inspector, "matchResult")->text().contains(QStringLiteral("Same key pair")));
        inspector->checkMatch(otherKey->publicPath);
        QVERIFY(child<QLabel>(inspector, "matchResult")->text().contains(QStringLiteral("Not the same")));

        // Change the passphrase of the protected key; the old one stops working, the new one works.
        inspector->inspect(otherKey->privatePath);
        child<QLineEdit>(inspector, "inspectorPassphrase")->setText(QStringLiteral("other passphrase"));
        child<QLineEdit>(inspector, "inspectorNewPassphrase")->setText(QStringLiteral("a brand new passphrase"));
        child<QLineEdit>(inspector, "inspectorNewPassphraseRepeat")->setText(QStringLiteral("a brand new passphrase"));
        inspector->changePassphrase();
        QCOMPARE(inspector->messages()->kind(), MessageBar::Kind::Success);
        QVERIFY(!crypto::RsaKey::fromFile(otherKey->privatePath, SecureBytes(QByteArray("other passphrase"))));
        auto reopened =
            crypto::RsaKey::fromFile(otherKey->privatePath, SecureBytes(QByteArray("a brand new passphrase")));
        QVERIFY(reopened);
        QVERIFY(reopened->isSameKeyPair(other.value()));

        // Signature check: the release from the history is accepted with its key, refused with another.
        SignatureCheckView* signature = window.keysView()->signatureCheck();
        QSignalSpy signerRead(signature, &SignatureCheckView::releaseKeyRead);
        window.keysView()->refresh();
        QVERIFY(signerRead.wait(30000));
        QSignalSpy checked(signature, &SignatureCheckView::checkFinished);
        auto* keyCombo = child<QComboBox>(signature, "sigPublicKeyCombo");
        keyCombo->setCurrentIndex(keyCombo->findData(release::SigningKey::defaultPath()));
        signature->runCheck();
        QVERIFY(checked.wait(60000));
        QCOMPARE(checked.takeFirst().first().toBool(), true);
        QVERIFY(child<QTreeWidget>(signature, "sigStepsList")->topLevelItemCount() >= 6);
        child<QLineEdit>(signature, "sigPublicKeyPath")->setText(otherKey->publicPath);
        signature->runCheck();
        QVERIFY(checked.wait(60000));
        QCOMPARE(checked.takeFirst().first().toBool(), false);
        QVERIFY(child<QLabel>(signature, "sigVerdict")->text().contains(QStringLiteral("REFUSES")));

        // Dropped files: a tampered copy of the bundle is refused step by step.
        const QString tampered = sandbox.dir.filePath(QStringLiteral("tampered.zip"));
        const QString stored = DataLocation::folder(QStringLiteral("storage")) + QLatin1Char('/') + released.storageKey;
        QVERIFY(QFile::copy(stored, tampered));
        {
            QFile file(tampered);
            QVERIFY(file.open(QIODevice::ReadWrite));
            file.seek(file.size() / 2);
            char byte = 0;
            file.getChar(&byte);
            file.seek(file.size() / 2);
            file.putChar(char(byte ^ 0x5a));
        }
        child<QLineEdit>(signature, "sigPublicKeyPath")->clear();
        child<QRadioButton>(signature, "sigFromFiles")->setChecked(true);
        child<QLineEdit>(signature, "sigBundlePath")->setText(tampered);
        child<QLineEdit>(signature, "sigSessionKey")->setText(released.ivSessionKey);
        child<QLineEdit>(signature, "sigChecksum")->setText(released.signedChecksum);
        signature->runCheck();
        QVERIFY(checked.wait(60000));
        QCOMPARE(checked.takeFirst().first().toBool(), false);
    }

    void targetsProfileReusedByTheWizard()
    {
        guitest::Sandbox sandbox;
        MainWindow window;
        window.show();
        window.showPage(MainWindow::TargetsPage);
        TargetsView* targets = window.targetsView();
        const QString folder = sandbox.dir.filePath(QStringLiteral("shared-bundles"));
        QDir().mkpath(folder);
        QTest::keyClicks(child<QLineEdit>(targets, "targetName"), QStringLiteral("shared"));
        QTest::keyClicks(child<QLineEdit>(targets, "targetUrl"), QUrl::fromLocalFile(folder).toString());
        QTest::mouseClick(child<QPushButton>(targets, "testConnectionButton"), Qt::LeftButton);
        auto* bar = targets->findChild<MessageBar*>();
        QTRY_VERIFY2_WITH_TIMEOUT(bar->kind() == MessageBar::Kind::Success, qPrintable(bar->text()), 30000);
        QTest::mouseClick(child<QPushButton>(targets, "saveTargetButton"), Qt::LeftButton);
        QCOMPARE(bar->kind(), MessageBar::Kind::Success);
        auto saved = storage::StorageProfileStore::find(QStringLiteral("shared"));
        QVERIFY2(saved, qPrintable(saved.error().message));
        QCOMPARE(child<QListWidget>(targets, "targetsList")->count(), 1);

        // A bad URL is refused inline.
        child<QLineEdit>(targets, "targetUrl")->setText(QStringLiteral("ftp://nowhere"));
        QTest::mouseClick(child<QPushButton>(targets, "saveTargetButton"), Qt::LeftButton);
        QCOMPARE(bar->kind(), MessageBar::Kind::Error);

        // The wizard's Review page offers the profile and the release lands in that folder.
        const QString build = makeBuild(sandbox.dir.filePath(QStringLiteral("build")));
        window.showPage(MainWindow::NewReleasePage);
        ReleaseWizard* wizard = window.wizard();
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        child<QLineEdit>(wizard, "buildPathEdit")->setText(build);
        child<QLineEdit>(wizard, "appIdEdit")->setText(QStringLiteral("com.example.shared"));
        child<QLineEdit>(wizard, "versionEdit")->setText(QStringLiteral("4.0.0"));
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        auto* storageCombo = child<QComboBox>(wizard, "storageCombo");
        const int index = storageCombo->findData(QStringLiteral("shared"));
        QVERIFY(index > 0);
        storageCombo->setCurrentIndex(index);
        QTest::mouseClick(wizard->button(QWizard::CommitButton), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(ReleaseWizard::DonePageId), 60000);
        QVERIFY(QFileInfo::exists(folder + QStringLiteral("/com.example.shared/channels/production.json")));
    }
};

QTEST_MAIN(TestHistoryKeys)
#include "tst_history_keys.moc"
