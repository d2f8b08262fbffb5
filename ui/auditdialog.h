#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;
class QTableWidget;
class QTextBrowser;

// The audit trail: every change Slipway made from this machine (deploys, and migrate, rollback,
// baseline and repair from the window or the CLI), newest first, filtered by target and
// action; selecting one shows a deploy's report or a run's details. Reads the local SQLite file
// on the GUI thread (it is small and local).
class AuditDialog : public QDialog
{
    Q_OBJECT

public:
    enum Column { When, Who, Target, Action, Outcome, Duration, Migrations, Origin, ColumnCount };

    explicit AuditDialog(QWidget *parent = nullptr);
    void reload();
    QTableWidget *table() const { return m_table; }
    QTextBrowser *reportView() const { return m_report; }
    QLineEdit *targetFilter() const { return m_targetFilter; }
    QComboBox *actionFilter() const { return m_actionFilter; }

private:
    void showReport();

    QLineEdit *m_targetFilter = nullptr;
    QComboBox *m_actionFilter = nullptr;
    QTableWidget *m_table = nullptr;
    QTextBrowser *m_report = nullptr;
};
