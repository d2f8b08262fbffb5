#include "planactions.h"

#include "explainlauncher.h"
#include "mainwindow.h"
#include "plancomparewidget.h"
#include "planwidget.h"
#include "sqlconsole.h"

#include "db/connectionworker.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QStatusBar>
#include <QTabWidget>

PlanActions::PlanActions(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
    m_explain = new QAction(tr("&Explain"), this);
    m_explain->setShortcut(QKeySequence(Qt::Key_F7));
    m_explain->setToolTip(tr("Show the plan of the statement under the cursor (F7)"));
    connect(m_explain, &QAction::triggered, this, [this] { explainCurrent(false); });

    m_explainAnalyze = new QAction(tr("Explain &Analyze"), this);
    m_explainAnalyze->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F7));
    m_explainAnalyze->setToolTip(
        tr("Run the statement under the cursor with EXPLAIN (ANALYZE, BUFFERS); "
           "a statement that writes is rolled back (Shift+F7)"));
    connect(m_explainAnalyze, &QAction::triggered, this, [this] { explainCurrent(true); });

    m_openPlan = new QAction(tr("Open &Plan…"), this);
    connect(m_openPlan, &QAction::triggered, this, &PlanActions::openPlanDialog);
    m_pastePlan = new QAction(tr("Pa&ste Plan"), this);
    m_pastePlan->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    connect(m_pastePlan, &QAction::triggered, this, &PlanActions::pastePlan);
    m_compare = new QAction(tr("&Compare Plans…"), this);
    m_compare->setToolTip(tr("Compare the current plan tab with another one (before and after)"));
    connect(m_compare, &QAction::triggered, this, &PlanActions::comparePlans);
}

void PlanActions::addToMenus(QMenu *file, QMenu *query)
{
    const QList<QAction *> fileActions = file->actions();
    QAction *before = fileActions.size() > 3 ? fileActions.at(3)
                                             : nullptr; // after the open actions
    file->insertAction(before, m_openPlan);
    file->insertAction(before, m_pastePlan);
    query->addSeparator();
    query->addAction(m_explain);
    query->addAction(m_explainAnalyze);
    query->addAction(m_compare);
}

void PlanActions::updateActions()
{
    SqlConsole *console = m_window->currentConsole();
    ConnectionWorker *worker = m_window->connection();
    const bool ready = console && worker && worker->isOpen() && !console->isRunning();
    m_explain->setEnabled(ready);
    m_explainAnalyze->setEnabled(ready);
    m_compare->setEnabled(planTabs().size() >= 2);
}

int PlanActions::addTab(QWidget *page, const QString &title)
{
    QTabWidget *tabs = m_window->tabs();
    const int index = tabs->addTab(page, title);
    tabs->setTabToolTip(index, title);
    tabs->setCurrentIndex(index);
    updateActions();
    return index;
}

QList<PlanWidget *> PlanActions::planTabs() const
{
    QList<PlanWidget *> plans;
    QTabWidget *tabs = m_window->tabs();
    for (int i = 0; i < tabs->count(); ++i) {
        if (auto *plan = qobject_cast<PlanWidget *>(tabs->widget(i)))
            plans.append(plan);
    }
    return plans;
}

QString PlanActions::numbered(const QString &name, const QSet<QString> &taken)
{
    if (!taken.contains(name))
        return name;
    for (int number = 2;; ++number) {
        const QString candidate
            = tr("%1 (%2)", "the second, third… tab of the same name").arg(name).arg(number);
        if (!taken.contains(candidate))
            return candidate;
    }
}

QString PlanActions::uniqueTitle(const QString &title, const PlanWidget *plan) const
{
    // Plan titles name the plans in the compare picker too, so the titles themselves differ.
    QSet<QString> taken;
    for (const PlanWidget *other : planTabs()) {
        if (other != plan)
            taken.insert(other->title());
    }
    return numbered(title, taken);
}

void PlanActions::addPlanTab(PlanWidget *plan)
{
    plan->setTitle(uniqueTitle(plan->title(), plan));
    addTab(plan, tr("Plan: %1").arg(plan->title()));
    // A file dropped on the tab renames it.
    connect(plan, &PlanWidget::titleChanged, this, [this, plan] {
        const QString unique = uniqueTitle(plan->title(), plan);
        if (unique != plan->title()) {
            plan->setTitle(unique); // and back here with the unique title
            return;
        }
        QTabWidget *tabs = m_window->tabs();
        const int index = tabs->indexOf(plan);
        if (index >= 0) {
            tabs->setTabText(index, tr("Plan: %1").arg(plan->title()));
            tabs->setTabToolTip(index, plan->title());
        }
    });
    emit planOpened(plan);
}

PlanWidget *PlanActions::openPlan(const QString &text,
                                  const QString &title,
                                  const QString &note,
                                  QString *error)
{
    auto *plan = new PlanWidget(m_window->tabs());
    if (!plan->loadText(text, error)) {
        delete plan;
        return nullptr;
    }
    plan->setTitle(title);
    plan->setNote(note);
    addPlanTab(plan);
    return plan;
}

PlanWidget *PlanActions::openPlanFile(const QString &path, QString *error)
{
    auto *plan = new PlanWidget(m_window->tabs());
    if (!plan->loadFile(path, error)) {
        delete plan;
        return nullptr;
    }
    addPlanTab(plan);
    return plan;
}

void PlanActions::explainCurrent(bool analyze)
{
    SqlConsole *console = m_window->currentConsole();
    if (!console)
        return;
    auto *launcher = new ExplainLauncher(console, analyze);
    connect(launcher,
            &ExplainLauncher::planReady,
            this,
            [this](const QString &json, const QString &title, const QString &note) {
                QString error;
                if (!openPlan(json, title, note, &error))
                    m_window->statusBar()->showMessage(tr("Could not read the plan: %1").arg(error),
                                                       10000);
            });
    launcher->start();
}

void PlanActions::openPlanDialog()
{
    auto *dialog = new QFileDialog(m_window, tr("Open Plan"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    dialog->setNameFilters({tr("Plans (*.json *.txt *.plan *.explain)"), tr("All files (*)")});
    connect(dialog, &QFileDialog::filesSelected, this, [this](const QStringList &files) {
        for (const QString &file : files) {
            QString error;
            if (!openPlanFile(file, &error))
                QMessageBox::warning(m_window,
                                     tr("Open Plan"),
                                     tr("Could not read %1:\n%2").arg(file, error));
        }
    });
    dialog->open();
}

void PlanActions::pastePlan()
{
    QString error;
    if (!openPlan(QApplication::clipboard()->text(), tr("pasted"), {}, &error))
        QMessageBox::warning(m_window,
                             tr("Paste Plan"),
                             tr("The clipboard does not hold a plan Slipway can read:\n%1")
                                 .arg(error));
}

PlanCompareWidget *PlanActions::compare(PlanWidget *before, PlanWidget *after)
{
    auto *widget = new PlanCompareWidget(m_window->tabs());
    widget->setPlans(before->plan(), before->title(), after->plan(), after->title());
    // Comparing the same pair twice still gives tabs that can be told apart.
    QSet<QString> taken;
    for (int i = 0; i < m_window->tabs()->count(); ++i)
        taken.insert(m_window->tabs()->tabText(i));
    addTab(widget, numbered(tr("Compare: %1").arg(widget->title()), taken));
    return widget;
}

void PlanActions::comparePlans()
{
    const QList<PlanWidget *> plans = planTabs();
    if (plans.size() < 2) {
        m_window->statusBar()
            ->showMessage(tr("Open two plans (F7 before and after a change) to compare them."),
                          8000);
        return;
    }
    auto *current = qobject_cast<PlanWidget *>(m_window->tabs()->currentWidget());
    PlanWidget *after = current ? current : plans.last();
    QList<QPointer<PlanWidget>> others;
    QStringList names;
    for (PlanWidget *plan : plans) {
        if (plan != after) {
            others.append(plan);
            names << plan->title();
        }
    }
    if (others.size() == 1) {
        compare(others.first(), after);
        return;
    }
    auto *dialog = new QInputDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Compare Plans"));
    dialog->setLabelText(tr("Compare \"%1\" with the plan from before:").arg(after->title()));
    dialog->setComboBoxItems(names);
    // Tabs may close while the dialog is open.
    const QPointer<PlanWidget> afterTab(after);
    connect(dialog,
            &QInputDialog::textValueSelected,
            this,
            [this, others, names, afterTab](const QString &name) {
                const qsizetype at = names.indexOf(name);
                if (at >= 0 && others.at(at) && afterTab)
                    compare(others.at(at), afterTab);
            });
    dialog->open();
}
