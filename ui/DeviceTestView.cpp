#include "DeviceTestView.h"

#include "DemoWorkspace.h"
#include "HistoryTask.h"
#include "KnownKeys.h"
#include "MessageBar.h"
#include "PhoneSimulation.h"
#include "history/History.h"
#include "registry/UpdateEndpoint.h"
#include "storage/FolderStorage.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkInterface>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace slipway::ui {

DeviceTestView::DeviceTestView(QWidget* parent)
    : QWidget(parent), m_messages(new MessageBar(this)), m_appId(new QLineEdit(this)), m_channel(new QLineEdit(this)),
      m_currentVersion(new QLineEdit(QStringLiteral("builtin"), this)), m_key(new QComboBox(this)),
      m_simulate(new QPushButton(tr("&Simulate a phone"), this)), m_steps(new QTreeWidget(this)),
      m_simulation(new PhoneSimulation(this)), m_port(new QSpinBox(this)), m_listen(new QComboBox(this)),
      m_endpointButton(new QPushButton(tr("Start the &test endpoint"), this)), m_endpointUrl(new QLabel(this))
{
    setObjectName(QStringLiteral("deviceTestView"));
    m_appId->setObjectName(QStringLiteral("deviceAppId"));
    m_channel->setObjectName(QStringLiteral("deviceChannel"));
    m_channel->setText(QStringLiteral("production"));
    m_currentVersion->setObjectName(QStringLiteral("deviceCurrentVersion"));
    m_currentVersion->setToolTip(
        tr("The bundle the phone runs now (\"builtin\" for the one shipped in the store app)"));
    m_key->setObjectName(QStringLiteral("deviceKeyCombo"));
    m_key->setAccessibleName(tr("Public key built into the app"));
    m_simulate->setObjectName(QStringLiteral("deviceSimulateButton"));
    m_steps->setObjectName(QStringLiteral("deviceStepsList"));
    m_steps->setHeaderLabels({tr("Phone step"), tr("Result")});
    m_steps->setRootIsDecorated(false);
    m_steps->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);

    auto* box = new QGroupBox(tr("The phone"), this);
    auto* form = new QFormLayout(box);
    form->addRow(tr("&App id:"), m_appId);
    form->addRow(tr("&Channel:"), m_channel);
    form->addRow(tr("&Runs bundle:"), m_currentVersion);
    form->addRow(tr("&Public key:"), m_key);
    auto* simulateRow = new QHBoxLayout;
    simulateRow->addWidget(m_simulate);
    simulateRow->addStretch(1);
    form->addRow(QString(), simulateRow);

    m_port->setObjectName(QStringLiteral("endpointPort"));
    m_port->setRange(1024, 65535);
    m_port->setValue(8787);
    m_port->setAccessibleName(tr("Test endpoint port"));
    m_endpointButton->setObjectName(QStringLiteral("endpointButton"));
    m_endpointButton->setToolTip(
        tr("Let QA phones on this network ask for updates: point the app's updateUrl at the address shown"));
    m_endpointUrl->setObjectName(QStringLiteral("endpointUrl"));
    m_endpointUrl->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* endpointBox = new QGroupBox(tr("Test update endpoint for real phones"), this);
    m_listen->setObjectName(QStringLiteral("endpointListen"));
    m_listen->setAccessibleName(tr("Who may reach the test endpoint"));
    m_listen->addItem(tr("This computer only (127.0.0.1)"), QStringLiteral("loopback"));
    m_listen->addItem(tr("Every network interface: phones on this network too"), QStringLiteral("any"));
    m_listen->setToolTip(tr("Listening on every interface lets anyone on this network ask for your channels' "
                            "bundles; use it on a trusted network for QA phones only"));
    auto* endpointLayout = new QGridLayout(endpointBox);
    auto* listenLabel = new QLabel(tr("&Listen on:"), this);
    listenLabel->setBuddy(m_listen);
    auto* portLabel = new QLabel(tr("P&ort:"), this);
    portLabel->setBuddy(m_port);
    endpointLayout->addWidget(listenLabel, 0, 0);
    endpointLayout->addWidget(m_listen, 0, 1);
    endpointLayout->addWidget(portLabel, 0, 2);
    endpointLayout->addWidget(m_port, 0, 3);
    endpointLayout->addWidget(m_endpointButton, 0, 4);
    endpointLayout->addWidget(m_endpointUrl, 1, 0, 1, 5);
    endpointLayout->setColumnStretch(1, 1);
    connect(m_endpointButton, &QPushButton::clicked, this, &DeviceTestView::toggleEndpoint);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addWidget(m_messages);
    layout->addWidget(box);
    layout->addWidget(endpointBox);
    layout->addWidget(m_steps, 1);
    connect(m_simulate, &QPushButton::clicked, this, &DeviceTestView::simulate);
    // The key follows the release on the app and channel until the user picks one on purpose.
    connect(m_key, &QComboBox::activated, this, [this] { m_keyChosen = true; });
    for (QLineEdit* edit : {m_appId, m_channel})
        connect(edit, &QLineEdit::editingFinished, this, [this] {
            if (!m_keyChosen)
                selectReleaseKey();
        });
    connect(m_simulation, &PhoneSimulation::finished, this, [this](const device::SimulationResult& result) {
        m_simulate->setEnabled(true);
        PhoneSimulation::showSteps(m_steps, result);
        m_messages->showMessage(result.summary(), result.applied() ? MessageBar::Kind::Success
                                                  : result.outcome == QLatin1String("up_to_date")
                                                      ? MessageBar::Kind::Info
                                                      : MessageBar::Kind::Error);
    });
}

DeviceTestView::~DeviceTestView() = default;

void DeviceTestView::toggleEndpoint()
{
    if (m_endpoint) {
        m_endpoint.reset();
        m_endpointUrl->clear();
        m_endpointButton->setText(tr("Start the &test endpoint"));
        m_port->setEnabled(true);
        m_listen->setEnabled(true);
        m_messages->showMessage(tr("The test endpoint is stopped."));
        return;
    }
    auto storage = std::make_shared<storage::FolderStorage>(DemoWorkspace::localStorageFolder());
    auto endpoint = std::make_unique<registry::UpdateEndpoint>(storage, registry::UpdateEndpoint::Hooks{});
    const bool everywhere = m_listen->currentData().toString() == QLatin1String("any");
    auto port = endpoint->listen(everywhere ? QHostAddress(QHostAddress::Any) : QHostAddress(QHostAddress::LocalHost),
                                 quint16(m_port->value()));
    if (!port) {
        m_messages->showError(port.error().message);
        return;
    }
    m_endpoint = std::move(endpoint);
    QString host = QStringLiteral("127.0.0.1");
    if (everywhere) {
        for (const QHostAddress& address : QNetworkInterface::allAddresses()) {
            if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback()) {
                host = address.toString();
                break;
            }
        }
    }
    const QString url = QStringLiteral("http://%1:%2/updates").arg(host).arg(port.value());
    m_endpointUrl->setText(everywhere ? tr("Listening on every network interface: %1").arg(url)
                                      : tr("Listening on this computer only: %1").arg(url));
    m_endpointButton->setText(tr("Stop the &test endpoint"));
    m_port->setEnabled(false);
    m_listen->setEnabled(false);
    if (everywhere)
        m_messages->showMessage(
            tr("The test endpoint listens on every network interface: anyone on this network can ask %1 for the "
               "channels in the local workspace. Bundle URLs must be reachable by the phones too (use a storage "
               "profile with a public URL). Stop it when the test is done.")
                .arg(url),
            MessageBar::Kind::Warning);
    else
        m_messages->showMessage(tr("The test endpoint answers on this computer only, at %1. To let phones on "
                                   "this network reach it, stop it and choose every network interface.")
                                    .arg(url),
                                MessageBar::Kind::Success);
}

void DeviceTestView::refresh()
{
    KnownKeys::fillChooser(m_key);
    selectReleaseKey();
}

void DeviceTestView::selectReleaseKey()
{
    // With no app typed in yet, the newest release of any app fills in the app and channel.
    const QString app = m_appId->text().trimmed();
    history::ReleaseFilter filter;
    filter.status = history::ReleaseStatus::Completed;
    filter.limit = 1;
    if (!app.isEmpty()) {
        filter.appId = app;
        filter.channel = m_channel->text().trimmed();
    }
    useHistoryInBackground(
        this, [filter](history::History& history) { return history.releases(filter); },
        [this, app](const Result<QList<history::ReleaseRecord>>& latest) {
            if (latest && !latest->isEmpty() && m_appId->text().trimmed() == app) {
                const history::ReleaseRecord& r = latest->first();
                if (app.isEmpty()) {
                    m_appId->setText(r.appId);
                    m_channel->setText(r.channel);
                }
                const int index = KnownKeys::indexOfFingerprint(m_key, r.keyFingerprint);
                if (!m_keyChosen && index >= 0) {
                    const QSignalBlocker blocker(m_key);
                    m_key->setCurrentIndex(index);
                }
            }
        });
}

void DeviceTestView::simulate()
{
    auto key = KnownKeys::publicKeyFor(m_key->currentData().toString());
    if (!key) {
        m_messages->showError(tr("Choose the public key built into the app: %1").arg(key.error().message));
        return;
    }
    if (m_appId->text().trimmed().isEmpty()) {
        m_messages->showError(tr("Give the app id the phone reports, for example com.example.app."));
        return;
    }
    m_simulate->setEnabled(false);
    m_messages->showMessage(tr("The simulated phone is asking for an update…"));
    m_simulation->start(QString(), m_appId->text().trimmed(), m_channel->text().trimmed(), key.value(),
                        m_currentVersion->text().trimmed());
}

} // namespace slipway::ui
