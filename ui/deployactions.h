#pragma once

#include <QObject>

class MainWindow;
class QAction;
class QMenuBar;

// The main window's deploy commands: Deploy… (the checklist wizard for the connected database
// and the open migration folder) and the audit log. Kept apart from MainWindow so the window
// stays about windows. GUI thread.
class DeployActions : public QObject
{
    Q_OBJECT

public:
    explicit DeployActions(MainWindow *window);

    // Adds a Deploy menu before the last (Help) menu.
    void addToMenuBar(QMenuBar *bar);
    void updateActions();
    QAction *deployAction() const { return m_deploy; }
    QAction *auditAction() const { return m_audit; }

    void openWizard();
    void openAuditLog();

private:
    MainWindow *m_window;
    QAction *m_deploy = nullptr;
    QAction *m_audit = nullptr;
};
