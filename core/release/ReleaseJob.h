#pragma once

#include "common/SecureBytes.h"
#include "history/ChannelKeys.h"
#include "history/History.h"
#include "registry/Registrar.h"
#include "release/DeltaPublication.h"
#include "release/ReleasePlan.h"
#include "release/ReleaseResult.h"
#include "release/ReleaseStep.h"
#include "release/SigningKey.h"
#include "storage/StorageTarget.h"

#include <QElapsedTimer>
#include <QLockFile>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace slipway::device {
struct ManifestInstallReport;
struct VerificationReport;
} // namespace slipway::device

namespace slipway::release {

// The release itself, run synchronously on the calling thread (ReleaseRunner puts it on a worker
// thread and turns the callbacks into signals).
class ReleaseJob
{
public:
    struct Callbacks
    {
        std::function<void(qint64 releaseId, int attempt)> created;
        std::function<void(ReleaseStep, const QString&)> stepStarted;
        std::function<void(ReleaseStep, qint64, qint64, const QString&)> progress;
        std::function<void(ReleaseStep, bool, const QString&)> stepFinished;
        SigningKey::PinSource tokenPin; // asked (on the worker thread) when a token key needs a PIN
    };

    ReleaseJob(QString historyPath, SecureBytes passphrase, const std::atomic_bool* cancel, Callbacks callbacks);
    ~ReleaseJob();

    [[nodiscard]] ReleaseResult start(ReleasePlan plan);
    [[nodiscard]] ReleaseResult resume(qint64 releaseId);

    // The work folder of a release: DataLocation/work/<id>.
    [[nodiscard]] static QString workDirectory(qint64 releaseId);
    // Gives up an interrupted release: it becomes `abandoned` (not resumable), its work files go and
    // its claim on the app, version and channel is released. Refused while it runs, and once it
    // was registered (its channel may serve it: resume it instead).
    [[nodiscard]] static Result<history::ReleaseRecord> abandon(const QString& historyPath, qint64 releaseId);

private:
    struct StepOutput
    {
        QString detail;
        qint64 bytes = 0;
        bool reused = false;
    };

    [[nodiscard]] ReleaseResult run();
    [[nodiscard]] ReleaseResult finish(const QString& error, bool cancelled);
    [[nodiscard]] ReleaseResult refuseClaimed(const history::ReleaseRecord& holder);
    [[nodiscard]] ReleaseResult makeResult(const QString& error, bool cancelled, const QString& historyError) const;
    [[nodiscard]] Result<StepOutput> runStep(ReleaseStep step);
    [[nodiscard]] Result<StepOutput> preflight();
    [[nodiscard]] Status checkChannelKey(QStringList& notes);
    [[nodiscard]] Result<StepOutput> package();
    [[nodiscard]] Result<StepOutput> encrypt();
    [[nodiscard]] Result<StepOutput> verify();
    [[nodiscard]] Result<StepOutput> upload();
    // Whether a resumed release's bundle is on the storage as recorded (read back and hashed).
    [[nodiscard]] bool bundleStillUploaded(const QString& key);
    // The delta's channel entries, kept beside the bundle `bundleKey` on the storage.
    [[nodiscard]] Result<QJsonArray> keepDeltaList(const QString& bundleKey) const;
    // Takes the uploaded delta into the release, against what the channel served until now; the step's detail.
    [[nodiscard]] QString acceptDelta(QJsonArray entries, const storage::ObjectSetUpload::Report& sent);

    // The delta's objects decoded as a phone would (on another thread: it touches no member but reads).
    [[nodiscard]] device::ManifestInstallReport decodeDelta(const std::atomic_bool& abandon) const;
    // The decoded delta against the zip's tree as the device verifier unzipped it: the same files, byte for byte.
    [[nodiscard]] Result<QString> compareDelta(const device::VerificationReport& zip,
                                               const device::ManifestInstallReport& installed) const;
    [[nodiscard]] bool deltaWanted() const;
    [[nodiscard]] QString deltaListPath() const;
    [[nodiscard]] QString deltaObjectsFolder() const;
    [[nodiscard]] Result<StepOutput> registerRelease();
    [[nodiscard]] Result<StepOutput> registerRollout(const registry::RegistrationRequest& request);
    [[nodiscard]] Status recordKeyChange();
    [[nodiscard]] Result<StepOutput> record();
    [[nodiscard]] Status openTargets();
    [[nodiscard]] Status save();
    [[nodiscard]] registry::RegistrationRequest registrationRequest() const;
    [[nodiscard]] ProgressFn progressFor(ReleaseStep step, const QString& message);
    // `progress`, holding for a test at `point` once half the bytes are done.
    [[nodiscard]] ProgressFn pausingHalfway(const QString& point, ProgressFn progress);
    [[nodiscard]] bool cancelled() const { return m_cancel && m_cancel->load(); }
    [[nodiscard]] bool pauseForTest(const QString& point);

    QString m_historyPath;
    SecureBytes m_passphrase;
    const std::atomic_bool* m_cancel;
    Callbacks m_callbacks;

    std::unique_ptr<history::History> m_history;
    history::ReleaseRecord m_record;
    std::optional<history::ExpectedKey> m_keyChange; // set when this release moves its channel to another key
    bool m_refusedForKey = false;
    ReleasePlan m_plan;
    int m_attempt = 1;
    bool m_resuming = false;
    bool m_refused = false;
    SigningKey m_key;
    std::shared_ptr<storage::StorageTarget> m_storage;
    std::unique_ptr<registry::Registrar> m_registrar;
    std::unique_ptr<QLockFile> m_lock;
    QString m_workDir;
    QString m_zipPath;
    QString m_encryptedPath;
    bool m_sealedWhilePackaging = false;
    QString m_manifestKey;
    QJsonObject m_manifest;
    std::optional<DeltaPublication> m_delta; // the delta made while packaging (kept in delta.json for a resume)
    QString m_deltaWithheld;                 // why a delta was asked for but not made
    QJsonArray m_deltaEntries;               // its channel manifest entries, once uploaded
    std::optional<DeltaSaving> m_deltaSaving;
    std::optional<QString> m_channelVersionBefore; // what the channel served when the delta was uploaded
    std::atomic_bool m_testPaused{false};
};

} // namespace slipway::release
