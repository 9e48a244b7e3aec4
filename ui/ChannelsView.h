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

// Channels: what each self-hosted channel of an app serves (stable and rollout), the rollout's percentage and
// state with pause / resume / promote / abort, the banner of an automatic halt with its reason, and charts of
// adoption over time and failures per version. Refreshed every few seconds while shown, so a running `serve`
// (this window's device test or another process) shows its effect here.
class ChannelsView : public QWidget
{
    Q_OBJECT
public:
    explicit ChannelsView(QWidget* parent = nullptr);
    void refresh();
    // Starts a rollout of the chosen version, or changes the running rollout's percentage.
    void applyRollout();
    void pauseRollout();
    void resumeRollout();
    void promoteRollout();
    void abortRollout();

private:
    enum class Operation { Start, Pause, Resume, Promote, Abort };
    void operate(Operation operation);
    void fillApps();
    void showChannel(const QString& channel, const QJsonObject& manifest);
    void updateCharts(const QString& rolloutVersion, const QString& stableVersion);
    [[nodiscard]] QString appId() const;
    [[nodiscard]] QString channel() const;

    MessageBar* m_messages;
    QComboBox* m_app;
    QTableWidget* m_table;
    QLabel* m_summary;
    QLabel* m_banner;
    QComboBox* m_version;
    QDoubleSpinBox* m_percent;
    QPushButton* m_apply;
    QPushButton* m_pause;
    QPushButton* m_resume;
    QPushButton* m_promote;
    QPushButton* m_abort;
    QChartView* m_adoption;
    QChartView* m_failures;
    QTimer* m_timer;
    QString m_rolloutVersion;
};

} // namespace slipway::ui
