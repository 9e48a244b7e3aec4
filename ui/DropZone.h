#pragma once

#include <QLabel>

namespace slipway::ui {

// A framed area that accepts one dropped folder or archive and reports its local path.
class DropZone : public QLabel
{
    Q_OBJECT
public:
    explicit DropZone(const QString& text, QWidget* parent = nullptr);

Q_SIGNALS:
    void pathDropped(const QString& path);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragLeaveEvent(QDragLeaveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void setHighlighted(bool on);
};

} // namespace slipway::ui
