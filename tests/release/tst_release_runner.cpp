// The ReleaseRunner API as the GUI uses it: signals in order, cancel latency during real work,
// resume after a cancel, reconciliation of a release whose process died.
#include "common/DataLocation.h"
#include "history/History.h"
#include "release/ReleaseRunner.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace slipway;
using namespace slipway::release;

namespace {

void writeBuild(const QString& root, qint64 mediaBytes)
{
    QDir().mkpath(root + QStringLiteral("/js"));
    QFile index(root + QStringLiteral("/index.html"));
    QVERIFY(index.open(QIODevice::WriteOnly));
    index.write("<!doctype html><html><body>runner test</body></html>");
    QFile js(root + QStringLiteral("/js/app.js"));
    QVERIFY(js.open(QIODevice::WriteOnly));
    js.write("CapacitorUpdater.notifyAppReady();\n");
    // Several incompressible files so that packaging reports progress as it goes.
    for (int f = 0; f < 8; ++f) {
        QFile media(root + QStringLiteral("/media-%1.bin").arg(f));
        QVERIFY(media.open(QIODevice::WriteOnly));
        QByteArray chunk(1 << 20, Qt::Uninitialized);
        for (qint64 done = 0; done < mediaBytes / 8; done += chunk.size()) {
            QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(chunk.data()), chunk.size() / 4);
            media.write(chunk);
        }
    }
}

ReleasePlan planFor(const QString& build, const QString& version)
{
    ReleasePlan plan;
    plan.appId = QStringLiteral("com.example.runner");
    plan.version = version;
    plan.buildSource = build;
    return plan;
}

ReleaseResult waitFinished(QSignalSpy& spy, int timeoutMs = 120000)
{
    if (spy.isEmpty() && !spy.wait(timeoutMs))
        return {};
    return spy.takeFirst().at(0).value<ReleaseResult>();
}

} // namespace

class TestReleaseRunner : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_build;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        DataLocation::setOverride(m_dir.filePath(QStringLiteral("data")));
        m_build = m_dir.filePath(QStringLiteral("build"));
        writeBuild(m_build, 48 * 1024 * 1024);
    }

    void releasesWithSignalsInOrder()
    {
        ReleaseRunner runner;
        QSignalSpy created(&runner, &ReleaseRunner::releaseCreated);
        QSignalSpy started(&runner, &ReleaseRunner::stepStarted);
        QSignalSpy finishedSteps(&runner, &ReleaseRunner::stepFinished);
        QSignalSpy progress(&runner, &ReleaseRunner::progress);
        QSignalSpy finished(&runner, &ReleaseRunner::finished);
        QVERIFY(runner.start(planFor(m_build, QStringLiteral("1.0.0"))));
        QVERIFY(!runner.start(planFor(m_build, QStringLiteral("1.0.1")))); // one run at a time
        const ReleaseResult result = waitFinished(finished);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(created.size(), 1);
        QCOMPARE(started.size(), allSteps().size());
        for (int i = 0; i < started.size(); ++i) {
            QCOMPARE(started.at(i).at(0).value<ReleaseStep>(), allSteps().at(i));
            QVERIFY(finishedSteps.at(i).at(1).toBool());
        }
        QVERIFY(!progress.isEmpty());
        // The bundle and the delta objects go up at once, as one step's progress: it only grows, and ends with the
        // bytes of both.
        qint64 uploadDone = 0;
        qint64 uploadTotal = 0;
        for (const QList<QVariant>& args : progress) {
            if (args.at(0).value<ReleaseStep>() != ReleaseStep::Upload)
                continue;
            QVERIFY2(args.at(1).toLongLong() >= uploadDone && args.at(2).toLongLong() >= uploadTotal,
                     qPrintable(QStringLiteral("%1 of %2 after %3 of %4")
                                    .arg(args.at(1).toLongLong())
                                    .arg(args.at(2).toLongLong())
                                    .arg(uploadDone)
                                    .arg(uploadTotal)));
            uploadDone = args.at(1).toLongLong();
            uploadTotal = args.at(2).toLongLong();
        }
        QCOMPARE(uploadDone, uploadTotal);
        QVERIFY2(
            uploadTotal > 2 * result.encryptedSize * 9 / 10,
            qPrintable(
                QStringLiteral("%1 bytes uploaded for a bundle of %2").arg(uploadTotal).arg(result.encryptedSize)));
        QCOMPARE(result.sha256.size(), 64);
        QCOMPARE(result.signedChecksum.size(), 512);
        QCOMPARE(result.ivSessionKey.size(), 369);
        QVERIFY(result.usedDefaultKey);
        QCOMPARE(result.manifest.value(QStringLiteral("version")).toString(), QStringLiteral("1.0.0"));

        auto history = history::History::open();
        QVERIFY(history);
        auto record = history.value()->release(result.releaseId);
        QVERIFY(record);
        QCOMPARE(record->status, history::ReleaseStatus::Completed);
        QCOMPARE(history.value()->steps(result.releaseId)->size(), allSteps().size());
    }

    void cancelStopsRealWorkPromptlyAndResumeCompletes()
    {
        ReleaseRunner runner;
        QSignalSpy finished(&runner, &ReleaseRunner::finished);
        QElapsedTimer sinceCancel;
        // Cancel from the GUI thread as soon as packaging reports real bytes.
        connect(&runner, &ReleaseRunner::progress, this, [&](ReleaseStep step, qint64 done, qint64) {
            if (step == ReleaseStep::Package && done > 0 && !sinceCancel.isValid()) {
                sinceCancel.start();
                runner.cancel();
            }
        });
        QVERIFY(runner.start(planFor(m_build, QStringLiteral("2.0.0"))));
        const ReleaseResult cancelled = waitFinished(finished);
        QVERIFY(sinceCancel.isValid());
        const qint64 latency = sinceCancel.elapsed();
        qInfo("BENCH cancel during packaging: finished signal %lld ms after cancel()", latency);
        QVERIFY2(latency < 1000, "cancel must stop the work promptly");
        QVERIFY(cancelled.cancelled);
        QCOMPARE(cancelled.status, history::ReleaseStatus::Interrupted);
        QVERIFY(cancelled.error.contains(QStringLiteral("Cancelled")));
        // Nothing half-made is left under the bundle's name in the work folder.
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("data/work/%1/bundle.zip")).arg(cancelled.releaseId)));

        disconnect(&runner, &ReleaseRunner::progress, this, nullptr);
        QVERIFY(runner.resume(cancelled.releaseId));
        const ReleaseResult resumed = waitFinished(finished);
        QVERIFY2(resumed.ok(), qPrintable(resumed.error));
        QCOMPARE(resumed.attempt, 2);
        QCOMPARE(resumed.releaseId, cancelled.releaseId);
    }

    void abandonedReleaseIsMarkedInterrupted()
    {
        auto history = history::History::open();
        QVERIFY(history);
        history::ReleaseRecord ghost;
        ghost.appId = QStringLiteral("com.example.runner");
        ghost.version = QStringLiteral("9.9.9");
        ghost.channel = QStringLiteral("production");
        ghost.status = history::ReleaseStatus::Running;
        ghost.lastStep = QStringLiteral("upload");
        ghost.owner = QStringLiteral("%1 999999999 12345").arg(QSysInfo::machineHostName());
        ghost.createdAt = QDateTime::currentDateTimeUtc();
        auto id = history.value()->createRelease(ghost);
        QVERIFY(id);
        ReleaseRunner::reconcileAbandoned();
        auto after = history.value()->release(id.value());
        QVERIFY(after);
        QCOMPARE(after->status, history::ReleaseStatus::Interrupted);
        QVERIFY(after->reason.contains(QStringLiteral("during upload")));
        QVERIFY(history.value()->verify()->intact());
    }
};

QTEST_GUILESS_MAIN(TestReleaseRunner)
#include "tst_release_runner.moc"
