#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace slipway::ui {

// An inline message strip (KeePassXC style): errors and confirmations appear in the window, not in
// a chain of modal boxes. Hidden until there is something to say.
class MessageBar : public QFrame
{
    Q_OBJECT
public:
    enum class Kind { Info, Success, Warning, Error };

    explicit MessageBar(QWidget* parent = nullptr);

    void showMessage(const QString& text, Kind kind = Kind::Info);
    void showError(const QString& text) { showMessage(text, Kind::Error); }
    void clearMessage();
    [[nodiscard]] QString text() const;
    [[nodiscard]] Kind kind() const { return m_kind; }

private:
    QLabel* m_icon;
    QLabel* m_text;
    QToolButton* m_close;
    Kind m_kind = Kind::Info;
};

} // namespace slipway::ui
