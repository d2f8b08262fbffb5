#pragma once

#include <QList>
#include <QObject>
#include <QSet>

class MainWindow;
class PlanCompareWidget;
class PlanWidget;
class QAction;
class QMenu;

// The main window's plan commands: Explain (F7) and Explain Analyze (Shift+F7) for the
// current console, Open Plan…, Paste Plan and Compare Plans. Plan and comparison tabs open in
// the window's tab widget. Kept apart from MainWindow so the window stays about windows.
// GUI thread.
class PlanActions : public QObject
{
    Q_OBJECT

public:
    explicit PlanActions(MainWindow *window);

    void addToMenus(QMenu *file, QMenu *query);
    void updateActions();

    QAction *explainAction() const { return m_explain; }
    QAction *explainAnalyzeAction() const { return m_explainAnalyze; }
    QAction *openPlanAction() const { return m_openPlan; }
    QAction *pastePlanAction() const { return m_pastePlan; }
    QAction *compareAction() const { return m_compare; }

    // Opens a plan tab; nullptr with *error (line and what was expected) on bad input. A title
    // another plan tab has already gets a number: "orders", "orders (2)".
    PlanWidget *openPlan(const QString &text,
                         const QString &title,
                         const QString &note = {},
                         QString *error = nullptr);
    PlanWidget *openPlanFile(const QString &path, QString *error = nullptr);
    PlanCompareWidget *compare(PlanWidget *before, PlanWidget *after);
    QList<PlanWidget *> planTabs() const;

public slots:
    void explainCurrent(bool analyze);
    void openPlanDialog();
    void pastePlan();
    void comparePlans();

signals:
    void planOpened(PlanWidget *plan);

private:
    int addTab(QWidget *page, const QString &title);
    void addPlanTab(PlanWidget *plan);
    // The title, or the title with the lowest number no other plan tab has.
    QString uniqueTitle(const QString &title, const PlanWidget *plan) const;
    static QString numbered(const QString &name, const QSet<QString> &taken);

    MainWindow *m_window;
    QAction *m_explain = nullptr;
    QAction *m_explainAnalyze = nullptr;
    QAction *m_openPlan = nullptr;
    QAction *m_pastePlan = nullptr;
    QAction *m_compare = nullptr;
};
