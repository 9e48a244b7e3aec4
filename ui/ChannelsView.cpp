#include "ChannelsView.h"

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
    m_timer->setInterval(RefreshMs);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (isVisible())
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

void ChannelsView::fillApps()
{
    auto history = history::History::open();
    if (!history)
        return;
    history::ReleaseFilter filter;
    filter.status = history::ReleaseStatus::Completed;
    filter.limit = 0;
    auto releases = history.value()->releases(filter);
    if (!releases)
        return;
    QStringList apps;
    for (const auto& r : releases.value())
        if (!apps.contains(r.appId))
            apps << r.appId;
    const QSignalBlocker block(m_app);
    const QString current = m_app->currentText();
    m_app->clear();
    m_app->addItems(apps);
    m_app->setCurrentText(current.isEmpty() && !apps.isEmpty() ? apps.first() : current);
}

void ChannelsView::refresh()
{
    if (m_app->count() == 0)
        fillApps();
    const QString app = appId();
    if (app.isEmpty())
        return;
    auto history = history::History::open();
    if (!history) {
        m_messages->showError(history.error().message);
        return;
    }
    registry::ChannelControl control(*history.value());
    auto channels = control.channels(app);
    if (!channels) {
        m_messages->showError(channels.error().message);
        return;
    }
    const QString selected = channel();
    QJsonObject selectedManifest;
    QString selectedName;
    {
        const QSignalBlocker block(m_table);
        m_table->setRowCount(static_cast<int>(channels->size()));
        int row = 0;
        for (const registry::ChannelState& state : channels.value()) {
            auto rollout = registry::RolloutState::fromManifest(state.manifest);
            const bool has = rollout && rollout->has_value();
            const QStringList cells{state.channel, state.version.isEmpty() ? tr("(none)") : state.version,
                                    has ? rollout->value().version : QString(),
                                    has ? QStringLiteral("%1 %").arg(rollout->value().percent) : QString(),
                                    has ? rollout->value().state : (state.problem.isEmpty() ? QString() : state.problem)};
            for (int column = 0; column < cells.size(); ++column)
                m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
            if (state.channel == selected || (selectedName.isEmpty() && row == 0)) {
                selectedName = state.channel;
                selectedManifest = state.manifest;
                m_table->selectRow(row);
            }
            ++row;
        }
    }
    // The versions that can be rolled out: every completed release of the app.
    history::ReleaseFilter filter;
    filter.appId = app;
    filter.status = history::ReleaseStatus::Completed;
    filter.limit = 0;
    if (auto releases = history.value()->releases(filter)) {
        QStringList versions;
        for (const auto& r : releases.value())
            if (!versions.contains(r.version))
                versions << r.version;
        const QString chosen = m_version->currentText();
        const QSignalBlocker block(m_version);
        m_version->clear();
        m_version->addItems(versions);
        if (!chosen.isEmpty())
            m_version->setCurrentText(chosen);
    }
    showChannel(selectedName, selectedManifest);
}

void ChannelsView::showChannel(const QString& channelName, const QJsonObject& manifest)
{
    const QString stable = manifest.value(QStringLiteral("version")).toString();
    auto rollout = registry::RolloutState::fromManifest(manifest);
    const bool has = rollout && rollout->has_value();
    m_pause->setEnabled(has && rollout->value().state == registry::RolloutState::Active);
    m_resume->setEnabled(has && rollout->value().state != registry::RolloutState::Active);
    m_promote->setEnabled(has && rollout->value().state != registry::RolloutState::Aborted);
    m_abort->setEnabled(has);
    m_apply->setEnabled(!channelName.isEmpty());
    m_rolloutVersion = has ? rollout->value().version : QString();
    if (!has) {
        m_banner->hide();
        m_summary->setText(channelName.isEmpty() ? tr("No channel yet: release to one first.")
                                                 : tr("Channel %1 serves %2 to every device; no rollout is running.")
                                                       .arg(channelName, stable));
        updateCharts({}, stable);
        return;
    }
    const registry::RolloutState& r = rollout->value();
    if (!m_percent->hasFocus())
        m_percent->setValue(r.percent);
    m_version->setCurrentText(r.version);
    auto history = history::History::open();
    QString health;
    if (history) {
        history::DeviceStats stats(*history.value());
        if (auto tally = stats.tally(appId(), r.version))
            health = registry::RolloutHealth::decide(r.policy, tally.value()).reason;
    }
    m_summary->setText(tr("Channel %1: stable %2; rolling out %3 to %4 % of the devices (%5, rollout %6).\n"
                          "Policy: %7.\n%8")
                           .arg(channelName, stable, r.version)
                           .arg(r.percent)
                           .arg(r.state, r.id, r.policy.describe(), health));
    if (r.halt.isEmpty()) {
        m_banner->hide();
    } else {
        m_banner->setText(tr("The health policy halted this rollout at %1: %2")
                              .arg(r.halt.value(QStringLiteral("at")).toString(),
                                   r.halt.value(QStringLiteral("reason")).toString()));
        m_banner->show();
    }
    updateCharts(r.version, stable);
}

void ChannelsView::updateCharts(const QString& rolloutVersion, const QString& stableVersion)
{
    auto history = history::History::open();
    if (!history)
        return;
    history::DeviceStats stats(*history.value());
    QChart* adoption = ReleaseCharts::makeChart(rolloutVersion.isEmpty() ? tr("Adoption") : tr("Adoption of %1").arg(rolloutVersion));
    auto* applied = new QLineSeries;
    applied->setName(tr("devices that switched"));
    auto* failed = new QLineSeries;
    failed->setName(tr("devices that failed"));
    qint64 highest = 1;
    QDateTime first;
    QDateTime last;
    if (!rolloutVersion.isEmpty()) {
        auto plot = [&](QLineSeries* series, const QStringList& actions) {
            auto points = stats.perMinute(appId(), rolloutVersion, actions);
            if (!points)
                return;
            qint64 total = 0;
            for (const auto& [minute, devices] : points.value()) {
                total += devices;
                series->append(static_cast<qreal>(minute.toMSecsSinceEpoch()), static_cast<qreal>(total));
                highest = std::max(highest, total);
                if (!first.isValid() || minute < first)
                    first = minute;
                if (!last.isValid() || minute > last)
                    last = minute;
            }
        };
        plot(applied, {QStringLiteral("set")});
        plot(failed, registry::DeviceAction::failures());
    }
    adoption->addSeries(applied);
    adoption->addSeries(failed);
    auto* minutes = new QDateTimeAxis;
    minutes->setFormat(QStringLiteral("HH:mm"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    minutes->setRange((first.isValid() ? first : now).addSecs(-60), (last.isValid() ? last : now).addSecs(60));
    auto* count = new QValueAxis;
    count->setRange(0, static_cast<qreal>(highest));
    count->setLabelFormat(QStringLiteral("%d"));
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
    for (const QString& v : {stableVersion, rolloutVersion}) {
        if (v.isEmpty())
            continue;
        auto tally = stats.tally(appId(), v);
        if (!tally)
            continue;
        versions << v;
        *ok << static_cast<qreal>(tally->applied);
        *bad << static_cast<qreal>(tally->failed);
        top = std::max({top, tally->applied, tally->failed});
    }
    auto* bars = new QBarSeries;
    bars->append(ok);
    bars->append(bad);
    failures->addSeries(bars);
    auto* categories = new QBarCategoryAxis;
    categories->append(versions);
    auto* values = new QValueAxis;
    values->setRange(0, static_cast<qreal>(top));
    values->setLabelFormat(QStringLiteral("%d"));
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
    const QString app = appId();
    const QString name = channel();
    auto history = history::History::open();
    if (!history) {
        m_messages->showError(history.error().message);
        return;
    }
    registry::ChannelControl control(*history.value());
    auto storage = control.channelStorage(app, name);
    if (!storage) {
        m_messages->showError(storage.error().message);
        return;
    }
    registry::ChannelRollout rollout(*history.value(), storage.value());
    const QString why = tr("from the Slipway window");
    Result<registry::RolloutChange> change = fail(QString());
    switch (operation) {
    case Operation::Start:
        change = rollout.start(app, name, m_version->currentText(), m_percent->value(), why);
        break;
    case Operation::Pause:
        change = rollout.pause(app, name, why);
        break;
    case Operation::Resume:
        change = rollout.resume(app, name, why);
        break;
    case Operation::Promote:
        change = rollout.promote(app, name, why);
        break;
    case Operation::Abort:
        change = rollout.abort(app, name, why);
        break;
    }
    if (!change)
        m_messages->showError(change.error().message);
    else
        m_messages->showMessage(change->summary, MessageBar::Kind::Success);
    refresh();
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
