#pragma once

#include "history/History.h"

#include <QWidget>

#include <memory>
#include <optional>

namespace slipway::history {
class HistoryListener;
}

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTabWidget;
class QSplitter;
class QTimer;
class QTreeWidget;

namespace slipway::ui {

class ChannelChangeDialog;
class MessageBar;
class ReleaseCharts;
class ReleaseDetailPane;
class ReleaseTableModel;

// The release history: filters, the list, a detail pane, actions and the stakeholder charts.
class HistoryView : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryView(QWidget* parent = nullptr);
    ~HistoryView() override;

    void refresh();
    void selectRelease(qint64 releaseId);
    // Reads the history again and selects the release, clearing the filters when they hide it.
    void showRelease(qint64 releaseId);
    [[nodiscard]] qint64 selectedReleaseId() const;
    [[nodiscard]] ReleaseTableModel* model() const { return m_model; }
    [[nodiscard]] ReleaseDetailPane* detail() const { return m_detail; }
    [[nodiscard]] MessageBar* messages() const { return m_messages; }
    void verifyChain();
    void exportReleases(const QString& path);
    // Writes the release's evidence package (tar.xz) in the background; evidenceFinished() tells when.
    void writeEvidence(const QString& path);
    // Promote… / Roll back: asks in a ChannelChangeDialog, then re-points the channel.
    void pointChannel(bool rollback);
    // The Channels tab: what each channel of each app serves now (read in the background).
    void refreshChannels();
    [[nodiscard]] QTreeWidget* channelsTable() const { return m_channels; }
    // On a PostgreSQL history: what tells this view about other desks' releases (nullptr on SQLite).
    [[nodiscard]] history::HistoryListener* listener() const { return m_listener.get(); }

Q_SIGNALS:
    void resumeRequested(qint64 releaseId);
    void newReleaseRequested();
    void evidenceFinished(bool ok);
    void channelChanged(bool ok);
    // The audit chain was checked (intact: it was read and holds).
    void chainChecked(bool intact);
    void exportFinished(bool ok);
    // The count of the history is on screen.
    void countShown();
    void channelsRefreshed();
    // Release history…: the user wants to choose another history.
    void historyLocationRequested();
    // Changes announced by other desks were read and shown (row by row).
    void liveChangesShown();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    [[nodiscard]] history::History* openHistory();
    void updateDetail();
    void updateActions();
    void changeChannel(const QString& appId, const QString& channel, const QString& version, bool rollback);
    void showAuditReport(const Result<history::AuditReport>& report);
    // Counts the history in the background, then shows the count.
    void countReleases();
    [[nodiscard]] history::ReleaseFilter currentFilter() const;
    void fillFilterCombos(QStringList apps, QStringList channels);
    void addFilterValues(const QList<history::ReleaseRecord>& releases);
    void showCount();
    void listen();
    void showSource();
    // Reads back only the releases announced since the last time (HistoryListener) and updates their rows.
    void showLiveChanges();
    void refreshCharts();

    std::unique_ptr<history::History> m_history;
    QString m_location;       // what m_history was opened from
    QString m_failedLocation; // a location that could not be opened: not tried again until asked
    std::unique_ptr<history::HistoryListener> m_listener;
    QList<qint64> m_announced;
    // The listener lost the server: once it listens again, the view's own connection (which the same outage may have
    // cut) is opened anew before the whole list is read.
    bool m_reopenWhenListening = false;
    QTimer* m_liveTimer;
    std::optional<qint64> m_counted; // releases up to the newest when the view was read (empty: being counted)
    qint64 m_addedSinceCount = 0;    // newer releases the live view has shown since
    int m_countReads = 0;
    bool m_countFailed = false;
    qint64 m_newest = 0;
    bool m_chartsStale = false;
    QLabel* m_source;
    QPushButton* m_chooseHistory;
    QWidget* m_openProblem;
    MessageBar* m_messages;
    QLineEdit* m_search;
    QComboBox* m_app;
    QComboBox* m_channel;
    QComboBox* m_status;
    QCheckBox* m_useFrom;
    QDateEdit* m_from;
    QCheckBox* m_useTo;
    QDateEdit* m_to;
    QTabWidget* m_tabs;
    QTableView* m_table;
    ReleaseTableModel* m_model;
    ReleaseDetailPane* m_detail;
    ReleaseCharts* m_charts;
    QTreeWidget* m_channels;
    QSplitter* m_splitter = nullptr;
    int m_channelsGeneration = 0;
    QPushButton* m_resume;
    QPushButton* m_promote;
    QPushButton* m_rollback;
    QPushButton* m_exportCsv;
    QPushButton* m_evidence;
    QPushButton* m_verify;
    QLabel* m_seal;
    QLabel* m_count;
    bool m_writingEvidence = false;
    bool m_changingChannel = false; // a promote or roll back is being chosen or made
    bool m_exporting = false;
};

} // namespace slipway::ui
