#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QWidget>

class QChartView;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QTableWidget;
class QTimer;

namespace slipway::ui {

class MessageBar;
struct ChannelsSnapshot;

// Channels: what each self-hosted channel of an app serves (stable and rollout), the rollout's percentage and
// state with pause / resume / promote / abort, the banner of an automatic halt with its reason, and charts of
// adoption over time and failures per version. Refreshed every few seconds while shown, so a running `serve`
// (this window's device test or another process) shows its effect here. The history and the manifests are read, and
// rollouts changed, off the UI thread: a team history on a slow or unreachable server never freezes the window.
class ChannelsView : public QWidget
{
    Q_OBJECT
public:
    explicit ChannelsView(QWidget* parent = nullptr);
    // Reads the channels again; `refreshed` follows once what was read after this call is on screen.
    void refresh();
    // Starts a rollout of the chosen version, or changes the running rollout's percentage.
    void applyRollout();
    void pauseRollout();
    void resumeRollout();
    void promoteRollout();
    void abortRollout();

Q_SIGNALS:
    void refreshed();
    // A rollout change ended (ok: it was made); the view then refreshes.
    void operationFinished(bool ok);

private:
    enum class Operation { Start, Pause, Resume, Promote, Abort };
    void operate(Operation operation);
    void showSnapshot(const ChannelsSnapshot& snapshot);
    void fillApps(const QStringList& apps, const QString& chosen);
    void showChannel(const ChannelsSnapshot& snapshot);
    void updateCharts(const QString& rolloutVersion, const ChannelsSnapshot& snapshot);
    void enableRolloutButtons(const QJsonObject& manifest, bool hasChannel);
    [[nodiscard]] QString appId() const;
    [[nodiscard]] QString channel() const;

    MessageBar* m_messages;
    QComboBox* m_app;
    QTableWidget* m_table;
    QLabel* m_summary;
    QLabel* m_banner;
    QComboBox* m_version;
    QStringList m_versionsShown; // rebuilt only when they change: a refresh must not close an open list
    QDoubleSpinBox* m_percent;
    QPushButton* m_apply;
    QPushButton* m_pause;
    QPushButton* m_resume;
    QPushButton* m_promote;
    QPushButton* m_abort;
    QChartView* m_adoption;
    QChartView* m_failures;
    QTimer* m_timer;
    QJsonObject m_shownManifest;
    QString m_shownChannel;
    QString m_readError; // the last read's error, cleared from the message bar by the next good read
    bool m_reading = false;
    bool m_readAgain = false;
    bool m_operating = false;
};

} // namespace slipway::ui
