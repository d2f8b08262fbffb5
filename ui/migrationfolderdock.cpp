#include "migrationfolderdock.h"

#include <QDir>
#include <QFileSystemModel>
#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

MigrationFolderDock::MigrationFolderDock(QWidget *parent)
    : QDockWidget(tr("Migrations"), parent)
{
    setObjectName(QStringLiteral("migrationsDock"));
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_placeholder = new QLabel(tr("Open a migration folder (File ▸ Open Migration Folder…)"),
                               content);
    m_placeholder->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setContentsMargins(12, 12, 12, 12);
    m_placeholder->setEnabled(false);

    m_model = new QFileSystemModel(this);
    m_model->setFilter(QDir::AllDirs | QDir::Files | QDir::NoDotAndDotDot);
    m_model->setNameFilters({QStringLiteral("*.sql")});
    m_model->setNameFilterDisables(false); // hide, do not grey out, what is not SQL
    m_model->setReadOnly(true);

    m_view = new QTreeView(content);
    m_view->setObjectName(QStringLiteral("migrationsView"));
    m_view->setModel(m_model);
    m_view->setHeaderHidden(true);
    for (int column = 1; column < m_model->columnCount(); ++column)
        m_view->hideColumn(column);
    m_view->setUniformRowHeights(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->hide();
    connect(m_view, &QTreeView::activated, this, &MigrationFolderDock::activate);
    // Migration folders are shallow (a few levels such as migrations/, rollback/): open the
    // first two levels as they load. Expanding a folder makes the model fetch it.
    connect(m_model, &QFileSystemModel::directoryLoaded, m_view, [this](const QString &path) {
        if (m_folder.isEmpty()
            || !(path == m_folder || path.startsWith(m_folder + QLatin1Char('/'))))
            return;
        if (QStringView(path).mid(m_folder.size()).count(QLatin1Char('/')) >= 2)
            return;
        const QModelIndex parent = m_model->index(path);
        for (int row = 0; row < m_model->rowCount(parent); ++row) {
            const QModelIndex child = m_model->index(row, 0, parent);
            if (m_model->isDir(child))
                m_view->expand(child);
        }
    });

    layout->addWidget(m_placeholder);
    layout->addWidget(m_view);
    setWidget(content);
}

void MigrationFolderDock::setFolder(const QString &directory)
{
    m_folder = QDir(directory).absolutePath();
    const QModelIndex root = m_model->setRootPath(m_folder);
    m_view->setRootIndex(root);
    m_view->show();
    m_placeholder->hide();
    setWindowTitle(tr("Migrations — %1").arg(QDir(m_folder).dirName()));
    setToolTip(m_folder);
}

void MigrationFolderDock::activate(const QModelIndex &index)
{
    if (!index.isValid() || m_model->isDir(index))
        return;
    emit fileActivated(m_model->filePath(index));
}
