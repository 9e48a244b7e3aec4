// Update-endpoint answers as the simulated phone reads them, and the endpoint's own decision from
// a channel manifest (the same bytes used as manifest and as device request).
#include "FuzzSupport.h"
#include "device/UpdateAnswer.h"
#include "registry/UpdateEndpoint.h"

#include <QJsonDocument>

using namespace slipway;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes = fuzzBytes(data, size);
    const auto answer = device::UpdateAnswer::parse(bytes);
    (void)answer.kindName();
    const QJsonObject object = QJsonDocument::fromJson(bytes).object();
    const QJsonObject device{{QStringLiteral("app_id"), QStringLiteral("com.x")},
                             {QStringLiteral("version_name"), QStringLiteral("builtin")},
                             {QStringLiteral("version_build"), QStringLiteral("1.0.0")},
                             {QStringLiteral("key_id"), QStringLiteral("MIIBCgKCAQEAaaaaaaaa")}};
    (void)registry::UpdateEndpoint::answer(object, device);
    (void)registry::UpdateEndpoint::answer(object, object);
    return 0;
}
