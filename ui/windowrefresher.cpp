#include "windowrefresher.h"

#include "editorlinter.h"
#include "mainwindow.h"
#include "migrationactions.h"
#include "migrationeditor.h"
#include "migrationspanel.h"
#include "schemadock.h"
#include "sqlconsole.h"

#include "db/connectionworker.h"

#include <QTabWidget>

WindowRefresher::WindowRefresher(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
    connect(DatabaseChanges::instance(), &DatabaseChanges::changed, this, &WindowRefresher::onChanged);
}

void WindowRefresher::watchConsole(SqlConsole *console)
{
    connect(console, &SqlConsole::schemaChanged, this, [this, console] {
        DatabaseChanges::instance()->announce(m_window->profile().targetKey(),
                                              DatabaseChanges::Source::Console,
                                              console);
    });
}

void WindowRefresher::onChanged(const QString &targetKey,
                                DatabaseChanges::Source source,
                                const QObject *origin)
{
    ConnectionWorker *connection = m_window->connection();
    if (!connection || !connection->isOpen() || targetKey != m_window->profile().targetKey())
        return;
    if (SchemaDock *tree = m_window->schemaBrowser())
        tree->reloadKeepingState();
    QTabWidget *tabs = m_window->tabs();
    for (int i = 0; i < tabs->count(); ++i) {
        QWidget *tab = tabs->widget(i);
        if (auto *console = qobject_cast<SqlConsole *>(tab)) {
            console->linter()->reloadSchema();
        } else if (auto *editor = qobject_cast<MigrationEditor *>(tab)) {
            editor->upLinter()->reloadSchema();
            if (editor->downLinter())
                editor->downLinter()->reloadSchema();
        }
    }
    // The panel rereads after its own runs already; a status read it made announces only what
    // it has just read.
    MigrationsPanel *panel = m_window->migrationActions()->panel();
    if (panel && origin != panel && source != DatabaseChanges::Source::StatusRead)
        panel->refresh();
}
