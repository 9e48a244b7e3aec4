#pragma once

class QApplication;

namespace slipway::ui {

// Fusion with a light or dark palette following the system (SLIPWAY_THEME=light|dark overrides).
class Theme
{
public:
    static void apply(QApplication& app);
    [[nodiscard]] static bool isDark();
};

} // namespace slipway::ui
