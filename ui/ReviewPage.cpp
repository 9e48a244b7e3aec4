#include "ReviewPage.h"

#include "DemoWorkspace.h"
#include "ReleaseDraft.h"
#include "registry/RegistrarProfile.h"
#include "storage/StorageProfile.h"

#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace slipway::ui {

ReviewPage::ReviewPage(ReleaseDraft& draft, QWidget* parent)
    : QWizardPage(parent), m_draft(draft), m_storage(new QComboBox(this)), m_registrar(new QComboBox(this)),
      m_summary(new QLabel(this))
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
    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    layout->addLayout(form);
    layout->addWidget(m_summary, 1);
    connect(m_storage, &QComboBox::currentIndexChanged, this, &ReviewPage::updateSummary);
    connect(m_registrar, &QComboBox::currentIndexChanged, this, &ReviewPage::updateSummary);
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
    updateSummary();
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
    if (!plan.notes.isEmpty())
        html += row(tr("Notes"), plan.notes.toHtmlEscaped());
    html +=
        QStringLiteral("</table><p><b>%1</b></p><ol>").arg(tr("What happens when you press Release").toHtmlEscaped());
    const QStringList steps{
        tr("Package the build into a zip and compute its SHA-256."),
        tr("Encrypt it with a fresh AES session key; wrap the session key and sign the checksum with your private "
           "key."),
        tr("Verify the result exactly as a phone will (decrypt, checksum, safe paths, index.html)."),
        tr("Upload the encrypted bundle to the storage above and read it back."),
        tr("Point channel \"%1\" at the new version: phones on that channel will download it.").arg(plan.channel),
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
    return true;
}

} // namespace slipway::ui
