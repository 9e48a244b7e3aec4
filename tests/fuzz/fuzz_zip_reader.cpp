// The device-side zip reading: central directory, zip64, Android's front-to-back walk (local headers, inflate,
// data descriptors, CRCs), entry-name and collision rules, root flattening.
#include "FuzzSupport.h"
#include "device/AndroidZipStream.h"
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
    if (auto listing = ZipDirectory::read(path)) {
        (void)BundleLayout::checkEntries(listing->entries);
        (void)AndroidZipStream::check(path, listing.value());
        (void)BundleLayout::resolveRoot(listing->entries);
    }
    return 0;
}
