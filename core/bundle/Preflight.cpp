#include "bundle/Preflight.h"

#include "bundle/BuildSource.h"
#include "common/ByteSize.h"
#include "common/InputLimits.h"

#include <QFileInfo>
#include <QIODevice>
#include <QRegularExpression>

#include <algorithm>

namespace slipway::bundle {

namespace {

constexpr int MaxListedItems = 20;
constexpr int LargestFilesShown = 5;

PreflightCheck makeCheck(const QString& id, const QString& title, CheckSeverity severity)
{
    PreflightCheck c;
    c.id = id;
    c.title = title;
    c.severity = severity;
    return c;
}

void addItem(PreflightCheck& check, const QString& item)
{
    if (check.items.size() < MaxListedItems)
        check.items << item;
}

QString listed(const QStringList& items, qsizetype total)
{
    QString s = items.join(QStringLiteral(", "));
    if (total > items.size())
        s += QStringLiteral(" and %1 more").arg(total - items.size());
    return s;
}

enum class Search { Found, NotFound, Unreadable };

// Streams the file looking for the marker, so a large bundle file is never loaded whole. `why` gets
// what an archive found wrong with the content.
Search fileContains(const BuildSource& source, const BuildEntry& entry, const QByteArray& marker, QString& why)
{
    auto device = source.openFile(entry);
    if (!device)
        return Search::Unreadable;
    QByteArray carry; // the end of the chunks before, for a marker split between two reads
    // Sized to the file (at most 1 MiB): a small buffer stays on the heap instead of being mapped for every file.
    QByteArray buffer(std::clamp<qint64>(entry.size, 1, qint64{1} << 20), Qt::Uninitialized);
    qint64 total = 0;
    for (;;) {
        const qint64 n = device.value()->read(buffer.data(), buffer.size());
        if (n < 0 || (n == 0 && total != entry.size)) {
            why = BuildSource::readProblem(*device.value());
            return Search::Unreadable;
        }
        if (n == 0)
            return Search::NotFound;
        total += n;
        const QByteArrayView chunk(buffer.constData(), n);
        const qsizetype edge = std::min<qsizetype>(n, marker.size() - 1);
        if (chunk.contains(marker) || (QByteArray(carry).append(chunk.first(edge))).contains(marker))
            return Search::Found;
        carry = carry.append(chunk.last(edge)).right(marker.size() - 1);
    }
}

} // namespace

bool PreflightReport::hasBlockingFailure() const
{
    return std::any_of(checks.begin(), checks.end(),
                       [](const PreflightCheck& c) { return !c.passed && c.severity == CheckSeverity::Blocking; });
}

QString PreflightReport::blockingSummary() const
{
    QStringList lines;
    for (const PreflightCheck& c : checks) {
        if (!c.passed && c.severity == CheckSeverity::Blocking)
            lines << QStringLiteral("%1: %2").arg(c.title, c.message);
    }
    return lines.join(QLatin1Char('\n'));
}

const PreflightCheck* PreflightReport::check(const QString& id) const
{
    for (const PreflightCheck& c : checks)
        if (c.id == id)
            return &c;
    return nullptr;
}

bool Preflight::isSemver(const QString& version)
{
    // semver.org 2.0.0, as Capgo's CLI checks bundle versions.
    static const QRegularExpression re(QStringLiteral(
        "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
        "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
        "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$"));
    return re.match(version).hasMatch();
}

bool Preflight::isReverseDomainAppId(const QString& appId)
{
    // Capacitor app ids: at least two dot-separated parts, each starting with a letter.
    static const QRegularExpression re(QStringLiteral("^[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z][A-Za-z0-9_-]*)+$"));
    return re.match(appId).hasMatch();
}

bool Preflight::isJunkPath(const QString& relativePath)
{
    const QStringList parts = relativePath.split(QLatin1Char('/'));
    for (const QString& part : parts) {
        if (part == QLatin1String(".git") || part == QLatin1String(".svn") || part == QLatin1String(".hg")
            || part == QLatin1String("__MACOSX"))
            return true;
    }
    const QString& name = parts.last();
    return name == QLatin1String(".DS_Store") || name == QLatin1String("Thumbs.db") || name.endsWith(QLatin1String(".map"));
}

QString Preflight::severityName(CheckSeverity severity)
{
    switch (severity) {
    case CheckSeverity::Blocking: return QStringLiteral("blocking");
    case CheckSeverity::Warning: return QStringLiteral("warning");
    case CheckSeverity::Info: return QStringLiteral("info");
    }
    return {};
}

Result<PreflightReport> Preflight::run(const QString& sourcePath, const PreflightOptions& options)
{
    auto source = BuildSource::open(sourcePath, options.limits, options.scan);
    if (!source)
        return source.error();
    return run(*source.value(), options);
}

PreflightReport Preflight::run(const BuildSource& source, const PreflightOptions& options)
{
    PreflightReport report;
    const auto& entries = source.entries();
    auto shipped = [&](const BuildEntry& e) { return !(options.excludeJunk && isJunkPath(e.path)); };

    auto pathSafety =
        makeCheck(QStringLiteral("path-safety"), QStringLiteral("Safe file names"), CheckSeverity::Blocking);
    auto encoding =
        makeCheck(QStringLiteral("name-encoding"), QStringLiteral("Names a bundle can carry"), CheckSeverity::Blocking);
    auto integrity = makeCheck(QStringLiteral("archive-integrity"), QStringLiteral("Archive contents are intact"),
                               CheckSeverity::Blocking);
    auto links =
        makeCheck(QStringLiteral("symlinks"), QStringLiteral("Links stay inside the build"), CheckSeverity::Blocking);
    auto readable =
        makeCheck(QStringLiteral("readable"), QStringLiteral("Every file can be read"), CheckSeverity::Blocking);
    auto junk = makeCheck(QStringLiteral("junk-files"), QStringLiteral("No files that usually should not ship"),
                          CheckSeverity::Warning);
    qsizetype unsafeCount = 0;
    qsizetype encodingCount = 0;
    qsizetype damagedCount = 0;
    qsizetype linkCount = 0;
    qsizetype unreadableCount = 0;
    qsizetype junkCount = 0;
    std::vector<const BuildEntry*> files;
    bool hasIndex = false;
    for (const BuildEntry& e : entries) {
        if (isJunkPath(e.path)) {
            // Report the top junk folder once rather than every file under .git.
            const bool parentIsJunk = e.path.contains(QLatin1Char('/')) && isJunkPath(e.path.section(QLatin1Char('/'), 0, -2));
            if (!parentIsJunk) {
                ++junkCount;
                addItem(junk, e.isDir ? e.path + QLatin1Char('/') : e.path);
            }
        }
        if (!shipped(e))
            continue;
        if (e.symlinkEscapes) {
            ++linkCount;
            addItem(links, QStringLiteral("%1 -> %2").arg(e.path, e.symlinkTarget));
            continue;
        }
        if (!e.damaged.isEmpty()) {
            ++damagedCount;
            addItem(integrity, QStringLiteral("%1 (%2)").arg(e.path, e.damaged));
            continue;
        }
        if (e.unreadable || e.special) {
            ++unreadableCount;
            addItem(readable, QStringLiteral("%1 (%2)").arg(e.path, e.special ? QStringLiteral("not a regular file: a pipe, socket or device")
                                                                              : QStringLiteral("permission denied")));
            continue;
        }
        if (!e.isDir) {
            files.push_back(&e);
            report.bytes += e.size;
            if (e.path == QLatin1String("index.html"))
                hasIndex = true;
        }
    }
    report.files = qint64(files.size());

    auto index = makeCheck(QStringLiteral("index-html"), QStringLiteral("index.html at the root"), CheckSeverity::Blocking);
    index.passed = hasIndex;
    index.message = hasIndex ? QStringLiteral("index.html is at the root of the build.")
                             : QStringLiteral("There is no index.html at the root of the build, so devices cannot start this bundle. "
                                              "Point --path at the folder your web build writes (often dist/ or www/).");
    if (!hasIndex && !source.strippedTopFolder().isEmpty())
        index.message += QStringLiteral(" (The archive's top folder %1/ was used as the root.)").arg(source.strippedTopFolder());
    report.checks.push_back(index);

    auto notify = makeCheck(QStringLiteral("notify-app-ready"), QStringLiteral("notifyAppReady is called"), CheckSeverity::Blocking);
    if (!options.codeCheck) {
        notify.message = QStringLiteral("Skipped (--no-code-check).");
    } else {
        const QByteArray marker("notifyAppReady");
        const BuildEntry* found = nullptr;
        for (const BuildEntry* e : files) {
            if (!e->path.endsWith(QLatin1String(".js")))
                continue;
            if (options.scan.cancelled())
                break;
            QString why;
            const Search s = fileContains(source, *e, marker, why);
            if (s == Search::Found) {
                found = e;
                break;
            }
            if (s == Search::Unreadable && why.isEmpty()) {
                ++unreadableCount;
                addItem(readable, QStringLiteral("%1 (read error)").arg(e->path));
            } else if (s == Search::Unreadable) {
                ++damagedCount;
                addItem(integrity, QStringLiteral("%1 (%2)").arg(e->path, why));
            }
        }
        notify.passed = found != nullptr;
        notify.message = found ? QStringLiteral("Found in %1.").arg(found->path)
                               : QStringLiteral("No JavaScript file calls notifyAppReady(). Without it the Capgo updater rolls the "
                                                "update back after a few seconds. Call CapacitorUpdater.notifyAppReady() at app start, "
                                                "or pass --no-code-check if your code calls it in a way this check cannot see.");
    }
    report.checks.push_back(notify);

    auto version = makeCheck(QStringLiteral("version"), QStringLiteral("Bundle version is semver"), CheckSeverity::Blocking);
    if (options.version.isEmpty()) {
        version.message = QStringLiteral("No bundle version given: not checked.");
    } else {
        version.passed = isSemver(options.version);
        version.message = version.passed ? QStringLiteral("%1 is a valid semantic version.").arg(options.version)
                                         : QStringLiteral("\"%1\" is not a semantic version such as 1.4.2 or 1.4.2-beta.1; "
                                                          "Capgo refuses other versions.").arg(options.version);
    }
    report.checks.push_back(version);

    auto appId = makeCheck(QStringLiteral("app-id"), QStringLiteral("App id is reverse-domain"), CheckSeverity::Blocking);
    if (options.appId.isEmpty()) {
        appId.message = QStringLiteral("No app id given: not checked.");
    } else {
        appId.passed = isReverseDomainAppId(options.appId);
        appId.message = appId.passed ? QStringLiteral("%1 is a valid app id.").arg(options.appId)
                                     : QStringLiteral("\"%1\" is not a reverse-domain app id such as com.example.app; "
                                                      "use the appId from capacitor.config.").arg(options.appId);
    }
    report.checks.push_back(appId);

    for (const NameProblem& problem : source.nameProblems()) {
        if (options.excludeJunk && isJunkPath(problem.name))
            continue;
        const bool unsafe = problem.kind == BuildName::Problem::Unsafe;
        ++(unsafe ? unsafeCount : encodingCount);
        addItem(unsafe ? pathSafety : encoding, QStringLiteral("%1 (%2)").arg(problem.name, problem.reason));
    }
    pathSafety.passed = unsafeCount == 0;
    pathSafety.message = pathSafety.passed
        ? QStringLiteral("Every name is a plain relative path.")
        : QStringLiteral("%1 name(s) would be rejected or could write outside the app folder on a device: %2. Rename them or rebuild "
                         "the archive.").arg(unsafeCount).arg(listed(pathSafety.items, unsafeCount));
    report.checks.push_back(pathSafety);

    encoding.passed = encodingCount == 0;
    encoding.message =
        encoding.passed
            ? QStringLiteral("Every name is UTF-8, short enough for a phone and unique.")
            : QStringLiteral(
                  "%1 name(s) cannot be stored in a bundle as they are (a bundle holds each name once, in UTF-8, at "
                  "most "
                  "255 bytes per name and 1024 per path): %2. Rename them, or re-create the archive with UTF-8 names.")
                  .arg(encodingCount)
                  .arg(listed(encoding.items, encodingCount));
    report.checks.push_back(encoding);

    links.passed = linkCount == 0;
    links.message = links.passed ? QStringLiteral("No link points outside the build.")
                                 : QStringLiteral("%1 symbolic link(s) point outside the build or to nothing: %2. Copy the real files "
                                                  "into the build instead.").arg(linkCount).arg(listed(links.items, linkCount));
    report.checks.push_back(links);

    readable.passed = unreadableCount == 0;
    readable.message = readable.passed ? QStringLiteral("Every file can be read.")
                                       : QStringLiteral("%1 file(s) cannot be packaged: %2. Fix their permissions or remove them.")
                                             .arg(unreadableCount).arg(listed(readable.items, unreadableCount));
    report.checks.push_back(readable);

    integrity.passed = damagedCount == 0;
    integrity.message =
        integrity.passed
            ? (source.kind() == BuildSource::Kind::Folder
                   ? QStringLiteral("A folder: nothing to verify.")
                   : QStringLiteral("Every file matches the size and checksum its archive declares."))
            : QStringLiteral(
                  "%1 file(s) are damaged in the archive %2 or cannot be read from it as stored: %3. Download the CI "
                  "artifact again, or re-create it with the usual settings.")
                  .arg(damagedCount)
                  .arg(QFileInfo(source.path()).fileName(), listed(integrity.items, damagedCount));
    report.checks.push_back(integrity);

    auto notEmpty =
        makeCheck(QStringLiteral("not-empty"), QStringLiteral("The build has files"), CheckSeverity::Blocking);
    notEmpty.passed = !files.empty();
    notEmpty.message = notEmpty.passed ? QStringLiteral("%1 files.").arg(files.size())
                                       : QStringLiteral("The build is empty: run your web build first.");
    report.checks.push_back(notEmpty);

    junk.passed = junkCount == 0;
    if (junk.passed)
        junk.message = QStringLiteral("No .git, .DS_Store, source maps or similar files.");
    else if (options.excludeJunk)
        junk.message = QStringLiteral("Left out of the bundle: %1.").arg(listed(junk.items, junkCount));
    else
        junk.message = QStringLiteral("These usually should not ship: %1. Use --exclude-junk to leave them out.")
                           .arg(listed(junk.items, junkCount));
    report.checks.push_back(junk);

    if (options.delta) {
        auto count = makeCheck(QStringLiteral("delta-file-count"), QStringLiteral("The delta can list every file"),
                               CheckSeverity::Warning);
        count.passed = qint64(files.size()) <= limits::ManifestEntries;
        count.message =
            count.passed
                ? QStringLiteral("%1 files, within the %2 a delta update may list.").arg(files.size()).arg(limits::ManifestEntries)
                : QStringLiteral("The build has %1 files, more than the %2 a delta update may list (the plugin and "
                                 "Capgo refuse larger manifests). This release publishes the zip only.")
                      .arg(files.size())
                      .arg(limits::ManifestEntries);
        report.checks.push_back(count);
    }
    if (options.encryptedDelta) {
        auto empty = makeCheck(QStringLiteral("delta-empty-files"), QStringLiteral("Every file can go in the delta"),
                               CheckSeverity::Warning);
        qsizetype emptyCount = 0;
        for (const BuildEntry* e : files) {
            if (e->size == 0) {
                ++emptyCount;
                addItem(empty, e->path);
            }
        }
        empty.passed = emptyCount == 0;
        if (empty.passed)
            empty.message = QStringLiteral("No empty files: phones can fetch every file on its own.");
        else if (options.deltaSkipEmpty)
            empty.message = QStringLiteral("Left out of the delta manifest (--delta-skip-empty), so phones taking the "
                                           "delta will not have them: %1.")
                                .arg(listed(empty.items, emptyCount));
        else
            empty.message = QStringLiteral("Empty files cannot be delivered encrypted (the plugin fails on 0 bytes): "
                                           "%1. This release publishes the zip only; remove them, or use "
                                           "--delta-skip-empty to publish the delta without them.")
                                .arg(listed(empty.items, emptyCount));
        report.checks.push_back(empty);
    }

    auto summary = makeCheck(QStringLiteral("size-summary"), QStringLiteral("Size"), CheckSeverity::Info);
    std::vector<const BuildEntry*> largest = files;
    const auto shown = std::min<size_t>(LargestFilesShown, largest.size());
    std::partial_sort(largest.begin(), largest.begin() + qsizetype(shown), largest.end(),
                      [](const BuildEntry* a, const BuildEntry* b) { return a->size > b->size || (a->size == b->size && a->path < b->path); });
    for (size_t i = 0; i < shown; ++i)
        summary.items << QStringLiteral("%1 (%2)").arg(largest[i]->path, humanByteSize(largest[i]->size));
    summary.message = QStringLiteral("%1 files, %2 (%3 bytes) before compression.").arg(files.size()).arg(humanByteSize(report.bytes)).arg(report.bytes);
    if (!summary.items.isEmpty())
        summary.message += QStringLiteral(" Largest: %1.").arg(summary.items.join(QStringLiteral(", ")));
    report.checks.push_back(summary);
    return report;
}

} // namespace slipway::bundle
