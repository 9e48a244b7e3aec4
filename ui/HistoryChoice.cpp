#include "HistoryChoice.h"

#include "common/DataLocation.h"
#include "history/History.h"

#include <QDir>
#include <QSettings>

namespace slipway::ui {

namespace {

QString& startLocation()
{
    static QString given;
    return given;
}

void use(const QString& location)
{
    if (location.isEmpty())
        qunsetenv("SLIPWAY_HISTORY");
    else
        qputenv("SLIPWAY_HISTORY", location.toLocal8Bit());
}

} // namespace

const QString HistoryChoice::SettingsKey = QStringLiteral("history/location");

void HistoryChoice::applyAtStart()
{
    startLocation() = qEnvironmentVariable("SLIPWAY_HISTORY");
    if (startLocation().isEmpty())
        use(saved());
}

QString HistoryChoice::saved()
{
    return QSettings().value(SettingsKey).toString().trimmed();
}

QString HistoryChoice::givenAtStart()
{
    return startLocation();
}

QString HistoryChoice::current()
{
    return history::History::defaultPath();
}

QString HistoryChoice::localFile()
{
    return QDir(DataLocation::root()).filePath(QStringLiteral("history.sqlite"));
}

void HistoryChoice::choose(const QString& address)
{
    QSettings settings;
    if (address.isEmpty())
        settings.remove(SettingsKey);
    else
        settings.setValue(SettingsKey, address);
    use(address);
}

void HistoryChoice::useLocalForThisSession()
{
    use(QString());
}

} // namespace slipway::ui
