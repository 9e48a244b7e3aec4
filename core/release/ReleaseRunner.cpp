#include "release/ReleaseRunner.h"

#include "crypto/Pkcs11Signer.h"
#include "crypto/Pkcs11Uri.h"
#include "history/History.h"
#include "release/ReleaseJob.h"

#include <QMetaObject>
#include <QPointer>

namespace slipway::release {

ReleaseRunner::ReleaseRunner(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<slipway::release::ReleaseStep>();
    qRegisterMetaType<slipway::release::ReleaseResult>();
}

ReleaseRunner::~ReleaseRunner()
{
    cancel();
    wait();
}

bool ReleaseRunner::start(const ReleasePlan& plan)
{
    if (m_running.load())
        return false;
    launch(plan, 0);
    return true;
}

bool ReleaseRunner::resume(qint64 releaseId)
{
    if (m_running.load())
        return false;
    launch({}, releaseId);
    return true;
}

void ReleaseRunner::cancel()
{
    m_cancel.store(true);
}

void ReleaseRunner::wait()
{
    if (m_worker.joinable())
        m_worker.join();
}

void ReleaseRunner::reconcileAbandoned(const QString& historyPath)
{
    auto history = history::History::open(historyPath.isEmpty() ? history::History::defaultPath() : historyPath);
    if (history)
        (void)history.value()->reconcileDeadOwners(); // a read-only history still reports them as interrupted
}

Result<history::ReleaseRecord> ReleaseRunner::abandon(qint64 releaseId, const QString& historyPath)
{
    return ReleaseJob::abandon(historyPath, releaseId);
}

void ReleaseRunner::launch(ReleasePlan plan, qint64 resumeId)
{
    wait();
    m_cancel.store(false);
    m_running.store(true);
    m_worker = std::thread([this, plan = std::move(plan), resumeId] {
        // Signals emitted here reach receivers in other threads through their event loops.
        ReleaseJob::Callbacks callbacks;
        callbacks.created = [this](qint64 id, int attempt) { Q_EMIT releaseCreated(id, attempt); };
        callbacks.stepStarted = [this](ReleaseStep step, const QString& message) { Q_EMIT stepStarted(step, message); };
        callbacks.progress = [this](ReleaseStep step, qint64 done, qint64 total, const QString& message) {
            Q_EMIT progress(step, done, total, message);
        };
        callbacks.stepFinished = [this](ReleaseStep step, bool ok, const QString& message) {
            Q_EMIT stepFinished(step, ok, message);
        };
        callbacks.tokenPin = [this](const QString& uri) {
            if (!m_tokenPin.isEmpty())
                return m_tokenPin;
            if (m_tokenPinPrompt)
                return m_tokenPinPrompt(uri);
            // A resume from the history view: the environment or the keychain (read here, off the UI thread).
            auto parsed = crypto::Pkcs11Uri::parse(uri);
            return parsed ? crypto::Pkcs11Signer::storedPin(parsed.value()) : SecureBytes();
        };
        ReleaseResult result;
        {
            ReleaseJob job(m_historyPath, m_passphrase, &m_cancel, std::move(callbacks));
            result = resumeId > 0 ? job.resume(resumeId) : job.start(plan);
        }
        m_running.store(false);
        Q_EMIT finished(result);
    });
}

} // namespace slipway::release
