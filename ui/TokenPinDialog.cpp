#include "TokenPinDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace slipway::ui {

TokenPinDialog::TokenPinDialog(const QString& keyDescription, QWidget* parent)
    : QDialog(parent), m_pin(new QLineEdit(this))
{
    setObjectName(QStringLiteral("tokenPinDialog"));
    setWindowTitle(tr("Hardware key PIN"));
    auto* text = new QLabel(tr("Enter the PIN of %1.\nA wrong PIN uses up one of the token's tries; Slipway tries "
                               "it once and never again on its own.")
                                .arg(keyDescription),
                            this);
    text->setWordWrap(true);
    m_pin->setObjectName(QStringLiteral("tokenPinEdit"));
    m_pin->setEchoMode(QLineEdit::Password);
    m_pin->setAccessibleName(tr("Token PIN"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(m_pin, &QLineEdit::textChanged, this,
            [buttons](const QString& pin) { buttons->button(QDialogButtonBox::Ok)->setEnabled(!pin.isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(m_pin);
    layout->addWidget(buttons);
}

SecureBytes TokenPinDialog::pin() const
{
    return SecureBytes(m_pin->text().toUtf8());
}

SecureBytes TokenPinDialog::ask(const QString& keyDescription, QWidget* parent)
{
    TokenPinDialog dialog(keyDescription, parent);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    SecureBytes pin = dialog.pin();
    dialog.m_pin->clear();
    return pin;
}

} // namespace slipway::ui
