#pragma once

#include <QDockWidget>

class QFileSystemModel;
class QLabel;
class QTreeView;

// "Migrations" dock: the *.sql files of a migration folder as a tree (subfolders included).
// Activating a file asks the window to open it in a console. A stand-in until the migration
// engine reads folders properly. QFileSystemModel lists the folder on its own thread; this
// widget lives on the GUI thread.
class MigrationFolderDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit MigrationFolderDock(QWidget *parent = nullptr);

    void setFolder(const QString &directory);
    QString folder() const { return m_folder; }
    QTreeView *view() const { return m_view; }
    QFileSystemModel *fileModel() const { return m_model; }

signals:
    void fileActivated(const QString &path);

private:
    void activate(const QModelIndex &index);

    QString m_folder;
    QLabel *m_placeholder = nullptr;
    QFileSystemModel *m_model = nullptr;
    QTreeView *m_view = nullptr;
};
