// The wizard with the keyboard alone, keys sent to whatever has the focus: Enter moves on from the
// Checks and Review pages and creates a key from "Repeat"; Escape asks before throwing a draft
// away; notes do not carry over into the next release; after Finish the new release is shown and
// selected in Releases whatever the filters; file dialogs open where the last choice was made.

#include "GuiTestSupport.h"
#include "HistoryView.h"
#include "KnownKeys.h"
#include "MessageBar.h"
#include "ReleaseTableModel.h"
#include "RememberedFolder.h"

#include <QComboBox>
#include <QFileDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QtTest>

using namespace slipway;
using namespace slipway::ui;
using guitest::child;
using guitest::focusByClick;
using guitest::pressOnFocus;
using guitest::ShownWindow;

namespace {

void typeText(const QString& text)
{
    for (const QChar c : text)
        QTest::keyClick(QApplication::focusWidget(), c.toLatin1());
}

// Answers the next modal dialog (asynchronously, as it is shown from inside a key press).
void answerNextDialog(const char* buttonName, bool* seen)
{
    QTimer::singleShot(0, [buttonName, seen] {
        QTRY_VERIFY(QApplication::activeModalWidget() != nullptr);
        QWidget* modal = QApplication::activeModalWidget();
        *seen = modal->objectName() == QLatin1String("discardReleaseBox");
        if (auto* button = modal->findChild<QPushButton*>(QLatin1String(buttonName)))
            button->click();
        else
            modal->close();
    });
}

} // namespace

class TestKeyboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SlipwayTests"));
        QCoreApplication::setApplicationName(QStringLiteral("slipway-gui-keyboard"));
    }

    // Key → Build → Checks → Review → Release with Enter; the release then shows in Releases
    // although a filter hid it; the next release starts without the previous notes.
    void enterAllTheWayAndFinishShowsTheRelease()
    {
        guitest::Sandbox sandbox;
        ShownWindow shown;
        MainWindow& window = shown.window;
        HistoryView* view = window.historyView();
        window.showPage(MainWindow::ReleasesPage);
        auto* search = child<QLineEdit>(view, "historySearch");
        search->setText(QStringLiteral("matches nothing at all"));
        view->refresh();

        ReleaseWizard* wizard = window.wizard();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_N, Qt::ControlModifier); // New release
        QCOMPARE(window.currentPage(), MainWindow::NewReleasePage);
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        QTRY_VERIFY(wizard->currentPage()->isAncestorOf(QApplication::focusWidget()));
        pressOnFocus(Qt::Key_Return);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::BuildPageId));
        QTest::mouseClick(child<QPushButton>(wizard, "useDemoButton"), Qt::LeftButton);
        focusByClick(child<QLineEdit>(wizard, "notesEdit"));
        typeText(QStringLiteral("first notes"));
        pressOnFocus(Qt::Key_Return);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::ChecksPageId));
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 60000);
        QVERIFY2(wizard->currentPage()->isAncestorOf(QApplication::focusWidget()),
                 qPrintable(QApplication::focusWidget() ? QApplication::focusWidget()->objectName() : QString()));
        pressOnFocus(Qt::Key_Return);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::ReviewPageId));
        QTRY_VERIFY(wizard->currentPage()->isAncestorOf(QApplication::focusWidget()));
        pressOnFocus(Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(ReleaseWizard::DonePageId), 120000);
        QVERIFY(wizard->draft().result && wizard->draft().result->ok());
        const qint64 id = wizard->draft().result->releaseId;

        QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
        QCOMPARE(window.currentPage(), MainWindow::ReleasesPage);
        QCOMPARE(view->selectedReleaseId(), id);
        QVERIFY(search->text().isEmpty());
        QVERIFY(view->model()->rowOf(id) >= 0);

        window.showPage(MainWindow::NewReleasePage);
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::BuildPageId));
        QVERIFY(child<QLineEdit>(wizard, "notesEdit")->text().isEmpty());
    }

    void enterInRepeatCreatesTheKey()
    {
        guitest::Sandbox sandbox;
        ShownWindow shown;
        shown.window.showPage(MainWindow::NewReleasePage);
        ReleaseWizard* wizard = shown.window.wizard();
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        focusByClick(child<QLineEdit>(wizard, "newKeyName"));
        typeText(QStringLiteral("release"));
        pressOnFocus(Qt::Key_Tab);
        typeText(QStringLiteral("long enough passphrase"));
        pressOnFocus(Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), child<QLineEdit>(wizard, "newKeyPassphraseRepeat"));
        typeText(QStringLiteral("long enough passphrase"));
        pressOnFocus(Qt::Key_Return);
        auto* combo = child<QComboBox>(wizard, "knownKeyCombo");
        QTRY_VERIFY_WITH_TIMEOUT(combo->currentText().startsWith(QStringLiteral("release")), 60000);
        QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::KeyPageId));
    }

    void escapeAsksBeforeDiscarding()
    {
        guitest::Sandbox sandbox;
        ShownWindow shown;
        MainWindow& window = shown.window;
        ReleaseWizard* wizard = window.wizard();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_2, Qt::ControlModifier); // New release
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);

        // Nothing typed yet: Escape closes at once.
        QTRY_VERIFY(wizard->currentPage()->isAncestorOf(QApplication::focusWidget()));
        pressOnFocus(Qt::Key_Escape);
        QCOMPARE(window.currentPage(), MainWindow::ReleasesPage);

        window.showPage(MainWindow::NewReleasePage);
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::BuildPageId));
        auto* version = child<QLineEdit>(wizard, "versionEdit");
        focusByClick(version);
        typeText(QStringLiteral("9.9.9"));

        bool asked = false;
        answerNextDialog("keepEditingButton", &asked);
        pressOnFocus(Qt::Key_Escape);
        QTRY_VERIFY(asked);
        QCOMPARE(window.currentPage(), MainWindow::NewReleasePage);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::BuildPageId));
        QCOMPARE(version->text(), QStringLiteral("9.9.9"));

        asked = false;
        answerNextDialog("discardReleaseButton", &asked);
        QTest::keyClick(version, Qt::Key_Escape);
        QTRY_VERIFY(asked);
        QCOMPARE(window.currentPage(), MainWindow::ReleasesPage);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::KeyPageId));
    }

    void fileDialogsRememberTheFolder()
    {
        guitest::Sandbox sandbox;
        const QString folder = sandbox.dir.filePath(QStringLiteral("ci-artifacts"));
        guitest::writeFile(folder + QStringLiteral("/web.zip"), "not really a zip");
        ShownWindow shown;
        shown.window.showPage(MainWindow::NewReleasePage);
        ReleaseWizard* wizard = shown.window.wizard();
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        auto* browse = child<QPushButton>(wizard, "browseArchiveButton");

        QString opened;
        const auto choose = [&](const QString& file) {
            QTimer::singleShot(0, [&, file] {
                QTRY_VERIFY(qobject_cast<QFileDialog*>(QApplication::activeModalWidget()) != nullptr);
                auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
                opened = dialog->directory().absolutePath();
                if (file.isEmpty()) {
                    dialog->reject();
                    return;
                }
                dialog->selectFile(file);
                static_cast<QDialog*>(dialog)->accept(); // QFileDialog::accept() is protected
            });
            QTest::mouseClick(browse, Qt::LeftButton);
        };
        choose(folder + QStringLiteral("/web.zip"));
        QTRY_VERIFY(!opened.isEmpty());
        QCOMPARE(opened, QDir::homePath());
        QCOMPARE(QDir::fromNativeSeparators(child<QLineEdit>(wizard, "buildPathEdit")->text()),
                 folder + QStringLiteral("/web.zip"));
        opened.clear();
        choose(QString());
        QTRY_VERIFY(!opened.isEmpty());
        QCOMPARE(opened, folder);
        // Only the folder is kept.
        QCOMPARE(QSettings().value(QStringLiteral("fileDialogs/buildArchive")).toString(), folder);

        // A remembered folder that is gone falls back to the home folder.
        QVERIFY(QDir(folder).removeRecursively());
        QCOMPARE(RememberedFolder(QStringLiteral("buildArchive")).folder(), QDir::homePath());
    }
};

QTEST_MAIN(TestKeyboard)
#include "tst_keyboard.moc"
