#pragma once

namespace slipway::ui {

// The icons, the demo build and the translations are compiled into this static library: their
// initializer must be referenced or the linker drops it.
void initResources();

} // namespace slipway::ui
