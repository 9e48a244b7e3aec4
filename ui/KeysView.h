#pragma once

#include <QTabWidget>

namespace slipway::ui {

class KeyInspector;
class SignatureCheckView;

// Keys: the key inspector and the signature check, side by side as tabs.
class KeysView : public QTabWidget
{
    Q_OBJECT
public:
    explicit KeysView(QWidget* parent = nullptr);
    void refresh();
    [[nodiscard]] KeyInspector* inspector() const { return m_inspector; }
    [[nodiscard]] SignatureCheckView* signatureCheck() const { return m_signature; }

private:
    KeyInspector* m_inspector;
    SignatureCheckView* m_signature;
};

} // namespace slipway::ui
