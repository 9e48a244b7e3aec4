// Typing as a person does: every key goes to whatever widget has the keyboard focus at that moment
// (QApplication::focusWidget()), and Tab moves along the focus chain. Each editable field of each
// wizard page (and of the other views) must receive the whole text and keep the focus while it is
// typed into; a field that loses the focus after one key sends the next keys elsewhere (the
// sidebar, a Cancel button), which these tests would catch.

#include "DemoWorkspace.h"
#include "GuiTestSupport.h"
#include "HistoryView.h"
#include "KnownKeys.h"
#include "TargetsView.h"

#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QtTest>

using namespace slipway;
using namespace slipway::ui;
using guitest::child;
using guitest::focusByClick;
using guitest::pressOnFocus;
using guitest::ShownWindow;
using guitest::typeIntoFocus;

namespace {

QString describe(const QWidget* w)
{
    return w ? QStringLiteral("%1 (%2)").arg(w->objectName(), QString::fromLatin1(w->metaObject()->className()))
             : QStringLiteral("nothing");
}

// Walks the Tab chain inside `area` from the focused widget until it comes back round, typing into
// every enabled, writable line edit it meets, and checks that each kept the focus and the text.
// Returns the object names of the fields typed into.
QStringList typeIntoEveryField(QWidget* area, const std::function<QString(QLineEdit*)>& textFor)
{
    QStringList typed;
    QSet<QWidget*> seen;
    for (int hops = 0; hops < 80; ++hops) {
        QWidget* focus = QApplication::focusWidget();
        if (!focus || seen.contains(focus))
            break;
        seen.insert(focus);
        auto* edit = qobject_cast<QLineEdit*>(focus);
        if (edit && area->isAncestorOf(edit) && edit->isEnabled() && !edit->isReadOnly()) {
            const QString text = textFor(edit);
            edit->selectAll();
            pressOnFocus(Qt::Key_Delete);
            typeIntoFocus(text);
            if (QTest::currentTestFailed())
                return typed;
            QTest::qWait(20); // anything queued by the keystrokes (completeChanged, timers) runs now
            if (QApplication::focusWidget() != edit) {
                QTest::qFail(qPrintable(QStringLiteral("typing into %1 moved the focus to %2")
                                            .arg(describe(edit), describe(QApplication::focusWidget()))),
                             __FILE__, __LINE__);
                return typed;
            }
            if (edit->text() != text) {
                QTest::qFail(
                    qPrintable(
                        QStringLiteral("%1 holds \"%2\" after typing \"%3\"").arg(describe(edit), edit->text(), text)),
                    __FILE__, __LINE__);
                return typed;
            }
            typed << edit->objectName();
        }
        pressOnFocus(Qt::Key_Tab);
    }
    return typed;
}

} // namespace

class TestTyping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SlipwayTests"));
        QCoreApplication::setApplicationName(QStringLiteral("slipway-gui-typing"));
    }

    // Key page: Name, Passphrase, Repeat (the new key), the import path and the key passphrase.
    void keyPageFieldsKeepTheFocus()
    {
        guitest::Sandbox sandbox;
        ShownWindow shown;
        MainWindow& window = shown.window;
        window.showPage(MainWindow::NewReleasePage);
        ReleaseWizard* wizard = window.wizard();
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000); // default key made
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::KeyPageId));

        focusByClick(child<QLineEdit>(wizard, "newKeyName"));
        const QStringList typed = typeIntoEveryField(wizard->currentPage(), [](QLineEdit* e) {
            if (e->objectName() == QLatin1String("importKeyPath"))
                return QStringLiteral("/tmp/no such key");
            return e->echoMode() == QLineEdit::Password ? QStringLiteral("correct horse battery")
                                                        : QStringLiteral("production release");
        });
        QVERIFY(!QTest::currentTestFailed());
        for (const char* name : {"newKeyName", "newKeyPassphrase", "newKeyPassphraseRepeat", "importKeyPath"})
            QVERIFY2(typed.contains(QLatin1String(name)), qPrintable(typed.join(QLatin1Char(','))));
        QCOMPARE(window.currentPage(), MainWindow::NewReleasePage);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::KeyPageId));
    }

    // The key passphrase field, for a protected known key.
    void keyPassphraseKeepsTheFocus()
    {
        guitest::Sandbox sandbox;
        auto generated = crypto::RsaKey::generate();
        QVERIFY(generated);
        auto created =
            KnownKeys::create(QStringLiteral("locked"), generated.value(), SecureBytes(QByteArray("a b c d e f")));
        QVERIFY(created);
        ShownWindow shown;
        shown.window.showPage(MainWindow::NewReleasePage);
        ReleaseWizard* wizard = shown.window.wizard();
        auto* combo = child<QComboBox>(wizard, "knownKeyCombo");
        QTRY_VERIFY_WITH_TIMEOUT(combo->count() >= 2, 30000);
        combo->setCurrentIndex(combo->findData(created->privatePath));
        auto* passphrase = child<QLineEdit>(wizard, "keyPassphraseEdit");
        QVERIFY(passphrase->isEnabled());
        focusByClick(passphrase);
        typeIntoFocus(QStringLiteral("a b c d e f")); // spaces: a focused button would be pressed by them
        QCOMPARE(QApplication::focusWidget(), passphrase);
        QCOMPARE(passphrase->text(), QStringLiteral("a b c d e f"));
        pressOnFocus(Qt::Key_Return);
        QTRY_COMPARE(wizard->currentId(), int(ReleaseWizard::BuildPageId));
    }

    // Build page: the build path, App id, Version, Channel and Notes, reached with Tab.
    void buildPageFieldsKeepTheFocus()
    {
        guitest::Sandbox sandbox;
        ShownWindow shown;
        MainWindow& window = shown.window;
        window.showPage(MainWindow::NewReleasePage);
        ReleaseWizard* wizard = window.wizard();
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::BuildPageId));
        auto build = DemoWorkspace::extractDemoBuild();
        QVERIFY(build);

        focusByClick(child<QLineEdit>(wizard, "buildPathEdit"));
        const QStringList typed = typeIntoEveryField(wizard->currentPage(), [&](QLineEdit* e) {
            const QString name = e->objectName();
            if (name == QLatin1String("buildPathEdit"))
                return build.value();
            if (name == QLatin1String("appIdEdit"))
                return QStringLiteral("com.example.typed");
            if (name == QLatin1String("versionEdit"))
                return QStringLiteral("3.1.4");
            if (name == QLatin1String("channelEdit"))
                return QStringLiteral("production");
            return QStringLiteral("typed by hand, with spaces");
        });
        QVERIFY(!QTest::currentTestFailed());
        for (const char* name : {"buildPathEdit", "appIdEdit", "versionEdit", "channelEdit", "notesEdit"})
            QVERIFY2(typed.contains(QLatin1String(name)), qPrintable(typed.join(QLatin1Char(','))));
        QCOMPARE(window.currentPage(), MainWindow::NewReleasePage);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::BuildPageId));

        // What was typed is what the release is made of.
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ReleaseWizard::ChecksPageId));
        QCOMPARE(wizard->draft().plan.appId, QStringLiteral("com.example.typed"));
        QCOMPARE(wizard->draft().plan.version, QStringLiteral("3.1.4"));
        QCOMPARE(wizard->draft().plan.channel, QStringLiteral("production"));
        QCOMPARE(wizard->draft().plan.notes, QStringLiteral("typed by hand, with spaces"));
    }

    // The other views' fields: Targets (profile and secret) and the Releases search.
    void viewFieldsKeepTheFocus()
    {
        guitest::Sandbox sandbox;
        ShownWindow shown;
        MainWindow& window = shown.window;
        window.showPage(MainWindow::TargetsPage);
        auto* targets = window.findChild<TargetsView*>();
        focusByClick(child<QLineEdit>(targets, "targetName"));
        const QStringList typed = typeIntoEveryField(targets, [](QLineEdit* e) {
            return e->objectName() == QLatin1String("targetUrl") ? QStringLiteral("file:///tmp/typed target")
                                                                 : QStringLiteral("typed value");
        });
        QVERIFY(!QTest::currentTestFailed());
        for (const char* name : {"targetName", "targetUrl", "targetAccessKey", "targetSecret"})
            QVERIFY2(typed.contains(QLatin1String(name)), qPrintable(typed.join(QLatin1Char(','))));
        QCOMPARE(window.currentPage(), MainWindow::TargetsPage);

        window.showPage(MainWindow::ReleasesPage);
        auto* search = child<QLineEdit>(window.findChild<HistoryView*>(), "historySearch");
        focusByClick(search);
        typeIntoFocus(QStringLiteral("no such release"));
        QCOMPARE(QApplication::focusWidget(), search);
        QCOMPARE(search->text(), QStringLiteral("no such release"));
    }
};

QTEST_MAIN(TestTyping)
#include "tst_typing.moc"
