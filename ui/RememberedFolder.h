#pragma once

#include <QString>

namespace slipway::ui {

// The folder a file dialog opens in: where the user last chose something in that same dialog
// (kept per dialog in the settings: only the folder's path, never a file name or a secret), or the
// home folder the first time or when that folder is gone.
class RememberedFolder
{
public:
    explicit RememberedFolder(const QString& dialog);

    [[nodiscard]] QString folder() const;
    // `name` inside folder(): the suggestion of a save dialog.
    [[nodiscard]] QString fileIn(const QString& name) const;
    // Remembers the folder of what was chosen (the folder itself when a folder was chosen).
    void remember(const QString& chosen) const;

private:
    QString m_key;
};

} // namespace slipway::ui
