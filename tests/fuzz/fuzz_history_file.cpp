// A history file from somewhere else (a colleague's copy, a restored backup, a damaged disk): open it,
// verify the audit chain and export it. Any outcome is fine but a crash or a hang; what the JSON export
// writes must parse back.
#include "FuzzSupport.h"
#include "history/History.h"
#include "history/HistoryExport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include <cstdlib>

using namespace slipway::history;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes = fuzzBytes(data, size);
    QDir folder(fuzzScratch().filePath(QStringLiteral("history")));
    folder.removeRecursively();
    folder.mkpath(QStringLiteral("."));
    const QString path = folder.filePath(QStringLiteral("history.sqlite"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            std::abort();
    }
    auto history = History::open(path);
    if (!history)
        return 0;
    (void)history.value()->verify();
    auto releases = releasesOldestFirst(*history.value());
    if (!releases)
        return 0;
    (void)exportReleases(*history.value(), releases.value(), ExportFormat::Csv);
    if (auto exported = exportReleases(*history.value(), releases.value(), ExportFormat::Json)) {
        QJsonParseError error{};
        (void)QJsonDocument::fromJson(exported.value(), &error);
        if (error.error != QJsonParseError::NoError)
            std::abort();
    }
    return 0;
}
