// The desktop app on a team's PostgreSQL history (a real PostgreSQL 15 on loopback, a real Secret Service on a
// private D-Bus session bus): Release history… driven from the keyboard alone (Tab along the focus chain, typing,
// Space, Enter = Save, Esc = Cancel); Test connection says what happened (connected with the server's version, wrong
// password, nothing at a closed port within seconds); Save puts the address in the settings and the password in the
// keychain only; the Releases view shows a release made by another process (the CLI) within a second of its commit,
// row by row without re-reading the list; an unreachable team history at start offers the way back to the local one.

#include "DemoWorkspace.h"
#include "GuiTestSupport.h"
#include "HistoryChoice.h"
#include "HistoryLocationDialog.h"
#include "HistoryView.h"
#include "LoopbackServices.h"
#include "MessageBar.h"
#include "ReleaseTableModel.h"
#include "common/KeychainEntry.h"
#include "history/History.h"
#include "history/HistoryListener.h"
#include "history/ServerLogin.h"

#include <QAction>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QThread>
#include <QScopeGuard>
#include <QtTest>

using namespace slipway;
using namespace slipway::ui;
using guitest::child;
using guitest::pressOnFocus;
using guitest::typeIntoFocus;

namespace {

guitest::PrivateBus g_bus;
bool g_busStarted = false;

QString focusName()
{
    QWidget* focus = QApplication::focusWidget();
    return focus ? focus->objectName() : QStringLiteral("nothing");
}

// As the app does: the keychain is asked off the UI thread.
template <typename Work> void offUiThread(Work work)
{
    QThread* thread = QThread::create(std::move(work));
    thread->start();
    // The UI thread keeps running its events meanwhile, as in the app (QtKeychain may need them).
    (void)QTest::qWaitFor([&] { return thread->isFinished(); }, 30000);
    thread->wait();
    delete thread;
}

// Tab, then check where the focus went.
void tabTo(const char* name)
{
    pressOnFocus(Qt::Key_Tab);
    QVERIFY2(focusName() == QLatin1String(name), qPrintable(focusName() + QStringLiteral(" instead of ") + name));
}

} // namespace

class TestTeamHistory : public QObject
{
    Q_OBJECT

    guitest::PostgresServer m_server;
    QTemporaryDir m_keyringHome;
    QProcess m_keyring;

    // Opens Release history… from the menu, as the window's active dialog.
    HistoryLocationDialog* openDialog(MainWindow& window)
    {
        auto* action = window.findChild<QAction*>(QStringLiteral("chooseHistoryAction"));
        if (!action)
            return nullptr;
        action->trigger();
        auto* dialog = window.findChild<HistoryLocationDialog*>();
        if (!dialog)
            return nullptr;
        QApplication::setActiveWindow(dialog);
        (void)QTest::qWaitForWindowActive(dialog);
        return dialog;
    }

    // From the dialog's first field to the password, typing each value on the way.
    void typeTeamAddress(HistoryLocationDialog* dialog, int port, const QString& password)
    {
        child<QRadioButton>(dialog, "historyLocalRadio")->setFocus();
        QTRY_COMPARE(focusName(), QStringLiteral("historyLocalRadio"));
        pressOnFocus(Qt::Key_Down); // the other choice of the group
        QVERIFY(child<QRadioButton>(dialog, "historyTeamRadio")->isChecked());
        tabTo("historyHost");
        typeIntoFocus(QStringLiteral("127.0.0.1"));
        tabTo("historyPort");
        typeIntoFocus(QString::number(port));
        tabTo("historyDatabase");
        typeIntoFocus(QStringLiteral("history"));
        tabTo("historyUser");
        typeIntoFocus(QStringLiteral("slipway"));
        tabTo("historyPassword");
        typeIntoFocus(password);
    }

    // Tab to Test connection, press Space, and wait for the answer; how long it took.
    qint64 testFromKeyboard(HistoryLocationDialog* dialog)
    {
        tabTo("historySslMode");
        if (child<QComboBox>(dialog, "historySslMode")->currentData().toString() != QLatin1String("prefer"))
            return -1;
        tabTo("historyTestButton");
        QSignalSpy tested(dialog, &HistoryLocationDialog::tested);
        QElapsedTimer timer;
        timer.start();
        pressOnFocus(Qt::Key_Space);
        (void)QTest::qWaitFor([&] { return !tested.isEmpty(); }, 20000);
        return tested.isEmpty() ? -1 : timer.elapsed();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SlipwayTests"));
        QCoreApplication::setApplicationName(QStringLiteral("slipway-gui-team-history"));
        QVERIFY2(g_busStarted, "the private D-Bus session bus did not start (dbus-daemon)");
        QVERIFY2(m_server.start(), "PostgreSQL did not start (tests/servers/postgresql.sh; bash packaging/setup.sh test)");
        // Only what each test gives: no password from the environment or a ~/.pgpass of the machine.
        qunsetenv("PGPASSWORD");
        qputenv("PGPASSFILE", QFile::encodeName(m_keyringHome.filePath(QStringLiteral("no-pgpass"))));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_keyringHome.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_keyringHome.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_keyringHome.path());
        m_keyring.setProcessEnvironment(env);
        m_keyring.start(QStringLiteral("gnome-keyring-daemon"), {QStringLiteral("--foreground"),
                                                                  QStringLiteral("--unlock"),
                                                                  QStringLiteral("--components=secrets")});
        QVERIFY(m_keyring.waitForStarted(10000));
        m_keyring.write("unlock-password");
        m_keyring.closeWriteChannel();
        QVERIFY2(QTest::qWaitFor([] { return KeychainEntry::keyringProblem().isEmpty(); }, 15000),
                 qPrintable(KeychainEntry::keyringProblem()));
    }

    void cleanupTestCase()
    {
        m_keyring.terminate();
        m_keyring.waitForFinished(10000);
        m_server.stop();
    }

    void init() { HistoryChoice::useLocalForThisSession(); }

    // Test connection from the keyboard: connected (with the server's version), wrong password, a closed port.
    void testConnectionSaysWhatHappened()
    {
        guitest::Sandbox sandbox;
        guitest::ShownWindow shown;
        HistoryLocationDialog* dialog = openDialog(shown.window);
        QVERIFY(dialog);
        typeTeamAddress(dialog, m_server.port, m_server.password);
        const qint64 ok = testFromKeyboard(dialog);
        QVERIFY2(ok >= 0, "Test connection did not answer");
        QCOMPARE(dialog->messages()->kind(), MessageBar::Kind::Success);
        QVERIFY2(dialog->messages()->text().contains(QStringLiteral("Connected to PostgreSQL 15.")),
                 qPrintable(dialog->messages()->text()));
        QVERIFY2(dialog->messages()->text().contains(QStringLiteral("no Slipway history yet")),
                 qPrintable(dialog->messages()->text()));

        // A wrong password: back to the password field (Shift+Tab), replace it, test again.
        QCOMPARE(focusName(), QStringLiteral("historyTestButton"));
        pressOnFocus(Qt::Key_Backtab);
        pressOnFocus(Qt::Key_Backtab);
        QCOMPARE(focusName(), QStringLiteral("historyPassword"));
        child<QLineEdit>(dialog, "historyPassword")->selectAll();
        typeIntoFocus(QStringLiteral("not-the-password"));
        QVERIFY(testFromKeyboard(dialog) >= 0);
        QCOMPARE(dialog->messages()->kind(), MessageBar::Kind::Error);
        QVERIFY2(dialog->messages()->text().startsWith(QStringLiteral("Wrong password")),
                 qPrintable(dialog->messages()->text()));

        // Nothing listens on the port: said within a few seconds.
        auto* port = child<QSpinBox>(dialog, "historyPort");
        port->setValue(guitest::freePort());
        focusByClickAt(child<QLineEdit>(dialog, "historyPassword"));
        const qint64 closed = testFromKeyboard(dialog);
        QVERIFY2(closed >= 0 && closed < 6000, qPrintable(QString::number(closed)));
        QVERIFY2(dialog->messages()->text().startsWith(QStringLiteral("Nothing accepts connections")),
                 qPrintable(dialog->messages()->text()));

        // Esc cancels: nothing saved.
        pressOnFocus(Qt::Key_Escape);
        QTRY_VERIFY(!dialog->isVisible());
        QVERIFY(QSettings().value(HistoryChoice::SettingsKey).toString().isEmpty());
        QVERIFY(!history::ServerLogin::isAddress(history::History::defaultPath()));
    }

    // Enter saves: the address in the settings (never the password), the password in the keychain; the window
    // then shows the team history, which it opens with the keychain's password.
    void saveKeepsThePasswordInTheKeychainOnly()
    {
        guitest::Sandbox sandbox;
        guitest::ShownWindow shown;
        HistoryLocationDialog* dialog = openDialog(shown.window);
        QVERIFY(dialog);
        typeTeamAddress(dialog, m_server.port, m_server.password);
        QSignalSpy accepted(dialog, &QDialog::accepted);
        pressOnFocus(Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(accepted.size(), 1, 15000);

        const QString address = m_server.url();
        QCOMPARE(QSettings().value(HistoryChoice::SettingsKey).toString(), address);
        QCOMPARE(history::History::defaultPath(), address);
        QSettings().sync();
        QFile settingsFile(QSettings().fileName());
        QVERIFY(settingsFile.open(QIODevice::ReadOnly));
        QVERIFY(!settingsFile.readAll().contains(m_server.password.toUtf8()));
        Result<std::optional<SecureBytes>> stored = fail(QStringLiteral("not run"));
        offUiThread([&] { stored = KeychainEntry(history::ServerLogin::KeychainService, address).read(); });
        QVERIFY2(stored && stored->has_value(), stored ? "no entry" : qPrintable(stored.error().message));
        QCOMPARE(stored->value().bytes(), m_server.password.toUtf8());

        // The window reads the team history (empty so far) and listens to it.
        HistoryView* view = shown.window.historyView();
        QVERIFY2(view->messages()->kind() != MessageBar::Kind::Error, qPrintable(view->messages()->text()));
        QTRY_VERIFY_WITH_TIMEOUT(view->listener() && view->listener()->isListening(), 10000);
        QTRY_COMPARE(child<QLabel>(view, "historySource")->text(), QStringLiteral("Team history \u2014 live"));
    }

    // Another process releases into the same database: its row appears within a second of the commit, added row
    // by row (the model is never reset). The window logs in with the keychain's password alone.
    void releaseFromAnotherDeskAppearsLive()
    {
        guitest::Sandbox sandbox;
        const QString database = QStringLiteral("live");
        m_server.sql(QStringLiteral("CREATE DATABASE %1 OWNER slipway").arg(database));
        const QString address = m_server.url(database);
        // The keychain entry in this session's memory (KeychainEntry's own fallback): QtKeychain's jobs hang once the
        // short-lived threads of earlier tests that used it are gone (see saveKeepsThePasswordInTheKeychainOnly for
        // the real keyring).
        KeychainEntry::keepSecretsForSessionOnly(true);
        const auto keepNoLonger = qScopeGuard([] { KeychainEntry::keepSecretsForSessionOnly(false); });
        const Status kept =
            KeychainEntry(history::ServerLogin::KeychainService, address).write(SecureBytes(m_server.password.toUtf8()));
        QVERIFY2(kept, qPrintable(kept ? QString() : kept.error().message));
        HistoryChoice::choose(address);
        auto build = DemoWorkspace::extractDemoBuild();
        QVERIFY2(build, qPrintable(build ? QString() : build.error().message));

        guitest::ShownWindow shown;
        HistoryView* view = shown.window.historyView();
        QVERIFY2(view->messages()->kind() != MessageBar::Kind::Error, qPrintable(view->messages()->text()));
        QTRY_VERIFY_WITH_TIMEOUT(view->listener() && view->listener()->isListening(), 10000);
        ReleaseTableModel* model = view->model();
        QCOMPARE(model->rowCount(), 0);
        const int resets = model->resetCount();

        // What the test itself sees committed, read through its own connection.
        auto observer = history::History::open(address);
        QVERIFY2(observer, qPrintable(observer ? QString() : observer.error().message));

        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PGPASSWORD"), m_server.password);
        env.remove(QStringLiteral("SLIPWAY_HISTORY"));
        cli.setProcessEnvironment(env);
        cli.start(qEnvironmentVariable("SLIPWAY_BIN"),
                  {QStringLiteral("--data-dir"), DataLocation::root() + QStringLiteral("-other-desk"),
                   QStringLiteral("--history"), address, QStringLiteral("release"), QStringLiteral("--app-id"),
                   QStringLiteral("com.example.live"), QStringLiteral("--version"), QStringLiteral("1.0.0"),
                   QStringLiteral("--path"), build.value()});
        QVERIFY(cli.waitForStarted(10000));

        // Each moment a release row is first committed, and first shown.
        QElapsedTimer clock;
        clock.start();
        qint64 committedAt = -1;
        qint64 shownAt = -1;
        qint64 completedAt = -1;
        qint64 completedShownAt = -1;
        (void)QTest::qWaitFor(
            [&] {
                if (auto rows = observer.value()->releases(); rows && !rows->isEmpty()) {
                    if (committedAt < 0)
                        committedAt = clock.elapsed();
                    if (completedAt < 0 && rows->first().status == history::ReleaseStatus::Completed)
                        completedAt = clock.elapsed();
                }
                if (shownAt < 0 && model->rowCount() > 0)
                    shownAt = clock.elapsed();
                if (completedShownAt < 0 && model->rowCount() > 0 &&
                    model->releaseAt(0)->status == history::ReleaseStatus::Completed)
                    completedShownAt = clock.elapsed();
                return completedShownAt >= 0 && cli.state() == QProcess::NotRunning;
            },
            120000);
        cli.waitForFinished(60000);
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        qInfo("first commit seen at %lld ms, shown at %lld ms; completed at %lld ms, shown at %lld ms", committedAt,
              shownAt, completedAt, completedShownAt);
        QVERIFY(committedAt >= 0 && shownAt >= 0 && completedAt >= 0 && completedShownAt >= 0);
        QVERIFY2(shownAt - committedAt < 1000, qPrintable(QString::number(shownAt - committedAt)));
        QVERIFY2(completedShownAt - completedAt < 1000, qPrintable(QString::number(completedShownAt - completedAt)));
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->releaseAt(0)->version, QStringLiteral("1.0.0"));
        QCOMPARE(model->resetCount(), resets); // never re-read whole
        QVERIFY(model->changeCount() > 0);
        QVERIFY2(child<QLabel>(view, "historyCount")->text().contains(QStringLiteral("1 in the history")),
                 qPrintable(child<QLabel>(view, "historyCount")->text()));

        // The listening connection is cut (a server restart, a network drop): the view says it is no longer live,
        // comes back by itself, and then reads the whole list once (a release made meanwhile went unannounced).
        auto* source = child<QLabel>(view, "historySource");
        QSignalSpy lost(view->listener(), &history::HistoryListener::lost);
        m_server.sql(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = "
                                    "'slipway-listener' AND datname = '%1'")
                         .arg(database));
        QTRY_COMPARE_WITH_TIMEOUT(lost.size(), 1, 2 * history::HistoryListener::CheckIntervalMs + 2000);
        // The spy counts on the listener's thread; the view hears of it through its event queue. The next attempt to
        // listen again is a check interval away.
        QTRY_COMPARE_WITH_TIMEOUT(source->text(), QStringLiteral("Team history"), 1000);
        history::ReleaseRecord unannounced = model->releases().first();
        unannounced.id = 0;
        unannounced.version = QStringLiteral("1.0.1");
        unannounced.status = history::ReleaseStatus::Refused;
        QVERIFY(observer.value()->createRelease(unannounced));
        QTRY_COMPARE_WITH_TIMEOUT(source->text(), QStringLiteral("Team history \u2014 live"),
                                  2 * history::HistoryListener::CheckIntervalMs + 2000);
        QTRY_COMPARE(model->rowCount(), 2);
        QCOMPARE(model->resetCount(), resets + 1);

        // The server itself goes down and comes back (an outage): the view's own connection was cut too. Once the
        // listener is back the view reads through a new one: the release made meanwhile shows, and no error.
        m_server.halt();
        QTRY_COMPARE_WITH_TIMEOUT(source->text(), QStringLiteral("Team history"),
                                  2 * history::HistoryListener::CheckIntervalMs + 2000);
        QVERIFY(m_server.resume());
        unannounced.version = QStringLiteral("1.0.2");
        QVERIFY(observer.value()->createRelease(unannounced)); // its write reconnects by itself
        QTRY_COMPARE_WITH_TIMEOUT(source->text(), QStringLiteral("Team history \u2014 live"),
                                  2 * history::HistoryListener::CheckIntervalMs + 2000);
        QTRY_COMPARE(model->rowCount(), 3);
        QCOMPARE(model->releaseAt(0)->version, QStringLiteral("1.0.2"));
        QVERIFY2(view->messages()->kind() != MessageBar::Kind::Error, qPrintable(view->messages()->text()));
    }

    // The saved team history cannot be opened at start: the error says so and one click goes back to the local
    // history (for this session: the saved choice stays).
    void unreachableTeamHistoryOffersTheLocalOne()
    {
        guitest::Sandbox sandbox;
        const QString closed = QStringLiteral("postgresql://slipway@127.0.0.1:%1/history").arg(guitest::freePort());
        HistoryChoice::choose(closed);
        HistoryChoice::applyAtStart();
        guitest::ShownWindow shown;
        HistoryView* view = shown.window.historyView();
        QCOMPARE(view->messages()->kind(), MessageBar::Kind::Error);
        QVERIFY2(view->messages()->text().contains(QStringLiteral("did not let Slipway in")),
                 qPrintable(view->messages()->text()));
        auto* useLocal = child<QPushButton>(view, "useLocalHistoryButton");
        QVERIFY(useLocal->isVisible());
        QTest::mouseClick(useLocal, Qt::LeftButton);
        QVERIFY(!useLocal->isVisible());
        QVERIFY(!view->messages()->isVisible());
        QCOMPARE(child<QLabel>(view, "historySource")->text(), QStringLiteral("Local history"));
        QCOMPARE(history::History::defaultPath(), HistoryChoice::localFile());
        QCOMPARE(HistoryChoice::saved(), closed);
    }

private:
    static void focusByClickAt(QWidget* w) { guitest::focusByClick(w); }
};

int main(int argc, char** argv)
{
    // The bus must be in place before Qt (and QtKeychain) first connect to a session bus.
    g_busStarted = g_bus.start();
    QApplication app(argc, argv);
    TestTeamHistory test;
    const int result = QTest::qExec(&test, argc, argv);
    g_bus.removeSocketFolder();
    return result;
}

#include "tst_team_history.moc"
