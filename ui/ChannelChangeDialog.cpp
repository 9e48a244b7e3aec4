#include "ChannelChangeDialog.h"

#include "registry/ReleaseName.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace slipway::ui {

ChannelChangeDialog::ChannelChangeDialog(Mode mode, const QString& appId, const QString& version,
                                         const QString& releaseChannel, const QList<registry::ChannelState>& channels,
                                         QWidget* parent)
    : QDialog(parent), m_mode(mode), m_appId(appId), m_version(version), m_channels(channels),
      m_channel(new QComboBox(this)), m_newChannel(new QLineEdit(this)), m_summary(new QLabel(this)),
      m_confirm(new QPushButton(this))
{
    setObjectName(QStringLiteral("channelChangeDialog"));
    setWindowTitle(mode == Mode::Promote ? tr("Promote %1 %2").arg(appId, version)
                                         : tr("Roll back to %1 %2").arg(appId, version));
    m_channel->setObjectName(QStringLiteral("channelChoice"));
    m_channel->setAccessibleName(tr("Channel"));
    for (const registry::ChannelState& state : channels) {
        const QString serves =
            !state.version.isEmpty() ? tr("serves %1").arg(state.version) : tr("serves nothing that can be read");
        m_channel->addItem(tr("%1 \u2014 %2").arg(state.channel, serves), state.channel);
    }
    if (mode == Mode::Promote)
        m_channel->addItem(tr("A new channel…"), QString());
    // Promote offers another channel first (production when there is one); roll back stays on its own.
    int start = m_channel->findData(releaseChannel);
    if (mode == Mode::Promote) {
        const int production = m_channel->findData(QStringLiteral("production"));
        start = releaseChannel != QLatin1String("production") && production >= 0 ? production : -1;
        for (int i = 0; start < 0 && i < m_channel->count(); ++i)
            if (m_channel->itemData(i).toString() != releaseChannel)
                start = i;
    } else if (start < 0) {
        m_channel->addItem(releaseChannel, releaseChannel);
        start = m_channel->count() - 1;
    }
    m_channel->setCurrentIndex(std::max(0, start));
    m_channel->setEnabled(mode == Mode::Promote);
    m_newChannel->setObjectName(QStringLiteral("newChannelEdit"));
    m_newChannel->setAccessibleName(tr("New channel name"));
    m_newChannel->setPlaceholderText(tr("for example beta"));
    m_summary->setObjectName(QStringLiteral("channelChangeSummary"));
    m_summary->setWordWrap(true);
    m_summary->setMinimumWidth(420);
    m_confirm->setObjectName(QStringLiteral("confirmChannelChange"));
    m_confirm->setDefault(true);

    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_confirm, QDialogButtonBox::AcceptRole);
    QPushButton* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelChannelChange"));
    auto* form = new QFormLayout;
    auto* channelLabel = new QLabel(tr("&Channel:"), this);
    channelLabel->setBuddy(m_channel);
    form->addRow(channelLabel, m_channel);
    auto* newLabel = new QLabel(tr("&Name:"), this);
    newLabel->setBuddy(m_newChannel);
    form->addRow(newLabel, m_newChannel);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_channel, &QComboBox::currentIndexChanged, this, [this, newLabel] {
        const bool fresh = m_channel->currentData().toString().isEmpty();
        m_newChannel->setVisible(fresh);
        newLabel->setVisible(fresh);
        if (fresh)
            m_newChannel->setFocus();
        updateSummary();
    });
    connect(m_newChannel, &QLineEdit::textChanged, this, &ChannelChangeDialog::updateSummary);
    const bool fresh = m_channel->currentData().toString().isEmpty();
    m_newChannel->setVisible(fresh);
    newLabel->setVisible(fresh);
    (fresh ? static_cast<QWidget*>(m_newChannel) : m_channel)->setFocus();
    updateSummary();
}

QString ChannelChangeDialog::channel() const
{
    const QString chosen = m_channel->currentData().toString();
    return chosen.isEmpty() ? m_newChannel->text().trimmed() : chosen;
}

QString ChannelChangeDialog::servedOn(const QString& channel) const
{
    for (const registry::ChannelState& state : m_channels)
        if (state.channel == channel)
            return state.version;
    return {};
}

void ChannelChangeDialog::updateSummary()
{
    const QString target = channel();
    const QString served = servedOn(target);
    const QString action =
        m_mode == Mode::Promote ? tr("Promote to %1").arg(m_version) : tr("Roll back to %1").arg(m_version);
    m_confirm->setText(action);
    if (target.isEmpty() || !registry::ReleaseName::validateChannel(target)) {
        m_summary->setText(tr("Name the channel with letters, digits, dots, dashes or underscores, for example beta."));
        m_confirm->setEnabled(false);
        return;
    }
    if (served == m_version) {
        m_summary->setText(
            tr("Channel %1 of %2 already serves %3: there is nothing to change.").arg(target, m_appId, m_version));
        m_confirm->setEnabled(false);
        return;
    }
    m_summary->setText(
        served.isEmpty()
            ? tr("Channel %1 of %2 will serve %3. Phones on it download %3 at their next check.")
                  .arg(target, m_appId, m_version)
            : tr("Channel %1 of %2 will serve %3 instead of %4. Phones on it switch to %3 at their next check.")
                  .arg(target, m_appId, m_version, served));
    m_confirm->setEnabled(true);
}

} // namespace slipway::ui
