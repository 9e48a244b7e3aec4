// Targets → Save and Test connection with the real S3 (Ceph RADOS Gateway on loopback) and a real
// Secret Service (gnome-keyring) on a private D-Bus session bus, in the three states a desktop meets:
// no keyring service at all, a working one, and one that hangs (the daemon stopped with SIGSTOP).
// Test connection uses what is typed on screen; the keychain never blocks the window; a missing or
// hung keyring is said in plain words within the time limit, with Cancel and "keep it for this
// session only".

#include "GuiTestSupport.h"
#include "LoopbackServices.h"
#include "MessageBar.h"
#include "TargetsView.h"
#include "common/KeychainEntry.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QPushButton>
#include <QtTest>

#include <atomic>
#include <csignal>
#include <thread>

using namespace slipway;
using namespace slipway::ui;
using guitest::child;

namespace {

guitest::PrivateBus g_bus;
bool g_busStarted = false;

struct S3
{
    QString endpoint;
    QString dir;
    QString pids;
    QString accessKey = QStringLiteral("guikey");
    QString secretKey = QStringLiteral("guisecret");
};
S3 g_s3;

bool startS3()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CEPH_MON_PORT"), QString::number(guitest::freePort()));
    const auto v = guitest::scriptExports(
        guitest::runTool(guitest::serverScript("s3-radosgw-ceph.sh"),
                         {QStringLiteral("start"), QString::number(guitest::freePort()), g_s3.accessKey, g_s3.secretKey},
                         env));
    g_s3.endpoint = v.value(QStringLiteral("S3_ENDPOINT"));
    g_s3.dir = v.value(QStringLiteral("CEPH_DIR"));
    g_s3.pids = v.value(QStringLiteral("CEPH_PIDS"));
    // The bucket, made by an independent client (curl signs with Signature V4 itself).
    guitest::runTool(QStringLiteral("curl"),
        {QStringLiteral("-sf"), QStringLiteral("--aws-sigv4"), QStringLiteral("aws:amz:us-east-1:s3"),
         QStringLiteral("--user"), g_s3.accessKey + QLatin1Char(':') + g_s3.secretKey, QStringLiteral("-H"),
         QStringLiteral("x-amz-content-sha256: UNSIGNED-PAYLOAD"), QStringLiteral("-X"), QStringLiteral("PUT"),
         g_s3.endpoint + QStringLiteral("/releases")});
    return !g_s3.endpoint.isEmpty();
}

QString s3Url()
{
    return QStringLiteral("s3://releases/gui?endpoint=%1").arg(g_s3.endpoint);
}

struct Form
{
    TargetsView* view;
    QLineEdit* name;
    QLineEdit* url;
    QLineEdit* user;
    QLineEdit* secret;
    QPushButton* save;
    QPushButton* test;
    QPushButton* cancel;
    QPushButton* keepSession;
    MessageBar* messages;

    explicit Form(MainWindow& window)
        : view(window.targetsView()), name(child<QLineEdit>(view, "targetName")),
          url(child<QLineEdit>(view, "targetUrl")), user(child<QLineEdit>(view, "targetAccessKey")),
          secret(child<QLineEdit>(view, "targetSecret")), save(child<QPushButton>(view, "saveTargetButton")),
          test(child<QPushButton>(view, "testConnectionButton")),
          cancel(child<QPushButton>(view, "cancelTargetRequestButton")),
          keepSession(child<QPushButton>(view, "keepSecretForSessionButton")), messages(view->findChild<MessageBar*>())
    {
    }

    void fill(const QString& profile, const QString& access, const QString& secretKey) const
    {
        name->setText(profile);
        url->setText(s3Url());
        user->setText(access);
        secret->setText(secretKey);
    }

    // Waits until the view is idle again (Test enabled) and returns how long that took.
    qint64 waitIdle(int timeoutMs) const
    {
        QElapsedTimer t;
        t.start();
        (void)QTest::qWaitFor([&] { return test->isEnabled() && !cancel->isVisible(); }, timeoutMs);
        return t.elapsed();
    }
};

} // namespace

class TestTargetsKeychain : public QObject
{
    Q_OBJECT

    QTemporaryDir m_keyringHome;
    qint64 m_keyringPid = 0;
    QProcess* m_keyring = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SlipwayTests"));
        QCoreApplication::setApplicationName(QStringLiteral("slipway-gui-targets-keychain"));
        QVERIFY2(g_busStarted, "the private D-Bus session bus did not start (dbus-daemon)");
        QVERIFY2(startS3(), "the Ceph RADOS Gateway did not start (run as root after bash packaging/setup.sh test)");
    }

    void cleanupTestCase()
    {
        if (m_keyringPid > 0) {
            ::kill(pid_t(m_keyringPid), SIGCONT);
            m_keyring->terminate();
            m_keyring->waitForFinished(10000);
        }
        if (!g_s3.dir.isEmpty())
            guitest::runTool(guitest::serverScript("s3-radosgw-ceph.sh"), {QStringLiteral("stop"), g_s3.dir, g_s3.pids});
    }

    // What is typed is tested, whatever the keychain holds; a wrong secret is refused by the server.
    void testConnectionUsesTypedCredentials()
    {
        guitest::Sandbox sandbox;
        MainWindow window;
        window.show();
        window.showPage(MainWindow::TargetsPage);
        Form form(window);
        form.fill(QStringLiteral("typed"), g_s3.accessKey, g_s3.secretKey);
        QTest::mouseClick(form.test, Qt::LeftButton);
        QVERIFY(form.cancel->isVisible());
        form.waitIdle(60000);
        QCOMPARE(form.messages->kind(), MessageBar::Kind::Success);
        QVERIFY2(form.messages->text().startsWith(QStringLiteral("Connected")), qPrintable(form.messages->text()));

        form.secret->setText(QStringLiteral("not the secret"));
        QTest::mouseClick(form.test, Qt::LeftButton);
        form.waitIdle(60000);
        QCOMPARE(form.messages->kind(), MessageBar::Kind::Error);
        QVERIFY2(form.messages->text().contains(QStringLiteral("failed")), qPrintable(form.messages->text()));
    }

    // No Secret Service on the bus: Save says so in plain words at once and offers to keep the
    // secret for this session; then Test connection of the saved profile works from memory.
    void noKeyringOffersThisSessionOnly()
    {
        guitest::Sandbox sandbox;
        MainWindow window;
        window.show();
        window.showPage(MainWindow::TargetsPage);
        Form form(window);
        form.fill(QStringLiteral("no-keyring"), g_s3.accessKey, g_s3.secretKey);
        QTest::mouseClick(form.save, Qt::LeftButton);
        const qint64 took = form.waitIdle(15000);
        QVERIFY2(took < 12000, qPrintable(QString::number(took)));
        QCOMPARE(form.messages->kind(), MessageBar::Kind::Warning);
        QVERIFY2(form.messages->text().contains(QStringLiteral("no keyring service")),
                 qPrintable(form.messages->text()));
        QVERIFY(form.keepSession->isVisible());
        QTest::mouseClick(form.keepSession, Qt::LeftButton);
        QCOMPARE(form.messages->kind(), MessageBar::Kind::Success);
        QVERIFY2(form.messages->text().contains(QStringLiteral("memory")), qPrintable(form.messages->text()));
        QVERIFY(form.secret->text().isEmpty());

        form.user->clear(); // an empty form: the saved profile's secret is used
        QTest::mouseClick(form.test, Qt::LeftButton);
        form.waitIdle(60000);
        QVERIFY2(form.messages->text().startsWith(QStringLiteral("Connected")), qPrintable(form.messages->text()));
        KeychainEntry::keepSecretsForSessionOnly(false);
    }

    // A working keyring takes the secret; then the keyring hangs (SIGSTOP): Save and Test
    // connection report it within the time limit, and Cancel gives the window back at once.
    void hungKeyringTimesOutAndCancels()
    {
        guitest::Sandbox sandbox;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_keyringHome.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_keyringHome.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_keyringHome.path());
        auto* daemon = m_keyring = new QProcess(this); // runs until cleanupTestCase
        daemon->setProcessEnvironment(env);
        daemon->start(
            QStringLiteral("gnome-keyring-daemon"),
            {QStringLiteral("--foreground"), QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
        QVERIFY(daemon->waitForStarted(10000));
        m_keyringPid = daemon->processId();
        daemon->write("unlock-password");
        daemon->closeWriteChannel();
        QVERIFY2(QTest::qWaitFor([] { return KeychainEntry::keyringProblem().isEmpty(); }, 15000),
                 qPrintable(KeychainEntry::keyringProblem()));

        // Calls from several short-lived threads in turn all answer (QtKeychain's backend keeps per-thread state:
        // the third thread's job used to hang until the time limit).
        for (int i = 0; i < 4; ++i) {
            std::atomic<int> outcome{0}; // 1 answered right, 2 failed
            const QByteArray value = "value " + QByteArray::number(i);
            std::thread caller([&outcome, value] {
                const KeychainEntry entry(QStringLiteral("slipway-tests"), QStringLiteral("threads"));
                const bool written = entry.write(SecureBytes(value)).ok();
                auto read = entry.read();
                outcome = written && read && read->has_value() && read->value().bytes() == value ? 1 : 2;
            });
            QElapsedTimer clock;
            clock.start();
            const bool answered = QTest::qWaitFor([&outcome] { return outcome.load() != 0; }, 25000);
            caller.join();
            QVERIFY2(answered && outcome.load() == 1, qPrintable(QStringLiteral("thread %1").arg(i)));
            QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        }

        MainWindow window;
        window.show();
        window.showPage(MainWindow::TargetsPage);
        Form form(window);
        form.fill(QStringLiteral("kept"), g_s3.accessKey, g_s3.secretKey);
        QTest::mouseClick(form.save, Qt::LeftButton);
        form.waitIdle(15000);
        QCOMPARE(form.messages->kind(), MessageBar::Kind::Success);
        QVERIFY2(form.messages->text().contains(QStringLiteral("system keyring")), qPrintable(form.messages->text()));
        form.user->clear();
        QTest::mouseClick(form.test, Qt::LeftButton);
        form.waitIdle(30000);
        QVERIFY2(form.messages->text().startsWith(QStringLiteral("Connected")), qPrintable(form.messages->text()));

        QCOMPARE(::kill(pid_t(m_keyringPid), SIGSTOP), 0);
        // Test connection of the saved profile now waits for the keyring: Cancel ends the wait at once.
        QTest::mouseClick(form.test, Qt::LeftButton);
        QVERIFY(form.cancel->isVisible());
        QVERIFY(!form.test->isEnabled());
        QTest::qWait(500);
        QTest::mouseClick(form.cancel, Qt::LeftButton);
        QVERIFY(form.test->isEnabled());
        QVERIFY(!form.cancel->isVisible());
        QVERIFY2(form.messages->text().contains(QStringLiteral("Stopped waiting")), qPrintable(form.messages->text()));

        // Without Cancel, the limit ends the wait with a plain message.
        QTest::mouseClick(form.test, Qt::LeftButton);
        const qint64 took = form.waitIdle(25000);
        QVERIFY2(took < 22000, qPrintable(QString::number(took)));
        QCOMPARE(form.messages->kind(), MessageBar::Kind::Error);
        QVERIFY2(form.messages->text().contains(QStringLiteral("did not answer")), qPrintable(form.messages->text()));

        // Save with a hung keyring: said within the limit, and the secret can stay for this session.
        form.fill(QStringLiteral("while-hung"), g_s3.accessKey, g_s3.secretKey);
        QTest::mouseClick(form.save, Qt::LeftButton);
        const qint64 saveTook = form.waitIdle(25000);
        QVERIFY2(saveTook < 22000, qPrintable(QString::number(saveTook)));
        QCOMPARE(form.messages->kind(), MessageBar::Kind::Warning);
        QVERIFY2(form.messages->text().contains(QStringLiteral("does not answer")) ||
                     form.messages->text().contains(QStringLiteral("did not answer")),
                 qPrintable(form.messages->text()));
        QVERIFY(form.keepSession->isVisible());

        ::kill(pid_t(m_keyringPid), SIGCONT);
    }
};

int main(int argc, char** argv)
{
    // The bus must be in place before Qt (and QtKeychain) first connect to a session bus.
    g_busStarted = g_bus.start();
    QApplication app(argc, argv);
    TestTargetsKeychain test;
    const int result = QTest::qExec(&test, argc, argv);
    g_bus.removeSocketFolder();
    return result;
}

#include "tst_targets_keychain.moc"
