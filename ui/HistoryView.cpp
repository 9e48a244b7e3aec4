#include "HistoryView.h"

#include "ChannelChangeDialog.h"
#include "MessageBar.h"
#include "ReleaseCharts.h"
#include "ReleaseDetailPane.h"
#include "ReleaseTableModel.h"
#include "RememberedFolder.h"
#include "HistoryChoice.h"
#include "HistoryTask.h"
#include "history/HistoryExport.h"
#include "history/HistoryListener.h"
#include "history/ServerLogin.h"
#include "registry/ChannelControl.h"
#include "release/ReleaseEvidence.h"
#include "release/ReleaseRunner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <utility>

namespace slipway::ui {

HistoryView::HistoryView(QWidget* parent)
    : QWidget(parent), m_liveTimer(new QTimer(this)), m_source(new QLabel(this)),
      m_chooseHistory(new QPushButton(tr("Release &history\u2026"), this)), m_openProblem(new QWidget(this)),
      m_messages(new MessageBar(this)), m_search(new QLineEdit(this)), m_app(new QComboBox(this)),
      m_channel(new QComboBox(this)), m_status(new QComboBox(this)), m_useFrom(new QCheckBox(tr("&From"), this)),
      m_from(new QDateEdit(this)), m_useTo(new QCheckBox(tr("&To"), this)), m_to(new QDateEdit(this)),
      m_tabs(new QTabWidget(this)), m_table(new QTableView(this)), m_model(new ReleaseTableModel(this)),
      m_detail(new ReleaseDetailPane(this)), m_charts(new ReleaseCharts(this)), m_channels(new QTreeWidget(this)),
      m_resume(new QPushButton(tr("&Resume"), this)), m_promote(new QPushButton(tr("&Promote…"), this)),
      m_rollback(new QPushButton(tr("Roll &back"), this)), m_exportCsv(new QPushButton(tr("E&xport…"), this)),
      m_evidence(new QPushButton(tr("E&vidence…"), this)), m_verify(new QPushButton(tr("Verify &audit chain"), this)),
      m_seal(new QLabel(this)), m_count(new QLabel(this))
{
    setObjectName(QStringLiteral("historyView"));
    m_search->setObjectName(QStringLiteral("historySearch"));
    m_search->setPlaceholderText(tr("Search app, version, channel or notes"));
    m_search->setAccessibleName(tr("Search releases"));
    m_search->setClearButtonEnabled(true);
    m_app->setObjectName(QStringLiteral("historyAppFilter"));
    m_app->setAccessibleName(tr("Filter by app"));
    m_channel->setObjectName(QStringLiteral("historyChannelFilter"));
    m_channel->setAccessibleName(tr("Filter by channel"));
    for (QComboBox* combo : {m_app, m_channel, m_status})
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_status->setObjectName(QStringLiteral("historyStatusFilter"));
    m_status->setAccessibleName(tr("Filter by status"));
    m_status->addItem(tr("Any status"), QString());
    for (const QString& status : {history::ReleaseStatus::Completed, history::ReleaseStatus::Interrupted,
                                  history::ReleaseStatus::Running, history::ReleaseStatus::Refused})
        m_status->addItem(ReleaseTableModel::statusText(status), status);
    for (QDateEdit* edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDate(QDate::currentDate());
        edit->setEnabled(false);
    }
    m_from->setDate(QDate::currentDate().addMonths(-1));
    m_from->setAccessibleName(tr("From date"));
    m_to->setAccessibleName(tr("To date"));

    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setAccessibleName(tr("Releases"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ReleaseTableModel::AppColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setMinimumSectionSize(36);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setSortingEnabled(false);
    m_table->setWordWrap(false);

    m_resume->setObjectName(QStringLiteral("resumeButton"));
    m_resume->setToolTip(tr("Continue an interrupted release from where it stopped"));
    m_promote->setObjectName(QStringLiteral("promoteButton"));
    m_promote->setToolTip(tr("Put this completed release on another channel (for example beta \u2192 production)"));
    m_rollback->setObjectName(QStringLiteral("rollbackButton"));
    m_rollback->setToolTip(tr("Point this release's channel back at it (undo a newer release); asks first"));
    m_exportCsv->setObjectName(QStringLiteral("exportButton"));
    m_exportCsv->setToolTip(tr("Export the listed releases as CSV or JSON"));
    m_evidence->setObjectName(QStringLiteral("evidenceButton"));
    m_evidence->setToolTip(
        tr("Write an evidence package (tar.xz) for a security review of the selected release: its record, steps, "
           "key, checksums, bundle and audit-chain seals, with a README saying how to check each with openssl"));
    m_verify->setObjectName(QStringLiteral("verifyChainButton"));
    m_verify->setToolTip(tr("Check that no release or step was edited, deleted or inserted since it was recorded"));
    m_seal->setObjectName(QStringLiteral("auditSeal"));
    m_seal->setAccessibleName(tr("Audit chain state"));
    m_count->setObjectName(QStringLiteral("historyCount"));

    auto* filters = new QHBoxLayout;
    filters->setSpacing(8);
    filters->addWidget(m_search, 2);
    filters->addWidget(m_app, 1);
    filters->addWidget(m_channel, 1);
    filters->addWidget(m_status, 1);
    filters->addWidget(m_useFrom);
    filters->addWidget(m_from);
    filters->addWidget(m_useTo);
    filters->addWidget(m_to);

    auto* actions = new QHBoxLayout;
    actions->setSpacing(8);
    for (QPushButton* b : {m_resume, m_promote, m_rollback, m_exportCsv, m_evidence})
        actions->addWidget(b);
    actions->addStretch(1);
    actions->addWidget(m_seal);
    actions->addWidget(m_verify);

    auto* listPage = new QWidget(this);
    auto* listLayout = new QVBoxLayout(listPage);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_table, 1);
    auto* listFooter = new QHBoxLayout;
    listFooter->addWidget(m_count);
    listFooter->addStretch(1);
    listFooter->addWidget(m_source);
    listFooter->addWidget(m_chooseHistory);
    listLayout->addLayout(listFooter);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter = splitter;
    splitter->setObjectName(QStringLiteral("historySplitter"));
    splitter->addWidget(listPage);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({620, 420});

    m_tabs->setObjectName(QStringLiteral("historyTabs"));
    m_tabs->addTab(splitter, tr("Releases"));
    m_tabs->addTab(m_charts, tr("Charts"));
    m_channels->setObjectName(QStringLiteral("channelsTable"));
    m_channels->setAccessibleName(tr("What each channel serves"));
    m_channels->setHeaderLabels({tr("App"), tr("Channel"), tr("Serves"), tr("Last change")});
    m_channels->setRootIsDecorated(false);
    m_channels->setAlternatingRowColors(true);
    m_channels->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_channels->header()->setStretchLastSection(true);
    m_tabs->addTab(m_channels, tr("Channels"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(8);
    layout->addWidget(m_messages);
    layout->addWidget(m_openProblem);
    layout->addLayout(filters);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(actions);

    auto* debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(200);
    connect(debounce, &QTimer::timeout, this, &HistoryView::refresh);
    connect(m_search, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    for (QComboBox* combo : {m_app, m_channel, m_status})
        connect(combo, &QComboBox::activated, this, &HistoryView::refresh);
    connect(m_useFrom, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_useTo, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    for (QCheckBox* box : {m_useFrom, m_useTo})
        connect(box, &QCheckBox::toggled, this, &HistoryView::refresh);
    for (QDateEdit* edit : {m_from, m_to})
        connect(edit, &QDateEdit::dateChanged, this, &HistoryView::refresh);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateDetail();
        updateActions();
    });
    connect(m_resume, &QPushButton::clicked, this, [this] {
        if (const qint64 id = selectedReleaseId(); id > 0)
            Q_EMIT resumeRequested(id);
    });
    connect(m_promote, &QPushButton::clicked, this, [this] { pointChannel(false); });
    connect(m_rollback, &QPushButton::clicked, this, [this] { pointChannel(true); });
    connect(m_verify, &QPushButton::clicked, this, &HistoryView::verifyChain);
    connect(m_exportCsv, &QPushButton::clicked, this, [this] {
        QString selectedFilter;
        const RememberedFolder folder(QStringLiteral("exportReleases"));
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export releases"), folder.fileIn(QStringLiteral("slipway-releases.csv")),
            tr("CSV (*.csv);;JSON (*.json)"), &selectedFilter, QFileDialog::DontUseNativeDialog);
        folder.remember(path);
        if (!path.isEmpty())
            exportReleases(path);
    });
    connect(m_evidence, &QPushButton::clicked, this, [this] {
        const RememberedFolder folder(QStringLiteral("evidence"));
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Write the evidence package"),
            folder.fileIn(QStringLiteral("slipway-evidence-release-%1.tar.xz").arg(selectedReleaseId())),
            tr("Evidence package (*.tar.xz)"), nullptr, QFileDialog::DontUseNativeDialog);
        folder.remember(path);
        if (!path.isEmpty())
            writeEvidence(path);
    });
    m_seal->setText(tr("Audit chain not checked yet"));

    m_source->setObjectName(QStringLiteral("historySource"));
    m_source->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_chooseHistory->setObjectName(QStringLiteral("chooseHistoryButton"));
    m_chooseHistory->setToolTip(tr("Use the local history file or a team's PostgreSQL database"));
    connect(m_chooseHistory, &QPushButton::clicked, this, &HistoryView::historyLocationRequested);
    // The way back when the team history cannot be opened.
    m_openProblem->setObjectName(QStringLiteral("historyOpenProblem"));
    auto* useLocal = new QPushButton(tr("Use the &local history"), m_openProblem);
    useLocal->setObjectName(QStringLiteral("useLocalHistoryButton"));
    useLocal->setToolTip(tr("Open the SQLite history of this computer for this session (the saved choice stays)"));
    auto* reconnect = new QPushButton(tr("Re&connect"), m_openProblem);
    reconnect->setObjectName(QStringLiteral("reconnectHistoryButton"));
    auto* problemRow = new QHBoxLayout(m_openProblem);
    problemRow->setContentsMargins(0, 0, 0, 0);
    problemRow->addWidget(useLocal);
    problemRow->addWidget(reconnect);
    problemRow->addStretch(1);
    m_openProblem->hide();
    connect(useLocal, &QPushButton::clicked, this, [this] {
        HistoryChoice::useLocalForThisSession();
        m_messages->clearMessage();
        refresh();
    });
    connect(reconnect, &QPushButton::clicked, this, [this] {
        m_failedLocation.clear();
        m_messages->clearMessage();
        refresh();
    });
    m_liveTimer->setSingleShot(true);
    m_liveTimer->setInterval(20); // announcements arriving together are read back together
    connect(m_liveTimer, &QTimer::timeout, this, &HistoryView::showLiveChanges);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_chartsStale && m_tabs->currentWidget() == m_charts)
            refreshCharts();
    });
    updateActions();
}

HistoryView::~HistoryView() = default;

void HistoryView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    // Side by side the list needs about 600 pixels to show every column whole; in a smaller window
    // the details go below the list instead of clipping its columns.
    const Qt::Orientation wanted = width() < 1000 ? Qt::Vertical : Qt::Horizontal;
    if (m_splitter->orientation() != wanted) {
        m_splitter->setOrientation(wanted);
        const int length = wanted == Qt::Vertical ? m_splitter->height() : m_splitter->width();
        m_splitter->setSizes(
            {length * (wanted == Qt::Vertical ? 2 : 3) / 5, length * (wanted == Qt::Vertical ? 3 : 2) / 5});
    }
}

history::History* HistoryView::openHistory()
{
    const QString location = history::History::defaultPath();
    if (m_history && m_location != location)
        m_history.reset(); // another history was chosen (or the data folder changed: tests switch it)
    if (!m_history) {
        if (location == m_failedLocation)
            return nullptr; // its error is on screen; Reconnect tries again
        release::ReleaseRunner::reconcileAbandoned();
        auto opened = history::History::open(location);
        if (!opened) {
            m_failedLocation = location;
            m_listener.reset();
            m_openProblem->setVisible(history::ServerLogin::isAddress(location));
            m_messages->showError(opened.error().message);
            showSource();
            return nullptr;
        }
        m_failedLocation.clear();
        m_openProblem->hide();
        m_history = std::move(opened).value();
        m_location = location;
        listen();
        showSource();
    }
    return m_history.get();
}

void HistoryView::listen()
{
    if (!history::HistoryListener::canListen(m_location)) {
        m_listener.reset();
        return;
    }
    if (m_listener && m_listener->location() == m_location)
        return;
    m_announced.clear();
    m_listener = std::make_unique<history::HistoryListener>(m_location);
    connect(m_listener.get(), &history::HistoryListener::releaseChanged, this, [this](qint64 id) {
        if (!m_announced.contains(id))
            m_announced << id;
        if (!m_liveTimer->isActive())
            m_liveTimer->start();
    });
    connect(m_listener.get(), &history::HistoryListener::everythingChanged, this, &HistoryView::refresh);
    connect(m_listener.get(), &history::HistoryListener::listening, this, [this] {
        if (std::exchange(m_reopenWhenListening, false))
            m_history.reset(); // opened again by the refresh that follows (everythingChanged)
        showSource();
    });
    connect(m_listener.get(), &history::HistoryListener::lost, this, [this](const QString& why) {
        m_reopenWhenListening = true;
        showSource();
        m_source->setToolTip(tr("Other desks' releases do not appear by themselves until the connection is back "
                                "(tried every %n second(s)): %1",
                                nullptr, history::HistoryListener::CheckIntervalMs / 1000)
                                 .arg(why));
    });
}

void HistoryView::showSource()
{
    const QString location = history::History::defaultPath();
    if (!history::ServerLogin::isAddress(location)) {
        m_source->setText(tr("Local history"));
        m_source->setToolTip(QDir::toNativeSeparators(location));
        return;
    }
    const bool live = m_listener && m_listener->isListening();
    m_source->setText(live ? tr("Team history \u2014 live") : tr("Team history"));
    m_source->setToolTip(live ? tr("%1: releases from other desks appear as they are recorded").arg(location)
                              : location);
}

history::ReleaseFilter HistoryView::currentFilter() const
{
    history::ReleaseFilter filter;
    filter.text = m_search->text().trimmed();
    filter.appId = m_app->currentData().toString();
    filter.channel = m_channel->currentData().toString();
    filter.status = m_status->currentData().toString();
    if (m_useFrom->isChecked())
        filter.from = m_from->date().startOfDay();
    if (m_useTo->isChecked())
        filter.to = m_to->date().addDays(1).startOfDay();
    filter.limit = 1000;
    return filter;
}

void HistoryView::fillFilterCombos(QStringList apps, QStringList channels)
{
    apps.sort();
    channels.sort();
    const auto fill = [](QComboBox* combo, const QString& any, const QStringList& values) {
        const QString current = combo->currentData().toString();
        const QSignalBlocker blocker(combo);
        combo->clear();
        combo->addItem(any, QString());
        for (const QString& value : values)
            combo->addItem(value, value);
        combo->setCurrentIndex(std::max(0, combo->findData(current)));
    };
    fill(m_app, tr("All apps"), apps);
    fill(m_channel, tr("All channels"), channels);
}

void HistoryView::addFilterValues(const QList<history::ReleaseRecord>& releases)
{
    const auto add = [](QComboBox* combo, const QString& value) {
        if (combo->findData(value) >= 0)
            return;
        int at = 1;
        while (at < combo->count() && combo->itemData(at).toString() < value)
            ++at;
        const QSignalBlocker blocker(combo);
        combo->insertItem(at, value, value);
    };
    for (const history::ReleaseRecord& r : releases) {
        add(m_app, r.appId);
        add(m_channel, r.channel);
    }
}

void HistoryView::refresh()
{
    history::History* history = openHistory();
    if (!history)
        return;
    const qint64 selected = selectedReleaseId();
    // What the filters offer, without reading every release (a team history holds millions); the count comes from
    // the background (counting a million rows takes PostgreSQL about half a second).
    using Column = history::History::Column;
    history::ReleaseFilter newestOnly;
    newestOnly.limit = 1;
    auto apps = history->releaseValues(Column::AppId);
    auto channels = apps ? history->releaseValues(Column::Channel) : apps;
    auto newest = channels ? history->releases(newestOnly) : Result<QList<history::ReleaseRecord>>(channels.error());
    if (!newest) {
        m_messages->showError(newest.error().message);
        return;
    }
    fillFilterCombos(apps.value(), channels.value());
    m_newest = newest->isEmpty() ? 0 : newest->first().id;
    countReleases();
    m_chartsStale = true;
    if (m_tabs->currentWidget() == m_charts)
        refreshCharts();
    auto listed = history->releases(currentFilter());
    if (!listed) {
        m_messages->showError(listed.error().message);
        return;
    }
    m_announced.clear(); // everything announced so far is in what was just read
    m_model->setReleases(listed.value());
    showCount();
    if (selected > 0)
        selectRelease(selected);
    else if (m_model->rowCount() > 0)
        m_table->selectRow(0);
    updateDetail();
    if (m_newest == 0)
        m_detail->showEmptyHistory();
    updateActions();
    refreshChannels();
}

void HistoryView::countReleases()
{
    const int read = ++m_countReads;
    m_addedSinceCount = 0;
    m_counted.reset();
    m_countFailed = false;
    if (m_newest == 0) {
        m_counted = 0;
        Q_EMIT countShown();
        return;
    }
    // Up to the newest release read now: what the live view adds after it is counted as it comes.
    history::ReleaseFilter upToNewest;
    upToNewest.upToId = m_newest;
    useHistoryInBackground(
        this, [upToNewest](history::History& history) { return history.countReleases(upToNewest); },
        [this, read](const Result<qint64>& counted) {
            if (read != m_countReads)
                return;
            // The list is what matters: a count lost with the connection (the next read counts again) is said
            // beside it, not as an error.
            m_counted = counted ? std::optional<qint64>(counted.value()) : std::nullopt;
            m_countFailed = !counted;
            m_count->setToolTip(counted ? QString() : counted.error().message);
            showCount();
            Q_EMIT countShown();
        });
}

void HistoryView::showCount()
{
    m_count->setText(tr("%n release(s) shown", nullptr, m_model->rowCount()) + QStringLiteral(" \u2014 ") +
                     (m_counted       ? tr("%n in the history", nullptr, int(*m_counted + m_addedSinceCount))
                      : m_countFailed ? tr("the history could not be counted")
                                      : tr("counting the history…")));
}

void HistoryView::showLiveChanges()
{
    if (m_announced.isEmpty())
        return;
    history::History* history = openHistory();
    if (!history)
        return;
    const QList<qint64> ids = std::exchange(m_announced, {});
    history::ReleaseFilter changed;
    changed.ids = ids;
    changed.limit = 0;
    auto now = history->releases(changed);
    history::ReleaseFilter shown = currentFilter();
    shown.ids = ids;
    shown.limit = 0;
    auto listed = now ? history->releases(shown) : now;
    if (!listed) {
        m_messages->showError(listed.error().message);
        return;
    }
    for (const history::ReleaseRecord& r : now.value()) {
        if (r.id > m_newest) {
            ++m_addedSinceCount;
            m_newest = r.id;
        }
    }
    addFilterValues(now.value());
    const qint64 selected = selectedReleaseId();
    m_model->applyChanges(listed.value(), ids);
    if (selected == 0 && m_model->rowCount() > 0)
        m_table->selectRow(0);
    else if (ids.contains(selected))
        updateDetail();
    showCount();
    updateActions();
    m_chartsStale = true;
    if (m_tabs->currentWidget() == m_charts)
        refreshCharts();
    Q_EMIT liveChangesShown();
}

void HistoryView::refreshCharts()
{
    history::History* history = openHistory();
    if (!history)
        return;
    history::ReleaseFilter newest;
    newest.limit = ReleaseCharts::ReleasesShown;
    if (auto releases = history->releases(newest)) {
        m_charts->setReleases(releases.value());
        m_chartsStale = false;
    }
}

void HistoryView::refreshChannels()
{
    const int generation = ++m_channelsGeneration;
    // Reading the manifests may reach remote storage: off the UI thread, on its own history connection.
    struct AppChannels
    {
        QString appId;
        QList<registry::ChannelState> states;
        QString error;
    };
    runInBackground(
        this,
        [historyPath = history::History::defaultPath()] {
            QList<AppChannels> result;
            auto history = history::History::open(historyPath);
            if (!history)
                return result;
            history::ReleaseFilter completed;
            completed.status = history::ReleaseStatus::Completed;
            auto values = history.value()->releaseValues(history::History::Column::AppId, completed);
            QStringList apps = values ? values.value() : QStringList();
            apps.sort();
            registry::ChannelControl control(*history.value());
            for (const QString& app : apps) {
                auto states = control.channels(app);
                result << AppChannels{app, states ? states.value() : QList<registry::ChannelState>{},
                                      states ? QString() : states.error().message};
            }
            return result;
        },
        [this, generation](const QList<AppChannels>& apps) {
            if (generation != m_channelsGeneration)
                return;
            m_channels->clear();
            const QLocale locale;
            for (const AppChannels& app : apps) {
                for (const registry::ChannelState& state : app.states) {
                    QString change;
                    if (state.lastChange) {
                        const history::ChannelEvent& e = *state.lastChange;
                        const QString kind = e.kind == history::ChannelEventKind::Rollback  ? tr("rolled back")
                                             : e.kind == history::ChannelEventKind::Promote ? tr("promoted")
                                                                                            : tr("published");
                        change = tr("%1 from %2 to %3 by %4, %5")
                                     .arg(kind, e.previousVersion.isEmpty() ? tr("nothing") : e.previousVersion,
                                          e.version, e.osUser.isEmpty() ? tr("unknown user") : e.osUser,
                                          locale.toString(e.at.toLocalTime(), QLocale::ShortFormat));
                    }
                    auto* item = new QTreeWidgetItem(
                        m_channels, {app.appId, state.channel,
                                     state.version.isEmpty() ? tr("cannot be read") : state.version, change});
                    if (!state.problem.isEmpty())
                        item->setToolTip(2, state.problem);
                }
                if (!app.error.isEmpty())
                    new QTreeWidgetItem(m_channels, {app.appId, QString(), app.error});
            }
            Q_EMIT channelsRefreshed();
        });
}

void HistoryView::selectRelease(qint64 releaseId)
{
    const int row = m_model->rowOf(releaseId);
    if (row >= 0) {
        m_table->selectRow(row);
        m_table->scrollTo(m_model->index(row, 0));
    }
}

void HistoryView::showRelease(qint64 releaseId)
{
    refresh();
    if (m_model->rowOf(releaseId) < 0) {
        {
            const QSignalBlocker blockSearch(m_search);
            const QSignalBlocker blockFrom(m_useFrom);
            const QSignalBlocker blockTo(m_useTo);
            m_search->clear();
            m_useFrom->setChecked(false);
            m_useTo->setChecked(false);
            m_from->setEnabled(false);
            m_to->setEnabled(false);
            for (QComboBox* combo : {m_app, m_channel, m_status})
                combo->setCurrentIndex(0);
        }
        refresh();
        if (m_model->rowOf(releaseId) >= 0)
            m_messages->showMessage(tr("The filters were cleared to show the new release."));
    }
    selectRelease(releaseId);
}

qint64 HistoryView::selectedReleaseId() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const history::ReleaseRecord* r = current.isValid() ? m_model->releaseAt(current.row()) : nullptr;
    return r ? r->id : 0;
}

void HistoryView::updateDetail()
{
    const qint64 id = selectedReleaseId();
    history::History* history = id > 0 ? openHistory() : nullptr;
    if (!history) {
        m_detail->clear();
        return;
    }
    auto release = history->release(id);
    auto steps = history->steps(id);
    if (!release || !steps) {
        m_messages->showError(!release ? release.error().message : steps.error().message);
        return;
    }
    m_detail->showRelease(release.value(), steps.value());
}

void HistoryView::updateActions()
{
    const int row = m_table->selectionModel()->currentIndex().row();
    const history::ReleaseRecord* r = m_model->releaseAt(row);
    const bool completed = r && r->status == history::ReleaseStatus::Completed;
    m_resume->setEnabled(r && r->status == history::ReleaseStatus::Interrupted);
    m_promote->setEnabled(completed && !m_changingChannel);
    m_rollback->setEnabled(completed && !m_changingChannel);
    m_evidence->setEnabled(r != nullptr && !m_writingEvidence);
    m_exportCsv->setEnabled(m_model->rowCount() > 0 && !m_exporting);
}

void HistoryView::pointChannel(bool rollback)
{
    const history::ReleaseRecord* r = m_model->releaseAt(m_table->selectionModel()->currentIndex().row());
    if (!r || m_changingChannel)
        return;
    m_changingChannel = true; // until the dialog is cancelled or the change is made
    updateActions();
    // What each channel serves is read from its manifest, which may be on remote storage.
    useHistoryInBackground(
        this, [appId = r->appId](history::History& history) { return registry::ChannelControl(history).channels(appId); },
        [this, rollback, appId = r->appId, version = r->version,
         releasedOn = r->channel](const Result<QList<registry::ChannelState>>& channels) {
            if (!channels) {
                m_changingChannel = false;
                updateActions();
                m_messages->showError(channels.error().message);
                return;
            }
            auto* dialog = new ChannelChangeDialog(rollback ? ChannelChangeDialog::Mode::Rollback
                                                            : ChannelChangeDialog::Mode::Promote,
                                                   appId, version, releasedOn, channels.value(), this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &QDialog::accepted, this, [this, dialog, appId, version, rollback] {
                changeChannel(appId, dialog->channel(), version, rollback);
            });
            connect(dialog, &QDialog::rejected, this, [this] {
                m_changingChannel = false;
                updateActions();
            });
            dialog->open();
        });
}

void HistoryView::changeChannel(const QString& appId, const QString& channel, const QString& version, bool rollback)
{
    m_messages->showMessage(rollback ? tr("Rolling channel %1 of %2 back to %3…").arg(channel, appId, version)
                                     : tr("Promoting %3 to channel %1 of %2…").arg(channel, appId, version),
                            MessageBar::Kind::Info);
    useHistoryInBackground(
        this,
        [appId, channel, version](history::History& history) {
            return registry::ChannelControl(history).setChannel(appId, channel, version);
        },
        [this, appId, channel, version, rollback](const auto& done) {
            m_changingChannel = false;
            updateActions();
            if (!done) {
                m_messages->showError(done.error().message);
                Q_EMIT channelChanged(false);
                return;
            }
            const QString before = done->previousVersion.isEmpty() ? tr("nothing") : done->previousVersion;
            const QString delta = done->delta.isEmpty() ? QString() : QLatin1Char(' ') + done->delta;
            // The channel moved, but a delta the release had is not served: said as a warning, not as a success.
            const bool deltaLost = !done->delta.isEmpty() && !done->manifest.contains(QStringLiteral("manifest"));
            m_messages->showMessage(rollback ? tr("Rolled back: channel %1 of %2 serves %3 again (it served %4).%5")
                                                   .arg(channel, appId, version, before, delta)
                                             : tr("Promoted: channel %1 of %2 now serves %3 (it served %4).%5")
                                                   .arg(channel, appId, version, before, delta),
                                    deltaLost ? MessageBar::Kind::Warning : MessageBar::Kind::Success);
            refresh();
            Q_EMIT channelChanged(true);
        });
}

void HistoryView::verifyChain()
{
    if (!m_verify->isEnabled())
        return; // a check is running
    m_verify->setEnabled(false);
    m_messages->showMessage(tr("Checking the audit chain…"), MessageBar::Kind::Info);
    useHistoryInBackground(
        this, [](history::History& history) { return history.verify(); },
        [this](const Result<history::AuditReport>& report) {
            m_verify->setEnabled(true);
            showAuditReport(report);
            Q_EMIT chainChecked(report && report->intact());
        });
}

void HistoryView::showAuditReport(const Result<history::AuditReport>& report)
{
    if (!report) {
        m_messages->showError(report.error().message);
        return;
    }
    if (report->intact()) {
        m_seal->setText(tr("\u2714 Audit chain intact"));
        m_seal->setStyleSheet(QStringLiteral(
            "QLabel { color: white; background: #2e7d32; border-radius: 4px; padding: 3px 8px; font-weight: bold; }"));
        m_seal->setToolTip(
            tr("%1 entries and %2 rows checked; head %3").arg(report->entries).arg(report->rows).arg(report->head));
        m_messages->showMessage(tr("The audit chain is intact: %1 entries and %2 rows checked. Head hash %3 (write it "
                                   "down to anchor today's history).")
                                    .arg(report->entries)
                                    .arg(report->rows)
                                    .arg(report->head),
                                MessageBar::Kind::Success);
    } else {
        m_seal->setText(tr("\u2716 Audit chain BROKEN"));
        m_seal->setStyleSheet(QStringLiteral(
            "QLabel { color: white; background: #c62828; border-radius: 4px; padding: 3px 8px; font-weight: bold; }"));
        QStringList lines;
        for (const history::AuditProblem& p : report->problems)
            lines << tr("%1 #%2: %3").arg(p.table).arg(p.rowId).arg(p.description);
        m_seal->setToolTip(lines.join(QLatin1Char('\n')));
        m_messages->showError(
            tr("The audit chain is broken: %n problem(s). The history was changed outside Slipway:\n%1", nullptr,
               int(lines.size()))
                .arg(lines.mid(0, 8).join(QLatin1Char('\n'))));
    }
}

void HistoryView::exportReleases(const QString& path)
{
    const QList<history::ReleaseRecord> releases = m_model->releases();
    m_exporting = true;
    updateActions();
    m_messages->showMessage(tr("Exporting %n release(s)…", nullptr, int(releases.size())), MessageBar::Kind::Info);
    useHistoryInBackground(
        this,
        [releases, path](history::History& history) {
            return history::writeExport(history, releases, history::exportFormatFor(path), path);
        },
        [this, path, count = int(releases.size())](const Status& written) {
            m_exporting = false;
            updateActions();
            if (!written)
                m_messages->showError(written.error().message);
            else
                m_messages->showMessage(
                    tr("Exported %n release(s) to %1.", nullptr, count).arg(QDir::toNativeSeparators(path)),
                    MessageBar::Kind::Success);
            Q_EMIT exportFinished(written.ok());
        });
}

void HistoryView::writeEvidence(const QString& path)
{
    const qint64 id = selectedReleaseId();
    if (id <= 0 || m_writingEvidence)
        return;
    // The package may download the bundle from storage: that happens off the UI thread, on its own
    // connection to the history.
    m_writingEvidence = true;
    updateActions();
    m_messages->showMessage(tr("Writing the evidence package for release #%1…").arg(id), MessageBar::Kind::Info);
    useHistoryInBackground(
        this, [id, path](history::History& history) { return release::ReleaseEvidence::write(history, id, path); },
        [this, id, path](const Status& written) {
            m_writingEvidence = false;
            updateActions();
            if (!written)
                m_messages->showError(written.error().message);
            else
                m_messages->showMessage(
                    tr("Evidence for release #%1 written to %2.").arg(id).arg(QDir::toNativeSeparators(path)),
                    MessageBar::Kind::Success);
            Q_EMIT evidenceFinished(written.ok());
        });
}

} // namespace slipway::ui
