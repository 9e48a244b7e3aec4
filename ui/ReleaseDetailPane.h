#pragma once

#include "history/HistoryRecords.h"

#include <QWidget>

class QTextBrowser;
class QTreeWidget;

namespace slipway::ui {

// One release in full: what, who, which key, hashes, where it went, how registration answered,
// and every step with its timing and outcome.
class ReleaseDetailPane : public QWidget
{
    Q_OBJECT
public:
    explicit ReleaseDetailPane(QWidget* parent = nullptr);

    void showRelease(const history::ReleaseRecord& release, const QList<history::StepRecord>& steps);
    void clear();
    void showEmptyHistory();
    [[nodiscard]] QTreeWidget* stepsList() const { return m_steps; }
    // A step outcome as stored ("succeeded") in the words the view shows ("done").
    [[nodiscard]] static QString outcomeText(const QString& outcome);

private:
    QTextBrowser* m_facts;
    QTreeWidget* m_steps;
};

} // namespace slipway::ui
