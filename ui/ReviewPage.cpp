#include "ReviewPage.h"

#include "Background.h"
#include "DemoWorkspace.h"
#include "ReleaseDraft.h"
#include "history/History.h"
#include "registry/ChannelRollout.h"
#include "registry/LocalChannelRegistrar.h"
#include "registry/RegistrarProfile.h"
#include "release/DeltaForecast.h"
#include "storage/StorageFactory.h"
#include "storage/StorageProfile.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QVBoxLayout>

namespace slipway::ui {

ReviewPage::ReviewPage(ReleaseDraft& draft, QWidget* parent)
    : QWizardPage(parent), m_draft(draft), m_storage(new QComboBox(this)), m_registrar(new QComboBox(this)),
      m_rollout(new QCheckBox(tr("R&oll out to"), this)), m_rolloutPercent(new QSpinBox(this)),
      m_rolloutNote(new QLabel(this)), m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("reviewPage"));
    setTitle(tr("Review"));
    setSubTitle(tr("Nothing has been published yet. Check what will happen, then press Release."));
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("&Release"));
    m_storage->setObjectName(QStringLiteral("storageCombo"));
    m_storage->setAccessibleName(tr("Where to publish"));
    m_storage->setToolTip(tr("Storage profiles are edited under Targets"));
    m_summary->setObjectName(QStringLiteral("reviewSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    auto* form = new QFormLayout;
    form->addRow(tr("&Publish to:"), m_storage);
    form->addRow(tr("Re&gister with:"), m_registrar);
    m_registrar->setObjectName(QStringLiteral("registrarCombo"));
    m_registrar->setAccessibleName(tr("Where the release is registered"));
    m_registrar->setToolTip(tr("Update service profiles are edited under Targets"));
    m_rollout->setObjectName(QStringLiteral("rolloutCheck"));
    m_rollout->setAccessibleName(tr("Roll out to a share of the devices first"));
    m_rolloutPercent->setObjectName(QStringLiteral("rolloutPercentSpin"));
    m_rolloutPercent->setRange(release::ReleasePlan::MinRolloutPercent, release::ReleasePlan::MaxRolloutPercent);
    m_rolloutPercent->setValue(release::ReleasePlan::DefaultRolloutPercent);
    m_rolloutPercent->setSuffix(QStringLiteral(" %"));
    m_rolloutPercent->setAccessibleName(tr("Share of the devices that get this version first"));
    m_rolloutPercent->setEnabled(false);
    auto* percentLabel = new QLabel(tr("of the &devices first"), this);
    percentLabel->setBuddy(m_rolloutPercent);
    m_rolloutNote->setObjectName(QStringLiteral("rolloutNote"));
    m_rolloutNote->setWordWrap(true);
    m_rolloutNote->hide();
    auto* rolloutRow = new QHBoxLayout;
    rolloutRow->addWidget(m_rollout);
    rolloutRow->addWidget(m_rolloutPercent);
    rolloutRow->addWidget(percentLabel);
    rolloutRow->addStretch(1);
    form->addRow(tr("Staged:"), rolloutRow);
    form->addRow(QString(), m_rolloutNote);
    setTabOrder(m_storage, m_registrar);
    setTabOrder(m_registrar, m_rollout);
    setTabOrder(m_rollout, m_rolloutPercent);
    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    layout->addLayout(form);
    layout->addWidget(m_summary, 1);
    connect(m_storage, &QComboBox::currentIndexChanged, this, &ReviewPage::readChannel);
    connect(m_registrar, &QComboBox::currentIndexChanged, this, [this] {
        updateRolloutOption();
        updateSummary();
    });
    connect(m_rollout, &QCheckBox::toggled, this, [this] {
        updateRolloutOption();
        updateSummary();
    });
    connect(m_rolloutPercent, &QSpinBox::valueChanged, this, &ReviewPage::updateSummary);
}

ReviewPage::~ReviewPage()
{
    if (m_deltaCancel)
        *m_deltaCancel = true;
}

void ReviewPage::initializePage()
{
    const QSignalBlocker blocker(m_storage);
    m_storage->clear();
    m_storage->addItem(tr("Local workspace (%1)").arg(QDir::toNativeSeparators(DemoWorkspace::localStorageFolder())),
                       QString());
    if (auto profiles = storage::StorageProfileStore::load()) {
        for (const storage::StorageProfile& profile : profiles.value())
            m_storage->addItem(tr("%1 (%2)").arg(profile.name, profile.url.toDisplayString()), profile.name);
    }
    const int index = m_storage->findData(m_draft.plan.storageProfile);
    m_storage->setCurrentIndex(index < 0 ? 0 : index);
    const QSignalBlocker registrarBlocker(m_registrar);
    m_registrar->clear();
    m_registrar->addItem(tr("Local channel manifest next to the bundles"), QString());
    if (auto registrars = registry::RegistrarProfileStore::load()) {
        for (const registry::RegistrarProfile& profile : registrars.value())
            m_registrar->addItem(tr("%1 (%2)").arg(profile.name, profile.apiHost.toDisplayString()), profile.name);
    }
    m_registrar->setCurrentIndex(std::max(0, m_registrar->findData(m_draft.plan.registrarProfile)));
    const QSignalBlocker rolloutBlocker(m_rollout);
    m_rollout->setChecked(m_draft.plan.rolloutPercent > 0);
    const QSignalBlocker percentBlocker(m_rolloutPercent);
    m_rolloutPercent->setValue(m_draft.plan.rolloutPercent > 0 ? m_draft.plan.rolloutPercent
                                                               : release::ReleasePlan::DefaultRolloutPercent);
    readChannel();
}

void ReviewPage::readChannel()
{
    m_channel.reset();
    if (m_deltaCancel)
        *m_deltaCancel = true; // the storage changed: another channel manifest to compare with
    m_delta.reset();
    const int read = ++m_channelReads;
    updateRolloutOption();
    updateSummary();
    // The manifest is read once, here, for the rollout check and the update-size forecast alike.
    runInBackground(
        this,
        [storageProfile = m_storage->currentData().toString(), plan = m_draft.plan,
         historyPath = history::History::defaultPath()] {
            ChannelNow now;
            auto storage = storage::openReleaseStorage(storageProfile);
            if (!storage) {
                now.rolloutRefusal = storage.error().message;
                now.unread = storage.error().message;
                return now;
            }
            if (auto manifest =
                    registry::LocalChannelRegistrar(storage.value()).publishedManifest(plan.appId, plan.channel)) {
                now.stable = manifest->value(QStringLiteral("version")).toString();
                now.served = manifest.value();
            }
            auto history = history::History::open(historyPath);
            if (!history) {
                now.rolloutRefusal = history.error().message;
                return now;
            }
            // The runner's own check, so the page offers exactly what the release would accept.
            registry::ChannelRollout rollout(*history.value(), storage.value());
            if (Status s = rollout.checkNewRollout(plan.appId, plan.channel, plan.version); !s)
                now.rolloutRefusal = s.error().message;
            if (auto found = history.value()->completedRelease(plan.appId, now.stable, plan.channel);
                found && found->has_value())
                now.servedZipBytes = found->value().encryptedSize > 0 ? found->value().encryptedSize
                                                                      : found->value().plainSize;
            return now;
        },
        [this, read](const ChannelNow& now) {
            if (read != m_channelReads)
                return;
            m_channel = now;
            updateRolloutOption();
            updateSummary();
            readDelta(now);
        });
}

void ReviewPage::readDelta(const ChannelNow& channel)
{
    DeltaNow now;
    if (!channel.unread.isEmpty()) {
        now.note = channel.unread;
    } else if (!channel.served || !channel.served->contains(QStringLiteral("manifest"))) {
        now.note = tr("the channel serves no delta yet: phones download the whole bundle once, then only what "
                      "changes.");
    } else {
        auto cancel = std::make_shared<std::atomic<bool>>(false);
        m_deltaCancel = cancel;
        runInBackground(
            this,
            [buildSource = m_draft.plan.buildSource, served = *channel.served, zipBytes = channel.servedZipBytes,
             cancel] {
                DeltaNow forecast;
                auto saving = release::DeltaForecast::forecast(buildSource, false, served, zipBytes, cancel.get());
                if (saving)
                    forecast.saving = saving.value();
                else
                    forecast.note = tr("not worked out: %1").arg(saving.error().message);
                return forecast;
            },
            [this, cancel](const DeltaNow& forecast) {
                if (*cancel)
                    return;
                m_delta = forecast;
                updateSummary();
            });
        return;
    }
    m_delta = now;
    updateSummary();
}

bool ReviewPage::deltaOffered() const
{
    const release::ReleasePlan& plan = m_draft.plan;
    return registry::isChannelManifestProfile(m_registrar->currentData().toString()) && plan.delta &&
           plan.checksumFormat == crypto::ChecksumFormat::V3;
}

QString ReviewPage::deltaText() const
{
    const release::ReleasePlan& plan = m_draft.plan;
    if (!registry::isChannelManifestProfile(m_registrar->currentData().toString()))
        return tr("The whole bundle: Capgo Cloud takes no delta for bundles stored elsewhere.");
    if (!plan.delta || plan.checksumFormat != crypto::ChecksumFormat::V3)
        return tr("The whole bundle (no delta for this release).");
    if (!m_delta)
        return tr("Working out what a phone on the channel's current version downloads…");
    if (!m_delta->saving)
        return tr("With the delta: %1").arg(m_delta->note);
    const release::DeltaSaving& d = *m_delta->saving;
    const QLocale locale;
    QString text = d.filesToDownload == 0
                       ? tr("A phone on %1 already holds all %n file(s): it downloads none of them", nullptr, int(d.files))
                             .arg(d.previousVersion)
                       : tr("A phone on %1 downloads %2 of %n file(s), %3 before compression", nullptr, int(d.files))
                             .arg(d.previousVersion)
                             .arg(locale.toString(d.filesToDownload))
                             .arg(locale.formattedDataSize(d.bytesToDownload));
    if (d.zipBytes > 0)
        text += tr(", instead of the whole bundle (%1 for %2)").arg(locale.formattedDataSize(d.zipBytes), d.previousVersion);
    return text + QLatin1Char('.');
}

void ReviewPage::updateRolloutOption()
{
    QString refusal;
    const QString registrar = m_registrar->currentData().toString();
    if (!registry::isChannelManifestProfile(registrar))
        refusal = tr("Rollouts are for self-hosted channel manifests: \"%1\" registers with Capgo, which serves one "
                     "version per channel, so Slipway cannot stage this release there.")
                      .arg(registrar);
    else if (m_channel)
        refusal = m_channel->rolloutRefusal;
    const bool offered = refusal.isEmpty();
    m_rollout->setEnabled(offered);
    m_rollout->setToolTip(offered ? tr("Only this share of the devices (a fixed cohort) gets the new version; the "
                                       "others keep the channel's stable release until you widen or promote it "
                                       "in Channels (Ctrl+6).")
                                  : refusal);
    if (!offered && m_rollout->isChecked()) {
        const QSignalBlocker blocker(m_rollout);
        m_rollout->setChecked(false);
    }
    m_rolloutPercent->setEnabled(offered && m_rollout->isChecked());
    m_rolloutPercent->setToolTip(m_rollout->toolTip());
    m_rolloutNote->setText(offered ? QString() : tr("Staged rollout not available: %1").arg(refusal));
    m_rolloutNote->setVisible(!offered);
}

bool ReviewPage::rolloutChosen() const
{
    return m_rollout->isEnabled() && m_rollout->isChecked();
}

void ReviewPage::updateSummary()
{
    const release::ReleasePlan& plan = m_draft.plan;
    const QLocale locale;
    const auto row = [](const QString& label, const QString& value) {
        return QStringLiteral(
                   "<tr><td style='padding:3px 14px 3px 0'><b>%1</b></td><td style='padding:3px 0'>%2</td></tr>")
            .arg(label.toHtmlEscaped(), value);
    };
    const auto code = [](const QString& text) { return QStringLiteral("<tt>%1</tt>").arg(text.toHtmlEscaped()); };
    QString size;
    if (m_draft.preflight)
        size = tr("%n file(s), %1", nullptr, int(m_draft.preflight->files))
                   .arg(locale.formattedDataSize(m_draft.preflight->bytes));
    const QString where = m_storage->currentText();
    QString html = QStringLiteral("<table>");
    html += row(tr("App"), code(plan.appId));
    html += row(tr("Version"), code(plan.version));
    html += row(tr("Channel"), code(plan.channel));
    html += row(tr("Build"),
                code(QDir::toNativeSeparators(plan.buildSource)) +
                    (size.isEmpty() ? QString() : QStringLiteral(" (") + size.toHtmlEscaped() + QStringLiteral(")")));
    html += row(tr("Signing key"), m_draft.keyLabel.toHtmlEscaped() + QStringLiteral("<br>key_id ") +
                                       code(m_draft.publicKey.keyId()) + QStringLiteral("<br>") +
                                       code(crypto::groupedFingerprint(m_draft.publicKey.fingerprintSha256())));
    html += row(tr("Publish to"), where.toHtmlEscaped());
    html += row(tr("Register"), m_registrar->currentText().toHtmlEscaped());
    const QString stable = m_channel && !m_channel->stable.isEmpty() ? m_channel->stable : tr("the stable release");
    const int percent = m_rolloutPercent->value();
    if (rolloutChosen())
        html += row(tr("Devices"), tr("%1 goes to %2 % of devices on %3; the others stay on %4.")
                                       .arg(plan.version)
                                       .arg(percent)
                                       .arg(plan.channel, stable)
                                       .toHtmlEscaped());
    else
        html += row(tr("Devices"), tr("Every device on %1.").arg(plan.channel).toHtmlEscaped());
    html += row(tr("Update size"), deltaText().toHtmlEscaped());
    if (!plan.notes.isEmpty())
        html += row(tr("Notes"), plan.notes.toHtmlEscaped());
    html +=
        QStringLiteral("</table><p><b>%1</b></p><ol>").arg(tr("What happens when you press Release").toHtmlEscaped());
    const QStringList steps{
        tr("Package the build into a zip and compute its SHA-256."),
        tr("Encrypt it with a fresh AES session key; wrap the session key and sign the checksum with your private "
           "key."),
        tr("Verify the result exactly as a phone will (decrypt, checksum, safe paths, index.html)."),
        deltaOffered() ? tr("Upload the encrypted bundle and, at the same time, its delta (one encrypted object per "
                            "file) to the storage above, and prove what landed.")
                       : tr("Upload the encrypted bundle to the storage above and read it back."),
        rolloutChosen()
            ? tr("Add %1 to channel \"%2\" as a rollout in one manifest write: %3 % of the devices (a fixed cohort) "
                 "download it, the others keep %4. Widen, promote or abort it in Channels (Ctrl+6).")
                  .arg(plan.version, plan.channel)
                  .arg(percent)
                  .arg(stable)
            : tr("Point channel \"%1\" at the new version: phones on that channel will download it.").arg(plan.channel),
        tr("Record every step in the history, sealed by the audit chain."),
    };
    for (const QString& step : steps)
        html += QStringLiteral("<li>%1</li>").arg(step.toHtmlEscaped());
    html += QStringLiteral("</ol><p>%1</p>")
                .arg(tr("Cancel stops at any moment; an interrupted release can be resumed from the history.")
                         .toHtmlEscaped());
    m_summary->setText(html);
}

bool ReviewPage::validatePage()
{
    m_draft.plan.storageProfile = m_storage->currentData().toString();
    m_draft.plan.registrarProfile = m_registrar->currentData().toString();
    m_draft.plan.rolloutPercent = rolloutChosen() ? m_rolloutPercent->value() : 0;
    return true;
}

} // namespace slipway::ui
