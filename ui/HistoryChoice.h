#pragma once

#include <QString>

namespace slipway::ui {

// Which release history the desktop app opens: --history or SLIPWAY_HISTORY when given, otherwise the address saved
// in the settings (Release history…), otherwise the local SQLite file. The choice reaches every part of the app (the
// history view, the wizard's runs, child processes) the way --history does: as SLIPWAY_HISTORY in this process's
// environment. Only the address is saved, never a password (that is in the OS keychain, see ServerLogin).
class HistoryChoice
{
public:
    // Settings key of the saved address (empty: the local file).
    static const QString SettingsKey;

    // At start-up, before any window opens: the saved address unless --history / SLIPWAY_HISTORY chose one.
    static void applyAtStart();
    // The address saved in the settings (empty: the local file).
    [[nodiscard]] static QString saved();
    // The location given by --history or SLIPWAY_HISTORY when the app started (empty when none was).
    [[nodiscard]] static QString givenAtStart();
    // The location this session uses now.
    [[nodiscard]] static QString current();
    // The local SQLite file of the data folder.
    [[nodiscard]] static QString localFile();

    // Saves `address` (empty: the local file) and uses it from now on in this session.
    static void choose(const QString& address);
    // Uses the local file for this session only (the way back when the team history cannot be opened).
    static void useLocalForThisSession();
};

} // namespace slipway::ui
