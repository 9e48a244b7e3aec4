#pragma once

#include "common/SecureBytes.h"

#include <QDialog>

class QLineEdit;

namespace slipway::ui {

// Asks for a hardware token's PIN once (no echo). The PIN is tried exactly once by the caller: a wrong
// PIN costs one of the token's tries, so the dialog says so rather than inviting guesses.
class TokenPinDialog : public QDialog
{
    Q_OBJECT
public:
    TokenPinDialog(const QString& keyDescription, QWidget* parent = nullptr);
    // Empty when cancelled.
    [[nodiscard]] static SecureBytes ask(const QString& keyDescription, QWidget* parent);
    [[nodiscard]] SecureBytes pin() const;

private:
    QLineEdit* m_pin;
};

} // namespace slipway::ui
