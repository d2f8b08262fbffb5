#pragma once

#include "db/connectionprofile.h"
#include "db/dberror.h"
#include "db/rowbatch.h"

#include <QMainWindow>
#include <QPointer>

class ConnectionStatusWidget;
class Document;
class ConnectionWorker;
class MigrationActions;
class DeployActions;
class MigrationFolderDock;
class PlanActions;
class QAction;
class QDockWidget;
class QTabWidget;
class SchemaDock;
class SqlConsole;
class WindowRefresher;

// The workbench window: console tabs in the middle, the schema and migration docks on the left,
// the connection in the status bar. Connecting is asynchronous and only replaces the current
// connection once the new one is open. One database, several sessions: the window's own
// (connection(): status and the schema browser's reads), one per console (the user's
// transactions live there and nothing else touches them), one for the migrations panel and one
// for the editors' live-schema reads, all opened from the same profile and in-memory password.
// Dialogs are opened window-modal without nested event loops, so tests can drive them. GUI
// thread only.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a connection in the background: "Connecting…" in the status bar, then connected()
    // or connectionFailed() (the error also goes to the current console's messages).
    void connectTo(const ConnectionProfile &profile, const QString &password = {});
    void disconnectFromDatabase();
    void reconnect();
    ConnectionWorker *connection() const { return m_connection; }
    // The sessions of the migrations panel and of the editors' schema reads (nullptr when not
    // connected). Each is a separate server backend.
    ConnectionWorker *migrationSession() const { return m_migrationSession; }
    ConnectionWorker *schemaReadSession() const { return m_schemaReadSession; }
    // A new session to the connected database, opening in the background, owned by `owner`;
    // nullptr when not connected.
    ConnectionWorker *openSession(QObject *owner);
    ConnectionProfile profile() const { return m_profile; }
    // The password the open connection was made with (empty when libpq found none needed or took
    // it from .pgpass / PGPASSWORD). Memory only: tools that open their own connections to the
    // same database, such as the deploy wizard, need it too.
    QString password() const { return m_password; }
    bool isConnecting() const { return m_pending != nullptr; }

    SqlConsole *newConsole();
    SqlConsole *currentConsole() const;
    QList<SqlConsole *> consoles() const;
    // Opens an SQL file in a new console tab titled with the file name.
    SqlConsole *openSqlFile(const QString &path, QString *error = nullptr);
    void openMigrationFolder(const QString &dir);

    void setSchemaWidget(QWidget *widget); // replaces the schema dock's placeholder
    QDockWidget *schemaDock() const { return m_schemaDock; }
    SchemaDock *schemaBrowser() const { return m_schemaBrowser; }
    MigrationFolderDock *migrationDock() const { return m_migrationDock; }
    MigrationActions *migrationActions() const { return m_migrationActions; } // new / open migrations
    ConnectionStatusWidget *statusWidget() const { return m_status; }
    QTabWidget *tabs() const { return m_tabs; }
    PlanActions *planActions() const { return m_planActions; } // explain, open and compare plans
    DeployActions *deployActions() const { return m_deployActions; } // deploy wizard, audit log

    QAction *runAction() const { return m_runAction; }
    QAction *cancelAction() const { return m_cancelAction; }
    QAction *reconnectAction() const { return m_reconnectAction; }
    QAction *disconnectAction() const { return m_disconnectAction; }

public slots:
    void showConnectDialog();
    void showAboutDialog();
    void openSqlFileDialog();
    void openMigrationFolderDialog();
    bool saveCurrent();
    bool saveCurrentAs();
    void closeTab(int index);
    void runCurrent();
    void cancelCurrent();

signals:
    void connected(const ServerInfo &server);
    void connectionFailed(const DbError &error);
    void connectionLost(const DbError &error);
    void disconnected();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createDocks();
    void createSchemaBrowser();
    void createDatabaseMenu();
    void adoptConnection(ConnectionWorker *worker,
                         const ConnectionProfile &profile,
                         const ServerInfo &info);
    void onPendingOpened(ConnectionWorker *worker, const ServerInfo &info);
    void onPendingFailed(ConnectionWorker *worker, const DbError &error);
    void askPassword(const ConnectionProfile &profile, const DbError &error);
    void onReopened(const ServerInfo &info);
    void onReopenFailed(const DbError &error);
    void onConnectionLost(const DbError &error);
    void abandonPending();
    void replaceSessions();
    void attachConsole(SqlConsole *console);
    void closeSessions();
    void restoreStatus();
    void updateActions();
    void updateWindowTitle();
    void updateTabTitle(SqlConsole *console);
    int nextConsoleNumber() const;
    Document *currentDocument() const;

    QTabWidget *m_tabs = nullptr;
    QDockWidget *m_schemaDock = nullptr;
    SchemaDock *m_schemaBrowser = nullptr;
    MigrationFolderDock *m_migrationDock = nullptr;
    MigrationActions *m_migrationActions = nullptr;
    ConnectionStatusWidget *m_status = nullptr;
    PlanActions *m_planActions = nullptr;
    DeployActions *m_deployActions = nullptr;

    ConnectionWorker *m_connection = nullptr; // child of this window
    ConnectionWorker *m_migrationSession = nullptr; // child of this window
    ConnectionWorker *m_schemaReadSession = nullptr; // child of this window
    ConnectionProfile m_profile;
    bool m_lost = false;
    DbError m_lostError;
    ConnectionWorker *m_pending = nullptr; // not parented until it opens
    ConnectionProfile m_pendingProfile;
    QString m_pendingPassword;
    QString m_password;
    WindowRefresher *m_refresher = nullptr;

    QAction *m_newConsoleAction = nullptr;
    QAction *m_openFileAction = nullptr;
    QAction *m_openMigrationsAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveAsAction = nullptr;
    QAction *m_closeTabAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_connectAction = nullptr;
    QAction *m_disconnectAction = nullptr;
    QAction *m_reconnectAction = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_aboutAction = nullptr;
};
