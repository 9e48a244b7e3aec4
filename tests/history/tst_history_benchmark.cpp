// Benchmark (reports figures, asserts only correctness): a history with 100,000 releases, then
// `history list` with filters and a free-text search, in-process and through the real CLI, and `history verify`.
// SLIPWAY_BENCH_RELEASES changes the size; SLIPWAY_BENCH_HISTORY=postgresql://... writes into that (empty) database
// instead of a temporary SQLite file (bench/history-bench.sh), SLIPWAY_BENCH_KEY_FINGERPRINT the signing key's (default
// aaaa...). The figures are printed as "BENCH ..." lines.
#include "history/History.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace slipway;
using namespace slipway::history;

class TestHistoryBenchmark : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listWithFiltersOnALargeHistory()
    {
        const int count = qEnvironmentVariableIsSet("SLIPWAY_BENCH_RELEASES")
                              ? qEnvironmentVariableIntValue("SLIPWAY_BENCH_RELEASES")
                              : 100000;
        QTemporaryDir dir;
        const QString server = qEnvironmentVariable("SLIPWAY_BENCH_HISTORY");
        const QString path = server.isEmpty() ? dir.filePath(QStringLiteral("history.sqlite")) : server;
        QElapsedTimer timer;
        timer.start();
        {
            auto history = History::open(path);
            QVERIFY(history);
            const QStringList channels{QStringLiteral("production"), QStringLiteral("beta"), QStringLiteral("staging")};
            const QStringList statuses{ReleaseStatus::Completed, ReleaseStatus::Completed, ReleaseStatus::Completed,
                                       ReleaseStatus::Interrupted, ReleaseStatus::Refused};
            QList<ReleaseRecord> batch;
            const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-400);
            const QString fingerprint = qEnvironmentVariableIsSet("SLIPWAY_BENCH_KEY_FINGERPRINT")
                                            ? qEnvironmentVariable("SLIPWAY_BENCH_KEY_FINGERPRINT")
                                            : QString(64, QLatin1Char('a'));
            for (int i = 0; i < count; ++i) {
                ReleaseRecord r;
                r.appId = QStringLiteral("com.example.app%1").arg(i % 50);
                r.version = QStringLiteral("%1.%2.%3").arg(i / 10000).arg((i / 100) % 100).arg(i % 100);
                r.channel = channels[i % channels.size()];
                r.status = statuses[i % statuses.size()];
                r.createdAt = start.addSecs(i * 300);
                r.finishedAt = r.createdAt.addSecs(40);
                r.osUser = QStringLiteral("ci");
                r.host = QStringLiteral("runner-%1").arg(i % 7);
                r.keyId = QStringLiteral("MIIBCgKCAQEAwGG7OI3K");
                r.keyFingerprint = fingerprint;
                r.sha256 = QString::number(i).repeated(4).left(64);
                r.signedChecksum = QString(512, QLatin1Char('b'));
                r.ivSessionKey = QString(369, QLatin1Char('c'));
                r.plainSize = 1000000 + i;
                r.encryptedSize = 1000016 + i;
                r.publicUrl = QStringLiteral("https://cdn.example/%1/%2/bundle.zip.encrypted").arg(r.appId, r.version);
                r.attempts = 1;
                batch << r;
                if (batch.size() == 10000) {
                    QVERIFY(history.value()->importReleases(batch));
                    batch.clear();
                }
            }
            QVERIFY(history.value()->importReleases(batch));
        }
        qInfo("BENCH history of %d releases written in %lld ms (%s)", count, timer.elapsed(),
              !path.startsWith(QLatin1String("postgresql:")) ? qPrintable(QStringLiteral("%1 MiB").arg(QFileInfo(path).size() / 1048576.0, 0, 'f', 1))
                               : "PostgreSQL");

        auto history = History::open(path);
        QVERIFY(history);
        struct Case
        {
            const char* name;
            ReleaseFilter filter;
        };
        ReleaseFilter byApp;
        byApp.appId = QStringLiteral("com.example.app7");
        ReleaseFilter byAppChannel = byApp;
        byAppChannel.channel = QStringLiteral("beta");
        ReleaseFilter byStatus;
        byStatus.status = ReleaseStatus::Interrupted;
        ReleaseFilter byAppStatus = byApp;
        byAppStatus.status = ReleaseStatus::Completed;
        ReleaseFilter byText;
        byText.text = QStringLiteral("0.42.");
        const QList<Case> cases{{"--app", byApp},
                                {"--app --channel", byAppChannel},
                                {"--status", byStatus},
                                {"--app --status", byAppStatus},
                                {"--search 0.42.", byText}};
        for (const auto& c : cases) {
            qint64 best = std::numeric_limits<qint64>::max();
            int rows = 0;
            for (int run = 0; run < 5; ++run) {
                QElapsedTimer t;
                t.start();
                auto list = history.value()->releases(c.filter);
                const qint64 us = t.nsecsElapsed() / 1000;
                QVERIFY(list);
                rows = static_cast<int>(list->size());
                best = std::min(best, us);
                for (const auto& r : list.value()) {
                    if (!c.filter.appId.isEmpty())
                        QCOMPARE(r.appId, c.filter.appId);
                    if (!c.filter.status.isEmpty())
                        QCOMPARE(r.status, c.filter.status);
                }
            }
            QVERIFY(rows > 0);
            qInfo("BENCH history list %s: %d rows in %.2f ms (best of 5, in-process)", c.name, rows, best / 1000.0);
        }

        // The whole CLI, process start included.
        const QString slipway = qEnvironmentVariable("SLIPWAY_BIN");
        if (!slipway.isEmpty() && QFileInfo(slipway).isExecutable()) {
            const QStringList location{QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--history"), path};
            const QList<QPair<const char*, QStringList>> commands{
                {"--app --channel",
                 {QStringLiteral("--app"), QStringLiteral("com.example.app7"), QStringLiteral("--channel"),
                  QStringLiteral("beta")}},
                {"--search", {QStringLiteral("--search"), QStringLiteral("0.42.")}}};
            for (const auto& [name, options] : commands) {
                qint64 best = std::numeric_limits<qint64>::max();
                for (int run = 0; run < 3; ++run) {
                    QProcess p;
                    QElapsedTimer t;
                    t.start();
                    p.start(slipway, location + QStringList{QStringLiteral("history"), QStringLiteral("list")} + options);
                    QVERIFY(p.waitForFinished(120000));
                    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
                    best = std::min(best, t.elapsed());
                    const QByteArray out = p.readAllStandardOutput();
                    QVERIFY(out.contains(name == QByteArrayView("--search") ? "0.42." : "com.example.app7"));
                }
                qInfo("BENCH slipway history list %s: %lld ms wall (best of 3, process start included)", name, best);
            }
        }

        timer.restart();
        auto report = history.value()->verify();
        QVERIFY(report);
        QVERIFY(report->intact());
        const qint64 ms = std::max<qint64>(1, timer.elapsed());
        qInfo("BENCH history verify of %lld entries: %lld ms (%lld rows/s)", report->entries, ms,
              report->entries * 1000 / ms);
    }
};

QTEST_GUILESS_MAIN(TestHistoryBenchmark)
#include "tst_history_benchmark.moc"
