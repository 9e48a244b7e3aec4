#pragma once

#include "registry/ChannelControl.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace slipway::ui {

// Asks before a channel is re-pointed: promote (pick one of the app's channels, or name a new one)
// or roll back (the release's own channel). Says which version each channel serves now and what
// phones will get; the confirm button names the action and the version.
class ChannelChangeDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode { Promote, Rollback };

    ChannelChangeDialog(Mode mode, const QString& appId, const QString& version, const QString& releaseChannel,
                        const QList<registry::ChannelState>& channels, QWidget* parent = nullptr);

    [[nodiscard]] QString channel() const;
    [[nodiscard]] QPushButton* confirmButton() const { return m_confirm; }

private:
    void updateSummary();
    [[nodiscard]] QString servedOn(const QString& channel) const;

    Mode m_mode;
    QString m_appId;
    QString m_version;
    QList<registry::ChannelState> m_channels;
    QComboBox* m_channel;
    QLineEdit* m_newChannel;
    QLabel* m_summary;
    QPushButton* m_confirm;
};

} // namespace slipway::ui
