#include "KeysView.h"

#include "KeyInspector.h"
#include "SignatureCheckView.h"

namespace slipway::ui {

KeysView::KeysView(QWidget* parent)
    : QTabWidget(parent), m_inspector(new KeyInspector(this)), m_signature(new SignatureCheckView(this))
{
    setObjectName(QStringLiteral("keysView"));
    setDocumentMode(true);
    addTab(m_inspector, tr("Key inspector"));
    addTab(m_signature, tr("Signature check"));
}

void KeysView::refresh()
{
    m_inspector->refresh();
    m_signature->refresh();
}

} // namespace slipway::ui
