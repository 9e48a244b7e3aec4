#include "history/ReleaseOwner.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringList>
#include <QSysInfo>

#include <cerrno>
#include <csignal>

namespace slipway::history {

namespace {

// Start time of a live process (field 22 of /proc/PID/stat); empty when the process is gone or a
// zombie (a killed process whose parent has not reaped it yet is as dead as it gets).
QString processStartTime(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return {};
    const QByteArray text = stat.read(4096);
    // Fields counted after the ")" that closes the command name: state is field 3, start time 22.
    const qsizetype close = text.lastIndexOf(')');
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    if (fields.size() < 20 || fields.at(0) == "Z" || fields.at(0) == "X")
        return {};
    return QString::fromLatin1(fields.at(19));
}

} // namespace

QString ReleaseOwner::current()
{
    const qint64 pid = QCoreApplication::applicationPid();
    return QStringLiteral("%1 %2 %3").arg(QSysInfo::machineHostName()).arg(pid).arg(processStartTime(pid));
}

bool ReleaseOwner::alive(const QString& owner)
{
    const QStringList parts = owner.split(QLatin1Char(' '));
    if (parts.size() < 2 || parts.at(0) != QSysInfo::machineHostName())
        return !owner.isEmpty() && parts.value(0) != QSysInfo::machineHostName();
    const qint64 pid = parts.at(1).toLongLong();
    if (pid <= 0 || (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH))
        return false;
    const QString started = processStartTime(pid);
    return !started.isEmpty() && started == parts.value(2);
}

QString ReleaseOwner::describe(const QString& owner)
{
    return owner.section(QLatin1Char(' '), 0, 1);
}

} // namespace slipway::history
