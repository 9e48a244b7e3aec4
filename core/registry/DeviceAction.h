#pragma once

#include <QString>
#include <QStringList>

namespace slipway::registry {

// What one `action` of @capgo/capacitor-updater's stats means for a rollout. The names are the plugin's own
// sendStats calls (and the Capgo backend's stats_action list): a failure to download, verify, unzip or switch
// to a bundle; the switch itself; a return to the builtin or a previous bundle; anything else is informational.
// An action this list does not know is kept as reported and counted as informational, never refused.
class DeviceAction
{
public:
    enum class Kind { Applied, Failure, Reverted, Info, Unknown };

    [[nodiscard]] static Kind classify(const QString& action);
    [[nodiscard]] static bool isFailure(const QString& action) { return classify(action) == Kind::Failure; }
    [[nodiscard]] static QString kindName(Kind kind);
    // The failure actions, as the plugin names them.
    [[nodiscard]] static const QStringList& failures();
    // A plain-words reading of an action ("the bundle's checksum did not match").
    [[nodiscard]] static QString describe(const QString& action);
};

} // namespace slipway::registry
