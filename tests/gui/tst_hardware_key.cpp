// The wizard's "Hardware key" choice against a real SoftHSM2 token made for this run: pick the token's
// key, type the PIN in the dialog, release, and see the bundle signed on the token; then a second token
// key on the same channel is refused until the key change is confirmed, and the change is in the chain.

#include "GuiTestSupport.h"
#include "RunPage.h"
#include "common/SecureBytes.h"
#include "crypto/Pkcs11Tokens.h"
#include "crypto/Pkcs11Uri.h"
#include "history/History.h"
#include "release/ReleaseRunner.h"

#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTimer>
#include <QtTest>

using namespace slipway;
using namespace slipway::ui;
using guitest::child;

namespace {

const QString SoftHsmModule = QStringLiteral("/usr/lib/softhsm/libsofthsm2.so");

// Answers the next modal window called `name` (the PIN dialog, the key-change confirmation).
void answerModal(const QString& name, const std::function<void(QWidget*)>& answer)
{
    auto* poll = new QTimer;
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, [poll, name, answer] {
        for (QWidget* top : QApplication::topLevelWidgets()) {
            if (top->objectName() == name && top->isVisible()) {
                poll->stop();
                poll->deleteLater();
                answer(top);
                return;
            }
        }
    });
    poll->start();
}

} // namespace

class TestHardwareKey : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_tokens;
    QString m_firstFingerprint;
    QString m_secondFingerprint;

    static QString makeKey(const QString& label)
    {
        auto uri = crypto::Pkcs11Uri::parse(
            QStringLiteral("pkcs11:token=Release;object=%1?module-path=%2").arg(label, SoftHsmModule));
        auto key = crypto::Pkcs11Tokens::generate(uri.value(), SecureBytes(QByteArray("1234")));
        if (!key)
            qFatal("generate: %s", qPrintable(key.error().message));
        return key->fingerprintSha256();
    }

    static void pickTokenKey(ReleaseWizard* wizard, const QString& label)
    {
        QTest::mouseClick(child<QRadioButton>(wizard, "keyModeHardware"), Qt::LeftButton, {}, QPoint(8, 8));
        QTest::mouseClick(child<QPushButton>(wizard, "findTokensButton"), Qt::LeftButton);
        auto* combo = child<QComboBox>(wizard, "tokenKeyCombo");
        QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>(wizard, "findTokensButton")->isEnabled(), 30000);
        QCOMPARE(combo->count(), 2);
        const int row = combo->findText(label, Qt::MatchStartsWith);
        QVERIFY(row >= 0);
        combo->setCurrentIndex(row);
        QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
        answerModal(QStringLiteral("tokenPinDialog"), [](QWidget* dialog) {
            QTest::keyClicks(child<QLineEdit>(dialog, "tokenPinEdit"), QStringLiteral("1234"));
            qobject_cast<QDialog*>(dialog)->accept();
        });
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::BuildPageId));
    }

    static void releaseBuild(ReleaseWizard* wizard, const QString& build, const QString& version)
    {
        child<QLineEdit>(wizard, "buildPathEdit")->setText(build);
        auto* app = child<QLineEdit>(wizard, "appIdEdit");
        app->clear();
        QTest::keyClicks(app, QStringLiteral("com.example.hardware"));
        auto* ver = child<QLineEdit>(wizard, "versionEdit");
        ver->clear();
        QTest::keyClicks(ver, version);
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::ChecksPageId));
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::ReviewPageId));
        QTest::mouseClick(wizard->button(QWizard::CommitButton), Qt::LeftButton);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SlipwayTests"));
        QCoreApplication::setApplicationName(QStringLiteral("slipway-gui-tests"));
        QVERIFY2(QFile::exists(SoftHsmModule), "softhsm2 is not installed (packaging/setup.sh test installs it)");
        QDir().mkpath(m_tokens.filePath(QStringLiteral("tokens")));
        guitest::writeFile(m_tokens.filePath(QStringLiteral("softhsm2.conf")),
                           QStringLiteral("directories.tokendir = %1\nobjectstore.backend = file\nlog.level = ERROR\n")
                               .arg(m_tokens.filePath(QStringLiteral("tokens")))
                               .toUtf8());
        qputenv("SOFTHSM2_CONF", m_tokens.filePath(QStringLiteral("softhsm2.conf")).toUtf8());
        qputenv("SLIPWAY_PKCS11_MODULE", SoftHsmModule.toUtf8());
        qunsetenv("SLIPWAY_PKCS11_PIN");
        QProcess init;
        init.start(QStringLiteral("softhsm2-util"),
                   {QStringLiteral("--init-token"), QStringLiteral("--free"), QStringLiteral("--label"),
                    QStringLiteral("Release"), QStringLiteral("--pin"), QStringLiteral("1234"),
                    QStringLiteral("--so-pin"), QStringLiteral("5678")});
        QVERIFY(init.waitForFinished(60000) && init.exitCode() == 0);
        m_firstFingerprint = makeKey(QStringLiteral("first"));
        m_secondFingerprint = makeKey(QStringLiteral("second"));
    }

    void releaseWithTokenKeyThenConfirmedKeyChange()
    {
        guitest::Sandbox sandbox;
        const QString build = sandbox.dir.filePath(QStringLiteral("build"));
        guitest::writeFile(build + QStringLiteral("/index.html"), guitest::indexHtml());
        guitest::writeFile(build + QStringLiteral("/app.js"), guitest::appJs());
        MainWindow window;
        window.show();
        window.showPage(MainWindow::NewReleasePage);
        ReleaseWizard* wizard = window.wizard();
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);

        pickTokenKey(wizard, QStringLiteral("first"));
        QCOMPARE(wizard->draft().publicKey.fingerprintSha256(), m_firstFingerprint);
        QVERIFY(wizard->draft().plan.keyPath.startsWith(QStringLiteral("pkcs11:")));
        releaseBuild(wizard, build, QStringLiteral("1.0.0"));
        QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(ReleaseWizard::DonePageId), 120000);

        auto history = history::History::open();
        QVERIFY(history);
        auto releases = history.value()->releases();
        QVERIFY(releases && releases->size() == 1);
        QCOMPARE(releases->first().status, history::ReleaseStatus::Completed);
        QCOMPARE(releases->first().keyFingerprint, m_firstFingerprint);

        // The second key on the same channel: refused, then confirmed on purpose.
        QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
        window.showPage(MainWindow::NewReleasePage);
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        pickTokenKey(wizard, QStringLiteral("second"));
        auto* runPage = qobject_cast<RunPage*>(wizard->page(ReleaseWizard::RunPageId));
        QSignalSpy finished(runPage->runner(), &release::ReleaseRunner::finished);
        bool asked = false;
        answerModal(QStringLiteral("keyChangeConfirmation"), [&asked](QWidget* box) {
            asked = qobject_cast<QMessageBox*>(box)->informativeText().contains(QStringLiteral("Refused"));
            QTest::mouseClick(child<QPushButton>(box, "confirmKeyChangeButton"), Qt::LeftButton);
        });
        releaseBuild(wizard, build, QStringLiteral("1.0.1"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 120000);
        QVERIFY(asked);
        QVERIFY(finished.first().first().value<release::ReleaseResult>().refusedForKey);
        QVERIFY(finished.last().first().value<release::ReleaseResult>().ok());
        auto events = history.value()->channelEvents(QStringLiteral("com.example.hardware"), QStringLiteral("production"));
        QVERIFY(events);
        QCOMPARE(events->first().kind, history::ChannelEventKind::KeyChange);
        QVERIFY(events->first().detail.contains(m_firstFingerprint));
        QVERIFY(events->first().detail.contains(m_secondFingerprint));
        auto audit = history.value()->verify();
        QVERIFY(audit && audit->intact());
    }
};

QTEST_MAIN(TestHardwareKey)
#include "tst_hardware_key.moc"
