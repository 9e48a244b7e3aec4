#include "Resources.h"

#include <QtGlobal>

static void initSlipwayResources()
{
    Q_INIT_RESOURCE(slipway);
}

namespace slipway::ui {

void initResources()
{
    static const bool done = [] {
        initSlipwayResources();
        return true;
    }();
    (void)done;
}

} // namespace slipway::ui
