#pragma once

#include <QWizardPage>

class QLineEdit;
class QListWidget;
class QPushButton;
class QLabel;

namespace slipway::ui {

class MessageBar;
struct ReleaseDraft;

// Which web build to release (a folder or a CI archive: dropped, browsed, recent or the demo) and
// as what: app id and version come prefilled from capacitor.config.json / package.json.
class BuildPage : public QWizardPage
{
    Q_OBJECT
public:
    BuildPage(ReleaseDraft& draft, QWidget* parent = nullptr);

    void initializePage() override;
    [[nodiscard]] bool isComplete() const override;
    bool validatePage() override;

    // Sets the build path as a drop or a browse would (tests call it too).
    void setBuildPath(const QString& path);
    void useDemoBuild();
    // Adds a build to Recent builds (only builds whose checks passed get there).
    static void rememberBuild(const QString& path);

private:
    void prefillFromProject();
    void suggestUnreleasedVersion();
    void loadRecentBuilds();

    ReleaseDraft& m_draft;
    MessageBar* m_messages;
    QLineEdit* m_path;
    QPushButton* m_browseFolder;
    QPushButton* m_browseArchive;
    QPushButton* m_demoButton;
    QListWidget* m_recent;
    QLineEdit* m_appId;
    QLineEdit* m_version;
    QLineEdit* m_channel;
    QLineEdit* m_notes;
    QLabel* m_prefillNote;
    QString m_autoAppId;
    QString m_autoVersion;
};

} // namespace slipway::ui
