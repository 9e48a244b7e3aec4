// The Review page's "Roll out to N % of devices first", by keyboard: refused (disabled, saying why) for a first
// release and for a Capgo registrar; ticked with Space and set by typing for the next release, which then becomes
// the channel's rollout while the stable release stays; the Done page says so and points to Channels (Ctrl+6).

#include "GuiTestSupport.h"
#include "history/History.h"
#include "registry/ChannelControl.h"
#include "registry/ChannelRollout.h"
#include "registry/RegistrarProfile.h"
#include "registry/RolloutState.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QSpinBox>
#include <QtTest>

using namespace slipway;
using namespace slipway::ui;
using guitest::child;
using guitest::pressOnFocus;
using guitest::typeIntoFocus;

namespace {

const QString App = QStringLiteral("com.example.staged");

// Key page (the default key) -> Build -> Checks -> Review for `version` of the build in `path`.
void walkToReview(ReleaseWizard* wizard, const QString& path, const QString& version)
{
    QCOMPARE(wizard->currentId(), int(ReleaseWizard::KeyPageId));
    QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(wizard->currentId(), int(ReleaseWizard::BuildPageId));
    child<QLineEdit>(wizard, "buildPathEdit")->setText(path);
    for (const auto& [name, text] : {std::pair{"appIdEdit", App}, std::pair{"versionEdit", version}}) {
        auto* edit = child<QLineEdit>(wizard, name);
        edit->clear();
        QTest::keyClicks(edit, text);
    }
    QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(wizard->currentId(), int(ReleaseWizard::ChecksPageId));
    QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(wizard->currentId(), int(ReleaseWizard::ReviewPageId));
}

void releaseAndWait(ReleaseWizard* wizard)
{
    QTest::mouseClick(wizard->button(QWizard::CommitButton), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(ReleaseWizard::DonePageId), 120000);
}

} // namespace

class TestReviewRollout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SlipwayTests"));
        QCoreApplication::setApplicationName(QStringLiteral("slipway-gui-review-rollout"));
    }

    void rolloutChosenByKeyboard()
    {
        guitest::Sandbox sandbox;
        const QString build = sandbox.dir.path() + QStringLiteral("/www");
        guitest::writeFile(build + QStringLiteral("/index.html"), guitest::indexHtml());
        guitest::writeFile(build + QStringLiteral("/app.js"), guitest::appJs());
        registry::RegistrarProfile capgo;
        capgo.name = QStringLiteral("cloud");
        capgo.apiHost = registry::RegistrarProfile::defaultCapgoApiHost();
        QVERIFY(registry::RegistrarProfileStore::save(capgo).ok());

        guitest::ShownWindow shown;
        MainWindow& window = shown.window;
        window.showPage(MainWindow::NewReleasePage);
        ReleaseWizard* wizard = window.wizard();

        // The first release of the channel: nothing stable for the others, so the option is refused, saying why.
        walkToReview(wizard, build, QStringLiteral("1.0.0"));
        auto* check = child<QCheckBox>(wizard, "rolloutCheck");
        auto* spin = child<QSpinBox>(wizard, "rolloutPercentSpin");
        auto* note = child<QLabel>(wizard, "rolloutNote");
        auto* summary = child<QLabel>(wizard, "reviewSummary");
        QTRY_VERIFY_WITH_TIMEOUT(!check->isEnabled(), 30000);
        QVERIFY2(note->isVisible() && note->text().contains(QStringLiteral("no stable release yet")),
                 qPrintable(note->text()));
        QVERIFY(check->toolTip().contains(QStringLiteral("no stable release yet")));
        QVERIFY(!spin->isEnabled());
        QVERIFY(summary->text().contains(QStringLiteral("Every device on production")));
        QTRY_VERIFY2_WITH_TIMEOUT(summary->text().contains(QStringLiteral("the channel serves no delta yet")),
                                  qPrintable(summary->text().mid(summary->text().indexOf(QStringLiteral("Update size")))),
                                  30000);
        releaseAndWait(wizard);
        QCOMPARE(wizard->currentPage()->title(), QStringLiteral("Released"));
        QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);

        // The next release: offered once the channel serves 1.0.0. One of its two files changed: the Review page
        // says, before anything is packaged, that a phone on 1.0.0 downloads that one file through the delta.
        guitest::writeFile(build + QStringLiteral("/app.js"), guitest::appJs() + "\nconsole.log('1.1.0');\n");
        window.showPage(MainWindow::NewReleasePage);
        walkToReview(wizard, build, QStringLiteral("1.1.0"));
        QTRY_VERIFY_WITH_TIMEOUT(check->isEnabled(), 30000);
        QVERIFY(!note->isVisible());
        QVERIFY(!check->isChecked());
        QTRY_VERIFY2_WITH_TIMEOUT(summary->text().contains(QStringLiteral("A phone on 1.0.0 downloads 1 of 2 file")) &&
                                      summary->text().contains(QStringLiteral("instead of the whole bundle")),
                                  qPrintable(summary->text().mid(summary->text().indexOf(QStringLiteral("Update size")))),
                                  30000);

        // A Capgo registrar cannot stage it: disabled, and the tooltip says why.
        auto* registrar = child<QComboBox>(wizard, "registrarCombo");
        registrar->setCurrentIndex(registrar->findData(QStringLiteral("cloud")));
        QVERIFY(!check->isEnabled());
        QVERIFY2(check->toolTip().contains(QStringLiteral("self-hosted channel manifests")) &&
                     check->toolTip().contains(QStringLiteral("Capgo")),
                 qPrintable(check->toolTip()));
        QVERIFY2(summary->text().contains(QStringLiteral("Capgo Cloud takes no delta")), qPrintable(summary->text()));
        registrar->setCurrentIndex(0);
        QVERIFY(check->isEnabled());

        // By keyboard: Tab from the registrar reaches the option, Space ticks it, Tab reaches the percentage.
        registrar->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(registrar));
        pressOnFocus(Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(check));
        pressOnFocus(Qt::Key_Space);
        QVERIFY(check->isChecked());
        QVERIFY(spin->isEnabled());
        QCOMPARE(spin->value(), 10);
        pressOnFocus(Qt::Key_Tab);
        QVERIFY2(spin->hasFocus(), qPrintable(QApplication::focusWidget()->objectName()));
        // ...and the label's mnemonic (Alt+D, "of the &devices first") reaches the percentage too.
        pressOnFocus(Qt::Key_Tab, Qt::ShiftModifier);
        QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(check));
        pressOnFocus(Qt::Key_D, Qt::AltModifier);
        QVERIFY2(spin->hasFocus(), qPrintable(QApplication::focusWidget()->objectName()));
        pressOnFocus(Qt::Key_A, Qt::ControlModifier);
        typeIntoFocus(QStringLiteral("25"));
        QCOMPARE(spin->value(), 25);
        QTRY_VERIFY2(summary->text().contains(
                         QStringLiteral("1.1.0 goes to 25 % of devices on production; the others stay on 1.0.0.")),
                     qPrintable(summary->text()));
        releaseAndWait(wizard);

        QCOMPARE(wizard->currentPage()->title(), QStringLiteral("Rollout started"));
        const QString done = child<QLabel>(wizard, "doneSummary")->text();
        QVERIFY2(done.contains(QStringLiteral("25 %")) && done.contains(QStringLiteral("Ctrl+6")) &&
                     done.contains(QStringLiteral("1.0.0")),
                 qPrintable(done));
        // As the Review page foretold: a phone on 1.0.0 downloads the one changed file through the delta.
        QVERIFY2(done.contains(QStringLiteral("Phones already on <b>1.0.0</b> download only what changed: <b>1 of ")),
                 qPrintable(done));

        // The channel: stable 1.0.0 for everyone else, 1.1.0 rolling out to 25 %, one rollout-start event.
        auto history = history::History::open();
        QVERIFY(history.ok());
        registry::ChannelControl control(*history.value());
        auto channels = control.channels(App);
        QVERIFY2(channels.ok(), channels ? "" : qPrintable(channels.error().message));
        QCOMPARE(channels->size(), 1);
        const registry::ChannelState& production = channels->first();
        QCOMPARE(production.version, QStringLiteral("1.0.0"));
        auto rollout = registry::RolloutState::fromManifest(production.manifest);
        QVERIFY(rollout.ok() && rollout->has_value());
        QCOMPARE(rollout->value().version, QStringLiteral("1.1.0"));
        QCOMPARE(rollout->value().percent, 25.0);
        QCOMPARE(rollout->value().state, registry::RolloutState::Active);
        auto events = history.value()->channelEvents(App, QStringLiteral("production"));
        QVERIFY(events.ok());
        int starts = 0;
        for (const history::ChannelEvent& e : events.value())
            starts += e.kind == registry::RolloutEventKind::Start && e.version == QStringLiteral("1.1.0") ? 1 : 0;
        QCOMPARE(starts, 1);
        auto audit = history.value()->verify();
        QVERIFY(audit.ok() && audit->intact());
    }
};

QTEST_MAIN(TestReviewRollout)
#include "tst_review_rollout.moc"
