// Saves PNGs of every wizard page, the history view with a few releases (list and charts), the key
// inspector, the signature check, targets, device test and the Done page into <build>/screenshots/
// so that people can look at them. Asserts that each image is a real, non-blank picture.

#include "DeviceTestView.h"
#include "GuiTestSupport.h"
#include "HistoryView.h"
#include "KeyInspector.h"
#include "KeysView.h"
#include "ReleaseTableModel.h"
#include "SignatureCheckView.h"
#include "history/History.h"
#include "release/ReleaseRunner.h"

#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

using namespace slipway;
using namespace slipway::ui;
using guitest::child;

class TestScreenshots : public QObject
{
    Q_OBJECT
    QString m_folder;
    int m_shots = 0;

    void shoot(QWidget* window, const QString& name)
    {
        QApplication::processEvents();
        QTest::qWait(150);
        const QImage image = window->grab().toImage();
        const QString path = QDir(m_folder).filePath(name + QStringLiteral(".png"));
        QVERIFY2(image.save(path), qPrintable(path));
        // Not blank: a real screen has many colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 8, qPrintable(name));
        ++m_shots;
    }

    static QString buildDir()
    {
        QDir dir(QCoreApplication::applicationDirPath());
        while (!dir.exists(QStringLiteral("CMakeCache.txt")) && dir.cdUp()) {
        }
        return dir.exists(QStringLiteral("CMakeCache.txt")) ? dir.absolutePath()
                                                            : QCoreApplication::applicationDirPath();
    }

    static void release(const QString& build, const QString& appId, const QString& version, const QString& channel,
                        bool cancelInPackage = false)
    {
        release::ReleasePlan plan;
        plan.appId = appId;
        plan.version = version;
        plan.channel = channel;
        plan.buildSource = build;
        plan.notes = QStringLiteral("screenshot fixture");
        release::ReleaseRunner runner;
        if (cancelInPackage)
            connect(
                &runner, &release::ReleaseRunner::stepStarted, &runner,
                [&runner](release::ReleaseStep step) {
                    if (step == release::ReleaseStep::Package)
                        runner.cancel();
                },
                Qt::DirectConnection);
        QSignalSpy done(&runner, &release::ReleaseRunner::finished);
        QVERIFY(runner.start(plan));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 60000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SlipwayTests"));
        QCoreApplication::setApplicationName(QStringLiteral("slipway-gui-screenshots"));
        m_folder = buildDir() + QStringLiteral("/screenshots");
        QDir().mkpath(m_folder);
    }

    void everyScreen()
    {
        guitest::Sandbox sandbox;
        MainWindow window;
        window.resize(1180, 760);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        shoot(&window, QStringLiteral("00-first-run"));

        // The one-click demo: running, done in plain words, the phone's verdict, the technical details.
        QTest::mouseClick(child<QPushButton>(&window, "demoReleaseButton"), Qt::LeftButton);
        ReleaseWizard* wizard = window.wizard();
        shoot(&window, QStringLiteral("00a-demo-running"));
        QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(ReleaseWizard::DonePageId), 120000);
        shoot(&window, QStringLiteral("00b-demo-done"));
        QTest::mouseClick(child<QPushButton>(wizard, "simulateButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(wizard, "phoneVerdict")->isVisible(), 60000);
        shoot(&window, QStringLiteral("00c-demo-phone-accepted"));
        QTest::mouseClick(child<QToolButton>(wizard, "technicalDetailsToggle"), Qt::LeftButton);
        shoot(&window, QStringLiteral("00d-demo-technical-details"));
        QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
        window.resize(1024, 640);
        window.showPage(MainWindow::ReleasesPage);
        shoot(&window, QStringLiteral("00e-releases-1024x640"));
        window.resize(1180, 760);

        // The wizard, page by page, on the demo build.
        window.showPage(MainWindow::NewReleasePage);
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        shoot(&window, QStringLiteral("01-wizard-key"));
        QTest::mouseClick(child<QRadioButton>(wizard, "keyModeCreate"), Qt::LeftButton, {}, QPoint(8, 8));
        QTest::keyClicks(child<QLineEdit>(wizard, "newKeyName"), QStringLiteral("production"));
        QTest::keyClicks(child<QLineEdit>(wizard, "newKeyPassphrase"), QStringLiteral("correct horse battery"));
        QTest::keyClicks(child<QLineEdit>(wizard, "newKeyPassphraseRepeat"), QStringLiteral("correct horse battery"));
        QTest::mouseClick(child<QPushButton>(wizard, "createKeyButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(child<QWidget>(wizard, "backupReminder")->isVisible(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        shoot(&window, QStringLiteral("02-wizard-key-created"));
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QTest::mouseClick(child<QPushButton>(wizard, "useDemoButton"), Qt::LeftButton);
        shoot(&window, QStringLiteral("03-wizard-build"));
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        shoot(&window, QStringLiteral("04-wizard-checks"));
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        shoot(&window, QStringLiteral("05-wizard-review"));
        // The demo went out on this channel with the default key: the key guard asks before the new key signs.
        bool keyChangeAsked = false;
        auto* poll = new QTimer(&window);
        connect(poll, &QTimer::timeout, poll, [&, poll] {
            for (QWidget* top : QApplication::topLevelWidgets()) {
                if (top->objectName() == QStringLiteral("keyChangeConfirmation") && top->isVisible()) {
                    poll->stop();
                    keyChangeAsked = true;
                    shoot(top, QStringLiteral("05b-key-change-confirm"));
                    QTest::mouseClick(child<QPushButton>(top, "confirmKeyChangeButton"), Qt::LeftButton);
                    return;
                }
            }
        });
        poll->start(20);
        QTest::mouseClick(wizard->button(QWizard::CommitButton), Qt::LeftButton);
        shoot(&window, QStringLiteral("06-wizard-run"));
        QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(ReleaseWizard::DonePageId), 120000);
        QVERIFY(keyChangeAsked);
        delete poll;
        shoot(&window, QStringLiteral("07-wizard-done"));
        QTest::mouseClick(child<QPushButton>(wizard, "simulateButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(wizard, "phoneVerdict")->isVisible(), 60000);
        QVERIFY(child<QTreeWidget>(wizard, "phoneStepsList")->topLevelItemCount() > 3);
        shoot(&window, QStringLiteral("08-wizard-done-simulated"));
        QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);

        // A few more releases, one of them interrupted, for the history and its charts.
        const QString demo = DataLocation::root() + QStringLiteral("/demo/www");
        release(demo, QStringLiteral("com.example.slipwaydemo"), QStringLiteral("1.0.2"), QStringLiteral("production"));
        release(demo, QStringLiteral("com.example.slipwaydemo"), QStringLiteral("1.1.0"), QStringLiteral("beta"));
        const QString bigger = sandbox.dir.filePath(QStringLiteral("shop"));
        guitest::writeFile(bigger + QStringLiteral("/index.html"), guitest::indexHtml());
        guitest::writeFile(bigger + QStringLiteral("/app.js"), guitest::appJs());
        guitest::writeRandomFile(bigger + QStringLiteral("/assets.bin"), 300 * 1024);
        release(bigger, QStringLiteral("com.example.shop"), QStringLiteral("2.3.0"), QStringLiteral("production"));
        guitest::writeRandomFile(bigger + QStringLiteral("/assets.bin"), 420 * 1024);
        release(bigger, QStringLiteral("com.example.shop"), QStringLiteral("2.4.0"), QStringLiteral("production"));
        release(bigger, QStringLiteral("com.example.shop"), QStringLiteral("2.5.0"), QStringLiteral("production"),
                true);

        window.showPage(MainWindow::ReleasesPage);
        HistoryView* history = window.historyView();
        history->refresh();
        QVERIFY(history->model()->rowCount() >= 5);
        history->selectRelease(history->model()->releaseAt(1)->id);
        QSignalSpy chainChecked(history, &HistoryView::chainChecked);
        history->verifyChain();
        QVERIFY(chainChecked.wait(30000));
        shoot(&window, QStringLiteral("09-history"));
        child<QTabWidget>(history, "historyTabs")->setCurrentIndex(1);
        shoot(&window, QStringLiteral("10-history-charts"));
        // The channel view: what each channel serves and who changed it; then a roll back being confirmed.
        QSignalSpy channels(history, &HistoryView::channelsRefreshed);
        history->refreshChannels();
        QVERIFY(channels.wait(30000));
        child<QTabWidget>(history, "historyTabs")->setCurrentIndex(2);
        shoot(&window, QStringLiteral("10b-history-channels"));
        child<QTabWidget>(history, "historyTabs")->setCurrentIndex(0);
        history->selectRelease(history->model()->releaseAt(history->model()->rowCount() - 1)->id); // demo 1.0.0
        QTest::mouseClick(child<QPushButton>(history, "rollbackButton"), Qt::LeftButton);
        QWidget* dialog = nullptr;
        QTRY_VERIFY((dialog = history->findChild<QWidget*>(QStringLiteral("channelChangeDialog"))) &&
                    dialog->isVisible());
        shoot(dialog, QStringLiteral("10c-rollback-confirm"));
        QTest::mouseClick(child<QPushButton>(dialog, "cancelChannelChange"), Qt::LeftButton);

        window.showPage(MainWindow::KeysPage);
        QTRY_VERIFY(!child<QLabel>(window.keysView()->inspector(), "inspectorFacts")
                         ->text()
                         .contains(QStringLiteral("reading the release history")));
        shoot(&window, QStringLiteral("11-key-inspector"));
        window.keysView()->setCurrentIndex(1);
        SignatureCheckView* signature = window.keysView()->signatureCheck();
        QTRY_VERIFY(child<QComboBox>(signature, "sigReleaseCombo")->currentData().toLongLong() > 0);
        QSignalSpy checked(signature, &SignatureCheckView::checkFinished);
        signature->runCheck();
        QTRY_COMPARE_WITH_TIMEOUT(checked.size(), 1, 60000);
        shoot(&window, QStringLiteral("12-signature-check"));

        window.showPage(MainWindow::TargetsPage);
        shoot(&window, QStringLiteral("13-targets"));
        window.showPage(MainWindow::DeviceTestPage);
        QTRY_VERIFY(!child<QLineEdit>(window.deviceTestView(), "deviceAppId")->text().isEmpty());
        QTest::mouseClick(child<QPushButton>(window.deviceTestView(), "deviceSimulateButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            child<QTreeWidget>(window.deviceTestView(), "deviceStepsList")->topLevelItemCount() > 3, 60000);
        shoot(&window, QStringLiteral("14-device-test"));

        // The checks page blocking a broken build.
        const QString broken = sandbox.dir.filePath(QStringLiteral("broken"));
        guitest::writeFile(broken + QStringLiteral("/app.js"), guitest::appJs());
        window.showPage(MainWindow::NewReleasePage);
        wizard->startNew();
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        QTest::keyClicks(child<QLineEdit>(wizard, "keyPassphraseEdit"), QStringLiteral("correct horse battery"));
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        child<QLineEdit>(wizard, "buildPathEdit")->setText(broken);
        child<QLineEdit>(wizard, "appIdEdit")->setText(QStringLiteral("com.example.broken"));
        child<QLineEdit>(wizard, "versionEdit")->setText(QStringLiteral("0.1.0"));
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(child<QTreeWidget>(wizard, "checksList")->topLevelItemCount() > 0, 30000);
        shoot(&window, QStringLiteral("15-wizard-checks-blocked"));
        qInfo("%d screenshots in %s", m_shots, qPrintable(m_folder));
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
