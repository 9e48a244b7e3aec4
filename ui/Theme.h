#pragma once

namespace slipway::ui {

// Fusion with a light or dark palette following the system (SLIPWAY_THEME=light|dark overrides).
class Theme
{
public:
    // Styles the running QApplication.
    static void apply();
    [[nodiscard]] static bool isDark();
};

} // namespace slipway::ui
