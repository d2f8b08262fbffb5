#pragma once

#include <QObject>

class MainWindow;
class MigrationEditor;
class MigrationsPanel;
class QAction;
class QDockWidget;

// The window's migration commands that go beyond browsing the folder: File ▸ New Migration…
// (the template dialog), opening a migration's up and down scripts side by side in a tab, and
// the "Run Migrations" dock (MigrationsPanel), which follows the window's folder and connection.
// Kept out of MainWindow so the window stays a frame. GUI thread only.
class MigrationActions : public QObject
{
    Q_OBJECT

public:
    explicit MigrationActions(MainWindow *window);

    QAction *newMigrationAction() const { return m_newMigration; }
    // Enables the actions for the window's migration folder (call when it changes); the panel
    // takes the folder and its dock shows when a new folder opens.
    void updateActions();
    // Creates the bottom dock with the Migrations panel, hidden until a folder is open.
    QDockWidget *createPanelDock();
    QDockWidget *panelDock() const { return m_panelDock; }
    MigrationsPanel *panel() const { return m_panel; }
    void showNewMigrationDialog();
    // Opens the migration whose up script is `upPath` in a MigrationEditor tab.
    MigrationEditor *openMigration(const QString &upPath);

private:
    QString folder() const;
    void openScript(const QString &path, int line);

    MainWindow *m_window;
    QAction *m_newMigration = nullptr;
    QDockWidget *m_panelDock = nullptr;
    MigrationsPanel *m_panel = nullptr;
};
