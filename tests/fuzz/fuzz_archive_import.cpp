// CI artifact archives as BuildSource reads them (raw headers, checked content): the first byte picks the
// format, the rest is the archive.
#include "FuzzSupport.h"
#include "bundle/BuildSource.h"

#include <QFile>
#include <QIODevice>

using slipway::bundle::BuildSource;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    static const char* const suffixes[] = {".zip", ".tar", ".tar.gz", ".tar.xz", ".tar.zst", ".7z"};
    const QString path = fuzzScratch().filePath(QStringLiteral("build") + QLatin1String(suffixes[data[0] % 6]));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return 0;
    file.write(fuzzBytes(data + 1, size - 1));
    file.close();
    auto source = BuildSource::open(path);
    if (source) {
        int opened = 0;
        for (const auto& entry : source.value()->entries()) {
            if (entry.isDir || opened++ > 16)
                continue;
            if (auto device = source.value()->openFile(entry)) {
                char buffer[4096];
                while (device.value()->read(buffer, sizeof buffer) > 0) {
                }
            }
        }
    }
    QFile::remove(path);
    return 0;
}
