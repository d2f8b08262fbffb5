#pragma once

#include <QObject>

class MainWindow;
class MigrationEditor;
class QAction;

// The window's migration commands that go beyond browsing the folder: File ▸ New Migration…
// (the template dialog) and opening a migration's up and down scripts side by side in a tab.
// Kept out of MainWindow so the window stays a frame. GUI thread only.
class MigrationActions : public QObject
{
    Q_OBJECT

public:
    explicit MigrationActions(MainWindow *window);

    QAction *newMigrationAction() const { return m_newMigration; }
    // Enables the actions for the window's migration folder (call when it changes).
    void updateActions();
    void showNewMigrationDialog();
    // Opens the migration whose up script is `upPath` in a MigrationEditor tab.
    MigrationEditor *openMigration(const QString &upPath);

private:
    QString folder() const;

    MainWindow *m_window;
    QAction *m_newMigration = nullptr;
};
