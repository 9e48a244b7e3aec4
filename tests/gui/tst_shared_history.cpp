// The desktop app and any number of CLI processes share one history: while the window (holding
// its own connection, as the Releases view does) releases, `slipway history list`, `history
// verify` and `release` run against the same data folder. Nothing may be reported as damaged, no
// backup copy may appear, every release must be recorded and the audit chain must verify.

#include "DemoWorkspace.h"
#include "GuiTestSupport.h"
#include "HistoryView.h"
#include "MessageBar.h"
#include "history/History.h"

#include <QDirIterator>
#include <QLabel>
#include <QProcess>
#include <QtTest>

using namespace slipway;
using namespace slipway::ui;

namespace {

// Runs CLI commands one after another, for as long as it is not stopped, and keeps every failure.
class CliLoop : public QObject
{
public:
    explicit CliLoop(QString buildPath) : m_buildPath(std::move(buildPath))
    {
        connect(&m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
            const QString out = QString::fromUtf8(m_process.readAllStandardOutput() + m_process.readAllStandardError());
            if (status != QProcess::NormalExit || code != 0)
                failures
                    << QStringLiteral("%1 -> exit %2: %3").arg(m_current.join(QLatin1Char(' '))).arg(code).arg(out);
            ++runs;
            if (!m_stopping)
                next();
        });
    }

    ~CliLoop() override
    {
        // A failed check returns early: the running command must not start another one on the way out.
        m_stopping = true;
        QObject::disconnect(&m_process, nullptr, this, nullptr);
        m_process.kill();
        m_process.waitForFinished(10000);
    }
    CliLoop(const CliLoop&) = delete;
    CliLoop& operator=(const CliLoop&) = delete;

    void start() { next(); }
    void stop()
    {
        m_stopping = true;
        if (m_process.state() != QProcess::NotRunning)
            m_process.waitForFinished(120000);
    }

    QStringList failures;
    QStringList cliVersions;
    int runs = 0;

private:
    void next()
    {
        static const QList<QStringList> commands{
            {QStringLiteral("history"), QStringLiteral("list")},
            {QStringLiteral("history"), QStringLiteral("verify")},
            {QStringLiteral("release")},
            {QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--json")},
        };
        m_current = commands.at(m_step++ % commands.size());
        if (m_current.first() == QLatin1String("release")) {
            const QString version = QStringLiteral("2.0.%1").arg(cliVersions.size());
            cliVersions << version;
            m_current = QStringList{QStringLiteral("release"),
                                    QStringLiteral("--app-id"),
                                    QStringLiteral("com.example.cliside"),
                                    QStringLiteral("--version"),
                                    version,
                                    QStringLiteral("--path"),
                                    m_buildPath};
        }
        m_process.start(qEnvironmentVariable("SLIPWAY_BIN"),
                        QStringList{QStringLiteral("--data-dir"), DataLocation::root()} + m_current);
    }

    QString m_buildPath;
    QProcess m_process;
    QStringList m_current;
    int m_step = 0;
    bool m_stopping = false;
};

QStringList backups(const QString& folder)
{
    QStringList found;
    QDirIterator it(folder, {QStringLiteral("*.bak")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        found << it.next();
    return found;
}

} // namespace

class TestSharedHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SlipwayTests"));
        QCoreApplication::setApplicationName(QStringLiteral("slipway-gui-shared-history"));
        QVERIFY2(!qEnvironmentVariable("SLIPWAY_BIN").isEmpty(), "SLIPWAY_BIN names the slipway binary");
    }

    void guiReleasesWhileTheCliWorks()
    {
        guitest::Sandbox sandbox;
        MainWindow window;
        window.show();
        window.showPage(MainWindow::ReleasesPage); // the Releases view keeps its connection open
        ReleaseWizard* wizard = window.wizard();
        auto build = DemoWorkspace::extractDemoBuild();
        QVERIFY2(build, qPrintable(build ? QString() : build.error().message));

        const auto releaseInGui = [&](const QString& version) -> bool {
            auto draft = DemoWorkspace::demoDraft();
            if (!draft)
                return false;
            draft->plan.version = version;
            window.showPage(MainWindow::NewReleasePage);
            wizard->startPrepared(draft.value());
            if (!QTest::qWaitFor([&] { return wizard->draft().result.has_value(); }, 120000))
                return false;
            const bool ok = wizard->draft().result->ok();
            if (!ok)
                qWarning("GUI release %s: %s", qPrintable(version), qPrintable(wizard->draft().result->error));
            // Back to Releases, which reads the history again as a person looking at it does.
            window.showPage(MainWindow::ReleasesPage);
            QTest::qWait(50);
            return ok;
        };

        // The first release makes the default key the CLI releases sign with too.
        QStringList guiVersions{QStringLiteral("1.0.0")};
        QVERIFY(releaseInGui(guiVersions.first()));

        CliLoop cli(build.value());
        cli.start();
        for (int i = 1; i <= 6; ++i) {
            const QString version = QStringLiteral("1.0.%1").arg(i);
            guiVersions << version;
            QVERIFY2(releaseInGui(version), qPrintable(version));
            const QString shown = window.findChild<HistoryView*>()->messages()->findChild<QLabel*>()
                                      ? window.findChild<HistoryView*>()->messages()->findChild<QLabel*>()->text()
                                      : QString();
            QVERIFY2(!shown.contains(QStringLiteral("damaged")), qPrintable(shown));
        }
        // Let the CLI finish at least one full round after the last GUI release.
        const int runsSoFar = cli.runs;
        QVERIFY(QTest::qWaitFor([&] { return cli.runs >= runsSoFar + 4; }, 180000));
        cli.stop();
        qInfo("%d CLI commands ran beside the window, %d of them releases", cli.runs, int(cli.cliVersions.size()));
        QVERIFY2(cli.failures.isEmpty(), qPrintable(cli.failures.join(QLatin1Char('\n'))));
        QVERIFY2(cli.cliVersions.size() >= 2, "the CLI released at least twice beside the GUI");

        QVERIFY2(backups(DataLocation::root()).isEmpty(),
                 qPrintable(backups(DataLocation::root()).join(QLatin1Char(' '))));
        auto history = history::History::open();
        QVERIFY2(history, qPrintable(history ? QString() : history.error().message));
        history::ReleaseFilter everything;
        everything.limit = 0;
        auto all = history.value()->releases(everything);
        QVERIFY(all);
        const auto completed = [&](const QString& appId, const QString& version) {
            return std::any_of(all->begin(), all->end(), [&](const history::ReleaseRecord& r) {
                return r.appId == appId && r.version == version && r.status == history::ReleaseStatus::Completed;
            });
        };
        for (const QString& version : guiVersions)
            QVERIFY2(completed(QStringLiteral("com.example.slipwaydemo"), version), qPrintable(version));
        for (const QString& version : cli.cliVersions)
            QVERIFY2(completed(QStringLiteral("com.example.cliside"), version), qPrintable(version));
        QCOMPARE(all->size(), qsizetype(guiVersions.size() + cli.cliVersions.size()));
        auto audit = history.value()->verify();
        QVERIFY(audit);
        QVERIFY(audit->intact());

        QProcess verify;
        verify.start(qEnvironmentVariable("SLIPWAY_BIN"), {QStringLiteral("--data-dir"), DataLocation::root(),
                                                           QStringLiteral("history"), QStringLiteral("verify")});
        QVERIFY(verify.waitForFinished(120000));
        QCOMPARE(verify.exitCode(), 0);
    }
};

QTEST_MAIN(TestSharedHistory)
#include "tst_shared_history.moc"
