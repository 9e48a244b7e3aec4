#include "DonePage.h"

#include "KnownKeys.h"
#include "MessageBar.h"
#include "PhoneSimulation.h"
#include "ReleaseDraft.h"
#include "project/CapacitorConfig.h"

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
#include <QTreeWidget>
#include <QVBoxLayout>

namespace slipway::ui {

DonePage::DonePage(ReleaseDraft& draft, QWidget* parent)
    : QWizardPage(parent), m_draft(draft), m_messages(new MessageBar(this)), m_summary(new QLabel(this)),
      m_checksum(new QLineEdit(this)), m_url(new QLineEdit(this)), m_response(new QPlainTextEdit(this)),
      m_snippet(new QPlainTextEdit(this)), m_simulate(new QPushButton(tr("&Simulate a phone"), this)),
      m_phoneSteps(new QTreeWidget(this)), m_simulation(new PhoneSimulation(this))
{
    setObjectName(QStringLiteral("donePage"));
    setTitle(tr("Released"));
    setSubTitle(tr("Phones on the channel pick this version up at their next check."));
    setFinalPage(true);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_summary->setObjectName(QStringLiteral("doneSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
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
        edit->setMinimumHeight(120);
        edit->setTabChangesFocus(true);
    }
    m_simulate->setObjectName(QStringLiteral("simulateButton"));
    m_simulate->setToolTip(
        tr("A simulated phone asks the update endpoint, downloads, decrypts and verifies the bundle"));
    m_phoneSteps->setObjectName(QStringLiteral("phoneStepsList"));
    m_phoneSteps->setAccessibleName(tr("What the simulated phone did"));
    m_phoneSteps->setHeaderLabels({tr("Phone step"), tr("Result")});
    m_phoneSteps->setRootIsDecorated(false);
    m_phoneSteps->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_phoneSteps->setMinimumHeight(90);
    m_phoneSteps->hide();

    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(6);
    grid->setColumnStretch(1, 1);
    grid->addWidget(new QLabel(tr("Signed checksum:"), this), 0, 0);
    grid->addWidget(m_checksum, 0, 1);
    grid->addWidget(copyButton(m_checksum, QStringLiteral("copyChecksumButton")), 0, 2);
    grid->addWidget(new QLabel(tr("Bundle URL:"), this), 1, 0);
    grid->addWidget(m_url, 1, 1);
    grid->addWidget(copyButton(m_url, QStringLiteral("copyUrlButton")), 1, 2);

    auto* texts = new QGridLayout;
    texts->setHorizontalSpacing(12);
    auto* responseLabel = new QLabel(tr("Update response (what phones receive):"), this);
    responseLabel->setBuddy(m_response);
    auto* snippetLabel = new QLabel(tr("Public key for capacitor.config.ts:"), this);
    snippetLabel->setBuddy(m_snippet);
    texts->addWidget(responseLabel, 0, 0);
    texts->addWidget(copyButton(m_response, QStringLiteral("copyResponseButton")), 0, 1, Qt::AlignRight);
    texts->addWidget(snippetLabel, 0, 2);
    texts->addWidget(copyButton(m_snippet, QStringLiteral("copySnippetButton")), 0, 3, Qt::AlignRight);
    texts->addWidget(m_response, 1, 0, 1, 2);
    texts->addWidget(m_snippet, 1, 2, 1, 2);
    texts->setColumnStretch(0, 1);
    texts->setColumnStretch(2, 1);

    auto* simulateRow = new QHBoxLayout;
    simulateRow->addWidget(m_simulate);
    simulateRow->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addWidget(m_messages);
    layout->addWidget(m_summary);
    layout->addLayout(grid);
    layout->addLayout(texts, 1);
    layout->addLayout(simulateRow);
    layout->addWidget(m_phoneSteps);

    connect(m_simulate, &QPushButton::clicked, this, &DonePage::simulatePhone);
    connect(m_simulation, &PhoneSimulation::finished, this, [this](const device::SimulationResult& result) {
        m_simulate->setEnabled(true);
        m_phoneSteps->clear();
        for (const device::VerificationStep& step : result.steps) {
            auto* item = new QTreeWidgetItem(m_phoneSteps, {step.title, step.detail});
            item->setIcon(
                0, style()->standardIcon(step.passed ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxCritical));
            item->setToolTip(1, step.detail);
        }
        m_phoneSteps->show();
        if (result.applied())
            m_messages->showMessage(
                tr("The phone downloaded, verified and would now run version %1.").arg(result.version),
                MessageBar::Kind::Success);
        else
            m_messages->showMessage(result.summary(), result.outcome == QLatin1String("up_to_date")
                                                          ? MessageBar::Kind::Info
                                                          : MessageBar::Kind::Error);
    });
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
    const QLocale locale;
    m_summary->setText(
        tr("<b>%1 %2</b> is published on channel <b>%3</b> (release #%4, %5 encrypted, key_id <tt>%6</tt>).")
            .arg(result.appId.toHtmlEscaped(), result.version.toHtmlEscaped(), result.channel.toHtmlEscaped())
            .arg(result.releaseId)
            .arg(locale.formattedDataSize(result.encryptedSize), result.keyId.toHtmlEscaped()));
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
