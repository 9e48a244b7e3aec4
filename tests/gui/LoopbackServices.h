#pragma once

// Shared by the GUI tests that need real services on loopback: a private D-Bus session bus (for a real Secret
// Service), the test server scripts of tests/servers, and a throw-away PostgreSQL 15.

#include "GuiTestSupport.h"

#include <QHostAddress>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>

#include <utility>

#include <csignal>
#include <sys/prctl.h>

namespace guitest {

// A private session bus with no service files: nothing is activated behind the test's back. Call it before the
// QApplication exists (Qt and QtKeychain connect to the session bus once).
struct PrivateBus
{
    QProcess* process = nullptr;
    QTemporaryDir* dir = nullptr;

    bool start()
    {
        dir = new QTemporaryDir;
        const QString config = dir->filePath(QStringLiteral("session.conf"));
        const QString xml =
            QStringLiteral("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                           " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                           "<busconfig><type>session</type><listen>unix:dir=%1</listen><auth>EXTERNAL</auth>\n"
                           "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
                           "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n");
        writeFile(config, xml.arg(dir->path()).toUtf8());
        process = new QProcess; // never deleted: its destructor would end the daemon
        process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        process->start(QStringLiteral("dbus-daemon"), {QStringLiteral("--config-file=") + config,
                                                       QStringLiteral("--nofork"), QStringLiteral("--print-address=1")});
        if (!process->waitForStarted(10000) || !process->waitForReadyRead(10000))
            return false;
        const QByteArray address = process->readLine().trimmed();
        if (address.isEmpty())
            return false;
        qputenv("DBUS_SESSION_BUS_ADDRESS", address);
        qunsetenv("DISPLAY"); // no X11 autolaunch of another bus
        return true;
    }

    // Removes the socket's folder; the daemon itself ends with this process (PR_SET_PDEATHSIG). Ending it earlier
    // closes the bus under libsecret's GLib connection on the keychain thread, and GLib's exit-on-close then raises
    // SIGTERM in this process.
    void removeSocketFolder()
    {
        delete dir;
        dir = nullptr;
    }
};

inline QString serverScript(const char* name)
{
    return QStringLiteral(SLIPWAY_SOURCE_DIR "/tests/servers/") + QLatin1String(name);
}

inline int freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// Runs a helper to its end; its standard output, or an empty string (and a warning) when it failed.
inline QString runTool(const QString& program, const QStringList& args,
                       const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(240000) || p.exitCode() != 0) {
        qWarning("%s failed: %s", qPrintable(program), p.readAllStandardError().right(2000).constData());
        return {};
    }
    return QString::fromUtf8(p.readAllStandardOutput());
}

// The variables of a server script's last `export A=1 B='x y'` line.
inline QHash<QString, QString> scriptExports(const QString& output)
{
    QHash<QString, QString> values;
    const QStringList lines = output.split(QLatin1Char('\n')).filter(QRegularExpression(QStringLiteral("^export ")));
    if (lines.isEmpty())
        return values;
    const QRegularExpression pair(QStringLiteral("(\\w+)=(?:'([^']*)'|(\\S*))"));
    for (auto it = pair.globalMatch(lines.last()); it.hasNext();) {
        const auto m = it.next();
        values.insert(m.captured(1), m.captured(2).isEmpty() ? m.captured(3) : m.captured(2));
    }
    return values;
}

// tests/servers/postgresql.sh: role `slipway` (password `password`) owning database `history`, on 127.0.0.1:port.
struct PostgresServer
{
    QString pid;
    QString dir;
    QString password;
    int port = 0;

    bool start()
    {
        port = freePort();
        const auto v = scriptExports(runTool(serverScript("postgresql.sh"), {QStringLiteral("start"),
                                                                             QString::number(port)}));
        pid = v.value(QStringLiteral("PG_PID"));
        dir = v.value(QStringLiteral("PG_DIR"));
        password = v.value(QStringLiteral("PG_PASSWORD"));
        return !pid.isEmpty();
    }

    [[nodiscard]] QString url(const QString& database = QStringLiteral("history")) const
    {
        return QStringLiteral("postgresql://slipway@127.0.0.1:%1/%2").arg(port).arg(database);
    }

    // As the server's superuser.
    void sql(const QString& statement, const QString& database = QStringLiteral("postgres")) const
    {
        runTool(serverScript("postgresql.sh"),
                {QStringLiteral("sql"), dir, QString::number(port), database, statement});
    }

    // An outage: the server stops (every session cut) and comes back on its port with its data.
    void halt() const { runTool(serverScript("postgresql.sh"), {QStringLiteral("halt"), pid}); }
    bool resume()
    {
        pid = scriptExports(runTool(serverScript("postgresql.sh"),
                                    {QStringLiteral("resume"), dir, QString::number(port)}))
                  .value(QStringLiteral("PG_PID"));
        return !pid.isEmpty();
    }

    void stop() const
    {
        if (!pid.isEmpty())
            runTool(serverScript("postgresql.sh"), {QStringLiteral("stop"), pid, dir});
    }
};

} // namespace guitest
