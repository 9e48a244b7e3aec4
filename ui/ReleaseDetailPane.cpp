#include "ReleaseDetailPane.h"

#include "KnownKeys.h"
#include "ReleaseTableModel.h"
#include "crypto/RsaKey.h"
#include "release/ReleaseStep.h"

#include <QHeaderView>
#include <QLocale>
#include <QScrollArea>
#include <QStyle>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace slipway::ui {

ReleaseDetailPane::ReleaseDetailPane(QWidget* parent)
    : QWidget(parent), m_facts(new QTextBrowser(this)), m_steps(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("releaseDetail"));
    m_facts->setObjectName(QStringLiteral("releaseFacts"));
    m_facts->setAccessibleName(tr("Details of the selected release"));
    // Hashes are long single words: let them break anywhere rather than hide behind a scroll bar.
    m_facts->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_facts->setOpenLinks(false);
    m_facts->setFrameShape(QFrame::StyledPanel);
    m_steps->setObjectName(QStringLiteral("releaseStepsList"));
    m_steps->setAccessibleName(tr("Steps of the selected release"));
    m_steps->setHeaderLabels({tr("Step"), tr("Attempt"), tr("Outcome"), tr("Took"), tr("Detail")});
    m_steps->setRootIsDecorated(false);
    m_steps->setAlternatingRowColors(true);
    m_steps->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_steps->header()->setStretchLastSection(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_facts, 3);
    layout->addWidget(m_steps, 2);
    clear();
}

QString ReleaseDetailPane::outcomeText(const QString& outcome)
{
    if (outcome == history::StepOutcome::Succeeded)
        return tr("done");
    if (outcome == history::StepOutcome::Reused)
        return tr("done earlier, still valid");
    if (outcome == history::StepOutcome::Running)
        return tr("running");
    if (outcome == history::StepOutcome::Failed)
        return tr("failed");
    if (outcome == history::StepOutcome::Cancelled)
        return tr("cancelled");
    if (outcome == history::StepOutcome::Interrupted)
        return tr("stopped (Slipway closed)");
    return outcome;
}

void ReleaseDetailPane::clear()
{
    m_facts->setHtml(tr("<p>Select a release to see its steps, hashes, key and where it was published.</p>"));
    m_steps->clear();
}

void ReleaseDetailPane::showEmptyHistory()
{
    m_facts->setHtml(tr("<h3>No release yet</h3><p>Press <b>New release</b> (Ctrl+N) to release a web build, or use "
                        "<b>Try the demo release</b> to see a complete encrypted release of the demo build in under a "
                        "minute.</p><p>Every release appears here with its steps, hashes, key and where it was "
                        "published.</p>"));
    m_steps->clear();
}

void ReleaseDetailPane::showRelease(const history::ReleaseRecord& r, const QList<history::StepRecord>& steps)
{
    const QLocale locale;
    const auto row = [](const QString& label, const QString& value) {
        if (value.isEmpty())
            return QString();
        return QStringLiteral(
                   "<tr><td style='padding:2px 12px 2px 0; white-space:nowrap'><b>%1</b></td><td>%2</td></tr>")
            .arg(label.toHtmlEscaped(), value);
    };
    const auto code = [](const QString& text) {
        return text.isEmpty() ? QString() : QStringLiteral("<tt>%1</tt>").arg(text.toHtmlEscaped());
    };
    QString html = QStringLiteral("<h3>%1 %2 \u2192 %3</h3><table>")
                       .arg(r.appId.toHtmlEscaped(), r.version.toHtmlEscaped(), r.channel.toHtmlEscaped());
    html += row(tr("Release"),
                QStringLiteral("#%1, %2").arg(r.id).arg(ReleaseTableModel::statusText(r.status).toHtmlEscaped()) +
                    (r.attempts > 1 ? tr(", %1 attempts").arg(r.attempts) : QString()));
    html += row(tr("Why it stopped"), r.reason.toHtmlEscaped());
    html += row(tr("Started"), locale.toString(r.createdAt.toLocalTime(), QLocale::LongFormat).toHtmlEscaped());
    if (r.finishedAt.isValid())
        html += row(tr("Finished"), locale.toString(r.finishedAt.toLocalTime(), QLocale::LongFormat).toHtmlEscaped());
    html += row(tr("By"), QStringLiteral("%1@%2").arg(r.osUser, r.host).toHtmlEscaped());
    html += row(tr("Signed with"), KnownKeys::identity(r.keyId, r.keyFingerprint, true).toHtmlEscaped());
    html += row(tr("Zip SHA-256"), code(r.sha256));
    html += row(tr("Encrypted SHA-256"), code(r.encryptedSha256));
    html += row(tr("Signed checksum"), code(r.signedChecksum));
    html += row(tr("Session key"), code(r.ivSessionKey));
    if (r.encryptedSize > 0)
        html +=
            row(tr("Size"), tr("%1 files, %2 zipped, %3 encrypted")
                                .arg(r.files)
                                .arg(locale.formattedDataSize(r.plainSize), locale.formattedDataSize(r.encryptedSize)));
    html += row(tr("Storage"), r.storage.toHtmlEscaped());
    html += row(tr("URL"), code(r.publicUrl));
    html += row(tr("Registration"),
                (r.registrar.isEmpty() ? QString() : r.registrar + QStringLiteral(": ")).toHtmlEscaped() +
                    r.registration.toHtmlEscaped());
    html += row(tr("Notes"), r.notes.toHtmlEscaped());
    html += QStringLiteral("</table>");
    m_facts->setHtml(html);

    m_steps->clear();
    for (const history::StepRecord& step : steps) {
        QString took;
        if (step.startedAt.isValid() && step.finishedAt.isValid())
            took = tr("%1 ms").arg(step.startedAt.msecsTo(step.finishedAt));
        auto* item = new QTreeWidgetItem(m_steps, {release::stepTitle(step.name), QString::number(step.attempt),
                                                   outcomeText(step.outcome), took,
                                                   step.error.isEmpty() ? step.detail : step.error});
        item->setData(0, Qt::UserRole, step.name);
        item->setData(2, Qt::UserRole, step.outcome);
        const bool good =
            step.outcome == history::StepOutcome::Succeeded || step.outcome == history::StepOutcome::Reused;
        const bool running = step.outcome == history::StepOutcome::Running;
        item->setIcon(0, style()->standardIcon(good      ? QStyle::SP_DialogApplyButton
                                               : running ? QStyle::SP_MediaPlay
                                                         : QStyle::SP_MessageBoxWarning));
        item->setToolTip(4, item->text(4));
    }
}

} // namespace slipway::ui
