#pragma once

#include "bundle/BuildSource.h"
#include "common/Result.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace slipway::bundle {

enum class CheckSeverity { Blocking, Warning, Info };

// One named pre-flight result, worded for a release manager.
struct PreflightCheck
{
    QString id;    // stable identifier: "index-html", "notify-app-ready", "version", "app-id", "path-safety",
                   // "name-encoding", "symlinks", "readable", "archive-integrity", "not-empty", "junk-files",
                   // "size-summary", "delta-empty-files"
    QString title; // short human title
    CheckSeverity severity = CheckSeverity::Blocking;
    bool passed = true;
    QString message;   // what was found and, when it failed, what to do
    QStringList items; // the offending paths (or largest files for the summary), at most a few dozen
};

struct PreflightOptions
{
    QString version;          // bundle version; checked as semver when not empty
    QString appId;            // checked as reverse-domain when not empty
    bool codeCheck = true;    // look for notifyAppReady in the JavaScript (Capgo's --no-code-check turns it off)
    bool excludeJunk = false; // leave .git, .DS_Store, source maps and the like out of the bundle
    BuildLimits limits;       // how large the build may be (raise for a build that really is larger)
    // An encrypted delta release is planned: empty files cannot be delivered as encrypted objects
    // (the plugin fails on 0 decrypted bytes), so they are named ("delta-empty-files").
    bool encryptedDelta = false;
    // A delta release (plain or encrypted) is planned: a build of more files than a delta may have is named
    // ("delta-file-count") and the release publishes the zip only.
    bool delta = false;
    bool deltaSkipEmpty = false; // --delta-skip-empty: the manifest leaves them out
    ScanControl scan;         // cancel and watch the scan of the build (the GUI's Checks page)
};

struct PreflightReport
{
    std::vector<PreflightCheck> checks;
    qint64 files = 0;
    qint64 bytes = 0;
    [[nodiscard]] bool hasBlockingFailure() const;
    // One line per failed blocking check, for an error message.
    [[nodiscard]] QString blockingSummary() const;
    [[nodiscard]] const PreflightCheck* check(const QString& id) const;
};

class Preflight
{
public:
    // Opens the folder or archive and runs every check.
    [[nodiscard]] static Result<PreflightReport> run(const QString& sourcePath, const PreflightOptions& options);
    [[nodiscard]] static PreflightReport run(const BuildSource& source, const PreflightOptions& options);

    [[nodiscard]] static bool isSemver(const QString& version);
    [[nodiscard]] static bool isReverseDomainAppId(const QString& appId);
    // Files that usually should not ship (.git, .DS_Store, source maps, Thumbs.db, __MACOSX).
    [[nodiscard]] static bool isJunkPath(const QString& relativePath);
    [[nodiscard]] static QString severityName(CheckSeverity severity);
};

} // namespace slipway::bundle
