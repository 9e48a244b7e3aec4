#pragma once

#include "common/Result.h"
#include "common/SecureBytes.h"
#include "history/HistoryRecords.h"
#include "release/ReleasePlan.h"
#include "release/ReleaseResult.h"
#include "release/ReleaseStep.h"
#include "release/SigningKey.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <thread>

namespace slipway::release {

// Runs a release: Preflight -> Package -> Encrypt -> Verify (as a device) -> Upload -> Register ->
// Record, on a worker thread, recording every step in the history. Signals arrive on the thread
// that owns the runner (queued). cancel() stops the work within about 100 ms; a cancelled, failed or
// killed release stays `interrupted` and resume() continues from the last step whose outputs still
// verify on disk.
class ReleaseRunner : public QObject
{
    Q_OBJECT
public:
    explicit ReleaseRunner(QObject* parent = nullptr);
    ~ReleaseRunner() override; // cancels and waits for the worker

    // Empty: History::defaultPath().
    void setHistoryPath(const QString& path) { m_historyPath = path; }
    // Passphrase of an encrypted private key (wiped with the runner). The CLI also reads
    // SLIPWAY_KEY_PASSPHRASE.
    void setKeyPassphrase(const SecureBytes& passphrase) { m_passphrase = passphrase; }
    // A token key's PIN: given up front (the GUI's PIN dialog), else asked by `prompt` on the worker thread
    // (the CLI: environment, keychain, terminal), else $SLIPWAY_PKCS11_PIN or the keychain. Tried once.
    void setTokenPin(const SecureBytes& pin) { m_tokenPin = pin; }
    void setTokenPinPrompt(SigningKey::PinSource prompt) { m_tokenPinPrompt = std::move(prompt); }

    // Both return false (and emit nothing) when a run is already in progress.
    bool start(const ReleasePlan& plan);
    bool resume(qint64 releaseId);
    // Safe from any thread, at any moment.
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_running.load(); }
    // Blocks until the worker has finished (the finished signal may still be queued).
    void wait();

    // Marks releases left `running` by a process that no longer exists as `interrupted`
    // (History::reconcileDeadOwners). The CLI and GUI call it before showing the history.
    static void reconcileAbandoned(const QString& historyPath = {});
    // Gives up an interrupted release and releases its claim (ReleaseJob::abandon).
    [[nodiscard]] static Result<history::ReleaseRecord> abandon(qint64 releaseId, const QString& historyPath = {});

Q_SIGNALS:
    void releaseCreated(qint64 releaseId, int attempt);
    void stepStarted(slipway::release::ReleaseStep step, const QString& message);
    void progress(slipway::release::ReleaseStep step, qint64 bytesDone, qint64 bytesTotal, const QString& message);
    void stepFinished(slipway::release::ReleaseStep step, bool ok, const QString& message);
    void finished(const slipway::release::ReleaseResult& result);

private:
    void launch(ReleasePlan plan, qint64 resumeId);

    QString m_historyPath;
    SecureBytes m_passphrase;
    SecureBytes m_tokenPin;
    SigningKey::PinSource m_tokenPinPrompt;
    std::atomic_bool m_cancel{false};
    std::atomic_bool m_running{false};
    std::thread m_worker;
};

} // namespace slipway::release
