#include "storage/ObjectSetUpload.h"

#include "crypto/Sha256.h"
#include "storage/ObjectKey.h"
#include "storage/UploadJournal.h"

#include <QFileInfo>

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace slipway::storage {

ObjectSetUpload::ObjectSetUpload(StorageTarget& target, int parallel, QString journalPath)
    : m_target(target), m_parallel(qMax(1, parallel)), m_journalPath(std::move(journalPath))
{
}

Result<ObjectSetUpload::Report> ObjectSetUpload::run(const QList<ObjectUpload>& objects, const ProgressFn& progress)
{
    for (const ObjectUpload& object : objects) {
        if (auto valid = ObjectKey::validate(object.key); !valid)
            return valid.error();
        if (!QFileInfo(object.localPath).isFile())
            return fail(QStringLiteral("Cannot read %1: no such file.").arg(object.localPath));
    }
    std::unique_ptr<UploadJournal> journal;
    if (!m_journalPath.isEmpty()) {
        auto opened = UploadJournal::open(m_journalPath, m_target.describe());
        if (!opened)
            return opened.error();
        journal = std::move(opened.value());
    }
    // Temporary names fixed per journal: a resumed run overwrites what the killed one left staged.
    const QString stagingToken =
        journal ? QString::fromLatin1(crypto::Sha256::of((m_journalPath + QLatin1Char('\n') + m_target.describe()).toUtf8()).toHex().left(16))
                : QString();
    Report report;
    QList<ObjectUpload> pending;
    qint64 total = 0;
    for (const ObjectUpload& object : objects) {
        if (journal && journal->isProven(object.key, object.localPath)) {
            ++report.skipped;
        } else {
            pending.append(object);
            total += QFileInfo(object.localPath).size();
        }
    }

    const int workers = static_cast<int>(qMin<qsizetype>(m_parallel, qMax<qsizetype>(pending.size(), 1)));
    std::atomic<int> next{0};
    std::atomic<int> sent{0};
    std::atomic<int> finished{0};
    std::atomic<bool> stop{false};
    std::atomic<qint64> completedBytes{0};
    std::vector<std::atomic<qint64>> inflight(static_cast<size_t>(workers));
    std::mutex errorMutex;
    // Held while the progress function runs: workers start no new object meanwhile, so a caller that holds
    // the run there (a test pause, a slow display) holds the upload there too.
    std::mutex reporting;
    std::atomic<bool> cancelled{false};
    auto tell = [&] {
        const std::lock_guard hold(reporting);
        qint64 done = completedBytes.load();
        for (const auto& f : inflight)
            done += f.load();
        if (!cancelled && !reportProgress(progress, qMin(done, total), total)) {
            cancelled = true;
            stop = true;
        }
    };
    std::optional<Error> firstError;
    auto setError = [&](Error error) {
        std::lock_guard lock(errorMutex);
        if (!firstError)
            firstError = std::move(error);
        stop = true;
    };
    auto work = [&](int worker) {
        auto& mine = inflight[static_cast<size_t>(worker)];
        for (int index = next++; index < pending.size() && !stop; index = next++) {
            { const std::lock_guard wait(reporting); }
            const ObjectUpload& object = pending.at(index);
            auto uploaded = m_target.uploadFile(object.localPath, object.key, [&](qint64 done, qint64) {
                mine = done;
                return !stop.load();
            }, stagingToken, object.source);
            mine = 0;
            if (!uploaded) {
                setError(uploaded.error());
                break;
            }
            if (journal) {
                if (auto recorded = journal->recordProven(object.key, object.localPath, uploaded->sha256); !recorded) {
                    setError(recorded.error());
                    break;
                }
            }
            completedBytes += uploaded->size;
            ++sent;
            tell(); // small objects finish between two of the loop's reports
        }
        ++finished;
    };

    cancelled = !reportProgress(progress, 0, total);
    if (cancelled)
        stop = true;
    m_target.beginObjectSet();
    std::vector<std::thread> threads;
    threads.reserve(static_cast<size_t>(workers));
    for (int i = 0; i < workers; ++i)
        threads.emplace_back(work, i);
    while (finished.load() < workers) {
        tell();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    for (auto& t : threads)
        t.join();
    // Also after a failure: what the journal recorded as proven is made durable.
    if (Status flushed = m_target.endObjectSet(); !flushed && !firstError)
        firstError = flushed.error();
    report.sent = sent.load();
    report.bytesSent = completedBytes.load();
    if (cancelled)
        return fail(QStringLiteral("Cancelled after %1 of %2 objects; the proven ones are recorded, and the same upload "
                                   "again carries on from there.")
                        .arg(report.sent + report.skipped)
                        .arg(objects.size()));
    if (firstError)
        return fail(QStringLiteral("%1 (%2 of %3 objects are proven on %4; the same upload again carries on from there.)")
                        .arg(firstError->message)
                        .arg(report.sent + report.skipped)
                        .arg(objects.size())
                        .arg(m_target.describe()));
    reportProgress(progress, total, total);
    return report;
}

} // namespace slipway::storage
