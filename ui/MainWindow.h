#pragma once

#include <QMainWindow>

class QFrame;
class QListWidget;
class QStackedWidget;

namespace slipway::ui {

class ChannelsView;
class DeviceTestView;
class HistoryLocationDialog;
class HistoryView;
class KeysView;
class ReleaseWizard;
class TargetsView;

// The main window: navigation on the left (Releases, New release, Keys, Targets, Device test), the
// chosen view on the right. Geometry and the last view are remembered (never a secret).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Page { ReleasesPage, NewReleasePage, KeysPage, TargetsPage, DeviceTestPage, ChannelsPage };

    explicit MainWindow(QWidget* parent = nullptr);

    void showPage(Page page);
    [[nodiscard]] Page currentPage() const;
    // Opens the wizard with the demo build already chosen.
    void startDemoRelease();
    // Release history…: opens the dialog (not while a release runs); nullptr when it cannot be opened now.
    HistoryLocationDialog* chooseHistory();

    [[nodiscard]] HistoryView* historyView() const { return m_history; }
    [[nodiscard]] ReleaseWizard* wizard() const { return m_wizard; }
    [[nodiscard]] KeysView* keysView() const { return m_keys; }
    [[nodiscard]] TargetsView* targetsView() const { return m_targets; }
    [[nodiscard]] DeviceTestView* deviceTestView() const { return m_deviceTest; }
    [[nodiscard]] ChannelsView* channelsView() const { return m_channels; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QFrame* makeWelcome();

    QListWidget* m_navigation;
    QStackedWidget* m_stack;
    QFrame* m_welcome = nullptr;
    HistoryView* m_history;
    ReleaseWizard* m_wizard;
    KeysView* m_keys;
    TargetsView* m_targets;
    DeviceTestView* m_deviceTest;
    ChannelsView* m_channels;
};

} // namespace slipway::ui
