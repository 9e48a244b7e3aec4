#pragma once

#include "release/DeltaPublication.h"

#include <QJsonObject>
#include <QString>
#include <QWizardPage>

#include <atomic>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace slipway::ui {

struct ReleaseDraft;

// Everything that will happen, and where, before anything irreversible (the commit page).
class ReviewPage : public QWizardPage
{
    Q_OBJECT
public:
    ReviewPage(ReleaseDraft& draft, QWidget* parent = nullptr);
    ~ReviewPage() override;

    void initializePage() override;
    bool validatePage() override;

private:
    // What the chosen storage's channel serves now, and why a rollout could not start there (empty: it can).
    struct ChannelNow
    {
        QString stable;
        QString rolloutRefusal;
        std::optional<QJsonObject> served; // the channel's manifest (empty: none, or the storage could not be read)
        QString unread;                     // why the manifest could not be read
        qint64 servedZipBytes = 0;          // the bundle of the version it serves, from the history
    };
    // What a phone on the channel's current version would download, worked out in the background from the
    // build's file hashes and the channel's manifest.
    struct DeltaNow
    {
        std::optional<release::DeltaSaving> saving; // empty: nothing to compare with (see note)
        QString note;
    };
    void updateSummary();
    // The forecast, from the manifest the channel read found.
    void readDelta(const ChannelNow& channel);
    // Whether this release makes a delta (a channel manifest registrar, V3 checksums, not switched off).
    [[nodiscard]] bool deltaOffered() const;
    [[nodiscard]] QString deltaText() const;
    // Reads the channel's manifest in the background (the storage may be remote), then updates the rollout option.
    void readChannel();
    // The rollout option is offered only where the runner would accept it; otherwise disabled, saying why.
    void updateRolloutOption();
    [[nodiscard]] bool rolloutChosen() const;

    ReleaseDraft& m_draft;
    QComboBox* m_storage;
    QComboBox* m_registrar;
    QCheckBox* m_rollout;
    QSpinBox* m_rolloutPercent;
    QLabel* m_rolloutNote;
    QLabel* m_summary;
    std::optional<ChannelNow> m_channel; // empty while it is being read
    int m_channelReads = 0;
    std::optional<DeltaNow> m_delta; // empty while it is being worked out
    std::shared_ptr<std::atomic<bool>> m_deltaCancel;
};

} // namespace slipway::ui
