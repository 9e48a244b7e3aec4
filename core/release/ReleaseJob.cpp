#include "release/ReleaseJob.h"

#include "common/OsUser.h"

#include "bundle/Packager.h"
#include "common/ByteSize.h"
#include "common/DataLocation.h"
#include "common/FreedMemory.h"
#include "common/ProgressSum.h"
#include "crypto/BundleCipher.h"
#include "crypto/RsaKey.h"
#include "crypto/Sha256.h"
#include "device/BundleUnzip.h"
#include "device/DeviceVerifier.h"
#include "device/ManifestInstall.h"
#include "history/ReleaseOwner.h"
#include "registry/ChannelRollout.h"
#include "registry/LocalChannelRegistrar.h"
#include "registry/StoredDeltaList.h"
#include "storage/FolderStorage.h"
#include "storage/StorageFactory.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSysInfo>

#include <chrono>
#include <cstdio>
#include <future>
#include <thread>

#include <unistd.h>

namespace slipway::release {

using namespace history;

namespace {

constexpr int RefusedCode = 5;
constexpr int CancelledCode = 130;

Result<QString> fileSha256(const QString& path)
{
    auto digest = crypto::Sha256::ofFile(path);
    if (!digest)
        return digest.error();
    return crypto::Sha256::hex(digest.value());
}

QString shortHash(const QString& hex)
{
    return hex.left(12);
}

} // namespace

ReleaseJob::ReleaseJob(QString historyPath, SecureBytes passphrase, const std::atomic_bool* cancel, Callbacks callbacks)
    : m_historyPath(historyPath.isEmpty() ? History::defaultPath() : std::move(historyPath)),
      m_passphrase(std::move(passphrase)), m_cancel(cancel), m_callbacks(std::move(callbacks))
{
}

ReleaseJob::~ReleaseJob() = default;

QString ReleaseJob::workDirectory(qint64 releaseId)
{
    return QDir(DataLocation::folder(QStringLiteral("work"))).filePath(QString::number(releaseId));
}

Result<ReleaseRecord> ReleaseJob::abandon(const QString& historyPath, qint64 releaseId)
{
    auto opened = History::open(historyPath.isEmpty() ? History::defaultPath() : historyPath);
    if (!opened)
        return opened.error();
    History& history = *opened.value();
    if (Status s = history.reconcileDeadOwners(); !s)
        return s.error();
    auto stored = history.release(releaseId, History::View::Stored);
    if (!stored)
        return stored.error();
    ReleaseRecord record = stored.value();
    const QString what = QStringLiteral("%1 %2 on channel %3").arg(record.appId, record.version, record.channel);
    if (record.status == ReleaseStatus::Running)
        return fail(QStringLiteral("Release %1 (%2) is running in Slipway process %3; stop it first (Ctrl+C or "
                                   "SIGTERM leaves it interrupted), then abandon it.")
                        .arg(releaseId)
                        .arg(what, ReleaseOwner::describe(record.owner)));
    if (record.status != ReleaseStatus::Interrupted)
        return fail(QStringLiteral("Release %1 (%2) is %3: only an interrupted release can be abandoned.")
                        .arg(releaseId)
                        .arg(what, record.status),
                    2);
    if (!record.registration.isEmpty())
        return fail(QStringLiteral("Release %1 (%2) was already registered (%3): devices can be served it, so it "
                                   "cannot be abandoned. Finish it with 'slipway release --resume %1'.")
                        .arg(releaseId)
                        .arg(what, record.registration));
    // The work folder's lock: no process may be in the middle of resuming it.
    const QString workDir = workDirectory(releaseId);
    QDir().mkpath(workDir);
    QLockFile lock(QDir(workDir).filePath(QStringLiteral("release.lock")));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(0))
        return fail(
            QStringLiteral("Release %1 is being run by another Slipway process; stop it first.").arg(releaseId));
    const QString owner = record.owner;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    record.status = ReleaseStatus::Abandoned;
    record.reason =
        QStringLiteral("Abandoned by %1 on %2 at %3 UTC while interrupted at %4 (its steps say why). "
                       "Its claim on %5 is released; it cannot be resumed.")
            .arg(currentOsUser(), QSysInfo::machineHostName(), now.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                 record.lastStep.isEmpty() ? QStringLiteral("start-up") : record.lastStep, what);
    record.finishedAt = now;
    record.updatedAt = now;
    auto written = history.updateReleaseIf(record, ReleaseStatus::Interrupted, owner);
    if (!written)
        return written.error();
    if (!written.value())
        return fail(QStringLiteral("Release %1 changed while it was being abandoned (another Slipway process resumed "
                                   "it); see 'slipway history show %1'.")
                        .arg(releaseId));
    lock.unlock();
    QDir(workDir).removeRecursively();
    return record;
}

ReleaseResult ReleaseJob::start(ReleasePlan plan)
{
    ReleaseResult result;
    result.appId = plan.appId;
    result.version = plan.version;
    result.channel = plan.channel;
    if (Status valid = plan.validate(); !valid) {
        result.error = valid.error().message;
        return result;
    }
    auto history = History::open(m_historyPath);
    if (!history) {
        result.error = history.error().message;
        return result;
    }
    m_history = std::move(history).value();
    // A release left running by a dead process must show as the interrupted holder of its claim.
    (void)m_history->reconcileDeadOwners();
    if (!plan.buildSource.isEmpty())
        plan.buildSource = QFileInfo(plan.buildSource).absoluteFilePath();
    if (!plan.keyPath.isEmpty() && !plan.keyPath.startsWith(QLatin1String("pkcs11:")))
        plan.keyPath = QFileInfo(plan.keyPath).absoluteFilePath();
    m_plan = plan;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_record.appId = plan.appId;
    m_record.version = plan.version;
    m_record.channel = plan.channel;
    m_record.status = ReleaseStatus::Running;
    m_record.createdAt = now;
    m_record.updatedAt = now;
    m_record.osUser = currentOsUser();
    m_record.host = QSysInfo::machineHostName();
    m_record.notes = plan.notes;
    m_record.minUpdateVersion = plan.minUpdateVersion;
    m_record.attempts = 1;
    m_record.owner = ReleaseOwner::current();
    m_record.checksumFormat = crypto::checksumFormatName(plan.checksumFormat);
    m_record.planJson = QString::fromUtf8(QJsonDocument(plan.toJson()).toJson(QJsonDocument::Compact));
    // The claim is taken before anything is built or uploaded: of two releases of the same app,
    // version and channel started together, exactly one gets here with an id.
    auto claim = m_history->claimRelease(m_record);
    if (!claim) {
        result.error = claim.error().message;
        return result;
    }
    if (claim->holder)
        return refuseClaimed(claim->holder.value());
    m_record.id = claim->id;
    m_attempt = 1;
    // A work folder left by an older history with the same id is not ours.
    QDir(workDirectory(m_record.id)).removeRecursively();
    return run();
}

ReleaseResult ReleaseJob::resume(qint64 releaseId)
{
    ReleaseResult result;
    result.releaseId = releaseId;
    auto history = History::open(m_historyPath);
    if (!history) {
        result.error = history.error().message;
        return result;
    }
    m_history = std::move(history).value();
    if (Status s = m_history->reconcileDeadOwners(); !s) {
        result.error = s.error().message;
        return result;
    }
    auto record = m_history->release(releaseId, History::View::Stored);
    if (!record) {
        result.error = record.error().message;
        return result;
    }
    m_record = record.value();
    result.status = m_record.status;
    result.appId = m_record.appId;
    result.version = m_record.version;
    result.channel = m_record.channel;
    if (m_record.status == ReleaseStatus::Completed) {
        result.error = QStringLiteral("Release %1 (%2 %3 on %4) is already completed; there is nothing to resume.")
                           .arg(releaseId)
                           .arg(m_record.appId, m_record.version, m_record.channel);
        return result;
    }
    if (m_record.status == ReleaseStatus::Refused) {
        result.error = QStringLiteral("Release %1 was refused: %2 Start a new release instead.")
                           .arg(releaseId)
                           .arg(m_record.reason);
        return result;
    }
    if (m_record.status == ReleaseStatus::Abandoned) {
        result.error = QStringLiteral("Release %1 was abandoned and cannot be resumed: %2 Start a new release instead.")
                           .arg(releaseId)
                           .arg(m_record.reason);
        return result;
    }
    if (m_record.status == ReleaseStatus::Running) {
        result.error =
            QStringLiteral("Release %1 is running in another Slipway process (%2); wait for it or stop it first.")
                .arg(releaseId)
                .arg(m_record.owner);
        return result;
    }
    auto plan = ReleasePlan::fromJson(QJsonDocument::fromJson(m_record.planJson.toUtf8()).object());
    if (!plan) {
        result.error = QStringLiteral("Release %1 cannot be resumed: its recorded plan is unreadable (%2).")
                           .arg(releaseId)
                           .arg(plan.error().message);
        return result;
    }
    m_plan = plan.value();
    m_resuming = true;
    m_attempt = m_record.attempts + 1;
    const QString previousOwner = m_record.owner;
    m_record.attempts = m_attempt;
    m_record.status = ReleaseStatus::Running;
    m_record.reason.clear();
    m_record.owner = ReleaseOwner::current();
    m_record.updatedAt = QDateTime::currentDateTimeUtc();
    // Only from `interrupted`: two processes resuming (or abandoning) the same release at once
    // cannot both win.
    auto taken = m_history->updateReleaseIf(m_record, ReleaseStatus::Interrupted, previousOwner);
    if (!taken || !taken.value()) {
        result.error = taken ? QStringLiteral("Release %1 changed while this resume started (another Slipway process "
                                              "resumed or abandoned it); see 'slipway history show %1'.")
                                   .arg(releaseId)
                             : taken.error().message;
        return result;
    }
    return run();
}

Status ReleaseJob::save()
{
    m_record.updatedAt = QDateTime::currentDateTimeUtc();
    m_record.planJson = QString::fromUtf8(QJsonDocument(m_plan.toJson()).toJson(QJsonDocument::Compact));
    return m_history->updateRelease(m_record);
}

ReleaseResult ReleaseJob::run()
{
    m_workDir = workDirectory(m_record.id);
    QDir().mkpath(m_workDir);
    m_zipPath = QDir(m_workDir).filePath(QStringLiteral("bundle.zip"));
    m_encryptedPath = QDir(m_workDir).filePath(QStringLiteral("bundle.zip.encrypted"));
    m_lock = std::make_unique<QLockFile>(QDir(m_workDir).filePath(QStringLiteral("release.lock")));
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0))
        return finish(QStringLiteral("Release %1 is being run by another Slipway process.").arg(m_record.id), false);
    if (m_callbacks.created)
        m_callbacks.created(m_record.id, m_attempt);

    for (ReleaseStep step : allSteps()) {
        if (cancelled())
            return finish(QStringLiteral("Cancelled by the user before %1.").arg(stepTitle(step)), true);
        StepRecord stepRecord;
        stepRecord.releaseId = m_record.id;
        stepRecord.attempt = m_attempt;
        stepRecord.name = stepName(step);
        stepRecord.startedAt = QDateTime::currentDateTimeUtc();
        stepRecord.outcome = StepOutcome::Running;
        auto stepId = m_history->startStep(stepRecord);
        if (!stepId)
            return finish(stepId.error().message, false);
        stepRecord.id = stepId.value();
        m_record.lastStep = stepRecord.name;
        if (step != ReleaseStep::Record) {
            if (Status s = save(); !s)
                return finish(s.error().message, false);
        }
        if (m_callbacks.stepStarted)
            m_callbacks.stepStarted(step, stepTitle(step));
        m_testPaused = false;

        auto output = runStep(step);
        releaseFreedMemory();
        stepRecord.finishedAt = QDateTime::currentDateTimeUtc();
        if (output) {
            stepRecord.outcome = output->reused ? StepOutcome::Reused : StepOutcome::Succeeded;
            stepRecord.detail = output->detail;
            stepRecord.bytes = output->bytes;
        } else {
            const bool wasCancelled = output.error().code == CancelledCode || cancelled();
            stepRecord.outcome = wasCancelled ? StepOutcome::Cancelled : StepOutcome::Failed;
            stepRecord.error = wasCancelled ? QStringLiteral("cancelled by the user") : output.error().message;
            m_refused = output.error().code == RefusedCode;
        }
        if (Status s = m_history->updateStep(stepRecord); !s)
            return finish(s.error().message, false);
        if (m_callbacks.stepFinished)
            m_callbacks.stepFinished(step, output.ok(), output ? output->detail : stepRecord.error);
        if (!output) {
            const bool wasCancelled = stepRecord.outcome == StepOutcome::Cancelled;
            return finish(wasCancelled
                              ? QStringLiteral("Cancelled by the user during %1.").arg(stepTitle(step))
                              : (m_refused
                                     ? output.error().message
                                     : QStringLiteral("%1 failed: %2").arg(stepTitle(step), output.error().message)),
                          wasCancelled);
        }
    }
    return finish({}, false);
}

ReleaseResult ReleaseJob::finish(const QString& error, bool wasCancelled)
{
    QString historyError;
    if (!error.isEmpty() && m_record.id > 0 && m_history) {
        m_record.status = m_refused ? ReleaseStatus::Refused : ReleaseStatus::Interrupted;
        m_record.reason = error;
        // Say so when this could not be written (a full disk): the row then still says running.
        if (Status s = save(); !s)
            historyError = s.error().message;
    }
    if (m_lock)
        m_lock->unlock();
    // A completed release needs no work files: the bundle lives on its storage target.
    if (m_record.status == ReleaseStatus::Completed && !m_workDir.isEmpty())
        QDir(m_workDir).removeRecursively();
    return makeResult(error, wasCancelled, historyError);
}

ReleaseResult ReleaseJob::refuseClaimed(const ReleaseRecord& holder)
{
    const QString what = QStringLiteral("%1 %2 on channel %3").arg(m_record.appId, m_record.version, m_record.channel);
    QString message;
    if (holder.status == ReleaseStatus::Running && ReleaseOwner::alive(holder.owner))
        message = QStringLiteral("Refused: %1 is being released right now by release %2 (Slipway process %3, started "
                                 "%4 UTC, at %5). Only one release of an app, version and channel runs at a time, so "
                                 "this one did not start: nothing was built or uploaded. Wait for release %2 to "
                                 "finish (see 'slipway history show %2'); to publish the version again after it, "
                                 "pass --re-release.")
                      .arg(what)
                      .arg(holder.id)
                      .arg(ReleaseOwner::describe(holder.owner),
                           holder.createdAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                           holder.lastStep.isEmpty() ? QStringLiteral("start-up") : holder.lastStep);
    else
        message = QStringLiteral("Refused: %1 is held by release %2, which was interrupted during %3 (see 'slipway "
                                 "history show %2'). Only one release of an app, version and channel may be in "
                                 "flight, so this one did not start: nothing was built or uploaded. Continue release "
                                 "%2 with 'slipway release --resume %2', or give it up with 'slipway release "
                                 "--abandon %2' and run this release again.")
                      .arg(what)
                      .arg(holder.id)
                      .arg(holder.lastStep.isEmpty() ? QStringLiteral("start-up") : holder.lastStep);
    // The refusal is recorded too; a refused release holds no claim.
    m_refused = true;
    m_record.status = ReleaseStatus::Refused;
    m_record.reason = message;
    m_record.finishedAt = QDateTime::currentDateTimeUtc();
    m_record.owner.clear();
    QString historyError;
    if (auto id = m_history->createRelease(m_record))
        m_record.id = id.value();
    else
        historyError = id.error().message;
    return makeResult(message, false, historyError);
}

ReleaseResult ReleaseJob::makeResult(const QString& error, bool wasCancelled, const QString& historyError) const
{
    ReleaseResult result;
    result.releaseId = m_record.id;
    result.status = m_record.status;
    result.cancelled = wasCancelled;
    result.refusedForKey = m_refusedForKey;
    result.error = error;
    result.historyError = historyError;
    result.appId = m_record.appId;
    result.version = m_record.version;
    result.channel = m_record.channel;
    result.sha256 = m_record.sha256;
    result.signedChecksum = m_record.signedChecksum;
    result.ivSessionKey = m_record.ivSessionKey;
    result.keyId = m_record.keyId;
    result.keyFingerprint = m_record.keyFingerprint;
    result.publicUrl = m_record.publicUrl;
    result.storageKey = m_record.storageKey;
    result.manifestKey = m_manifestKey;
    result.manifest = m_manifest;
    result.encryptedSize = m_record.encryptedSize;
    result.usedDefaultKey = m_key.isDefault;
    result.keyPath = m_key.path.isEmpty() ? m_plan.keyPath : m_key.path;
    result.attempt = m_attempt;
    result.rolloutPercent = m_plan.rolloutPercent;
    if (m_deltaSaving)
        result.delta = m_deltaSaving->toJson();
    else if (!m_deltaWithheld.isEmpty())
        result.delta = QJsonObject{{QStringLiteral("withheld"), m_deltaWithheld}};
    if (m_plan.rolloutPercent > 0)
        result.stableVersion = m_manifest.value(QStringLiteral("version")).toString();
    return result;
}

Result<ReleaseJob::StepOutput> ReleaseJob::runStep(ReleaseStep step)
{
    switch (step) {
    case ReleaseStep::Preflight:
        return preflight();
    case ReleaseStep::Package:
        return package();
    case ReleaseStep::Encrypt:
        return encrypt();
    case ReleaseStep::Verify:
        return verify();
    case ReleaseStep::Upload:
        return upload();
    case ReleaseStep::Register:
        return registerRelease();
    case ReleaseStep::Record:
        return record();
    }
    return fail(QStringLiteral("unknown step"));
}

bool ReleaseJob::pauseForTest(const QString& point)
{
    // Test hook: SLIPWAY_TEST_PAUSE_AT=<step> holds the step mid-way so a test can kill -9 the process
    // at a known point ("upload-objects": half way through the delta objects). Honours cancel while waiting.
    if (qEnvironmentVariable("SLIPWAY_TEST_PAUSE_AT") != point || m_testPaused.exchange(true))
        return true;
    const int seconds = qEnvironmentVariableIntValue("SLIPWAY_TEST_PAUSE_SECONDS") > 0
                            ? qEnvironmentVariableIntValue("SLIPWAY_TEST_PAUSE_SECONDS")
                            : 30;
    (void)std::fprintf(stderr, "slipway: test pause: %s of release %lld is waiting %d s (SLIPWAY_TEST_PAUSE_AT)\n",
                       qPrintable(point), static_cast<long long>(m_record.id), seconds);
    (void)std::fflush(stderr);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < until) {
        if (cancelled())
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

ProgressFn ReleaseJob::progressFor(ReleaseStep step, const QString& message)
{
    auto lastEmit = std::make_shared<QElapsedTimer>();
    // A step pauses for a test at its first bytes.
    return [this, step, message, lastEmit](qint64 done, qint64 total) {
        if (cancelled())
            return false;
        if (done > 0 && !pauseForTest(stepName(step)))
            return false;
        if (m_callbacks.progress && (!lastEmit->isValid() || lastEmit->elapsed() >= 50 || done == total)) {
            lastEmit->start();
            m_callbacks.progress(step, done, total, message);
        }
        return !cancelled();
    };
}

ProgressFn ReleaseJob::pausingHalfway(const QString& point, ProgressFn progress)
{
    // Half way, part of the work is done and proven: what a resume must not do again.
    return [this, point, progress = std::move(progress)](qint64 done, qint64 total) {
        if (done > 0 && done * 2 >= total && !pauseForTest(point))
            return false;
        return reportProgress(progress, done, total);
    };
}

Status ReleaseJob::openTargets()
{
    auto opened = storage::openReleaseStorage(m_plan.storageProfile);
    if (!opened)
        return opened.error();
    m_storage = opened.value();
    auto registrar = registry::openRegistrar(m_plan.registrarProfile, m_storage);
    if (!registrar)
        return registrar.error();
    m_registrar = std::move(registrar).value();
    m_record.storage = m_storage->describe();
    m_record.registrar = m_registrar->describe();
    return Ok{};
}

Result<ReleaseJob::StepOutput> ReleaseJob::preflight()
{
    if (Status valid = m_plan.validate(); !valid)
        return valid.error();
    QStringList notes;
    auto earlier = m_history->completedRelease(m_plan.appId, m_plan.version, m_plan.channel);
    if (!earlier)
        return earlier.error();
    if (earlier->has_value() && earlier->value().id != m_record.id) {
        const ReleaseRecord& before = earlier->value();
        if (!m_plan.allowReRelease)
            return fail(
                QStringLiteral("Refused: %1 %2 was already released on channel %3 as release %4 on %5. Slipway does "
                               "not release the same version twice silently; bump the version, or pass "
                               "--re-release to publish it again (the history records it as a re-release of %4).")
                    .arg(m_plan.appId, m_plan.version, m_plan.channel)
                    .arg(before.id)
                    .arg(before.finishedAt.toString(Qt::ISODate)),
                RefusedCode);
        m_record.reReleaseOf = before.id;
        notes << QStringLiteral("re-release of release %1 (explicitly allowed)").arg(before.id);
    }

    if (m_plan.keyPath.isEmpty() || m_plan.keyPath == SigningKey::defaultPath()) {
        auto key = SigningKey::loadOrCreateDefault();
        if (!key)
            return key.error();
        m_key = std::move(key).value();
        m_plan.keyPath = m_key.path;
        notes << (m_key.created
                      ? QStringLiteral("created the default key %1 (back it up; its public half goes into the app)")
                      : QStringLiteral("signed with the default key %1"))
                     .arg(m_key.path);
    } else {
        auto key = SigningKey::load(m_plan.keyPath, m_passphrase, m_callbacks.tokenPin);
        if (!key)
            return key.error();
        m_key = std::move(key).value();
        if (!m_key.permissionWarning.isEmpty())
            notes << QStringLiteral("warning: %1").arg(m_key.permissionWarning);
    }
    m_record.keyId = m_key.signer->publicKey().keyId();
    m_record.keyFingerprint = m_key.signer->publicKey().fingerprintSha256();
    KeyRecord keyRecord;
    keyRecord.fingerprint = m_record.keyFingerprint;
    keyRecord.keyId = m_record.keyId;
    keyRecord.label = m_key.created     ? QStringLiteral("created in Slipway: default key")
                      : m_key.isDefault ? QStringLiteral("Slipway default key")
                      : m_key.onToken() ? m_key.signer->location()
                                        : QFileInfo(m_key.path).fileName();
    keyRecord.createdAt = QDateTime::currentDateTimeUtc();
    keyRecord.location = m_key.path;
    if (auto recorded = m_history->recordKey(keyRecord); !recorded)
        return recorded.error();
    if (Status guard = checkChannelKey(notes); !guard)
        return guard.error();

    bundle::PreflightOptions options;
    options.version = m_plan.version;
    options.appId = m_plan.appId;
    options.codeCheck = m_plan.codeCheck;
    options.limits = m_plan.buildLimits;
    options.scan.cancelFlag = m_cancel;
    auto report = bundle::Preflight::run(m_plan.buildSource, options);
    if (cancelled() || (!report && report.error().code == bundle::BuildSource::CancelledCode))
        return fail(QStringLiteral("cancelled"), CancelledCode);
    if (!report)
        return report.error();
    if (report->hasBlockingFailure())
        return fail(QStringLiteral("the build cannot ship yet:\n%1").arg(report->blockingSummary()));
    int warnings = 0;
    for (const auto& check : report->checks) {
        if (!check.passed && check.severity == bundle::CheckSeverity::Warning) {
            ++warnings;
            notes << QStringLiteral("warning: %1").arg(check.message);
        }
    }
    if (Status targets = openTargets(); !targets)
        return targets.error();
    if (m_plan.rolloutPercent > 0) {
        // Before anything is uploaded: a rollout needs a stable release for the devices outside it.
        registry::ChannelRollout rollout(*m_history, m_storage, m_record.osUser);
        if (Status s = rollout.checkNewRollout(m_plan.appId, m_plan.channel, m_plan.version, m_record.id); !s)
            return fail(QStringLiteral("Refused: %1 Nothing was uploaded or registered.").arg(s.error().message),
                        RefusedCode);
        notes << QStringLiteral("roll out to %1 % of the devices first").arg(m_plan.rolloutPercent);
    }
    if (Status s = save(); !s)
        return s.error();
    StepOutput out;
    out.bytes = report->bytes;
    out.detail = QStringLiteral("build %1: %2 files, %3; key %4 (fingerprint %5); storage: %6; registrar: %7")
                     .arg(m_plan.buildSource)
                     .arg(report->files)
                     .arg(humanByteSize(report->bytes), m_record.keyId,
                          crypto::groupedFingerprint(m_record.keyFingerprint), m_record.storage, m_record.registrar);
    if (!notes.isEmpty())
        out.detail += QStringLiteral("; ") + notes.join(QStringLiteral("; "));
    return out;
}

Status ReleaseJob::checkChannelKey(QStringList& notes)
{
    m_keyChange.reset();
    auto expected = history::ChannelKeys(*m_history).expected(m_plan.appId, m_plan.channel);
    if (!expected)
        return expected.error();
    if (!expected->has_value())
        return Ok{};
    const history::ExpectedKey& trusted = expected->value();
    const bool same = trusted.fingerprint.isEmpty() ? trusted.keyId == m_record.keyId
                                                    : trusted.fingerprint == m_record.keyFingerprint;
    if (same)
        return Ok{};
    const QString theirs = trusted.fingerprint.isEmpty()
                               ? QStringLiteral("key_id %1").arg(trusted.keyId)
                               : QStringLiteral("key_id %1 (fingerprint %2)")
                                     .arg(trusted.keyId, crypto::groupedFingerprint(trusted.fingerprint));
    const QString ours = QStringLiteral("key_id %1 (fingerprint %2)")
                             .arg(m_record.keyId, crypto::groupedFingerprint(m_record.keyFingerprint));
    m_refusedForKey = !m_plan.allowNewKey;
    if (m_refusedForKey)
        return fail(QStringLiteral("Refused: the phones on channel %1 of %2 expect %3 (from %4), but this release is "
                                   "signed with %5 (%6). Phones that hold the old public key reject every bundle signed "
                                   "with another key. If the key change is on purpose (an app build carrying the new "
                                   "public key is out), pass --new-key; the change is recorded in the audit chain.")
                        .arg(m_plan.channel, m_plan.appId, theirs, trusted.source, ours, m_key.signer->location()),
                    RefusedCode);
    m_keyChange = trusted;
    notes << QStringLiteral("signing key changed on purpose (--new-key): channel %1 expected %2, now %3")
                 .arg(m_plan.channel, theirs, ours);
    return Ok{};
}

Result<ReleaseJob::StepOutput> ReleaseJob::package()
{
    if (m_resuming && !m_record.sha256.isEmpty() && QFileInfo(m_zipPath).isFile()) {
        // A delta's objects are encrypted with the bundle's session key: they are reused only with that bundle.
        std::optional<bundle::DeltaManifest> delta;
        if (deltaWanted() && QFileInfo(m_encryptedPath).isFile())
            if (auto list = DeltaPublication::load(deltaListPath()))
                delta = list.value();
        auto hash = fileSha256(m_zipPath);
        if (hash && hash.value() == m_record.sha256 && (!deltaWanted() || delta)) {
            if (delta)
                m_delta.emplace(*delta, deltaObjectsFolder());
            return StepOutput{QStringLiteral("bundle.zip on disk still matches SHA-256 %1").arg(m_record.sha256),
                              QFileInfo(m_zipPath).size(), true};
        }
    }
    // Start clean: partial files of an interrupted pass are not reused.
    for (const QFileInfo& entry :
         QDir(m_workDir).entryInfoList(QDir::Files | QDir::Hidden | QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (entry.fileName().startsWith(QLatin1String("release.lock")))
            continue;
        if (entry.isDir())
            QDir(entry.absoluteFilePath()).removeRecursively();
        else
            QFile::remove(entry.absoluteFilePath());
    }
    m_record.sha256.clear();
    m_record.encryptedSha256.clear();
    m_record.ivSessionKey.clear();
    m_record.signedChecksum.clear();

    bundle::PackageRequest request;
    request.sourcePath = m_plan.buildSource;
    request.zipPath = m_zipPath;
    if (m_plan.checksumFormat == crypto::ChecksumFormat::V3) {
        request.encryptedPath = m_encryptedPath;
        request.signer = m_key.signer;
    }
    request.preflight.version = m_plan.version;
    request.preflight.appId = m_plan.appId;
    request.preflight.codeCheck = m_plan.codeCheck;
    request.preflight.limits = m_plan.buildLimits;
    request.cancelFlag = m_cancel;
    if (deltaWanted()) {
        request.manifestFolder = deltaObjectsFolder();
        request.brotliCacheFolder = DataLocation::folder(QStringLiteral("delta-cache"));
        request.preflight.deltaSkipEmpty = m_plan.deltaSkipEmpty;
    }
    auto packaged = bundle::Packager::package(request, progressFor(ReleaseStep::Package, QStringLiteral("Packaging")));
    if (!packaged) {
        if (cancelled())
            return fail(QStringLiteral("cancelled"), CancelledCode);
        return packaged.error();
    }
    m_record.sha256 = packaged->sha256Hex;
    m_record.plainSize = packaged->zipSize;
    m_record.files = packaged->files;
    m_sealedWhilePackaging = packaged->seal.has_value();
    m_delta.reset();
    m_deltaWithheld = packaged->manifestWithheld;
    QString deltaLine;
    if (packaged->manifest) {
        if (Status saved = DeltaPublication::save(deltaListPath(), *packaged->manifest); !saved)
            return saved.error();
        deltaLine = QStringLiteral("; delta: %1 objects, %2%3")
                        .arg(packaged->manifest->files.size())
                        .arg(humanByteSize(packaged->manifest->objectBytes()),
                             packaged->manifest->note.isEmpty() ? QString() : QStringLiteral(" (") + packaged->manifest->note + QLatin1Char(')'));
        m_delta.emplace(std::move(*packaged->manifest), deltaObjectsFolder());
    } else if (!m_deltaWithheld.isEmpty()) {
        deltaLine = QStringLiteral("; no delta: %1").arg(m_deltaWithheld);
    }
    if (packaged->seal) {
        m_record.ivSessionKey = packaged->seal->ivSessionKey;
        m_record.signedChecksum = packaged->seal->signedChecksum;
        m_record.checksumFormat = crypto::checksumFormatName(packaged->seal->format);
        m_record.encryptedSize = packaged->seal->encryptedSize;
    }
    if (Status s = save(); !s)
        return s.error();
    return StepOutput{QStringLiteral("bundle.zip: %1 files, %2, SHA-256 %3%4")
                          .arg(packaged->files)
                          .arg(humanByteSize(packaged->zipSize), packaged->sha256Hex, deltaLine),
                      packaged->bytes, false};
}

Result<ReleaseJob::StepOutput> ReleaseJob::encrypt()
{
    if (!m_sealedWhilePackaging && m_resuming && !m_record.encryptedSha256.isEmpty() &&
        !m_record.ivSessionKey.isEmpty() && QFileInfo(m_encryptedPath).isFile()) {
        auto hash = fileSha256(m_encryptedPath);
        if (hash && hash.value() == m_record.encryptedSha256)
            return StepOutput{
                QStringLiteral("bundle.zip.encrypted on disk still matches SHA-256 %1").arg(m_record.encryptedSha256),
                QFileInfo(m_encryptedPath).size(), true};
    }
    QString how;
    if (m_sealedWhilePackaging && QFileInfo(m_encryptedPath).isFile()) {
        how = QStringLiteral("encrypted in the packaging pass");
    } else {
        auto sealed =
            crypto::encryptBundleFile(m_zipPath, m_encryptedPath, m_key.signer, m_plan.checksumFormat,
                                      progressFor(ReleaseStep::Encrypt, QStringLiteral("Encrypting")), m_record.sha256);
        if (!sealed) {
            if (cancelled())
                return fail(QStringLiteral("cancelled"), CancelledCode);
            return sealed.error();
        }
        m_record.ivSessionKey = sealed->ivSessionKey;
        m_record.signedChecksum = sealed->signedChecksum;
        m_record.checksumFormat = crypto::checksumFormatName(sealed->format);
        m_record.encryptedSize = sealed->encryptedSize;
        how = QStringLiteral("encrypted from bundle.zip");
    }
    auto hash = fileSha256(m_encryptedPath);
    if (!hash)
        return hash.error();
    m_record.encryptedSha256 = hash.value();
    m_record.encryptedSize = QFileInfo(m_encryptedPath).size();
    m_sealedWhilePackaging = false;
    if (Status s = save(); !s)
        return s.error();
    return StepOutput{
        QStringLiteral("%1: AES-128-CBC with a fresh session key, %2 signed checksum; %3, SHA-256 %4")
            .arg(how, m_record.checksumFormat, humanByteSize(m_record.encryptedSize), m_record.encryptedSha256),
        m_record.encryptedSize, false};
}

Result<ReleaseJob::StepOutput> ReleaseJob::verify()
{
    device::VerificationInput input;
    input.encryptedPath = m_encryptedPath;
    input.ivSessionKey = m_record.ivSessionKey;
    input.signedChecksum = m_record.signedChecksum;
    input.publicKey = m_key.signer->publicKey();
    input.hashFiles = m_delta.has_value();
    // The delta's objects are decoded as a phone would on the other core while the bundle is checked; the two
    // trees are compared once both are done.
    std::atomic_bool abandon{false};
    std::future<device::ManifestInstallReport> objects;
    if (m_delta)
        objects = std::async(std::launch::async, [this, &abandon] { return decodeDelta(abandon); });
    const device::VerificationReport report = device::DeviceVerifier::verify(
        input, progressFor(ReleaseStep::Verify, QStringLiteral("Verifying as a device")));
    abandon = !report.accepted();
    const std::optional<device::ManifestInstallReport> installed =
        objects.valid() ? std::optional(objects.get()) : std::nullopt;
    if (cancelled())
        return fail(QStringLiteral("cancelled"), CancelledCode);
    if (!report.accepted())
        return fail(QStringLiteral("a device would refuse this bundle: %1").arg(report.summary()));
    if (report.sha256Hex != m_record.sha256)
        return fail(
            QStringLiteral("the decrypted bundle hashes to %1, not to the packaged %2: the encrypted file does not "
                           "belong to this zip. Resume to package again.")
                .arg(report.sha256Hex, m_record.sha256));
    auto delta = installed ? compareDelta(report, installed.value()) : Result<QString>(QString());
    if (!delta)
        return delta.error();
    return StepOutput{
        QStringLiteral("a device would accept it: session key unwrapped with the public key, decrypted, signed "
                       "checksum recovered and equal to SHA-256 %1, %2 zip entries, index.html at %3%4")
            .arg(report.sha256Hex)
            .arg(report.entries)
            .arg(report.root.isEmpty() ? QStringLiteral("the root") : report.root, delta.value()),
        report.decryptedSize, false};
}

device::ManifestInstallReport ReleaseJob::decodeDelta(const std::atomic_bool& abandon) const
{
    // Entries straight from the file list: a JSON copy would hold every signed hash once more.
    const QDir objects(deltaObjectsFolder());
    device::ManifestInstallInput input;
    input.entries.reserve(qsizetype(m_delta->manifest().files.size()));
    for (const bundle::ManifestFile& f : m_delta->manifest().files)
        input.entries.append(
            device::ManifestEntry{f.fileName, QString::fromLatin1(f.fileHash),
                                  QUrl::fromLocalFile(objects.filePath(f.objectName)).toString(QUrl::FullyEncoded)});
    input.sessionKey = m_record.ivSessionKey;
    input.publicKey = m_key.signer->publicKey();
    input.fetch = device::ManifestInstall::localFetcher();
    input.device.checkOnly = true;
    // Off the step's thread: it only watches for a cancel (the bundle's check reports the step's progress).
    return device::ManifestInstall::install(input, [this, &abandon](qint64, qint64) { return !cancelled() && !abandon; });
}

Result<QString> ReleaseJob::compareDelta(const device::VerificationReport& zip,
                                         const device::ManifestInstallReport& installed) const
{
    if (cancelled())
        return fail(QStringLiteral("cancelled"), CancelledCode);
    if (!installed.accepted())
        return fail(QStringLiteral("a device would refuse the delta: %1").arg(installed.summary()));
    // The zip's tree as the phone's unzip read it from the decrypted bundle (an unzip independent of our zip writer).
    const bundle::DeltaManifest& files = m_delta->manifest();
    QMap<QString, QString> zipped;
    for (const device::UnpackedFile& file : zip.files)
        if (!(file.size == 0 && files.encrypted && !files.note.isEmpty())) // left out on purpose (--delta-skip-empty)
            zipped.insert(file.path, file.sha256Hex);
    if (zipped != installed.fileHashes) {
        QString differs;
        for (auto it = zipped.cbegin(); it != zipped.cend() && differs.isEmpty(); ++it)
            if (installed.fileHashes.value(it.key()) != it.value())
                differs = it.key();
        for (auto it = installed.fileHashes.cbegin(); it != installed.fileHashes.cend() && differs.isEmpty(); ++it)
            if (!zipped.contains(it.key()))
                differs = it.key();
        return fail(QStringLiteral("the delta does not equal the zip: %1 differs. Resume to package again.").arg(differs));
    }
    return QStringLiteral("; delta: %1 files decoded and checked as a phone (plugin 8.51.23 rules) would, equal to the zip's "
                          "tree byte for byte")
        .arg(installed.filesTotal);
}

bool ReleaseJob::bundleStillUploaded(const QString& key)
{
    if (!m_resuming || m_record.storageKey != key)
        return false;
    auto stat = m_storage->stat(key);
    if (!stat || stat->size != m_record.encryptedSize)
        return false;
    // Never trust the record alone: read the object back and hash it.
    const QString check = QDir(m_workDir).filePath(QStringLiteral("uploaded.check"));
    if (!m_storage->download(key, check))
        return false;
    auto hash = fileSha256(check);
    QFile::remove(check);
    return hash && hash.value() == m_record.encryptedSha256;
}

Result<ReleaseJob::StepOutput> ReleaseJob::upload()
{
    const QString key = QStringLiteral("%1/%2/bundle-%3.zip.encrypted")
                            .arg(m_plan.appId, m_plan.version, shortHash(m_record.encryptedSha256));
    const bool zipThere = bundleStillUploaded(key);
    // The delta's objects go up on other threads while the bundle does (on a folder, their links and their flush
    // overlap the bundle's copy). The first part to fail stops the other; its error is the step's.
    ProgressSum progress(progressFor(ReleaseStep::Upload, QStringLiteral("Uploading")));
    enum class Failed { Nothing, Bundle, Delta };
    std::atomic<Failed> failed{Failed::Nothing};
    auto stopOthers = [&failed](Failed part) {
        Failed none = Failed::Nothing;
        failed.compare_exchange_strong(none, part);
    };
    auto unlessFailed = [&failed](ProgressFn part) {
        return [&failed, part = std::move(part)](qint64 done, qint64 total) {
            return failed == Failed::Nothing && part(done, total);
        };
    };
    std::future<Result<storage::ObjectSetUpload::Report>> objects;
    if (m_delta) {
        // One connection fewer while the bundle takes one: a server sees no more at once than before.
        const int parallel = DeltaPublication::ParallelUploads - (zipThere ? 0 : 1);
        objects = std::async(std::launch::async, [&, parallel,
                                                  part = unlessFailed(pausingHalfway(QStringLiteral("upload-objects"),
                                                                                     progress.part()))] {
            auto sent = m_delta->upload(*m_storage, m_plan.appId, m_plan.version, shortHash(m_record.encryptedSha256),
                                        QDir(m_workDir).filePath(QStringLiteral("objects.journal")), part, parallel);
            if (!sent)
                stopOthers(Failed::Delta);
            return sent;
        });
    }
    Status bundle = Ok{};
    if (!zipThere) {
        bundle = m_storage->upload(m_encryptedPath, key, unlessFailed(progress.part()));
        if (bundle) {
            // Recorded at once: a resume after a kill during the objects reads the bundle back, not sends it again.
            m_record.storageKey = key;
            m_record.publicUrl = m_storage->publicUrl(key).toString(QUrl::FullyEncoded);
            bundle = save();
        }
        if (!bundle)
            stopOthers(Failed::Bundle);
    }
    // Made here while the objects go up, not on their thread: this thread's memory, freed by the verify step, is
    // reused for the file list (a new thread would take new memory for it).
    std::optional<Result<QJsonArray>> listed;
    if (m_delta && failed == Failed::Nothing) {
        listed = keepDeltaList(key);
        if (!*listed)
            stopOthers(Failed::Delta);
    }
    std::optional<Result<storage::ObjectSetUpload::Report>> sent;
    if (objects.valid())
        sent = objects.get();
    if (cancelled())
        return fail(QStringLiteral("cancelled"), CancelledCode);
    if (failed == Failed::Bundle)
        return bundle.error();
    if (failed == Failed::Delta)
        return listed && !*listed ? listed->error() : sent->error();
    QString deltaDetail;
    if (sent)
        deltaDetail = acceptDelta(std::move(listed->value()), sent->value());
    if (zipThere)
        return StepOutput{
            QStringLiteral("%1 on %2 read back: SHA-256 still matches%3").arg(key, m_storage->describe(), deltaDetail),
            m_record.encryptedSize, true};
    return StepOutput{QStringLiteral("%1 uploaded to %2; devices download it from %3%4")
                          .arg(key, m_storage->describe(), m_record.publicUrl, deltaDetail),
                      m_record.encryptedSize, false};
}

bool ReleaseJob::deltaWanted() const
{
    // Capgo Cloud refuses deltas of external bundles; the V2/CRC formats encrypt after packaging, with another key.
    return m_plan.delta && m_plan.checksumFormat == crypto::ChecksumFormat::V3 &&
           dynamic_cast<registry::LocalChannelRegistrar*>(m_registrar.get()) != nullptr;
}

QString ReleaseJob::deltaListPath() const
{
    return QDir(m_workDir).filePath(QStringLiteral("delta.json"));
}

QString ReleaseJob::deltaObjectsFolder() const
{
    return QDir(m_workDir).filePath(QStringLiteral("objects"));
}

Result<QJsonArray> ReleaseJob::keepDeltaList(const QString& bundleKey) const
{
    QJsonArray entries =
        m_delta->entries(*m_storage, m_plan.appId, m_plan.version, shortHash(m_record.encryptedSha256));
    // Kept beside the bundle, so that promoting or rolling back to this release later serves its delta again.
    if (Status kept = registry::StoredDeltaList::publish(
            *m_storage, {m_plan.appId, m_plan.version, bundleKey, m_record.encryptedSha256}, entries);
        !kept)
        return kept.error();
    return entries;
}

QString ReleaseJob::acceptDelta(QJsonArray entries, const storage::ObjectSetUpload::Report& sent)
{
    m_deltaEntries = std::move(entries);
    const std::size_t files = m_delta->manifest().files.size();
    // The entries carry what the next steps need: the file list is not held twice, nor beside the previous one.
    m_delta.reset();
    QJsonObject previous;
    if (auto* local = dynamic_cast<registry::LocalChannelRegistrar*>(m_registrar.get()))
        if (auto published = local->publishedManifest(m_plan.appId, m_plan.channel))
            previous = published.value();
    m_channelVersionBefore = previous.value(QStringLiteral("version")).toString();
    m_deltaSaving = DeltaPublication::saving(m_deltaEntries, previous, m_record.encryptedSize);
    const QString resumed =
        sent.skipped == 0
            ? QString()
            : QStringLiteral(" (%1 sent, %2 proven by the interrupted run)").arg(sent.sent).arg(sent.skipped);
    return QStringLiteral("; delta: %1 objects verified%2; %3").arg(files).arg(resumed, m_deltaSaving->summary());
}

registry::RegistrationRequest ReleaseJob::registrationRequest() const
{
    registry::RegistrationRequest request;
    request.appId = m_plan.appId;
    request.version = m_plan.version;
    request.channel = m_plan.channel;
    request.bundleUrl = QUrl(m_record.publicUrl);
    request.ivSessionKey = m_record.ivSessionKey;
    request.signedChecksum = m_record.signedChecksum;
    request.keyId = m_record.keyId;
    request.minUpdateVersion = m_plan.minUpdateVersion;
    request.link = m_plan.link;
    request.comment = m_plan.notes;
    request.releasedAt = QDateTime::currentDateTimeUtc();
    request.releaseId = m_record.id;
    request.deltaFiles = m_deltaEntries;
    return request;
}

Result<ReleaseJob::StepOutput> ReleaseJob::registerRelease()
{
    const registry::RegistrationRequest request = registrationRequest();
    if (m_plan.rolloutPercent > 0)
        return registerRollout(request);
    auto* local = dynamic_cast<registry::LocalChannelRegistrar*>(m_registrar.get());
    if (m_resuming) {
        auto registered = m_registrar->isRegistered(request);
        if (registered && registered.value()) {
            if (local) {
                m_manifestKey = registry::LocalChannelRegistrar::manifestKey(m_plan.appId, m_plan.channel);
                if (auto manifest = local->publishedManifest(m_plan.appId, m_plan.channel))
                    m_manifest = manifest.value();
            }
            return StepOutput{
                QStringLiteral("%1 already serves this release (checked on the target)").arg(m_registrar->describe()),
                0, true};
        }
    }
    QString previousVersion;
    if (local && m_channelVersionBefore) {
        previousVersion =
            *m_channelVersionBefore; // read by the upload step a moment ago: a large manifest is parsed once
    } else if (local) {
        if (auto before = local->publishedManifest(m_plan.appId, m_plan.channel))
            previousVersion = before->value(QStringLiteral("version")).toString();
    } else if (auto events = m_history->channelEvents(m_plan.appId, m_plan.channel); events && !events->isEmpty()) {
        previousVersion = events->first().version;
    }
    auto result =
        m_registrar->registerRelease(request, progressFor(ReleaseStep::Register, QStringLiteral("Registering")));
    if (!result) {
        if (cancelled())
            return fail(QStringLiteral("cancelled"), CancelledCode);
        return result.error();
    }
    m_manifestKey = result->manifestKey;
    m_manifest = result->published;
    m_record.registration = result->summary;
    if (Status s = save(); !s)
        return s.error();
    ChannelEvent event;
    event.appId = m_plan.appId;
    event.channel = m_plan.channel;
    event.kind = ChannelEventKind::Set;
    event.version = m_plan.version;
    event.previousVersion = previousVersion;
    event.releaseId = m_record.id;
    event.at = QDateTime::currentDateTimeUtc();
    event.osUser = m_record.osUser;
    event.host = m_record.host;
    event.detail = result->summary;
    if (auto recorded = m_history->recordChannelEvent(event); !recorded)
        return recorded.error();
    if (Status sealed = recordKeyChange(); !sealed)
        return sealed.error();
    return StepOutput{result->summary, 0, false};
}

Status ReleaseJob::recordKeyChange()
{
    if (!m_keyChange)
        return Ok{};
    return history::ChannelKeys(*m_history).recordKeyChange(*m_keyChange, m_record);
}

Result<ReleaseJob::StepOutput> ReleaseJob::registerRollout(const registry::RegistrationRequest& request)
{
    // One manifest write adds the rollout beside the stable release: the new version never reaches every device.
    registry::ChannelRollout rollout(*m_history, m_storage, m_record.osUser);
    QString why = QStringLiteral("release %1 rolled out to %2 % first").arg(m_record.id).arg(m_plan.rolloutPercent);
    if (!m_plan.notes.isEmpty())
        why += QStringLiteral(": ") + m_plan.notes;
    auto change = rollout.startRelease(request, m_plan.rolloutPercent, why);
    if (!change)
        return change.error();
    m_manifestKey = registry::LocalChannelRegistrar::manifestKey(m_plan.appId, m_plan.channel);
    m_manifest = change->manifest;
    m_record.registration = change->summary;
    if (Status s = save(); !s)
        return s.error();
    if (Status sealed = recordKeyChange(); !sealed)
        return sealed.error();
    return StepOutput{change->summary, 0, false};
}

Result<ReleaseJob::StepOutput> ReleaseJob::record()
{
    m_record.status = ReleaseStatus::Completed;
    m_record.finishedAt = QDateTime::currentDateTimeUtc();
    m_record.reason.clear();
    if (Status s = save(); !s)
        return s.error();
    return StepOutput{QStringLiteral("release %1 completed (attempt %2)").arg(m_record.id).arg(m_attempt), 0, false};
}

} // namespace slipway::release
