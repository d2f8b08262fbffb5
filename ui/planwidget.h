#pragma once

#include "explain/plan.h"
#include "explain/planfinding.h"
#include "explain/planmetrics.h"

#include <QWidget>

class PlanDetailsPanel;
class PlanNodesModel;
class PlanScene;
class PlanStatsModel;
class PlanView;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QStackedWidget;
class QTabWidget;
class QTableView;

// One plan tab: the picture (PlanView over a PlanScene, heat colouring, search, fit, export),
// the selected node's details beside it, and below a sortable grid of all nodes, statistics
// per table and node type, the findings and the plan's source text. An empty tab invites a
// paste (Ctrl+V) or a dropped file. GUI thread; parsing happens here too (plans of 10,000
// nodes parse in well under a second).
class PlanWidget : public QWidget
{
    Q_OBJECT

public:
    explicit PlanWidget(QWidget *parent = nullptr);
    ~PlanWidget() override;

    // Parses and shows the plan; false with *error (line and what was expected) on bad input.
    bool loadText(const QString &text, QString *error = nullptr);
    bool loadFile(const QString &path, QString *error = nullptr);
    void setTitle(const QString &title);
    QString title() const { return m_title; }
    // Shown in the summary bar, e.g. that the statement ran in a rolled-back transaction.
    void setNote(const QString &note);
    bool exportPicture(const QString &path, QString *error = nullptr);

    bool hasPlan() const { return !m_plan.isEmpty(); }
    const Plan &plan() const { return m_plan; }
    const PlanMetrics &metrics() const { return m_metrics; }
    const QList<PlanFinding> &findings() const { return m_findings; }
    QString sourceText() const { return m_source; }

    PlanView *view() const { return m_view; }
    PlanScene *scene() const { return m_scene; }
    PlanDetailsPanel *details() const { return m_details; }
    QTableView *grid() const { return m_grid; }
    QTableView *statistics() const { return m_stats; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *heatChooser() const { return m_heat; }
    QLabel *summaryLabel() const { return m_summary; }
    QLabel *zoomLabel() const { return m_zoom; } // e.g. "75 %"

public slots:
    void pasteFromClipboard();
    void selectNode(int node);
    void findNext();
    void showExportDialog();

signals:
    void titleChanged();
    void nodeSelected(int node);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QWidget *createToolBar();
    QWidget *createBottomTabs();
    void showPlan();
    void updateSummary();

    Plan m_plan;
    PlanMetrics m_metrics;
    QList<PlanFinding> m_findings;
    QString m_source;
    QString m_title;
    QString m_note;
    QList<int> m_matches;
    int m_matchIndex = -1;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_zoom = nullptr;
    QComboBox *m_heat = nullptr;
    QLineEdit *m_search = nullptr;
    PlanScene *m_scene = nullptr;
    PlanView *m_view = nullptr;
    PlanDetailsPanel *m_details = nullptr;
    QTabWidget *m_bottomTabs = nullptr;
    PlanNodesModel *m_nodesModel = nullptr;
    PlanStatsModel *m_statsModel = nullptr;
    QTableView *m_grid = nullptr;
    QTableView *m_stats = nullptr;
    QComboBox *m_statsGrouping = nullptr;
    QListWidget *m_findingsList = nullptr;
    QPlainTextEdit *m_sourceView = nullptr;
};
