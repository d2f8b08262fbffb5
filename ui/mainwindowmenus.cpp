// MainWindow's actions, menus and toolbar: what the user can reach, with the shortcuts pgAdmin
// and DataGrip users expect.

#include "mainwindow.h"

#include "deployactions.h"
#include "migrationactions.h"
#include "planactions.h"
#include "schemadock.h"
#include "sqlconsole.h"
#include "themedicon.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QTabWidget>
#include <QToolBar>

void MainWindow::createActions()
{
    m_newConsoleAction = new QAction(themedIcon("document-new", QStyle::SP_FileIcon, style()),
                                     tr("&New SQL Console"),
                                     this);
    m_newConsoleAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(m_newConsoleAction, &QAction::triggered, this, [this] {
        SqlConsole *console = newConsole();
        console->setFocus();
    });

    m_openFileAction = new QAction(themedIcon("document-open", QStyle::SP_DialogOpenButton, style()),
                                   tr("&Open SQL File…"),
                                   this);
    m_openFileAction->setShortcut(QKeySequence::Open);
    connect(m_openFileAction, &QAction::triggered, this, &MainWindow::openSqlFileDialog);

    m_openMigrationsAction = new QAction(themedIcon("folder-open", QStyle::SP_DirOpenIcon, style()),
                                         tr("Open &Migration Folder…"),
                                         this);
    connect(m_openMigrationsAction,
            &QAction::triggered,
            this,
            &MainWindow::openMigrationFolderDialog);

    m_saveAction = new QAction(themedIcon("document-save", QStyle::SP_DialogSaveButton, style()),
                               tr("&Save"),
                               this);
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::saveCurrent);
    m_saveAsAction = new QAction(tr("Save &As…"), this);
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    connect(m_saveAsAction, &QAction::triggered, this, &MainWindow::saveCurrentAs);

    m_closeTabAction = new QAction(tr("&Close Tab"), this);
    m_closeTabAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    connect(m_closeTabAction, &QAction::triggered, this, [this] {
        closeTab(m_tabs->currentIndex());
    });

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_connectAction = new QAction(themedIcon("network-connect", QStyle::SP_DriveNetIcon, style()),
                                  tr("&Connect…"),
                                  this);
    m_connectAction->setToolTip(tr("Connect to a PostgreSQL or SQLite database"));
    connect(m_connectAction, &QAction::triggered, this, &MainWindow::showConnectDialog);

    m_disconnectAction = new QAction(themedIcon("network-disconnect",
                                                QStyle::SP_DialogCloseButton,
                                                style()),
                                     tr("&Disconnect"),
                                     this);
    connect(m_disconnectAction, &QAction::triggered, this, &MainWindow::disconnectFromDatabase);

    m_reconnectAction = new QAction(themedIcon("view-refresh", QStyle::SP_BrowserReload, style()),
                                    tr("&Reconnect"),
                                    this);
    connect(m_reconnectAction, &QAction::triggered, this, &MainWindow::reconnect);

    m_runAction = new QAction(themedIcon("media-playback-start", QStyle::SP_MediaPlay, style()),
                              tr("&Run"),
                              this);
    m_runAction->setShortcuts({QKeySequence(Qt::Key_F5),
                               QKeySequence(Qt::CTRL | Qt::Key_Return),
                               QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_runAction->setToolTip(
        tr("Run the selection, or the statement under the cursor (F5, Ctrl+Return)"));
    connect(m_runAction, &QAction::triggered, this, &MainWindow::runCurrent);

    m_cancelAction = new QAction(themedIcon("media-playback-stop", QStyle::SP_MediaStop, style()),
                                 tr("&Cancel"),
                                 this);
    // Enabled only while something runs, so Esc is free for the editor the rest of the time.
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setToolTip(tr("Cancel the running statement (Esc)"));
    connect(m_cancelAction, &QAction::triggered, this, &MainWindow::cancelCurrent);

    m_aboutAction = new QAction(tr("&About Slipway"), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAboutDialog);

    m_planActions = new PlanActions(this);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newConsoleAction);
    file->addAction(m_openFileAction);
    file->addAction(m_openMigrationsAction);
    m_migrationActions = new MigrationActions(this);
    file->addAction(m_migrationActions->newMigrationAction());
    file->addSeparator();
    file->addAction(m_saveAction);
    file->addAction(m_saveAsAction);
    file->addSeparator();
    file->addAction(m_closeTabAction);
    file->addAction(m_quitAction);

    QMenu *connection = menuBar()->addMenu(tr("&Connection"));
    connection->addAction(m_connectAction);
    connection->addAction(m_disconnectAction);
    connection->addAction(m_reconnectAction);

    QMenu *query = menuBar()->addMenu(tr("&Query"));
    query->addAction(m_runAction);
    query->addAction(m_cancelAction);
    m_planActions->addToMenus(file, query);

    // Filled in createDocks() with the docks' toggle actions.
    menuBar()->addMenu(tr("&View"))->setObjectName(QStringLiteral("viewMenu"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
    m_deployActions = new DeployActions(this);
    m_deployActions->addToMenuBar(menuBar());
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(16, 16));
    bar->addAction(m_connectAction);
    bar->addSeparator();
    bar->addAction(m_runAction);
    bar->addAction(m_cancelAction);
}


// The schema browser's tools, in a menu of their own: its toolbar shows only icons.
void MainWindow::createDatabaseMenu()
{
    auto *database = new QMenu(tr("&Database"), menuBar());
    database->setObjectName(QStringLiteral("databaseMenu"));
    QAction *refresh = m_schemaBrowser->refreshAction();
    refresh->setText(tr("&Refresh Schema"));
    refresh->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F5));
    database->addAction(refresh);
    // The toolbar's "System" toggle, under a name that says what it shows; the two stay in step.
    QAction *toolbarSystem = m_schemaBrowser->systemAction();
    QAction *system = database->addAction(tr("Show &System Schemas"));
    system->setObjectName(QStringLiteral("showSystemSchemas"));
    system->setCheckable(true);
    connect(system, &QAction::toggled, toolbarSystem, &QAction::setChecked);
    connect(toolbarSystem, &QAction::toggled, system, &QAction::setChecked);
    database->addSeparator();
    QAction *health = m_schemaBrowser->healthAction();
    health->setText(tr("Index &Health…"));
    health->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    database->addAction(health);
    // Between Query and View, where database tools sit in pgAdmin's and DataGrip's menus.
    QMenu *view = menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu"));
    menuBar()->insertMenu(view ? view->menuAction() : nullptr, database);
}
