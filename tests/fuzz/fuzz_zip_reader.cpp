// The device-side zip reading: central directory, zip64, local headers, entry-name rules, root flattening.
#include "FuzzSupport.h"
#include "device/BundleLayout.h"
#include "device/ZipDirectory.h"

#include <QFile>

using namespace slipway::device;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes = fuzzBytes(data, size);
    const QString path = fuzzScratch().filePath(QStringLiteral("input.zip"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return 0;
    file.write(bytes);
    file.close();
    if (auto entries = ZipDirectory::read(path)) {
        (void)BundleLayout::resolveRoot(entries.value());
        for (const auto& e : entries.value())
            (void)BundleLayout::unsafeNameReason(e.rawName);
    }
    return 0;
}
