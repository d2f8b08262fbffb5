#include "migrationactions.h"

#include "mainwindow.h"
#include "migrationeditor.h"
#include "migrationfolderdock.h"
#include "newmigrationdialog.h"

#include "migrations/migrationfolder.h"

#include <QAction>
#include <QDir>
#include <QMessageBox>
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
}

void MigrationActions::showNewMigrationDialog()
{
    if (folder().isEmpty())
        return;
    auto *dialog = new NewMigrationDialog(folder(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewMigrationDialog::created, this, [this](const QStringList &paths) {
        if (!paths.isEmpty())
            openMigration(paths.first());
    });
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
}

MigrationEditor *MigrationActions::openMigration(const QString &upPath)
{
    const MigrationFolder folder = MigrationFolder::read(this->folder());
    for (const Migration &migration : folder.migrations()) {
        if (QDir::cleanPath(migration.upPath) != QDir::cleanPath(upPath))
            continue;
        auto *editor = new MigrationEditor(m_window->tabs());
        QString error;
        if (!editor->load(migration, &error)) {
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
        return editor;
    }
    return nullptr;
}
