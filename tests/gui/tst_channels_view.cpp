// The Channels view on real releases in a real history: start a rollout, pause, see the health policy's halt banner
// with its reason and the charts fed by device stats, promote. A team history on a server that never answers keeps
// the window responsive (it is read off the UI thread) and ends in an error naming the server.
#include "ChannelsView.h"
#include "GuiTestSupport.h"
#include "history/DeviceStats.h"
#include "history/History.h"
#include "registry/ChannelRollout.h"
#include "registry/LocalChannelRegistrar.h"
#include "registry/RolloutWatcher.h"
#include "release/ReleaseRunner.h"
#include "storage/FolderStorage.h"

#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QAbstractItemView>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QSignalSpy>
#include <QScopeGuard>
#include <QTableWidget>
#include <QTcpServer>
#include <QTimer>
#include <QtTest>

using namespace slipway;
using namespace slipway::ui;
using guitest::child;

namespace {

const QString App = QStringLiteral("com.example.channels");

bool releaseVersion(const QString& build, const QString& version, const QString& channel)
{
    release::ReleasePlan plan;
    plan.appId = App;
    plan.version = version;
    plan.channel = channel;
    plan.buildSource = build;
    release::ReleaseRunner runner;
    QSignalSpy done(&runner, &release::ReleaseRunner::finished);
    return runner.start(plan) && done.wait(60000) && done.first().first().value<release::ReleaseResult>().ok();
}

std::shared_ptr<storage::StorageTarget> localStorage()
{
    return std::make_shared<storage::FolderStorage>(DataLocation::folder(QStringLiteral("storage")));
}

QJsonObject rolloutOf()
{
    registry::LocalChannelRegistrar registrar(localStorage());
    auto manifest = registrar.publishedManifest(App, QStringLiteral("production"));
    return manifest ? manifest->value(QStringLiteral("rollout")).toObject() : QJsonObject();
}

// Reads the channels again and waits until what was read is on screen.
bool refreshed(ChannelsView& view)
{
    QSignalSpy shown(&view, &ChannelsView::refreshed);
    view.refresh();
    return shown.wait(30000);
}

// Clicks a rollout button and waits for the change and the view's next read after it.
bool operate(ChannelsView& view, const char* button)
{
    QSignalSpy finished(&view, &ChannelsView::operationFinished);
    QTest::mouseClick(child<QPushButton>(&view, button), Qt::LeftButton);
    if (!finished.wait(30000) || !finished.first().first().toBool())
        return false;
    QSignalSpy shown(&view, &ChannelsView::refreshed);
    return shown.wait(30000);
}

} // namespace

class TestChannelsView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SlipwayTests"));
        QCoreApplication::setApplicationName(QStringLiteral("slipway-gui-channels"));
    }

    void rolloutFromTheWindow()
    {
        guitest::Sandbox sandbox;
        const QString build = sandbox.dir.filePath(QStringLiteral("build"));
        guitest::writeFile(build + QStringLiteral("/index.html"), guitest::indexHtml());
        guitest::writeFile(build + QStringLiteral("/app.js"), guitest::appJs());
        QVERIFY(releaseVersion(build, QStringLiteral("1.0.0"), QStringLiteral("production")));
        QVERIFY(releaseVersion(build, QStringLiteral("1.1.0"), QStringLiteral("beta")));

        ChannelsView view;
        view.resize(1100, 800);
        view.show();
        QVERIFY(refreshed(view));
        auto* table = child<QTableWidget>(&view, "channelsTable");
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(1, 0)->text(), QStringLiteral("production"));
        QCOMPARE(table->item(1, 1)->text(), QStringLiteral("1.0.0"));
        {
            QSignalSpy shown(&view, &ChannelsView::refreshed);
            table->selectRow(1);
            QVERIFY(shown.wait(30000));
        }
        QVERIFY(child<QLabel>(&view, "rolloutSummary")->text().contains(QLatin1String("Channel production serves")));
        QVERIFY(!child<QPushButton>(&view, "rolloutPause")->isEnabled());

        // The user opens the version list; the 2 s refresh finds the same versions and leaves the list alone.
        auto* versions = child<QComboBox>(&view, "rolloutVersion");
        versions->showPopup();
        QTRY_VERIFY(versions->view()->isVisible());
        versions->view()->setCurrentIndex(versions->model()->index(1, 0));
        QVERIFY(refreshed(view));
        QVERIFY(versions->view()->isVisible());
        QCOMPARE(versions->view()->currentIndex().row(), 1);
        versions->hidePopup();

        versions->setCurrentText(QStringLiteral("1.1.0"));
        child<QDoubleSpinBox>(&view, "rolloutPercent")->setValue(10);
        QVERIFY(operate(view, "rolloutApply"));
        QCOMPARE(rolloutOf().value(QStringLiteral("percent")).toDouble(), 10.0);
        QCOMPARE(table->item(1, 2)->text(), QStringLiteral("1.1.0"));
        QCOMPARE(table->item(1, 4)->text(), QStringLiteral("active"));
        QVERIFY(child<QLabel>(&view, "rolloutSummary")->text().contains(QLatin1String("rolling out 1.1.0 to 10 %")));

        QVERIFY(operate(view, "rolloutPause"));
        QCOMPARE(rolloutOf().value(QStringLiteral("state")).toString(), QStringLiteral("paused"));
        QVERIFY(operate(view, "rolloutResume"));
        QCOMPARE(rolloutOf().value(QStringLiteral("state")).toString(), QStringLiteral("active"));

        // Devices report, and the policy halts the rollout (as `serve` does): the banner says why.
        auto history = history::History::open();
        QVERIFY(history.ok());
        QList<history::StatsEvent> events;
        for (int i = 0; i < 80; ++i) {
            const QJsonObject e{{QStringLiteral("app_id"), App},
                                {QStringLiteral("device_id"), QStringLiteral("phone-%1").arg(i)},
                                {QStringLiteral("action"), i % 3 == 0 ? QStringLiteral("decrypt_fail") : QStringLiteral("set")},
                                {QStringLiteral("version_name"), QStringLiteral("1.1.0")}};
            events << registry::RolloutWatcher::classify(e);
        }
        history::DeviceStats stats(*history.value());
        QVERIFY(stats.record(events).ok());
        auto tally = stats.tally(App, QStringLiteral("1.1.0"));
        QVERIFY(tally.ok());
        const registry::HaltDecision decision = registry::RolloutHealth::decide(registry::HealthPolicy{}, tally.value());
        QVERIFY(decision.halt);
        registry::ChannelRollout control(*history.value(), localStorage(), QStringLiteral("slipway serve"));
        QVERIFY(control.halt(App, QStringLiteral("production"), QStringLiteral("1.1.0"), decision, tally.value()).ok());

        QVERIFY(refreshed(view));
        auto* banner = child<QLabel>(&view, "haltBanner");
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(QLatin1String("27 of 80 devices")), qPrintable(banner->text()));
        QVERIFY(banner->text().contains(QLatin1String("decrypt_fail")));
        QCOMPARE(table->item(1, 4)->text(), QStringLiteral("halted"));
        QVERIFY(child<QPushButton>(&view, "rolloutResume")->isEnabled());

        // The charts: adoption over time and devices per version.
        QChart* adoption = child<QChartView>(&view, "adoptionChart")->chart();
        QCOMPARE(adoption->series().size(), 2);
        auto* switched = qobject_cast<QLineSeries*>(adoption->series().at(0));
        QVERIFY(switched && switched->count() >= 1);
        QCOMPARE(switched->at(switched->count() - 1).y(), 53.0);
        QChart* perVersion = child<QChartView>(&view, "failuresChart")->chart();
        auto* bars = qobject_cast<QBarSeries*>(perVersion->series().at(0));
        QVERIFY(bars);
        QCOMPARE(bars->barSets().at(1)->at(1), 27.0); // failed devices of 1.1.0

        QVERIFY(operate(view, "rolloutPromote"));
        QVERIFY(rolloutOf().isEmpty());
        QCOMPARE(table->item(1, 1)->text(), QStringLiteral("1.1.0"));
        QVERIFY(!banner->isVisible());
        QVERIFY(child<QLabel>(&view, "messageBarText")->text().contains(QLatin1String("Promoted 1.1.0")));
        QVERIFY(history.value()->verify().ok());
    }

    // A team history behind a dead link: the server accepts the connection and never answers, so each open waits
    // for the connect timeout (5 s). The view reads off the UI thread: refresh returns at once, the window keeps
    // handling events meanwhile, and the error then names the server.
    void silentTeamHistoryDoesNotFreezeTheWindow()
    {
        guitest::Sandbox sandbox;
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        const QString address = QStringLiteral("postgresql://slipway@127.0.0.1:%1/history").arg(silent.serverPort());
        qputenv("SLIPWAY_HISTORY", address.toUtf8());
        qputenv("PGPASSWORD", "never-asked"); // no keychain lookup: the server never gets that far
        const auto restore = qScopeGuard([] {
            qunsetenv("SLIPWAY_HISTORY");
            qunsetenv("PGPASSWORD");
        });

        ChannelsView view;
        view.resize(900, 600);
        view.show();
        int ticks = 0;
        QTimer tick;
        connect(&tick, &QTimer::timeout, this, [&ticks] { ++ticks; });
        tick.start(100);
        QSignalSpy shown(&view, &ChannelsView::refreshed);
        QElapsedTimer clock;
        clock.start();
        view.refresh();
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(shown.wait(30000));
        const qint64 waited = clock.elapsed();
        // It really waited for the server (the old UI-thread read froze the window this long) ...
        QVERIFY2(waited >= 4000, qPrintable(QString::number(waited)));
        // ... while the window went on: a 100 ms timer fired all along (generous for a loaded machine).
        QVERIFY2(ticks >= waited / 100 / 3, qPrintable(QStringLiteral("%1 ticks in %2 ms").arg(ticks).arg(waited)));
        auto* messages = child<QLabel>(&view, "messageBarText");
        QVERIFY2(messages->text().contains(QStringLiteral("127.0.0.1:%1").arg(silent.serverPort())),
                 qPrintable(messages->text()));
        QVERIFY(!child<QPushButton>(&view, "rolloutApply")->isEnabled());
    }
};

QTEST_MAIN(TestChannelsView)
#include "tst_channels_view.moc"
