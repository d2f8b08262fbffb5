#pragma once

#include "explain/plan.h"
#include "explain/plandiff.h"
#include "explain/planmetrics.h"

#include <QWidget>

class PlanDiffModel;
class PlanScene;
class PlanView;
class QLabel;
class QTableView;

// Two plans of one query side by side — before and after an index or a rewrite — with the
// overall speed-up, the nodes that got worse, and a table of every node's own time before and
// after. Selecting a node on one side selects the node it was matched with on the other.
// GUI thread.
class PlanCompareWidget : public QWidget
{
    Q_OBJECT

public:
    explicit PlanCompareWidget(QWidget *parent = nullptr);
    ~PlanCompareWidget() override;

    void setPlans(const Plan &before,
                  const QString &beforeTitle,
                  const Plan &after,
                  const QString &afterTitle);
    bool loadTexts(const QString &before, const QString &after, QString *error = nullptr);

    const PlanDiff &diff() const { return m_diff; }
    PlanScene *beforeScene() const { return m_beforeScene; }
    PlanScene *afterScene() const { return m_afterScene; }
    PlanView *beforeView() const { return m_beforeView; }
    PlanView *afterView() const { return m_afterView; }
    QTableView *table() const { return m_table; }
    QLabel *summaryLabel() const { return m_summary; }
    QString title() const;

private:
    void showDiff();
    void beforeSelected(int node);
    void afterSelected(int node);

    Plan m_before;
    Plan m_after;
    PlanMetrics m_beforeMetrics;
    PlanMetrics m_afterMetrics;
    PlanDiff m_diff;
    QString m_beforeTitle;
    QString m_afterTitle;
    bool m_syncing = false;

    QLabel *m_summary = nullptr;
    QLabel *m_beforeLabel = nullptr;
    QLabel *m_afterLabel = nullptr;
    PlanScene *m_beforeScene = nullptr;
    PlanScene *m_afterScene = nullptr;
    PlanView *m_beforeView = nullptr;
    PlanView *m_afterView = nullptr;
    PlanDiffModel *m_model = nullptr;
    QTableView *m_table = nullptr;
};
