#pragma once

#include <QDialog>

class QTableWidget;
class QTextBrowser;

// The audit log: every deploy recorded on this machine, newest first; selecting one shows its
// report. Reads the local SQLite file on the GUI thread (it is small and local).
class AuditDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AuditDialog(QWidget *parent = nullptr);
    void reload();
    QTableWidget *table() const { return m_table; }
    QTextBrowser *reportView() const { return m_report; }

private:
    void showReport();

    QTableWidget *m_table = nullptr;
    QTextBrowser *m_report = nullptr;
};
