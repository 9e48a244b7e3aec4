// The desktop app as its three kinds of users meet it: the one-click demo told in plain words, the
// release manager's guard rails (a taken version caught on the Build page, a refused release that is
// not a dead end, a huge folder that can be stopped, confirmed channel changes) and the security
// staff's facts (the right key preselected, keys told apart, the default key's state said plainly).

#include "ChannelChangeDialog.h"
#include "ChecksPage.h"
#include "DemoWorkspace.h"
#include "DeviceTestView.h"
#include "GuiTestSupport.h"
#include "HistoryView.h"
#include "KeyInspector.h"
#include "KeysView.h"
#include "KnownKeys.h"
#include "MessageBar.h"
#include "ReleaseDetailPane.h"
#include "ReleaseTableModel.h"
#include "SignatureCheckView.h"
#include "history/History.h"
#include "registry/LocalChannelRegistrar.h"
#include "release/ReleaseRunner.h"
#include "release/ReleaseStep.h"
#include "release/SigningKey.h"
#include "storage/FolderStorage.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

using namespace slipway;
using namespace slipway::ui;
using guitest::child;

namespace {

const QString DemoApp = QStringLiteral("com.example.slipwaydemo");

QString servedVersion(const QString& appId, const QString& channel)
{
    auto storage = std::make_shared<storage::FolderStorage>(DataLocation::folder(QStringLiteral("storage")));
    registry::LocalChannelRegistrar registrar(storage);
    auto manifest = registrar.publishedManifest(appId, channel);
    return manifest ? manifest->value(QStringLiteral("version")).toString() : QString();
}

// Clicks "Try the demo release" and waits for the Done page.
void runDemo(MainWindow& window)
{
    QTest::mouseClick(child<QPushButton>(&window, "demoReleaseButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(window.wizard()->currentId(), int(ReleaseWizard::DonePageId), 120000);
}

QString cliOutput(const QStringList& args)
{
    QProcess cli;
    cli.start(qEnvironmentVariable("SLIPWAY_BIN"),
              QStringList{QStringLiteral("--data-dir"), DataLocation::root()} + args);
    if (!cli.waitForFinished(60000))
        return {};
    return QString::fromUtf8(cli.readAllStandardOutput() + cli.readAllStandardError());
}

// The dialog a channel button opens (asynchronously, window-modal).
ChannelChangeDialog* channelDialog(QWidget* view)
{
    ChannelChangeDialog* dialog = nullptr;
    if (!QTest::qWaitFor([&] { return (dialog = view->findChild<ChannelChangeDialog*>()) && dialog->isVisible(); },
                         5000))
        return nullptr;
    return dialog;
}

} // namespace

class TestStory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SlipwayTests"));
        QCoreApplication::setApplicationName(QStringLiteral("slipway-gui-story"));
    }

    // One click publishes the demo: no key page, no Next presses, a Demo label, plain-words steps,
    // then a plain success page whose technical details wait behind a toggle.
    void demoIsOneClickInPlainWords()
    {
        guitest::Sandbox sandbox;
        MainWindow window;
        window.show();
        ReleaseWizard* wizard = window.wizard();
        QTest::mouseClick(child<QPushButton>(&window, "demoReleaseButton"), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::RunPageId));
        QVERIFY(child<QLabel>(wizard, "demoBadge")->isVisible());
        auto* plain = child<QLabel>(wizard, "stepPlain_package");
        QVERIFY(plain->isVisible());
        QVERIFY(!plain->text().contains(QStringLiteral("SHA")));
        QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(ReleaseWizard::DonePageId), 120000);

        QVERIFY(child<QLabel>(wizard, "doneDemoBadge")->isVisible());
        const QString summary = child<QLabel>(wizard, "doneSummary")->text();
        QVERIFY2(summary.contains(QStringLiteral("1.0.0")) && summary.contains(QStringLiteral("published")),
                 qPrintable(summary));
        for (const char* jargon : {"key_id", "checksum", "SHA", ".capgo_key", "fingerprint"})
            QVERIFY2(!summary.contains(QLatin1String(jargon)), jargon);
        QVERIFY(!child<QWidget>(wizard, "technicalDetails")->isVisible());
        QVERIFY(!child<QLineEdit>(wizard, "signedChecksumEdit")->isVisible());
        auto* simulate = child<QPushButton>(wizard, "simulateButton");
        QVERIFY(simulate->isVisible() && simulate->isEnabled());
        QVERIFY(simulate->font().bold());

        QTest::mouseClick(simulate, Qt::LeftButton);
        auto* verdict = child<QLabel>(wizard, "phoneVerdict");
        QTRY_VERIFY_WITH_TIMEOUT(verdict->isVisible(), 60000);
        QVERIFY2(verdict->text().contains(QStringLiteral("accepted")), qPrintable(verdict->text()));

        QTest::mouseClick(child<QToolButton>(wizard, "technicalDetailsToggle"), Qt::LeftButton);
        QVERIFY(child<QWidget>(wizard, "technicalDetails")->isVisible());
        QVERIFY(!child<QLineEdit>(wizard, "signedChecksumEdit")->text().isEmpty());
        QVERIFY(child<QLabel>(wizard, "doneKeyFacts")->text().contains(QStringLiteral("\u2026")) ||
                child<QLabel>(wizard, "doneKeyFacts")->text().count(QLatin1Char(':')) >= 31);

        // The release is recorded like any other; a second click releases the next version.
        QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
        QCOMPARE(servedVersion(DemoApp, QStringLiteral("production")), QStringLiteral("1.0.0"));
        window.startDemoRelease();
        QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(ReleaseWizard::DonePageId), 120000);
        QCOMPARE(servedVersion(DemoApp, QStringLiteral("production")), QStringLiteral("1.0.1"));
    }

    // The Releases view speaks the wizard's words: the same step names, no raw key_id column, and
    // nothing clipped at 1024x640.
    void releasesViewUsesTheWizardsWords()
    {
        guitest::Sandbox sandbox;
        MainWindow window;
        window.resize(1024, 640);
        window.show();
        runDemo(window);
        QTest::mouseClick(window.wizard()->button(QWizard::FinishButton), Qt::LeftButton);
        HistoryView* view = window.historyView();
        QCOMPARE(view->model()->rowCount(), 1);
        QStringList headers;
        for (int c = 0; c < view->model()->columnCount(); ++c)
            headers << view->model()->headerData(c, Qt::Horizontal).toString();
        QVERIFY2(!headers.contains(QStringLiteral("key_id")), qPrintable(headers.join(QLatin1Char(','))));
        QCOMPARE(view->model()->data(view->model()->index(0, ReleaseTableModel::KeyColumn)).toString(),
                 QStringLiteral("Slipway default key"));

        auto* steps = child<QTreeWidget>(view, "releaseStepsList");
        QVERIFY(steps->topLevelItemCount() >= 7);
        QStringList wizardTitles;
        for (release::ReleaseStep step : release::allSteps())
            wizardTitles << release::stepTitle(step);
        for (int i = 0; i < steps->topLevelItemCount(); ++i) {
            const QString shown = steps->topLevelItem(i)->text(0);
            QVERIFY2(wizardTitles.contains(shown), qPrintable(shown));
            QCOMPARE(steps->topLevelItem(i)->text(2), QStringLiteral("done"));
        }
        QVERIFY(wizardTitles.contains(QStringLiteral("Pre-flight")));

        auto* table = child<QTableView>(view, "historyTable");
        QApplication::processEvents();
        QVERIFY2(table->horizontalHeader()->length() <= table->viewport()->width() + 1,
                 qPrintable(QStringLiteral("header %1 > viewport %2")
                                .arg(table->horizontalHeader()->length())
                                .arg(table->viewport()->width())));
        for (int c = 0; c < view->model()->columnCount(); ++c) {
            if (c == ReleaseTableModel::AppColumn)
                continue;
            int needed = table->horizontalHeader()->sectionSizeHint(c);
            for (int r = 0; r < view->model()->rowCount(); ++r)
                needed = qMax(needed, table->fontMetrics().horizontalAdvance(
                                          view->model()->data(view->model()->index(r, c)).toString()) +
                                          4);
            QVERIFY2(table->columnWidth(c) >= needed, qPrintable(QStringLiteral("column %1 clipped: %2 < %3")
                                                                     .arg(headers.at(c))
                                                                     .arg(table->columnWidth(c))
                                                                     .arg(needed)));
        }
    }

    // A version the channel already has is caught on the Build page, typed through the focus chain.
    void buildPageCatchesATakenVersion()
    {
        guitest::Sandbox sandbox;
        MainWindow window;
        window.show();
        runDemo(window);
        QTest::mouseClick(window.wizard()->button(QWizard::FinishButton), Qt::LeftButton);

        window.showPage(MainWindow::NewReleasePage);
        ReleaseWizard* wizard = window.wizard();
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::BuildPageId));
        QTest::mouseClick(child<QPushButton>(wizard, "useDemoButton"), Qt::LeftButton);
        auto* version = child<QLineEdit>(wizard, "versionEdit");
        QTRY_COMPARE(version->text(), QStringLiteral("1.0.1")); // suggested, once the history is read
        version->setFocus();
        QTRY_VERIFY(version->hasFocus());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("1.0.0"));
        QCOMPARE(version->text(), QStringLiteral("1.0.0"));
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::BuildPageId));
        auto* bar = wizard->currentPage()->findChild<MessageBar*>();
        QCOMPARE(bar->kind(), MessageBar::Kind::Error);
        QVERIFY2(bar->text().contains(QStringLiteral("already released")) &&
                     bar->text().contains(QStringLiteral("1.0.1")),
                 qPrintable(bar->text()));
        QVERIFY2(!bar->text().contains(QStringLiteral("--")), qPrintable(bar->text()));
        QVERIFY(version->hasFocus());
    }

    // A release refused by the runner (the version was taken after the Build page) leads on: no
    // Resume that fails again, a message without command-line flags, and a way back to the version.
    void refusedReleaseIsNotADeadEnd()
    {
        guitest::Sandbox sandbox;
        MainWindow window;
        window.show();
        runDemo(window);
        QTest::mouseClick(window.wizard()->button(QWizard::FinishButton), Qt::LeftButton);

        auto stale = DemoWorkspace::demoDraft();
        QVERIFY(stale);
        stale->plan.version = QStringLiteral("1.0.0"); // as if drafted before 1.0.0 was released
        stale->demo = false;
        window.showPage(MainWindow::NewReleasePage);
        ReleaseWizard* wizard = window.wizard();
        wizard->startPrepared(stale.value());
        auto* bar = wizard->currentPage()->findChild<MessageBar*>();
        QTRY_COMPARE_WITH_TIMEOUT(bar->kind(), MessageBar::Kind::Error, 60000);
        QTRY_VERIFY(!wizard->isReleaseRunning());
        QTRY_VERIFY2(bar->text().contains(QStringLiteral("already released")), qPrintable(bar->text()));
        QVERIFY2(!bar->text().contains(QStringLiteral("--")), qPrintable(bar->text()));
        QVERIFY(!child<QPushButton>(wizard, "resumeReleaseButton")->isVisible());
        auto* change = child<QPushButton>(wizard, "changeVersionButton");
        QVERIFY(change->isVisible());
        QTest::mouseClick(change, Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::BuildPageId));
        QTRY_COMPARE(child<QLineEdit>(wizard, "versionEdit")->text(), QStringLiteral("1.0.1"));
    }

    // A huge folder: the scan shows progress and can be stopped; a build that failed its checks
    // never lands in Recent builds; a folder over the size limit is refused in plain words, quickly.
    void hugeFolderCanBeStoppedAndStaysOutOfRecent()
    {
        guitest::Sandbox sandbox;
        MainWindow window;
        window.show();
        window.showPage(MainWindow::NewReleasePage);
        ReleaseWizard* wizard = window.wizard();
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);

        child<QLineEdit>(wizard, "buildPathEdit")->setText(QStringLiteral("/"));
        child<QLineEdit>(wizard, "appIdEdit")->setText(QStringLiteral("com.example.huge"));
        child<QLineEdit>(wizard, "versionEdit")->setText(QStringLiteral("1.0.0"));
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::ChecksPageId));
        auto* page = qobject_cast<ChecksPage*>(wizard->currentPage());
        auto* cancel = child<QPushButton>(wizard, "cancelChecksButton");
        QVERIFY(cancel->isVisible());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning(), 20000);
        auto* bar = page->findChild<MessageBar*>();
        QVERIFY2(bar->text().contains(QStringLiteral("stopped")) || bar->text().contains(QStringLiteral("larger")),
                 qPrintable(bar->text()));
        QVERIFY2(!bar->text().contains(QStringLiteral("--")), qPrintable(bar->text()));
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());

        // Over the size limit: refused before the walk is done, in words for the GUI.
        const QString big = sandbox.dir.filePath(QStringLiteral("big"));
        for (int i = 0; i < 600; ++i)
            guitest::writeFile(big + QStringLiteral("/a/f%1.txt").arg(i), "x");
        guitest::writeFile(big + QStringLiteral("/index.html"), guitest::indexHtml());
        {
            QFile huge(big + QStringLiteral("/a/0000-video.bin"));
            QVERIFY(huge.open(QIODevice::WriteOnly));
            QVERIFY(huge.resize(3LL << 30)); // sparse: 3 GiB on paper
        }
        QTest::mouseClick(wizard->button(QWizard::BackButton), Qt::LeftButton);
        child<QLineEdit>(wizard, "buildPathEdit")->setText(big);
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning(), 20000);
        QCOMPARE(bar->kind(), MessageBar::Kind::Error);
        QVERIFY2(bar->text().contains(QStringLiteral("larger than a web build")), qPrintable(bar->text()));
        QVERIFY2(!bar->text().contains(QStringLiteral("--")), qPrintable(bar->text()));

        // Neither folder is offered again as a recent build.
        QTest::mouseClick(wizard->button(QWizard::BackButton), Qt::LeftButton);
        auto* recent = child<QListWidget>(wizard, "recentBuildsList");
        for (int i = 0; i < recent->count(); ++i) {
            const QString path = recent->item(i)->data(Qt::UserRole).toString();
            QVERIFY2(path != QLatin1String("/") && !path.endsWith(QLatin1String("/big")), qPrintable(path));
        }
    }

    // Channel changes are confirmed with the version, offered among the app's channels with what each
    // serves, recorded with the OS user, and shown by `history show` and the evidence package.
    void channelChangesAreConfirmedAndRecorded()
    {
        guitest::Sandbox sandbox;
        MainWindow window;
        window.show();
        runDemo(window);
        QTest::mouseClick(window.wizard()->button(QWizard::FinishButton), Qt::LeftButton);
        runDemo(window);
        QTest::mouseClick(window.wizard()->button(QWizard::FinishButton), Qt::LeftButton);
        QCOMPARE(servedVersion(DemoApp, QStringLiteral("production")), QStringLiteral("1.0.1"));

        HistoryView* view = window.historyView();
        view->refresh();
        const qint64 first = view->model()->releaseAt(view->model()->rowCount() - 1)->id; // 1.0.0
        const qint64 second = view->model()->releaseAt(0)->id;                            // 1.0.1
        view->selectRelease(first);

        // Roll back asks first, naming both versions; Cancel changes nothing.
        QTest::mouseClick(child<QPushButton>(view, "rollbackButton"), Qt::LeftButton);
        ChannelChangeDialog* dialog = channelDialog(view);
        QVERIFY(dialog);
        QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Roll back to 1.0.0"));
        const QString summary = child<QLabel>(dialog, "channelChangeSummary")->text();
        QVERIFY2(summary.contains(QStringLiteral("instead of 1.0.1")), qPrintable(summary));
        QTest::mouseClick(child<QPushButton>(dialog, "cancelChannelChange"), Qt::LeftButton);
        QCOMPARE(servedVersion(DemoApp, QStringLiteral("production")), QStringLiteral("1.0.1"));

        QTest::mouseClick(child<QPushButton>(view, "rollbackButton"), Qt::LeftButton);
        dialog = channelDialog(view);
        QVERIFY(dialog);
        QSignalSpy changed(view, &HistoryView::channelChanged);
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
        QTRY_COMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().toBool(), true);
        QCOMPARE(servedVersion(DemoApp, QStringLiteral("production")), QStringLiteral("1.0.0"));

        // Rolling back to what the channel already serves is not offered.
        view->selectRelease(first);
        QTest::mouseClick(child<QPushButton>(view, "rollbackButton"), Qt::LeftButton);
        dialog = channelDialog(view);
        QVERIFY(dialog);
        QVERIFY(!dialog->confirmButton()->isEnabled());
        QVERIFY(child<QLabel>(dialog, "channelChangeSummary")->text().contains(QStringLiteral("already serves")));
        QTest::mouseClick(child<QPushButton>(dialog, "cancelChannelChange"), Qt::LeftButton);

        // Promote picks among the app's channels (with what each serves) or a new one typed in.
        view->selectRelease(second);
        QTest::mouseClick(child<QPushButton>(view, "promoteButton"), Qt::LeftButton);
        dialog = channelDialog(view);
        QVERIFY(dialog);
        auto* choice = child<QComboBox>(dialog, "channelChoice");
        const int production = choice->findData(QStringLiteral("production"));
        QVERIFY(production >= 0);
        QVERIFY2(choice->itemText(production).contains(QStringLiteral("serves 1.0.0")),
                 qPrintable(choice->itemText(production)));
        dialog->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        choice->setCurrentIndex(choice->findData(QString()));
        QTRY_VERIFY(child<QLineEdit>(dialog, "newChannelEdit")->hasFocus());
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("beta"));
        QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Promote to 1.0.1"));
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
        QTRY_COMPARE(changed.size(), 2);
        QCOMPARE(servedVersion(DemoApp, QStringLiteral("beta")), QStringLiteral("1.0.1"));

        // The Channels tab: what each channel serves, and who changed it last.
        QSignalSpy channels(view, &HistoryView::channelsRefreshed);
        view->refreshChannels();
        QVERIFY(channels.wait(30000));
        auto* table = view->channelsTable();
        QMap<QString, QTreeWidgetItem*> rows;
        for (int i = 0; i < table->topLevelItemCount(); ++i)
            rows.insert(table->topLevelItem(i)->text(1), table->topLevelItem(i));
        QVERIFY(rows.contains(QStringLiteral("production")) && rows.contains(QStringLiteral("beta")));
        QCOMPARE(rows.value(QStringLiteral("production"))->text(2), QStringLiteral("1.0.0"));
        QCOMPARE(rows.value(QStringLiteral("beta"))->text(2), QStringLiteral("1.0.1"));
        QVERIFY2(!rows.value(QStringLiteral("production"))->text(3).contains(QStringLiteral("unknown user")),
                 qPrintable(rows.value(QStringLiteral("production"))->text(3)));

        // Recorded with the OS user; `history show` and the evidence name the promote.
        auto history = history::History::open();
        QVERIFY(history);
        auto events = history.value()->channelEvents(DemoApp);
        QVERIFY(events && events->size() >= 2);
        for (const history::ChannelEvent& e : events.value())
            QVERIFY2(!e.osUser.isEmpty(), qPrintable(e.kind));
        const QString show = cliOutput({QStringLiteral("history"), QStringLiteral("show"), QString::number(second)});
        QVERIFY2(show.contains(QStringLiteral("Channel beta promote")), qPrintable(show));
        const QString evidence = sandbox.dir.filePath(QStringLiteral("evidence.tar.xz"));
        view->selectRelease(second);
        QSignalSpy written(view, &HistoryView::evidenceFinished);
        view->writeEvidence(evidence);
        QVERIFY(written.wait(60000));
        QProcess tar;
        tar.start(QStringLiteral("tar"),
                  {QStringLiteral("-xJOf"), evidence,
                   QStringLiteral("slipway-evidence-release-%1/channel-events.json").arg(second)});
        QVERIFY(tar.waitForFinished(30000));
        const QByteArray json = tar.readAllStandardOutput();
        QVERIFY2(json.contains("\"beta\"") && json.contains("promote"), json.constData());
    }

    // Signature check and Device test start from the key the release was signed with.
    void checksPreselectTheReleasesKey()
    {
        guitest::Sandbox sandbox;
        auto generated = crypto::RsaKey::generate();
        QVERIFY(generated);
        const SecureBytes passphrase(QByteArray("release passphrase"));
        auto signer = KnownKeys::create(QStringLiteral("signer"), generated.value(), passphrase);
        QVERIFY(signer);
        auto demo = DemoWorkspace::demoDraft();
        QVERIFY(demo);
        release::ReleasePlan plan = demo->plan;
        plan.keyPath = signer->privatePath;
        {
            release::ReleaseRunner runner;
            runner.setKeyPassphrase(passphrase);
            QSignalSpy done(&runner, &release::ReleaseRunner::finished);
            QVERIFY(runner.start(plan));
            QVERIFY(done.wait(60000));
            QVERIFY(done.first().first().value<release::ReleaseResult>().ok());
        }
        // The default key exists too and comes first in every list.
        QVERIFY(release::SigningKey::loadOrCreateDefault());

        MainWindow window;
        window.show();
        window.showPage(MainWindow::KeysPage);
        SignatureCheckView* signature = window.keysView()->signatureCheck();
        auto* combo = child<QComboBox>(signature, "sigPublicKeyCombo");
        QTRY_COMPARE(combo->currentData().toString(), signer->privatePath); // once the release is read
        // Keys are told apart by their fingerprint, not only by a key_id sharing its first 12 characters.
        QVERIFY2(combo->currentText().contains(crypto::fingerprintStart(signer->fingerprint)),
                 qPrintable(combo->currentText()));
        QSignalSpy checked(signature, &SignatureCheckView::checkFinished);
        signature->runCheck();
        QVERIFY(checked.wait(60000));
        QCOMPARE(checked.first().first().toBool(), true);

        window.showPage(MainWindow::DeviceTestPage);
        DeviceTestView* device = window.deviceTestView();
        QTRY_COMPARE(child<QComboBox>(device, "deviceKeyCombo")->currentData().toString(), signer->privatePath);
    }

    // A phone that is blocked is not shown with a green check; the test endpoint stays on this
    // computer unless asked otherwise, and says where it listens.
    void deviceTestSaysBlockedAndWhereItListens()
    {
        guitest::Sandbox sandbox;
        MainWindow window;
        window.show();
        runDemo(window); // signed with the default key
        QTest::mouseClick(window.wizard()->button(QWizard::FinishButton), Qt::LeftButton);
        auto other = crypto::RsaKey::generate();
        QVERIFY(other);
        auto otherKey = KnownKeys::create(QStringLiteral("other"), other.value(), SecureBytes(QByteArray("12345678")));
        QVERIFY(otherKey);

        window.showPage(MainWindow::DeviceTestPage);
        DeviceTestView* device = window.deviceTestView();
        QTRY_VERIFY(!child<QLineEdit>(device, "deviceAppId")->text().isEmpty()); // read from the history
        auto* keys = child<QComboBox>(device, "deviceKeyCombo");
        keys->setCurrentIndex(keys->findData(otherKey->privatePath));
        Q_EMIT keys->activated(keys->currentIndex());
        QTest::mouseClick(child<QPushButton>(device, "deviceSimulateButton"), Qt::LeftButton);
        auto* steps = child<QTreeWidget>(device, "deviceStepsList");
        QTRY_VERIFY_WITH_TIMEOUT(steps->topLevelItemCount() > 0, 60000);
        QTreeWidgetItem* last = steps->topLevelItem(steps->topLevelItemCount() - 1);
        QVERIFY2(last->text(1).contains(QStringLiteral("blocked")), qPrintable(last->text(1)));
        QCOMPARE(last->data(0, Qt::UserRole).toString(), QStringLiteral("warning"));

        auto* listen = child<QComboBox>(device, "endpointListen");
        QCOMPARE(listen->currentData().toString(), QStringLiteral("loopback"));
        child<QSpinBox>(device, "endpointPort")->setValue(20000 + int(QCoreApplication::applicationPid() % 20000));
        QTest::mouseClick(child<QPushButton>(device, "endpointButton"), Qt::LeftButton);
        const QString where = child<QLabel>(device, "endpointUrl")->text();
        QVERIFY2(where.contains(QStringLiteral("this computer only")) && where.contains(QStringLiteral("127.0.0.1")),
                 qPrintable(where));
        QTest::mouseClick(child<QPushButton>(device, "endpointButton"), Qt::LeftButton);
    }

    // A key's Created is when it was made; the unprotected default key says so and can be protected.
    void keyFactsForSecurityStaff()
    {
        guitest::Sandbox sandbox;
        MainWindow window;
        window.show();
        runDemo(window); // creates the default key and signs with it
        QTest::mouseClick(window.wizard()->button(QWizard::FinishButton), Qt::LeftButton);
        auto made = crypto::RsaKey::generate();
        QVERIFY(made);
        auto created =
            KnownKeys::create(QStringLiteral("made-here"), made.value(), SecureBytes(QByteArray("12345678")));
        QVERIFY(created);

        window.showPage(MainWindow::KeysPage);
        KeyInspector* inspector = window.keysView()->inspector();
        QVERIFY(guitest::actAndWait(inspector, &KeyInspector::factsShown,
                                    [&] { inspector->inspect(created->privatePath); }));
        QString facts = child<QLabel>(inspector, "inspectorFacts")->text();
        QVERIFY2(facts.contains(QStringLiteral("Created")) && !facts.contains(QStringLiteral("not recorded")),
                 qPrintable(facts));
        QVERIFY2(facts.contains(QStringLiteral("First signed a release")) && facts.contains(QStringLiteral("never")),
                 qPrintable(facts));

        // The default key: the file's date, labelled as such, and its first signature separately.
        const QString defaultKey = release::SigningKey::defaultPath();
        const auto before = KnownKeys::describe(defaultKey);
        QVERIFY(guitest::actAndWait(inspector, &KeyInspector::factsShown, [&] { inspector->inspect(defaultKey); }));
        facts = child<QLabel>(inspector, "inspectorFacts")->text();
        QVERIFY2(!facts.contains(QStringLiteral("never")), qPrintable(facts));
        auto* warning = child<QLabel>(inspector, "defaultKeyWarning");
        QVERIFY(warning->isVisible());
        QVERIFY(warning->text().contains(QStringLiteral("not protected")));

        auto* fresh = child<QLineEdit>(inspector, "inspectorNewPassphrase");
        fresh->setFocus();
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("a long passphrase"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("a long passphrase"));
        QCOMPARE(child<QLineEdit>(inspector, "inspectorNewPassphraseRepeat")->text(),
                 QStringLiteral("a long passphrase"));
        QTest::mouseClick(child<QPushButton>(inspector, "changePassphraseButton"), Qt::LeftButton);
        QVERIFY2(inspector->messages()->kind() == MessageBar::Kind::Success, qPrintable(inspector->messages()->text()));
        QVERIFY(!QFileInfo::exists(defaultKey));
        const KnownKey after = KnownKeys::list().first();
        QVERIFY(after.isDefault && after.passphraseProtected);
        QCOMPARE(after.privatePath, release::SigningKey::protectedDefaultPath());
        QCOMPARE(after.fingerprint, before.fingerprint); // the same key pair: apps keep trusting it
        QVERIFY(!warning->isVisible());
        // No new unprotected default key is made behind the user's back afterwards.
        QVERIFY(!release::SigningKey::loadOrCreateDefault());
        QVERIFY(!QFileInfo::exists(defaultKey));
    }
};

QTEST_MAIN(TestStory)
#include "tst_story.moc"
