#include "migrationactions.h"

#include "editorlinter.h"
#include "mainwindow.h"
#include "migrationeditor.h"
#include "migrationfolderdock.h"
#include "migrationspanel.h"
#include "newmigrationdialog.h"
#include "sqlconsole.h"
#include "sqleditor.h"

#include "migrations/migrationfolder.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>

MigrationActions::MigrationActions(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
    m_newMigration = new QAction(tr("New &Migration…"), this);
    m_newMigration->setObjectName(QStringLiteral("newMigrationAction"));
    m_newMigration->setToolTip(
        tr("Create migrations from a safe pattern in the open migration folder"));
    connect(m_newMigration, &QAction::triggered, this, &MigrationActions::showNewMigrationDialog);
    updateActions();
}

QString MigrationActions::folder() const
{
    return m_window->migrationDock() ? m_window->migrationDock()->folder() : QString();
}

void MigrationActions::updateActions()
{
    m_newMigration->setEnabled(!folder().isEmpty());
    if (m_panel && m_panel->folder() != folder()) {
        m_panel->setFolder(folder());
        m_panelDock->setVisible(!folder().isEmpty());
    }
}

QDockWidget *MigrationActions::createPanelDock()
{
    m_panelDock = new QDockWidget(tr("Run Migrations"), m_window);
    m_panelDock->setObjectName(QStringLiteral("migrationPanelDock"));
    m_panel = new MigrationsPanel(m_panelDock);
    m_panelDock->setWidget(m_panel);
    m_window->addDockWidget(Qt::BottomDockWidgetArea, m_panelDock);
    m_panelDock->hide();
    // The panel follows the window's connection, including reconnects (which reread the status),
    // on a session of its own: the engine sends BEGIN/COMMIT/ROLLBACK, which must never reach a
    // console's session and the transaction the user may have open there.
    connect(m_window, &MainWindow::connected, m_panel, [this] {
        m_panel->setConnection(m_window->migrationSession(), m_window->profile());
    });
    connect(m_window, &MainWindow::disconnected, m_panel, [this] {
        m_panel->setConnection(nullptr);
    });
    connect(m_window, &MainWindow::connectionLost, m_panel, [this] { m_panel->refresh(); });
    connect(m_panel, &MigrationsPanel::scriptRequested, this, &MigrationActions::openScript);
    connect(m_panel, &MigrationsPanel::migrationRequested, this, &MigrationActions::openMigration);
    updateActions();
    return m_panelDock;
}

void MigrationActions::openScript(const QString &path, int line)
{
    QString error;
    SqlConsole *console = m_window->openSqlFile(path, &error);
    if (!console) {
        m_window->statusBar()->showMessage(tr("Could not open %1: %2").arg(path, error), 10000);
        return;
    }
    // A script of the folder is linted after the migrations before it, as in the editor tab.
    console->linter()->setMigrationFolder(folder());
    if (line > 0)
        console->editor()->goToLine(line);
}

void MigrationActions::showNewMigrationDialog()
{
    if (folder().isEmpty())
        return;
    auto *dialog = new NewMigrationDialog(folder(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewMigrationDialog::created, this, [this](const QStringList &paths) {
        if (m_panel)
            m_panel->refresh(); // the new files are pending
        if (!paths.isEmpty())
            openMigration(paths.first());
    });
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
}

MigrationEditor *MigrationActions::openMigration(const QString &upPath)
{
    // One tab per file: a second editor of the same file (a Liquibase changelog's other
    // changeset) would save over the first one's edits.
    QTabWidget *openTabs = m_window->tabs();
    for (int i = 0; i < openTabs->count(); ++i) {
        auto *open = qobject_cast<MigrationEditor *>(openTabs->widget(i));
        if (open && QDir::cleanPath(open->upPath()) == QDir::cleanPath(upPath)) {
            openTabs->setCurrentIndex(i);
            return open;
        }
    }
    const MigrationFolder folder = MigrationFolder::read(this->folder());
    for (const Migration &migration : folder.migrations()) {
        if (QDir::cleanPath(migration.upPath) != QDir::cleanPath(upPath))
            continue;
        auto *editor = new MigrationEditor(m_window->tabs());
        QString error;
        if (!editor->load(migration, folder.directory(), &error)) {
            delete editor;
            QMessageBox::warning(m_window, tr("Open Migration"), error);
            return nullptr;
        }
        QTabWidget *tabs = m_window->tabs();
        const int index = tabs->addTab(editor, editor->title());
        tabs->setTabToolTip(index, migration.upPath);
        tabs->setCurrentIndex(index);
        connect(editor, &MigrationEditor::titleChanged, tabs, [tabs, editor] {
            tabs->setTabText(tabs->indexOf(editor), editor->title());
        });
        // Like the consoles, the editor follows the window's connection: a new one replaces the
        // schema it lints and completes against; a reconnect retries a read that failed. The
        // reads go through the window's schema-read session, never a console's.
        editor->setConnection(m_window->schemaReadSession());
        connect(m_window, &MainWindow::connected, editor, [this, editor] {
            editor->setConnection(m_window->schemaReadSession());
        });
        connect(m_window, &MainWindow::disconnected, editor, [editor] {
            editor->setConnection(nullptr);
        });
        return editor;
    }
    return nullptr;
}
