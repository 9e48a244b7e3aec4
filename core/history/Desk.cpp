#include "history/Desk.h"

#include "common/InputLimits.h"
#include "common/OsUser.h"

#include <QSysInfo>

#include <algorithm>

namespace slipway::history {

Result<QString> Desk::current()
{
    if (!qEnvironmentVariableIsSet("SLIPWAY_DESK"))
        return QStringLiteral("%1@%2").arg(currentOsUser(), QSysInfo::machineHostName());
    const QString named = qEnvironmentVariable("SLIPWAY_DESK");
    const qsizetype at = named.indexOf(QLatin1Char('@'));
    const bool printable = std::all_of(named.cbegin(), named.cend(), [](QChar c) { return c.isPrint(); });
    if (at <= 0 || at == named.size() - 1 || named.size() > limits::DeskChars || !printable)
        return fail(QStringLiteral("SLIPWAY_DESK must name a desk as USER@HOST (printable, at most %1 characters).")
                        .arg(limits::DeskChars),
                    2);
    return named;
}

} // namespace slipway::history
