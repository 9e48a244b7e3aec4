#include "MessageBar.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace slipway::ui {

MessageBar::MessageBar(QWidget* parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)), m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    setFrameShape(QFrame::StyledPanel);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->setSpacing(8);
    m_text->setObjectName(QStringLiteral("messageBarText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_close->setAutoRaise(true);
    m_close->setText(QStringLiteral("\u2715"));
    m_close->setToolTip(tr("Dismiss this message"));
    m_close->setAccessibleName(tr("Dismiss message"));
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, &MessageBar::clearMessage);
    hide();
}

void MessageBar::showMessage(const QString& text, Kind kind)
{
    m_kind = kind;
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    QString background = QStringLiteral("#e8f1fb");
    QString border = QStringLiteral("#7aa7d9");
    switch (kind) {
    case Kind::Info:
        break;
    case Kind::Success:
        icon = QStyle::SP_DialogApplyButton;
        background = QStringLiteral("#e6f4ea");
        border = QStringLiteral("#5aa469");
        break;
    case Kind::Warning:
        icon = QStyle::SP_MessageBoxWarning;
        background = QStringLiteral("#fff4d6");
        border = QStringLiteral("#d9a400");
        break;
    case Kind::Error:
        icon = QStyle::SP_MessageBoxCritical;
        background = QStringLiteral("#fde7e7");
        border = QStringLiteral("#d05050");
        break;
    }
    // Fixed light tints keep the text readable on both palettes; the text colour is set with them.
    setStyleSheet(QStringLiteral("#messageBar { background: %1; border: 1px solid %2; border-radius: 4px; }"
                                 "#messageBar QLabel { color: #1d1d1d; }")
                      .arg(background, border));
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(18, 18));
    m_text->setText(text);
    setAccessibleDescription(text);
    show();
}

void MessageBar::clearMessage()
{
    m_text->clear();
    hide();
}

QString MessageBar::text() const
{
    return isVisible() || !m_text->text().isEmpty() ? m_text->text() : QString();
}

} // namespace slipway::ui
