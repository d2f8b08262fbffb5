#pragma once

#include "db/dberror.h"
#include "schema/healthfinding.h"
#include "schema/statisticsperiod.h"

#include <QDialog>
#include <QPointer>

class ConnectionWorker;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

// "Index health" of the connected PostgreSQL database: runs IndexHealthCheck on the connection's
// worker, lists the findings, shows the selected one's fix, and hands fixes to an editor tab
// (sqlRequested) rather than running them: they lock and drop things. Non-modal; GUI thread only.
class IndexHealthDialog : public QDialog
{
    Q_OBJECT

public:
    explicit IndexHealthDialog(ConnectionWorker *worker, QWidget *parent = nullptr);

    void check(); // runs the check again
    bool isChecking() const { return m_checking; }
    const QList<HealthFinding> &findings() const { return m_findings; }
    // Since when the usage counters behind the findings run (valid after a check).
    const StatisticsPeriod &statisticsPeriod() const { return m_period; }
    QTreeWidget *findingsView() const { return m_view; }
    QPushButton *openFixButton() const { return m_openFix; }
    QPushButton *openAllButton() const { return m_openAll; }
    QLabel *statusLabel() const { return m_status; }

signals:
    void sqlRequested(const QString &title, const QString &sql, bool run);
    void checked();

private:
    void showFindings();
    void showSelected();
    void openSelected();
    void openAll();

    QPointer<ConnectionWorker> m_worker;
    QList<HealthFinding> m_findings;
    StatisticsPeriod m_period;
    bool m_checking = false;
    QLabel *m_status = nullptr;
    QTreeWidget *m_view = nullptr;
    QPlainTextEdit *m_fix = nullptr;
    QPushButton *m_openFix = nullptr;
    QPushButton *m_openAll = nullptr;
    QPushButton *m_again = nullptr;
};
