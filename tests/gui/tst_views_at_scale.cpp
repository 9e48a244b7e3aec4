// The desktop views on a large history, a test that also reports figures: the Releases view lists, counts and offers
// its filters, the Channels view shows an app's channels and the key inspector a key's releases, each without reading
// every release; the Channels view and the key inspector read off the UI thread. By default a 10,000-release SQLite
// history written by history_generator (claims, steps, a channel event and device stats per release);
// SLIPWAY_BENCH_HISTORY=LOCATION with SLIPWAY_BENCH_KEY=PUBLIC_KEY_FILE uses a history already written whose releases
// that key signed (bench/history-bench.sh: PostgreSQL at 1,000,000 and SQLite at 100,000). Prints "BENCH ..." lines:
// how long each view takes, and the longest the UI thread stood still while the background reads ran.
#include "ChannelsView.h"
#include "GuiTestSupport.h"
#include "HistoryView.h"
#include "KeyInspector.h"
#include "ReleaseTableModel.h"
#include "crypto/RsaKey.h"
#include "history/History.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QProcess>
#include <QScopeGuard>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QtTest>

#include <algorithm>

using namespace slipway;
using namespace slipway::ui;
using guitest::child;

namespace {

constexpr int GeneratedReleases = 10000;

// The longest gap between the ticks of a 10 ms timer on the UI thread: how long the window stood still.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setInterval(10);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_longest = std::max(m_longest, m_sinceTick.restart());
        });
        m_sinceTick.start();
        m_timer.start();
    }
    [[nodiscard]] qint64 longestMs() const { return std::max(m_longest, m_sinceTick.elapsed()); }

private:
    QTimer m_timer;
    QElapsedTimer m_sinceTick;
    qint64 m_longest = 0;
};

} // namespace

class TestViewsAtScale : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_location;
    QString m_keyPath; // the public key that signed the releases
    qint64 m_total = 0;
    QString m_app;

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SlipwayTests"));
        QCoreApplication::setApplicationName(QStringLiteral("slipway-gui-scale"));
        m_location = qEnvironmentVariable("SLIPWAY_BENCH_HISTORY");
        m_keyPath = qEnvironmentVariable("SLIPWAY_BENCH_KEY");
        if (m_location.isEmpty()) {
            auto key = crypto::RsaKey::generate();
            QVERIFY(key);
            m_keyPath = m_dir.filePath(QStringLiteral("signer.pub"));
            guitest::writeFile(m_keyPath, key->publicPkcs1Pem());
            m_location = m_dir.filePath(QStringLiteral("history.sqlite"));
            QProcess generator;
            generator.start(qEnvironmentVariable("SLIPWAY_HISTORY_GENERATOR"),
                            {m_location, QString::number(GeneratedReleases),
                             QStringLiteral("--key-fingerprint=") + key->fingerprintSha256()});
            QVERIFY2(generator.waitForFinished(600000) && generator.exitCode() == 0,
                     generator.readAllStandardError().constData());
        }
        qputenv("SLIPWAY_HISTORY", m_location.toUtf8());
        auto history = history::History::open(m_location);
        QVERIFY2(history, qPrintable(history.error().message));
        auto total = history.value()->countReleases();
        QVERIFY(total);
        m_total = total.value();
        QVERIFY(m_total > 1000);
        QVERIFY2(QFileInfo::exists(m_keyPath), "SLIPWAY_BENCH_KEY names the public key that signed the releases");
        history::ReleaseFilter newest;
        newest.limit = 1;
        newest.status = history::ReleaseStatus::Completed;
        auto latest = history.value()->releases(newest);
        QVERIFY(latest && !latest->isEmpty());
        m_app = latest->first().appId;
        qInfo("BENCH views on a history of %lld releases (%s)", m_total,
              m_location.startsWith(QLatin1String("postgresql:")) ? "PostgreSQL" : "SQLite");
    }

    void cleanupTestCase() { qunsetenv("SLIPWAY_HISTORY"); }

    // The Releases view: the newest 1,000 listed and every app in the filter at once, the count of all from the
    // background; the charts of the newest releases only.
    void releasesView()
    {
        guitest::Sandbox sandbox;
        QElapsedTimer clock;
        clock.start();
        HistoryView view;
        view.resize(1200, 800);
        view.show();
        QSignalSpy counted(&view, &HistoryView::countShown);
        view.refresh();
        const qint64 opened = clock.elapsed();
        StallMeter stalls;
        QCOMPARE(view.model()->rowCount(), 1000);
        QVERIFY(!counted.isEmpty() || counted.wait(120000));
        const qint64 total = clock.elapsed();
        const QString count = child<QLabel>(&view, "historyCount")->text();
        QVERIFY2(count.contains(QStringLiteral("%1 in the history").arg(m_total)), qPrintable(count));
        QVERIFY(child<QComboBox>(&view, "historyAppFilter")->findData(m_app) > 0);
        clock.restart();
        child<QTabWidget>(&view, "historyTabs")->setCurrentIndex(1);
        const qint64 charts = clock.elapsed();
        qInfo("BENCH Releases view shown (list and filters) in %lld ms, the count of all in the background after %lld "
              "ms (the UI thread stood still at most %lld ms after the list); its charts in %lld ms",
              opened, total, stalls.longestMs(), charts);
    }

    // The Channels view reads in the background: the window keeps moving meanwhile.
    void channelsView()
    {
        guitest::Sandbox sandbox;
        ChannelsView view;
        view.resize(1100, 800);
        view.show();
        StallMeter stalls;
        QElapsedTimer clock;
        clock.start();
        QSignalSpy shown(&view, &ChannelsView::refreshed);
        view.refresh();
        QVERIFY(shown.wait(120000));
        const qint64 first = clock.elapsed();
        QVERIFY(child<QTableWidget>(&view, "channelsTable")->rowCount() >= 1);
        // A refresh as the view's timer makes them, with the app known.
        clock.restart();
        QVERIFY(guitest::actAndWait(&view, &ChannelsView::refreshed, [&] { view.refresh(); }, 120000));
        qInfo("BENCH Channels view of %s: first read %lld ms, a refresh %lld ms; the UI thread stood still at most "
              "%lld ms",
              qPrintable(child<QComboBox>(&view, "channelsApp")->currentText()), first, clock.elapsed(),
              stalls.longestMs());
    }

    // The key inspector: the newest releases a key signed and how many, read in the background.
    void keyInspector()
    {
        guitest::Sandbox sandbox;
        auto key = crypto::RsaKey::fromFile(m_keyPath);
        QVERIFY(key);
        auto history = history::History::open(m_location);
        QVERIFY(history);
        history::ReleaseFilter signedWith;
        signedWith.keyFingerprint = key->fingerprintSha256();
        auto expected = history.value()->countReleases(signedWith);
        QVERIFY(expected && expected.value() > 0);

        KeyInspector inspector;
        inspector.resize(1100, 800);
        inspector.show();
        StallMeter stalls;
        QElapsedTimer clock;
        clock.start();
        QVERIFY(guitest::actAndWait(&inspector, &KeyInspector::factsShown, [&] { inspector.inspect(m_keyPath); },
                                    120000));
        const qint64 shown = clock.elapsed();
        auto* releases = child<QTreeWidget>(&inspector, "inspectorReleases");
        const qint64 listed = std::min<qint64>(expected.value(), 500);
        QCOMPARE(releases->topLevelItemCount(), int(listed + (expected.value() > listed ? 1 : 0)));
        if (expected.value() > listed)
            QVERIFY2(releases->topLevelItem(int(listed))
                         ->text(1)
                         .contains(QStringLiteral("%1 older").arg(expected.value() - listed)),
                     qPrintable(releases->topLevelItem(int(listed))->text(1)));
        QVERIFY(!child<QLabel>(&inspector, "inspectorFacts")->text().contains(QStringLiteral("never")));
        qInfo("BENCH key inspector: %lld releases signed by the key, shown in %lld ms; the UI thread stood still at "
              "most %lld ms",
              expected.value(), shown, stalls.longestMs());
    }
};

QTEST_MAIN(TestViewsAtScale)
#include "tst_views_at_scale.moc"
