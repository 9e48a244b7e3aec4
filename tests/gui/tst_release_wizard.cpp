// Drives the real main window and release wizard by objectName: a full demo release with a new key,
// then the error paths (missing index.html, wrong passphrase, cancel during packaging + resume).

#include "GuiTestSupport.h"
#include "HistoryView.h"
#include "KnownKeys.h"
#include "MessageBar.h"
#include "ReleaseDetailPane.h"
#include "ReleaseTableModel.h"
#include "RunPage.h"
#include "history/History.h"
#include "release/ReleaseRunner.h"

#include <QComboBox>
#include <QDragEnterEvent>
#include <QLabel>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTreeWidget>
#include <QtTest>

using namespace slipway;
using namespace slipway::ui;
using guitest::child;

class TestReleaseWizard : public QObject
{
    Q_OBJECT
private:
    // Key page -> Build page with the default key, once it exists.
    static void passKeyPageWithDefaultKey(ReleaseWizard* wizard)
    {
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::KeyPageId));
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::BuildPageId));
    }

    static void fillBuild(ReleaseWizard* wizard, const QString& path, const QString& appId, const QString& version)
    {
        child<QLineEdit>(wizard, "buildPathEdit")->setText(path);
        auto* app = child<QLineEdit>(wizard, "appIdEdit");
        app->clear();
        QTest::keyClicks(app, appId);
        auto* ver = child<QLineEdit>(wizard, "versionEdit");
        ver->clear();
        QTest::keyClicks(ver, version);
    }

    static history::ReleaseRecord onlyRelease()
    {
        auto history = history::History::open();
        if (!history)
            qFatal("history: %s", qPrintable(history.error().message));
        auto releases = history.value()->releases();
        if (!releases || releases->size() != 1)
            qFatal("expected exactly one release");
        return releases->first();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SlipwayTests"));
        QCoreApplication::setApplicationName(QStringLiteral("slipway-gui-tests"));
    }

    void demoReleaseWithNewKey()
    {
        guitest::Sandbox sandbox;
        MainWindow window;
        window.show();
        QVERIFY(window.windowTitle().contains(QStringLiteral("Slipway")));
        QVERIFY(child<QWidget>(&window, "welcomeBanner")->isVisible());

        // The welcome banner's demo runs in one click (tst_story); here the wizard is walked by hand.
        window.showPage(MainWindow::NewReleasePage);
        ReleaseWizard* wizard = window.wizard();
        QCOMPARE(window.currentPage(), MainWindow::NewReleasePage);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::KeyPageId));

        // Create a key protected by a passphrase.
        QTest::mouseClick(child<QRadioButton>(wizard, "keyModeCreate"), Qt::LeftButton, {}, QPoint(8, 8));
        QTest::keyClicks(child<QLineEdit>(wizard, "newKeyName"), QStringLiteral("production"));
        QTest::keyClicks(child<QLineEdit>(wizard, "newKeyPassphrase"), QStringLiteral("correct horse battery"));
        QTest::keyClicks(child<QLineEdit>(wizard, "newKeyPassphraseRepeat"), QStringLiteral("correct horse battery"));
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
        QTest::mouseClick(child<QPushButton>(wizard, "createKeyButton"), Qt::LeftButton);
        auto* keyMessages = wizard->currentPage()->findChild<MessageBar*>();
        QTRY_VERIFY2_WITH_TIMEOUT(child<QWidget>(wizard, "backupReminder")->isVisible(),
                                  qPrintable(keyMessages->text()), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        const QString keyId = child<QLabel>(wizard, "keyIdValue")->text();
        QCOMPARE(keyId.size(), 20);
        QVERIFY(child<QLabel>(wizard, "keyFingerprintValue")->text().count(QLatin1Char(':')) == 31);
        QVERIFY(QFileInfo::exists(KnownKeys::keysFolder() + QStringLiteral("/production/.capgo_key_v2.enc")));
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);

        // The demo build is chosen and app id / version come from its project files.
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::BuildPageId));
        QTest::mouseClick(child<QPushButton>(wizard, "useDemoButton"), Qt::LeftButton);
        QVERIFY(child<QLineEdit>(wizard, "buildPathEdit")->text().endsWith(QStringLiteral("demo/www")));
        QCOMPARE(child<QLineEdit>(wizard, "appIdEdit")->text(), QStringLiteral("com.example.slipwaydemo"));
        QCOMPARE(child<QLineEdit>(wizard, "versionEdit")->text(), QStringLiteral("1.0.0"));
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);

        QCOMPARE(wizard->currentId(), int(ReleaseWizard::ChecksPageId));
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        QVERIFY(child<QTreeWidget>(wizard, "checksList")->topLevelItemCount() > 3);
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);

        QCOMPARE(wizard->currentId(), int(ReleaseWizard::ReviewPageId));
        QVERIFY(child<QLabel>(wizard, "reviewSummary")->text().contains(keyId));
        QTest::mouseClick(wizard->button(QWizard::CommitButton), Qt::LeftButton);

        QCOMPARE(wizard->currentId(), int(ReleaseWizard::RunPageId));
        QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(ReleaseWizard::DonePageId), 120000);
        const QString checksum = child<QLineEdit>(wizard, "signedChecksumEdit")->text();
        QVERIFY(!checksum.isEmpty());
        QVERIFY(!child<QLineEdit>(wizard, "publicUrlEdit")->text().isEmpty());
        const QString response = child<QPlainTextEdit>(wizard, "updateResponseText")->toPlainText();
        QVERIFY2(response.contains(QStringLiteral("session_key")), qPrintable(response));
        QVERIFY(response.contains(checksum));
        QVERIFY(
            child<QPlainTextEdit>(wizard, "configSnippetText")->toPlainText().contains(QStringLiteral("publicKey")));

        // A simulated phone on the channel picks the new version up through a loopback update endpoint.
        QTest::mouseClick(child<QPushButton>(wizard, "simulateButton"), Qt::LeftButton);
        auto* doneMessages = wizard->currentPage()->findChild<MessageBar*>();
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(wizard, "phoneVerdict")->isVisible(), 60000);
        QVERIFY(child<QTreeWidget>(wizard, "phoneStepsList")->topLevelItemCount() > 3);
        QCOMPARE(doneMessages->kind(), MessageBar::Kind::Success);
        QVERIFY2(doneMessages->text().contains(QStringLiteral("1.0.0")), qPrintable(doneMessages->text()));

        QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
        QCOMPARE(window.currentPage(), MainWindow::ReleasesPage);

        // The history shows the release with its steps.
        HistoryView* view = window.historyView();
        QCOMPARE(view->model()->rowCount(), 1);
        const history::ReleaseRecord* shown = view->model()->releaseAt(0);
        QCOMPARE(shown->status, history::ReleaseStatus::Completed);
        QCOMPARE(shown->keyId, keyId);
        QCOMPARE(shown->version, QStringLiteral("1.0.0"));
        QCOMPARE(view->selectedReleaseId(), shown->id);
        auto* steps = child<QTreeWidget>(view, "releaseStepsList");
        QVERIFY(steps->topLevelItemCount() >= 6);
        QStringList names;
        for (int i = 0; i < steps->topLevelItemCount(); ++i) {
            names << steps->topLevelItem(i)->data(0, Qt::UserRole).toString();
            QCOMPARE(steps->topLevelItem(i)->data(2, Qt::UserRole).toString(), history::StepOutcome::Succeeded);
        }
        for (const char* step : {"package", "encrypt", "verify", "upload", "register"})
            QVERIFY2(names.contains(QString::fromLatin1(step)), qPrintable(names.join(QLatin1Char(','))));

        // The audit chain of that history is intact.
        QSignalSpy checked(view, &HistoryView::chainChecked);
        view->verifyChain();
        QVERIFY(checked.wait(30000));
        QVERIFY(child<QLabel>(view, "auditSeal")->text().contains(QStringLiteral("intact")));

        // A second release of the demo build suggests the next version instead of refusing a duplicate.
        // The wizard remembers the last key; it is protected, so it asks for the passphrase again.
        window.showPage(MainWindow::NewReleasePage);
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        QCOMPARE(child<QLabel>(wizard, "keyIdValue")->text(), keyId);
        QTest::keyClicks(child<QLineEdit>(wizard, "keyPassphraseEdit"), QStringLiteral("correct horse battery"));
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::BuildPageId));
        QTest::mouseClick(child<QPushButton>(wizard, "useDemoButton"), Qt::LeftButton);
        QTRY_COMPARE(child<QLineEdit>(wizard, "versionEdit")->text(), QStringLiteral("1.0.1"));
    }

    void buildWithoutIndexHtmlKeepsNextDisabled()
    {
        guitest::Sandbox sandbox;
        const QString build = sandbox.dir.filePath(QStringLiteral("broken-build"));
        guitest::writeFile(build + QStringLiteral("/app.js"), guitest::appJs());
        guitest::writeFile(build + QStringLiteral("/style.css"), "body{}\n");
        MainWindow window;
        window.show();
        window.showPage(MainWindow::NewReleasePage);
        ReleaseWizard* wizard = window.wizard();
        passKeyPageWithDefaultKey(wizard);
        QVERIFY(!QTest::currentTestFailed());
        fillBuild(wizard, build, QStringLiteral("com.example.broken"), QStringLiteral("2.0.0"));
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::ChecksPageId));
        auto* checks = child<QTreeWidget>(wizard, "checksList");
        QTRY_VERIFY_WITH_TIMEOUT(checks->topLevelItemCount() > 0, 30000);
        bool indexFailed = false;
        for (int i = 0; i < checks->topLevelItemCount(); ++i) {
            QTreeWidgetItem* item = checks->topLevelItem(i);
            if (item->data(0, Qt::UserRole).toString() == QLatin1String("index-html"))
                indexFailed = !item->data(0, Qt::UserRole + 1).toBool();
        }
        QVERIFY(indexFailed);
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
        auto* bar = wizard->currentPage()->findChild<MessageBar*>();
        QVERIFY(bar && bar->isVisible());
        QCOMPARE(bar->kind(), MessageBar::Kind::Error);
        QVERIFY2(bar->text().contains(QStringLiteral("index.html")), qPrintable(bar->text()));
        // Nothing was released.
        auto history = history::History::open();
        QVERIFY(history);
        QCOMPARE(history.value()->releases()->size(), 0);
    }

    void wrongPassphraseReportedInline()
    {
        guitest::Sandbox sandbox;
        auto generated = crypto::RsaKey::generate();
        QVERIFY(generated);
        auto created = KnownKeys::create(QStringLiteral("locked"), generated.value(),
                                         SecureBytes(QByteArray("the right passphrase")));
        QVERIFY2(created, qPrintable(created.error().message));
        MainWindow window;
        window.show();
        window.showPage(MainWindow::NewReleasePage);
        ReleaseWizard* wizard = window.wizard();
        auto* combo = child<QComboBox>(wizard, "knownKeyCombo");
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        const int index = combo->findData(created->privatePath);
        QVERIFY(index >= 0);
        combo->setCurrentIndex(index);
        auto* passphrase = child<QLineEdit>(wizard, "keyPassphraseEdit");
        QVERIFY(passphrase->isEnabled());
        QTest::keyClicks(passphrase, QStringLiteral("not the passphrase"));
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::KeyPageId));
        auto* bar = wizard->currentPage()->findChild<MessageBar*>();
        QVERIFY(bar && bar->isVisible());
        QCOMPARE(bar->kind(), MessageBar::Kind::Error);
        QVERIFY2(bar->text().contains(QStringLiteral("passphrase")), qPrintable(bar->text()));
        QVERIFY(QApplication::activeModalWidget() == nullptr);
        // The right passphrase gets through.
        passphrase->clear();
        QTest::keyClicks(passphrase, QStringLiteral("the right passphrase"));
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::BuildPageId));
        QCOMPARE(wizard->draft().publicKey.keyId(), created->keyId);
    }

    void importCapgoKeyAndDropBuild()
    {
        guitest::Sandbox sandbox;
        const QString vectors = QStringLiteral(SLIPWAY_TEST_DATA "/vectors/capgo-cli-8.68.1");
        auto expected = crypto::RsaKey::fromFile(vectors + QStringLiteral("/capgo_key_v2.pub.pem"));
        QVERIFY(expected);
        MainWindow window;
        window.show();
        window.showPage(MainWindow::NewReleasePage);
        ReleaseWizard* wizard = window.wizard();
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        // A key made by Capgo's own CLI, imported by path.
        QTest::keyClicks(child<QLineEdit>(wizard, "importKeyPath"), vectors + QStringLiteral("/capgo_key_v2.pem"));
        QVERIFY(child<QRadioButton>(wizard, "keyModeImport")->isChecked());
        QTRY_COMPARE(child<QLabel>(wizard, "keyIdValue")->text(), expected->keyId());
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::BuildPageId));
        QCOMPARE(wizard->draft().publicKey.fingerprintSha256(), expected->fingerprintSha256());

        // A build folder dropped on the drop zone; app id and version come from its project files.
        const QString project = sandbox.dir.filePath(QStringLiteral("project"));
        guitest::writeFile(project + QStringLiteral("/capacitor.config.json"),
                           R"({"appId": "com.example.dropped", "webDir": "dist"})");
        guitest::writeFile(project + QStringLiteral("/package.json"), R"({"name": "dropped", "version": "5.6.7"})");
        guitest::writeFile(project + QStringLiteral("/dist/index.html"), guitest::indexHtml());
        guitest::writeFile(project + QStringLiteral("/dist/app.js"), guitest::appJs());
        auto* zone = child<QWidget>(wizard, "dropZone");
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(project + QStringLiteral("/dist"))});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(zone, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(zone, &drop);
        QVERIFY(child<QLineEdit>(wizard, "buildPathEdit")->text().endsWith(QStringLiteral("project/dist")));
        QCOMPARE(child<QLineEdit>(wizard, "appIdEdit")->text(), QStringLiteral("com.example.dropped"));
        QCOMPARE(child<QLineEdit>(wizard, "versionEdit")->text(), QStringLiteral("5.6.7"));
        QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    }

    void cancelDuringPackagingLeavesInterruptedAndResumable()
    {
        guitest::Sandbox sandbox;
        const QString build = sandbox.dir.filePath(QStringLiteral("big-build"));
        guitest::writeFile(build + QStringLiteral("/index.html"), guitest::indexHtml());
        guitest::writeFile(build + QStringLiteral("/app.js"), guitest::appJs());
        guitest::writeRandomFile(build + QStringLiteral("/assets.bin"), 96ll << 20);
        MainWindow window;
        window.show();
        window.showPage(MainWindow::NewReleasePage);
        ReleaseWizard* wizard = window.wizard();
        passKeyPageWithDefaultKey(wizard);
        QVERIFY(!QTest::currentTestFailed());
        fillBuild(wizard, build, QStringLiteral("com.example.big"), QStringLiteral("3.0.0"));
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);

        auto* runPage = qobject_cast<RunPage*>(wizard->page(ReleaseWizard::RunPageId));
        auto* cancel = child<QPushButton>(wizard, "cancelReleaseButton");
        bool cancelled = false;
        connect(runPage->runner(), &release::ReleaseRunner::progress, this,
                [&](release::ReleaseStep step, qint64 done, qint64) {
                    if (step == release::ReleaseStep::Package && done > 0 && !cancelled) {
                        cancelled = true;
                        QTest::mouseClick(cancel, Qt::LeftButton);
                    }
                });
        QSignalSpy finished(runPage->runner(), &release::ReleaseRunner::finished);
        QTest::mouseClick(wizard->button(QWizard::CommitButton), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QVERIFY(cancelled);
        const auto result = finished.first().first().value<release::ReleaseResult>();
        QVERIFY(result.cancelled);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::RunPageId));
        QVERIFY(!wizard->button(QWizard::CommitButton)->isVisible() ||
                !wizard->button(QWizard::NextButton)->isEnabled());
        auto* resume = child<QPushButton>(wizard, "resumeReleaseButton");
        QTRY_VERIFY(resume->isVisible());

        const history::ReleaseRecord interrupted = onlyRelease();
        QCOMPARE(interrupted.status, history::ReleaseStatus::Interrupted);
        QCOMPARE(interrupted.lastStep, QStringLiteral("package"));

        // The history offers Resume for it too; resuming from the wizard completes the same release.
        window.historyView()->refresh();
        QVERIFY(child<QPushButton>(window.historyView(), "resumeButton")->isEnabled());
        QTest::mouseClick(resume, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(ReleaseWizard::DonePageId), 120000);
        const history::ReleaseRecord completed = onlyRelease();
        QCOMPARE(completed.id, interrupted.id);
        QCOMPARE(completed.status, history::ReleaseStatus::Completed);
        QVERIFY(completed.attempts >= 2);
    }
};

QTEST_MAIN(TestReleaseWizard)
#include "tst_release_wizard.moc"
