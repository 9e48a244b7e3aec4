// Release plans imported from JSON (--plan plan.json, the history's stored plans): parse, validate, round trip.
#include "FuzzSupport.h"
#include "release/ReleasePlan.h"

#include <QJsonDocument>

#include <cstdlib>

using slipway::release::ReleasePlan;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(fuzzBytes(data, size));
    auto plan = ReleasePlan::fromJson(doc.object());
    if (plan) {
        (void)plan->validate();
        auto again = ReleasePlan::fromJson(plan->toJson());
        if (!again || again->toJson() != plan->toJson())
            std::abort(); // what we write must read back the same
    }
    return 0;
}
