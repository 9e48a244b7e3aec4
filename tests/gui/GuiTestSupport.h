#pragma once

// Shared by the GUI tests: a fresh data folder and settings per test, and helpers that drive the
// real wizard by objectName.

#include "MainWindow.h"
#include "ReleaseWizard.h"
#include "common/DataLocation.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWizard>

#include <memory>

namespace guitest {

inline QAbstractButton* wizardButton(slipway::ui::ReleaseWizard* wizard, QWizard::WizardButton which)
{
    return wizard->button(which);
}

template <typename T> T* child(QObject* parent, const char* name)
{
    T* found = parent->findChild<T*>(QString::fromLatin1(name));
    if (!found)
        qWarning("no child %s", name);
    return found;
}

// Each test runs in its own data folder and its own QSettings.
struct Sandbox
{
    QTemporaryDir dir;
    Sandbox()
    {
        QStandardPaths::setTestModeEnabled(true);
        slipway::DataLocation::setOverride(dir.path() + QStringLiteral("/data"));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(dir.path() + QStringLiteral("/config")));
        QSettings().clear();
    }
};

// Does `act` and waits for `signal` of `sender`, emitted during it or after (views that read the history off the UI
// thread say so when what they read is on screen).
template <typename Sender, typename Signal, typename Act>
bool actAndWait(Sender* sender, Signal signal, Act act, int timeoutMs = 30000)
{
    QSignalSpy spy(sender, signal);
    act();
    return !spy.isEmpty() || spy.wait(timeoutMs);
}

inline void writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(bytes);
}

inline QByteArray indexHtml()
{
    return "<!doctype html><html><body><script src=\"app.js\"></script></body></html>\n";
}

inline QByteArray appJs()
{
    return "import { CapacitorUpdater } from '@capgo/capacitor-updater';\nCapacitorUpdater.notifyAppReady();\n";
}

// Incompressible bytes so that packaging takes measurable time.
inline void writeRandomFile(const QString& path, qint64 bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return;
    QByteArray chunk(1 << 20, '\0');
    quint64 state = 0x9E3779B97F4A7C15ull;
    for (qint64 written = 0; written < bytes; written += chunk.size()) {
        for (int i = 0; i + 8 <= chunk.size(); i += 8) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            memcpy(chunk.data() + i, &state, 8);
        }
        file.write(chunk.constData(), std::min<qint64>(chunk.size(), bytes - written));
    }
}

// The main window shown and active, as a person meets it: keys go to the focus only in an active window.
struct ShownWindow
{
    slipway::ui::MainWindow window;
    ShownWindow()
    {
        window.resize(1180, 760);
        window.show();
        QApplication::setActiveWindow(&window);
        (void)QTest::qWaitForWindowActive(&window);
    }
};

// A key to whichever widget has the keyboard focus, as a person types.
inline void pressOnFocus(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget* focus = QApplication::focusWidget();
    QVERIFY2(focus, "no widget has the keyboard focus");
    QTest::keyClick(focus, key, modifiers);
}

// Keys to the focused widget, one character at a time, as a keyboard delivers them.
inline void typeIntoFocus(const QString& text)
{
    for (const QChar c : text) {
        QWidget* focus = QApplication::focusWidget();
        QVERIFY2(focus, "no widget has the keyboard focus");
        QTest::keyClick(focus, c.toLatin1());
    }
}

// Focus into `w` as a click would put it there.
inline void focusByClick(QWidget* w)
{
    QTest::mouseClick(w, Qt::LeftButton, Qt::NoModifier, QPoint(5, w->height() / 2));
    QTRY_COMPARE(QApplication::focusWidget(), w);
}

} // namespace guitest
