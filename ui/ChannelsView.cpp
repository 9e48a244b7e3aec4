#include "ChannelsView.h"

#include "HistoryTask.h"
#include "MessageBar.h"
#include "ReleaseCharts.h"
#include "history/DeviceStats.h"
#include "history/History.h"
#include "registry/ChannelControl.h"
#include "registry/ChannelRollout.h"
#include "registry/DeviceAction.h"
#include "registry/RolloutState.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QPalette>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace slipway::ui {

namespace {

constexpr int RefreshMs = 2000;

QPushButton* button(const QString& text, const char* name, QWidget* parent)
{
    auto* b = new QPushButton(text, parent);
    b->setObjectName(QLatin1String(name));
    return b;
}

} // namespace

ChannelsView::ChannelsView(QWidget* parent)
    : QWidget(parent), m_messages(new MessageBar(this)), m_app(new QComboBox(this)), m_table(new QTableWidget(this)),
      m_summary(new QLabel(this)), m_banner(new QLabel(this)), m_version(new QComboBox(this)),
      m_percent(new QDoubleSpinBox(this)), m_apply(button(tr("Roll out"), "rolloutApply", this)),
      m_pause(button(tr("Pause"), "rolloutPause", this)), m_resume(button(tr("Resume"), "rolloutResume", this)),
      m_promote(button(tr("Promote to stable"), "rolloutPromote", this)),
      m_abort(button(tr("Abort"), "rolloutAbort", this)), m_adoption(new QChartView(this)),
      m_failures(new QChartView(this)), m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("channelsView"));
    m_app->setObjectName(QStringLiteral("channelsApp"));
    m_app->setEditable(true);
    m_app->setAccessibleName(tr("App"));
    m_table->setObjectName(QStringLiteral("channelsTable"));
    m_table->setColumnCount(5);
    m_table->setHorizontalHeaderLabels({tr("Channel"), tr("Stable"), tr("Rollout"), tr("Share"), tr("State")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setMaximumHeight(160);
    m_summary->setObjectName(QStringLiteral("rolloutSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setObjectName(QStringLiteral("haltBanner"));
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #8b1e1e; color: white; padding: 8px; border-radius: 4px; }"));
    m_banner->hide();
    m_version->setObjectName(QStringLiteral("rolloutVersion"));
    m_version->setAccessibleName(tr("Version to roll out"));
    m_percent->setObjectName(QStringLiteral("rolloutPercent"));
    m_percent->setAccessibleName(tr("Share of devices"));
    m_percent->setRange(0, 100);
    m_percent->setDecimals(2);
    m_percent->setSuffix(QStringLiteral(" %"));
    m_percent->setValue(10);
    m_adoption->setObjectName(QStringLiteral("adoptionChart"));
    m_failures->setObjectName(QStringLiteral("failuresChart"));
    for (QChartView* view : {m_adoption, m_failures}) {
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(200);
    }

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("App:"), this));
    top->addWidget(m_app, 1);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Roll out"), this));
    controls->addWidget(m_version);
    controls->addWidget(new QLabel(tr("to"), this));
    controls->addWidget(m_percent);
    controls->addWidget(m_apply);
    controls->addSpacing(12);
    controls->addWidget(m_pause);
    controls->addWidget(m_resume);
    controls->addWidget(m_promote);
    controls->addWidget(m_abort);
    controls->addStretch(1);
    auto* charts = new QHBoxLayout;
    charts->addWidget(m_adoption, 1);
    charts->addWidget(m_failures, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addLayout(top);
    layout->addWidget(m_table);
    layout->addWidget(m_banner);
    layout->addWidget(m_summary);
    layout->addLayout(controls);
    layout->addLayout(charts, 1);

    connect(m_app, &QComboBox::currentTextChanged, this, [this] { refresh(); });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] { refresh(); });
    connect(m_apply, &QPushButton::clicked, this, &ChannelsView::applyRollout);
    connect(m_pause, &QPushButton::clicked, this, &ChannelsView::pauseRollout);
    connect(m_resume, &QPushButton::clicked, this, &ChannelsView::resumeRollout);
    connect(m_promote, &QPushButton::clicked, this, &ChannelsView::promoteRollout);
    connect(m_abort, &QPushButton::clicked, this, &ChannelsView::abortRollout);
    enableRolloutButtons({}, false); // until a channel is read
    m_timer->setInterval(RefreshMs);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (isVisible() && !m_reading) // a slow server's read is not queued up behind again and again
            refresh();
    });
    m_timer->start();
}

QString ChannelsView::appId() const
{
    return m_app->currentText().trimmed();
}

QString ChannelsView::channel() const
{
    const auto rows = m_table->selectionModel() ? m_table->selectionModel()->selectedRows() : QModelIndexList{};
    if (!rows.isEmpty())
        return m_table->item(rows.first().row(), 0)->text();
    return m_table->rowCount() > 0 ? m_table->item(0, 0)->text() : QString();
}

struct ChannelsSnapshot
{
    QStringList apps; // filled only when the app list was asked for
    QString app;
    QList<registry::ChannelState> channels;
    QString selected; // the channel shown below the table
    QJsonObject selectedManifest;
    QString selectedProblem; // why its manifest could not be read
    QStringList versions; // of the app's newest completed releases: what can be rolled out
    QString health;       // the health policy's reading of the selected channel's rollout
    QList<QPair<QDateTime, qint64>> appliedPerMinute;
    QList<QPair<QDateTime, qint64>> failedPerMinute;
    QList<QPair<QString, history::VersionTally>> tallies; // of the stable and the rollout version
};

namespace {

constexpr int VersionsOffered = 200; // the newest completed releases: an app may have tens of thousands

history::ReleaseFilter completedOf(const QString& appId, int limit)
{
    history::ReleaseFilter filter;
    filter.appId = appId;
    filter.status = history::ReleaseStatus::Completed;
    filter.limit = limit;
    return filter;
}

// Everything the view shows, read on a worker thread.
Result<ChannelsSnapshot> readChannels(history::History& history, const QString& app, bool listApps,
                                      const QString& wantedChannel)
{
    ChannelsSnapshot s;
    s.app = app;
    if (listApps) {
        auto apps = history.releaseValues(history::History::Column::AppId, completedOf(QString(), 0));
        if (!apps)
            return apps.error();
        s.apps = apps.value();
        if (s.app.isEmpty()) { // the app released last
            if (auto newest = history.releases(completedOf(QString(), 1)); newest && !newest->isEmpty())
                s.app = newest->first().appId;
        }
    }
    if (s.app.isEmpty())
        return s;
    auto channels = registry::ChannelControl(history).channels(s.app);
    if (!channels)
        return channels.error();
    s.channels = channels.value();
    for (const registry::ChannelState& state : std::as_const(s.channels)) {
        if (state.channel == wantedChannel || s.selected.isEmpty()) {
            s.selected = state.channel;
            s.selectedManifest = state.manifest;
            s.selectedProblem = state.problem;
        }
    }
    if (auto releases = history.releases(completedOf(s.app, VersionsOffered)))
        for (const history::ReleaseRecord& r : releases.value())
            if (!s.versions.contains(r.version))
                s.versions << r.version;
    history::DeviceStats stats(history);
    const QString stable = s.selectedManifest.value(QStringLiteral("version")).toString();
    auto rollout = registry::RolloutState::fromManifest(s.selectedManifest);
    const QString rolloutVersion = rollout && rollout->has_value() ? rollout->value().version : QString();
    if (!rolloutVersion.isEmpty()) {
        if (auto tally = stats.tally(s.app, rolloutVersion))
            s.health = registry::RolloutHealth::decide(rollout->value().policy, tally.value()).reason;
        if (auto points = stats.perMinute(s.app, rolloutVersion, {QStringLiteral("set")}))
            s.appliedPerMinute = points.value();
        if (auto points = stats.perMinute(s.app, rolloutVersion, registry::DeviceAction::failures()))
            s.failedPerMinute = points.value();
    }
    for (const QString& v : {stable, rolloutVersion})
        if (!v.isEmpty())
            if (auto tally = stats.tally(s.app, v))
                s.tallies.append({v, tally.value()});
    return s;
}

} // namespace

void ChannelsView::refresh()
{
    if (m_reading) {
        m_readAgain = true; // what is being read may predate the caller's change
        return;
    }
    m_reading = true;
    m_readAgain = false;
    useHistoryInBackground(
        this,
        [app = appId(), listApps = m_app->count() == 0, wanted = channel()](history::History& history) {
            return readChannels(history, app, listApps, wanted);
        },
        [this](const Result<ChannelsSnapshot>& snapshot) {
            m_reading = false;
            if (m_readAgain) {
                refresh();
                return;
            }
            if (!snapshot) {
                m_readError = snapshot.error().message;
                m_messages->showError(m_readError);
            } else {
                if (!m_readError.isEmpty() && m_messages->kind() == MessageBar::Kind::Error &&
                    m_messages->text() == m_readError)
                    m_messages->clearMessage();
                m_readError.clear();
                showSnapshot(snapshot.value());
            }
            Q_EMIT refreshed();
        });
}

void ChannelsView::showSnapshot(const ChannelsSnapshot& snapshot)
{
    if (!snapshot.apps.isEmpty())
        fillApps(snapshot.apps, snapshot.app);
    if (snapshot.app != appId())
        return; // another app was chosen meanwhile: its own read follows
    {
        const QSignalBlocker block(m_table);
        m_table->setRowCount(static_cast<int>(snapshot.channels.size()));
        int row = 0;
        for (const registry::ChannelState& state : snapshot.channels) {
            auto rollout = registry::RolloutState::fromManifest(state.manifest);
            const bool has = rollout && rollout->has_value();
            const QStringList cells{state.channel, state.version.isEmpty() ? tr("(none)") : state.version,
                                    has ? rollout->value().version : QString(),
                                    has ? QStringLiteral("%1 %").arg(rollout->value().percent) : QString(),
                                    has ? rollout->value().state : (state.problem.isEmpty() ? QString() : state.problem)};
            for (int column = 0; column < cells.size(); ++column)
                m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
            if (state.channel == snapshot.selected)
                m_table->selectRow(row);
            ++row;
        }
    }
    if (snapshot.versions != m_versionsShown) {
        const QString chosen = m_version->currentText();
        const QSignalBlocker block(m_version);
        m_version->clear();
        m_version->addItems(snapshot.versions);
        if (!chosen.isEmpty())
            m_version->setCurrentText(chosen);
        m_versionsShown = snapshot.versions;
    }
    showChannel(snapshot);
}

void ChannelsView::fillApps(const QStringList& apps, const QString& chosen)
{
    const QSignalBlocker block(m_app);
    const QString current = m_app->currentText();
    m_app->clear();
    m_app->addItems(apps);
    m_app->setCurrentText(current.isEmpty() ? chosen : current);
}

void ChannelsView::enableRolloutButtons(const QJsonObject& manifest, bool hasChannel)
{
    m_shownManifest = manifest;
    auto rollout = registry::RolloutState::fromManifest(manifest);
    const bool has = rollout && rollout->has_value();
    const bool idle = !m_operating;
    m_pause->setEnabled(idle && has && rollout->value().state == registry::RolloutState::Active);
    m_resume->setEnabled(idle && has && rollout->value().state != registry::RolloutState::Active);
    m_promote->setEnabled(idle && has && rollout->value().state != registry::RolloutState::Aborted);
    m_abort->setEnabled(idle && has);
    m_apply->setEnabled(idle && hasChannel);
}

void ChannelsView::showChannel(const ChannelsSnapshot& snapshot)
{
    const QString& channelName = snapshot.selected;
    const QJsonObject& manifest = snapshot.selectedManifest;
    m_shownChannel = channelName;
    enableRolloutButtons(manifest, !channelName.isEmpty());
    const QString stable = manifest.value(QStringLiteral("version")).toString();
    auto rollout = registry::RolloutState::fromManifest(manifest);
    if (!rollout || !rollout->has_value()) {
        m_banner->hide();
        if (channelName.isEmpty())
            m_summary->setText(tr("No channel yet: release to one first."));
        else if (stable.isEmpty())
            m_summary->setText(tr("Channel %1 serves nothing that can be read now: %2")
                                   .arg(channelName, snapshot.selectedProblem));
        else
            m_summary->setText(
                tr("Channel %1 serves %2 to every device; no rollout is running.").arg(channelName, stable));
        updateCharts({}, snapshot);
        return;
    }
    const registry::RolloutState& r = rollout->value();
    if (!m_percent->hasFocus())
        m_percent->setValue(r.percent);
    m_version->setCurrentText(r.version);
    m_summary->setText(tr("Channel %1: stable %2; rolling out %3 to %4 % of the devices (%5, rollout %6).\n"
                          "Policy: %7.\n%8")
                           .arg(channelName, stable, r.version)
                           .arg(r.percent)
                           .arg(r.state, r.id, r.policy.describe(), snapshot.health));
    if (r.halt.isEmpty()) {
        m_banner->hide();
    } else {
        m_banner->setText(tr("The health policy halted this rollout at %1: %2")
                              .arg(r.halt.value(QStringLiteral("at")).toString(),
                                   r.halt.value(QStringLiteral("reason")).toString()));
        m_banner->show();
    }
    updateCharts(r.version, snapshot);
}

void ChannelsView::updateCharts(const QString& rolloutVersion, const ChannelsSnapshot& snapshot)
{
    QChart* adoption = ReleaseCharts::makeChart(rolloutVersion.isEmpty() ? tr("Adoption") : tr("Adoption of %1").arg(rolloutVersion));
    auto* applied = new QLineSeries;
    applied->setName(tr("devices that switched"));
    auto* failed = new QLineSeries;
    failed->setName(tr("devices that failed"));
    qint64 highest = 1;
    QDateTime first;
    QDateTime last;
    if (!rolloutVersion.isEmpty()) {
        auto plot = [&](QLineSeries* series, const QList<QPair<QDateTime, qint64>>& points) {
            qint64 total = 0;
            for (const auto& [minute, devices] : points) {
                total += devices;
                series->append(static_cast<qreal>(minute.toMSecsSinceEpoch()), static_cast<qreal>(total));
                highest = std::max(highest, total);
                if (!first.isValid() || minute < first)
                    first = minute;
                if (!last.isValid() || minute > last)
                    last = minute;
            }
        };
        plot(applied, snapshot.appliedPerMinute);
        plot(failed, snapshot.failedPerMinute);
    }
    adoption->addSeries(applied);
    adoption->addSeries(failed);
    auto* minutes = new QDateTimeAxis;
    minutes->setFormat(QStringLiteral("HH:mm"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    minutes->setRange((first.isValid() ? first : now).addSecs(-60), (last.isValid() ? last : now).addSecs(60));
    QValueAxis* count = ReleaseCharts::makeCountAxis(highest);
    adoption->addAxis(minutes, Qt::AlignBottom);
    adoption->addAxis(count, Qt::AlignLeft);
    for (QLineSeries* s : {applied, failed}) {
        s->attachAxis(minutes);
        s->attachAxis(count);
    }
    QChart* old = m_adoption->chart();
    m_adoption->setChart(adoption);
    delete old;

    QChart* failures = ReleaseCharts::makeChart(tr("Devices per version"));
    auto* ok = new QBarSet(tr("applied"));
    auto* bad = new QBarSet(tr("failed"));
    ok->setColor(QColor("#3a8f5a"));
    bad->setColor(QColor("#b22222"));
    QStringList versions;
    qint64 top = 1;
    for (const auto& [version, tally] : snapshot.tallies) {
        versions << version;
        *ok << static_cast<qreal>(tally.applied);
        *bad << static_cast<qreal>(tally.failed);
        top = std::max({top, tally.applied, tally.failed});
    }
    auto* bars = new QBarSeries;
    bars->append(ok);
    bars->append(bad);
    failures->addSeries(bars);
    auto* categories = new QBarCategoryAxis;
    categories->append(versions);
    QValueAxis* values = ReleaseCharts::makeCountAxis(top);
    failures->addAxis(categories, Qt::AlignBottom);
    failures->addAxis(values, Qt::AlignLeft);
    bars->attachAxis(categories);
    bars->attachAxis(values);
    old = m_failures->chart();
    m_failures->setChart(failures);
    delete old;
}

void ChannelsView::applyRollout()
{
    operate(Operation::Start);
}

void ChannelsView::operate(Operation operation)
{
    if (m_operating)
        return;
    const QString app = appId();
    const QString name = channel();
    m_operating = true;
    enableRolloutButtons(m_shownManifest, !m_shownChannel.isEmpty());
    m_messages->showMessage(tr("Changing channel %1 of %2…").arg(name, app));
    useHistoryInBackground(
        this,
        [operation, app, name, version = m_version->currentText(), percent = m_percent->value(),
         why = tr("from the Slipway window")](history::History& history) -> Result<registry::RolloutChange> {
            auto storage = registry::ChannelControl(history).channelStorage(app, name);
            if (!storage)
                return storage.error();
            registry::ChannelRollout rollout(history, storage.value());
            switch (operation) {
            case Operation::Start:
                return rollout.start(app, name, version, percent, why);
            case Operation::Pause:
                return rollout.pause(app, name, why);
            case Operation::Resume:
                return rollout.resume(app, name, why);
            case Operation::Promote:
                return rollout.promote(app, name, why);
            case Operation::Abort:
                return rollout.abort(app, name, why);
            }
            return fail(QString());
        },
        [this](const Result<registry::RolloutChange>& change) {
            m_operating = false;
            if (!change)
                m_messages->showError(change.error().message);
            else
                m_messages->showMessage(change->summary, MessageBar::Kind::Success);
            enableRolloutButtons(m_shownManifest, !m_shownChannel.isEmpty());
            refresh();
            Q_EMIT operationFinished(change.ok());
        });
}

void ChannelsView::pauseRollout()
{
    operate(Operation::Pause);
}

void ChannelsView::resumeRollout()
{
    operate(Operation::Resume);
}

void ChannelsView::promoteRollout()
{
    operate(Operation::Promote);
}

void ChannelsView::abortRollout()
{
    operate(Operation::Abort);
}

} // namespace slipway::ui
