// Measures the longest UI event-loop stall while the real release wizard runs a large release.
// A 2 ms timer on the UI thread records the gap between its ticks; a gap beyond the interval is a
// stall (the user would see a frozen window for that long). Prints one JSON line.
//
//   slipway-gui-bench [--mib 200] [--data-dir DIR]

#include "MainWindow.h"
#include "ReleaseWizard.h"
#include "Theme.h"
#include "common/DataLocation.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace slipway;

namespace {

void writeBuild(const QString& folder, qint64 bytes)
{
    QDir().mkpath(folder);
    QFile index(folder + QStringLiteral("/index.html"));
    index.open(QIODevice::WriteOnly);
    index.write("<!doctype html><html><body><script src=\"app.js\"></script></body></html>\n");
    QFile js(folder + QStringLiteral("/app.js"));
    js.open(QIODevice::WriteOnly);
    js.write("import { CapacitorUpdater } from '@capgo/capacitor-updater';\nCapacitorUpdater.notifyAppReady();\n");
    // Incompressible assets in a few files, like real images and fonts.
    QByteArray chunk(1 << 20, '\0');
    quint64 state = 0x243F6A8885A308D3ull;
    const int files = 8;
    for (int f = 0; f < files; ++f) {
        QFile asset(folder + QStringLiteral("/asset-%1.bin").arg(f));
        asset.open(QIODevice::WriteOnly);
        for (qint64 written = 0; written < bytes / files; written += chunk.size()) {
            for (int i = 0; i + 8 <= chunk.size(); i += 8) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                std::memcpy(chunk.data() + i, &state, 8);
            }
            asset.write(chunk.constData(), std::min<qint64>(chunk.size(), bytes / files - written));
        }
    }
}

template <typename Condition> bool waitUntil(Condition condition, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    qint64 mib = 200;
    QString dataDir;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--mib") && i + 1 < argc)
            mib = QByteArray(argv[++i]).toLongLong();
        else if (!std::strcmp(argv[i], "--data-dir") && i + 1 < argc)
            dataDir = QString::fromLocal8Bit(argv[++i]);
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("SlipwayBench"));
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir temp;
    if (dataDir.isEmpty())
        dataDir = temp.path() + QStringLiteral("/data");
    DataLocation::setOverride(dataDir);
    const QString build = temp.path() + QStringLiteral("/build");
    std::fprintf(stderr, "writing a %lld MiB build to %s\n", mib, qPrintable(build));
    writeBuild(build, mib << 20);

    ui::Theme::apply();
    ui::MainWindow window;
    window.resize(1180, 760);
    window.show();
    window.showPage(ui::MainWindow::NewReleasePage);
    ui::ReleaseWizard* wizard = window.wizard();
    QAbstractButton* next = wizard->button(QWizard::NextButton);
    if (!waitUntil([&] { return next->isEnabled(); }, 60000))
        return 2;
    next->click();
    wizard->findChild<QLineEdit*>(QStringLiteral("buildPathEdit"))->setText(build);
    wizard->findChild<QLineEdit*>(QStringLiteral("appIdEdit"))->setText(QStringLiteral("com.example.bench"));
    wizard->findChild<QLineEdit*>(QStringLiteral("versionEdit"))->setText(QStringLiteral("1.0.0"));

    // From here on every stall counts: pre-flight, packaging, encryption, verification, upload, register.
    std::vector<qint64> gaps;
    QElapsedTimer clock;
    qint64 last = 0;
    bool ignoreNextGap = false;
    const int intervalMs = 2;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(intervalMs);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (ignoreNextGap) {
            ignoreNextGap = false;
            last = now;
            return;
        }
        gaps.push_back(now - last);
        if (now - last > 30'000'000ll && qEnvironmentVariableIsSet("SLIPWAY_BENCH_VERBOSE"))
            std::fprintf(stderr, "stall %.1f ms at %.3f s on page %d\n", double(now - last) / 1e6, double(now) / 1e9,
                         window.wizard()->currentId());
        last = now;
    });
    clock.start();
    probe.start();

    QElapsedTimer total;
    total.start();
    next->click(); // -> checks
    if (!waitUntil([&] { return wizard->currentId() == ui::ReleaseWizard::ChecksPageId && next->isEnabled(); }, 600000))
        return 3;
    const qint64 checksMs = total.elapsed();
    next->click(); // -> review
    QElapsedTimer releaseClock;
    releaseClock.start();
    wizard->button(QWizard::CommitButton)->click(); // -> run
    // SLIPWAY_BENCH_SHOT=file.png: a picture of the Run page mid-release (rows with bytes and time left).
    if (const QString shot = qEnvironmentVariable("SLIPWAY_BENCH_SHOT"); !shot.isEmpty())
        QTimer::singleShot(2500, &window, [&window, &ignoreNextGap, shot] {
            window.grab().save(shot);
            ignoreNextGap = true; // the picture is the benchmark's own work, not the app's
        });
    if (!waitUntil([&] { return wizard->currentId() == ui::ReleaseWizard::DonePageId; }, 1800000))
        return 4;
    const qint64 releaseMs = releaseClock.elapsed();
    probe.stop();

    std::vector<qint64> sorted = gaps;
    std::sort(sorted.begin(), sorted.end());
    const auto ms = [](qint64 ns) { return double(ns) / 1e6; };
    const double maxStall = sorted.empty() ? 0 : std::max(0.0, ms(sorted.back()) - intervalMs);
    const double p99 = sorted.empty() ? 0 : std::max(0.0, ms(sorted[sorted.size() * 99 / 100]) - intervalMs);
    int over50 = 0;
    for (qint64 g : gaps)
        over50 += ms(g) - intervalMs > 50 ? 1 : 0;
    QJsonObject out{{QStringLiteral("build_mib"), mib},           {QStringLiteral("checks_ms"), checksMs},
                    {QStringLiteral("release_ms"), releaseMs},    {QStringLiteral("ticks"), qint64(gaps.size())},
                    {QStringLiteral("max_stall_ms"), maxStall},   {QStringLiteral("p99_stall_ms"), p99},
                    {QStringLiteral("stalls_over_50ms"), over50}, {QStringLiteral("goal_ms"), 100},
                    {QStringLiteral("pass"), maxStall < 100}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return maxStall < 100 ? 0 : 1;
}
