#pragma once

#include <QWizardPage>

class QComboBox;
class QLabel;

namespace slipway::ui {

struct ReleaseDraft;

// Everything that will happen, and where, before anything irreversible (the commit page).
class ReviewPage : public QWizardPage
{
    Q_OBJECT
public:
    ReviewPage(ReleaseDraft& draft, QWidget* parent = nullptr);

    void initializePage() override;
    bool validatePage() override;

private:
    void updateSummary();

    ReleaseDraft& m_draft;
    QComboBox* m_storage;
    QComboBox* m_registrar;
    QLabel* m_summary;
};

} // namespace slipway::ui
