#include "DonePage.h"

#include "KnownKeys.h"
#include "MessageBar.h"
#include "PhoneSimulation.h"
#include "ReleaseDraft.h"
#include "common/ByteSize.h"
#include "project/CapacitorConfig.h"
#include "release/DeltaPublication.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace slipway::ui {

DonePage::DonePage(ReleaseDraft& draft, QWidget* parent)
    : QWizardPage(parent), m_draft(draft), m_messages(new MessageBar(this)), m_demoBadge(new QLabel(tr("DEMO"), this)),
      m_summary(new QLabel(this)), m_phoneVerdict(new QLabel(this)), m_detailsToggle(new QToolButton(this)),
      m_details(new QWidget(this)), m_keyFacts(new QLabel(this)), m_checksum(new QLineEdit(this)),
      m_url(new QLineEdit(this)), m_response(new QPlainTextEdit(this)), m_snippet(new QPlainTextEdit(this)),
      m_simulate(new QPushButton(tr("&Simulate a phone"), this)), m_phoneSteps(new QTreeWidget(this)),
      m_simulation(new PhoneSimulation(this))
{
    setObjectName(QStringLiteral("donePage"));
    setTitle(tr("Released"));
    setSubTitle(tr("Phones on the channel pick this version up at their next check."));
    setFinalPage(true);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_demoBadge->setObjectName(QStringLiteral("doneDemoBadge"));
    m_demoBadge->setStyleSheet(QStringLiteral("QLabel { color: white; background: #6a1b9a; border-radius: 4px; "
                                              "padding: 3px 10px; font-weight: bold; letter-spacing: 1px; }"));
    m_demoBadge->hide();
    m_summary->setObjectName(QStringLiteral("doneSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_phoneVerdict->setObjectName(QStringLiteral("phoneVerdict"));
    m_phoneVerdict->setWordWrap(true);
    m_phoneVerdict->hide();
    m_keyFacts->setObjectName(QStringLiteral("doneKeyFacts"));
    m_keyFacts->setWordWrap(true);
    m_keyFacts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_checksum->setObjectName(QStringLiteral("signedChecksumEdit"));
    m_checksum->setAccessibleName(tr("Signed checksum"));
    m_url->setObjectName(QStringLiteral("publicUrlEdit"));
    m_url->setAccessibleName(tr("Bundle URL"));
    m_response->setObjectName(QStringLiteral("updateResponseText"));
    m_response->setAccessibleName(tr("Update response JSON"));
    m_snippet->setObjectName(QStringLiteral("configSnippetText"));
    m_snippet->setAccessibleName(tr("capacitor.config snippet"));
    for (QLineEdit* edit : {m_checksum, m_url}) {
        edit->setReadOnly(true);
        edit->setFont(mono);
    }
    for (QPlainTextEdit* edit : {m_response, m_snippet}) {
        edit->setReadOnly(true);
        edit->setFont(mono);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        edit->setMinimumHeight(110);
        edit->setTabChangesFocus(true);
    }
    m_simulate->setObjectName(QStringLiteral("simulateButton"));
    m_simulate->setToolTip(
        tr("A simulated phone asks the update endpoint, downloads, decrypts and verifies the bundle"));
    QFont big = m_simulate->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_simulate->setFont(big);
    m_simulate->setMinimumHeight(44);
    m_simulate->setIcon(style()->standardIcon(QStyle::SP_ComputerIcon));
    m_phoneSteps->setObjectName(QStringLiteral("phoneStepsList"));
    m_phoneSteps->setAccessibleName(tr("What the simulated phone did"));
    m_phoneSteps->setHeaderLabels({tr("Phone step"), tr("Result")});
    m_phoneSteps->setRootIsDecorated(false);
    m_phoneSteps->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_phoneSteps->setMinimumHeight(90);
    m_phoneSteps->hide();

    m_detailsToggle->setObjectName(QStringLiteral("technicalDetailsToggle"));
    m_detailsToggle->setText(tr("&Technical details"));
    m_detailsToggle->setToolTip(tr("Key, signed checksum, bundle URL, the update response phones receive and the "
                                   "public key for the app's configuration"));
    m_detailsToggle->setCheckable(true);
    m_detailsToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_detailsToggle->setAutoRaise(true);
    m_details->setObjectName(QStringLiteral("technicalDetails"));

    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(6);
    grid->setColumnStretch(1, 1);
    grid->addWidget(new QLabel(tr("Signed with:"), m_details), 0, 0);
    grid->addWidget(m_keyFacts, 0, 1, 1, 2);
    grid->addWidget(new QLabel(tr("Signed checksum:"), m_details), 1, 0);
    grid->addWidget(m_checksum, 1, 1);
    grid->addWidget(copyButton(m_checksum, QStringLiteral("copyChecksumButton")), 1, 2);
    grid->addWidget(new QLabel(tr("Bundle URL:"), m_details), 2, 0);
    grid->addWidget(m_url, 2, 1);
    grid->addWidget(copyButton(m_url, QStringLiteral("copyUrlButton")), 2, 2);

    auto* texts = new QGridLayout;
    texts->setHorizontalSpacing(12);
    auto* responseLabel = new QLabel(tr("Update response (what phones receive):"), m_details);
    responseLabel->setBuddy(m_response);
    auto* snippetLabel = new QLabel(tr("Public key for capacitor.config.ts:"), m_details);
    snippetLabel->setBuddy(m_snippet);
    texts->addWidget(responseLabel, 0, 0);
    texts->addWidget(copyButton(m_response, QStringLiteral("copyResponseButton")), 0, 1, Qt::AlignRight);
    texts->addWidget(snippetLabel, 0, 2);
    texts->addWidget(copyButton(m_snippet, QStringLiteral("copySnippetButton")), 0, 3, Qt::AlignRight);
    texts->addWidget(m_response, 1, 0, 1, 2);
    texts->addWidget(m_snippet, 1, 2, 1, 2);
    texts->setColumnStretch(0, 1);
    texts->setColumnStretch(2, 1);
    auto* detailsLayout = new QVBoxLayout(m_details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(m_phoneSteps, 1); // what the phone did, step by step (after a simulation)
    detailsLayout->addLayout(grid);
    detailsLayout->addLayout(texts, 1);

    auto* headRow = new QHBoxLayout;
    headRow->addWidget(m_demoBadge, 0, Qt::AlignTop);
    headRow->addWidget(m_summary, 1);
    auto* simulateRow = new QHBoxLayout;
    m_simulate->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    simulateRow->addWidget(m_simulate, 0, Qt::AlignLeft);
    simulateRow->addWidget(m_phoneVerdict, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addWidget(m_messages);
    layout->addLayout(headRow);
    layout->addLayout(simulateRow);
    layout->addWidget(m_detailsToggle, 0, Qt::AlignLeft);
    layout->addWidget(m_details, 1);
    layout->addStretch(0);
    setTechnicalDetailsShown(false);

    connect(m_detailsToggle, &QToolButton::toggled, this, &DonePage::setTechnicalDetailsShown);
    connect(m_simulate, &QPushButton::clicked, this, &DonePage::simulatePhone);
    connect(m_simulation, &PhoneSimulation::finished, this, [this](const device::SimulationResult& result) {
        m_simulate->setEnabled(true);
        PhoneSimulation::showSteps(m_phoneSteps, result);
        m_phoneSteps->setVisible(true); // inside the technical details
        m_phoneVerdict->show();
        if (result.applied()) {
            m_phoneVerdict->setText(tr("\u2714 A phone accepted version %1: it downloaded it, checked that it comes "
                                       "from you and is intact, and would now run it.")
                                        .arg(result.version));
            m_phoneVerdict->setStyleSheet(QStringLiteral("QLabel { color: #2e7d32; font-weight: bold; }"));
            m_messages->showMessage(
                tr("The phone downloaded, verified and would now run version %1.").arg(result.version),
                MessageBar::Kind::Success);
        } else {
            m_phoneVerdict->setText(tr("\u2716 The phone did not take it: %1").arg(result.summary()));
            m_phoneVerdict->setStyleSheet(QStringLiteral("QLabel { color: #c62828; font-weight: bold; }"));
            m_messages->showMessage(result.summary(), result.outcome == QLatin1String("up_to_date")
                                                          ? MessageBar::Kind::Info
                                                          : MessageBar::Kind::Error);
        }
    });
}

void DonePage::setTechnicalDetailsShown(bool shown)
{
    m_details->setVisible(shown);
    m_detailsToggle->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    if (m_detailsToggle->isChecked() != shown)
        m_detailsToggle->setChecked(shown);
}

QPushButton* DonePage::copyButton(QWidget* source, const QString& name)
{
    auto* button = new QPushButton(tr("Copy"), this);
    button->setObjectName(name);
    button->setToolTip(tr("Copy to the clipboard"));
    button->setAccessibleName(tr("Copy %1").arg(source->accessibleName()));
    connect(button, &QPushButton::clicked, this, [this, source] {
        QString text;
        if (auto* line = qobject_cast<QLineEdit*>(source))
            text = line->text();
        else if (auto* plain = qobject_cast<QPlainTextEdit*>(source))
            text = plain->toPlainText();
        QApplication::clipboard()->setText(text);
        m_messages->showMessage(tr("Copied %1 to the clipboard.").arg(source->accessibleName()),
                                MessageBar::Kind::Success);
    });
    return button;
}

void DonePage::initializePage()
{
    m_messages->clearMessage();
    m_phoneSteps->clear();
    m_phoneSteps->hide();
    if (!m_draft.result)
        return;
    const release::ReleaseResult& result = *m_draft.result;
    if (m_draft.publicKey.isNull()) {
        if (auto key = KnownKeys::publicKeyFor(result.keyPath))
            m_draft.publicKey = key.value();
    }
    setTitle(m_draft.demo ? tr("Demo released") : result.rolloutPercent > 0 ? tr("Rollout started") : tr("Released"));
    setSubTitle(result.rolloutPercent > 0
                    ? tr("Only the rollout's share of the phones picks this version up; the others keep the stable "
                         "release.")
                    : tr("Phones on the channel pick this version up at their next check."));
    m_demoBadge->setVisible(m_draft.demo);
    m_phoneVerdict->hide();
    setTechnicalDetailsShown(false);
    if (result.rolloutPercent > 0)
        m_summary->setText(
            tr("<p style='font-size:large'><b>The rollout of version %1 of %2 started: %3 % of the devices on %4 get "
               "it.</b></p><p>The other devices on the <b>%4</b> channel stay on <b>%5</b>. Watch its health, widen "
               "it, promote it to everyone or abort it in the <b>Channels</b> view (Ctrl+6); <tt>slipway serve</tt> "
               "halts it by itself when too many devices fail.</p>")
                .arg(result.version.toHtmlEscaped(), result.appId.toHtmlEscaped())
                .arg(result.rolloutPercent)
                .arg(result.channel.toHtmlEscaped(), result.stableVersion.toHtmlEscaped()));
    else
        m_summary->setText(
            tr("<p style='font-size:large'><b>Version %1 of %2 is published.</b></p>"
               "<p>Phones that follow the <b>%3</b> channel download it the next time the app checks for an update, "
               "make sure it really comes from you, and switch to it. Press <b>Simulate a phone</b> to watch one do "
               "it.</p>")
                .arg(result.version.toHtmlEscaped(), result.appId.toHtmlEscaped(), result.channel.toHtmlEscaped()));
    const release::DeltaSaving saving = release::DeltaSaving::fromJson(result.delta);
    if (!saving.previousVersion.isEmpty())
        m_summary->setText(m_summary->text() +
                           tr("<p>Phones already on <b>%1</b> download only what changed: <b>%2 of %3 files, %4</b>, "
                              "instead of the whole %5 bundle.</p>")
                               .arg(saving.previousVersion.toHtmlEscaped())
                               .arg(saving.filesToDownload)
                               .arg(saving.files)
                               .arg(humanByteSize(saving.bytesToDownload), humanByteSize(saving.zipBytes)));
    m_keyFacts->setText(KnownKeys::identity(result.keyId, result.keyFingerprint, true) +
                        (m_draft.keyLabel.isEmpty() ? QString() : QStringLiteral(" — ") + m_draft.keyLabel));
    m_checksum->setText(result.signedChecksum);
    m_checksum->setCursorPosition(0);
    m_url->setText(result.publicUrl);
    m_url->setCursorPosition(0);
    m_response->setPlainText(QString::fromUtf8(QJsonDocument(result.manifest).toJson(QJsonDocument::Indented)));
    m_snippet->setPlainText(
        m_draft.publicKey.isNull()
            ? tr("(the public key file was not found next to %1)").arg(result.keyPath)
            : project::CapacitorConfig::typeScriptSnippet(QString::fromLatin1(m_draft.publicKey.publicPkcs1Pem())));
    m_simulate->setEnabled(!m_draft.publicKey.isNull());
}

void DonePage::simulatePhone()
{
    if (!m_draft.result || m_simulation->isRunning())
        return;
    m_simulate->setEnabled(false);
    m_messages->showMessage(tr("The simulated phone is asking for an update…"));
    m_simulation->start(m_draft.plan.storageProfile, m_draft.result->appId, m_draft.result->channel, m_draft.publicKey);
}

} // namespace slipway::ui
