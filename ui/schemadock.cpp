#include "schemadock.h"

#include "indexhealthdialog.h"
#include "objectpanel.h"
#include "schemaitemdelegate.h"

#include "db/connectionworker.h"
#include "schema/objectdetailsreader.h"
#include "schema/schematreemodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QSplitter>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace {

using Kind = SchemaNode::Kind;

bool isQueryable(const SchemaNode *node)
{
    return node && node->isRelation();
}

} // namespace

SchemaDock::SchemaDock(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("schemaBrowser"));

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("schemaFilter"));
    m_filter->setPlaceholderText(tr("Filter by name, or a glob: order*"));
    m_filter->setToolTip(
        tr("Shows tables, views, functions and types whose name contains the text, "
           "or matches it as a glob when it holds * or ?. The server does the "
           "filtering, so it stays fast on large catalogs."));
    m_filter->setClearButtonEnabled(true);

    auto *bar = new QToolBar(this);
    bar->setObjectName(QStringLiteral("schemaToolBar"));
    bar->setIconSize(QSize(16, 16));
    bar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_refreshAction = bar->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Refresh"));
    m_refreshAction->setObjectName(QStringLiteral("schemaRefresh"));
    m_refreshAction->setToolTip(
        tr("Read the selected object again (everything when nothing is selected)"));
    m_systemAction = bar->addAction(tr("System"));
    m_systemAction->setObjectName(QStringLiteral("schemaSystem"));
    m_systemAction->setCheckable(true);
    m_systemAction->setToolTip(tr("Show pg_catalog, information_schema and pg_toast"));
    m_healthAction = bar->addAction(style()->standardIcon(QStyle::SP_MessageBoxInformation),
                                    tr("Index Health…"));
    m_healthAction->setObjectName(QStringLiteral("schemaHealth"));
    m_healthAction->setToolTip(
        tr("Find unused, duplicate and invalid indexes and unindexed foreign keys"));

    m_model = new SchemaTreeModel(this);
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("schemaTree"));
    m_tree->setModel(m_model);
    m_tree->setItemDelegate(new SchemaItemDelegate(m_tree));
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true); // 10,000 rows under one folder stay smooth
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setExpandsOnDoubleClick(true);
    m_tree->header()->setStretchLastSection(true);

    m_panel = new ObjectPanel(this);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("schemaSplitter"));
    splitter->addWidget(m_tree);
    splitter->addWidget(m_panel);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(4, 4, 4, 0);
    top->setSpacing(2);
    top->addWidget(m_filter, 1);
    top->addWidget(bar);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    // Typing pauses before the catalog is asked again; each keystroke would be a round trip.
    m_filterTimer = new QTimer(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(300);
    connect(m_filter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filterTimer, &QTimer::timeout, this, [this] { m_model->setFilter(m_filter->text()); });
    // Arrowing through a long list shows the object where the cursor rests, not every one passed.
    m_selectionTimer = new QTimer(this);
    m_selectionTimer->setSingleShot(true);
    m_selectionTimer->setInterval(150);
    connect(m_selectionTimer, &QTimer::timeout, this, &SchemaDock::onCurrentChanged);
    connect(m_tree->selectionModel(),
            &QItemSelectionModel::currentChanged,
            m_selectionTimer,
            qOverload<>(&QTimer::start));
    connect(m_model, &QAbstractItemModel::modelReset, m_panel, &ObjectPanel::clear);
    connect(m_model, &SchemaTreeModel::nodeLoaded, this, &SchemaDock::onNodeLoaded);

    connect(m_refreshAction, &QAction::triggered, this, [this] {
        m_model->refresh(m_tree->currentIndex());
    });
    connect(m_systemAction, &QAction::toggled, m_model, &SchemaTreeModel::setShowSystemSchemas);
    connect(m_healthAction, &QAction::triggered, this, &SchemaDock::showIndexHealth);
    connect(m_tree, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        const QModelIndex index = m_tree->indexAt(at);
        if (!index.isValid())
            return;
        QMenu *menu = contextMenu(index, this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_tree->viewport()->mapToGlobal(at));
    });
    setConnection(nullptr);
}

void SchemaDock::setConnection(ConnectionWorker *worker, const ConnectionProfile &profile)
{
    m_worker = worker;
    m_profile = profile;
    m_model->setConnection(worker);
    m_panel->setConnection(worker);
    const bool postgres = worker && worker->engine() == Connection::Engine::PostgreSQL;
    m_healthAction->setEnabled(postgres);
    m_systemAction->setEnabled(postgres);
    m_refreshAction->setEnabled(worker != nullptr);
    m_filter->setEnabled(worker != nullptr);
    if (m_health)
        m_health->close();
}

IndexHealthDialog *SchemaDock::healthDialog() const
{
    return m_health;
}

void SchemaDock::onCurrentChanged()
{
    const SchemaNode *node = m_model->node(m_tree->currentIndex());
    if (!node) {
        m_panel->clear();
        return;
    }
    m_panel->showObject(ObjectRef::fromNode(*node));
}

void SchemaDock::reloadKeepingState()
{
    if (!m_worker)
        return;
    m_restoreExpanded.clear();
    collectExpanded({}, &m_restoreExpanded);
    m_restoreCurrent = pathOf(m_tree->currentIndex());
    m_model->refresh({});
}

// Names, not display texts: a folder's text carries counts that the reload may change.
QStringList SchemaDock::pathOf(const QModelIndex &index) const
{
    QStringList path;
    for (QModelIndex at = index; at.isValid(); at = at.parent())
        path.prepend(m_model->node(at)->name());
    return path;
}

void SchemaDock::collectExpanded(const QModelIndex &parent, QList<QStringList> *paths) const
{
    for (int row = 0; row < m_model->rowCount(parent); ++row) {
        const QModelIndex child = m_model->index(row, 0, parent);
        if (!m_tree->isExpanded(child))
            continue;
        paths->append(pathOf(child));
        collectExpanded(child, paths);
    }
}

// Called as each node's children arrive after reloadKeepingState: expanding a child loads its
// children in turn, so the tree reopens level by level.
void SchemaDock::restoreState(const QModelIndex &parent)
{
    if (m_restoreExpanded.isEmpty() && m_restoreCurrent.isEmpty())
        return;
    for (int row = 0; row < m_model->rowCount(parent); ++row) {
        const QModelIndex child = m_model->index(row, 0, parent);
        const QStringList path = pathOf(child);
        if (path == m_restoreCurrent) {
            m_tree->setCurrentIndex(child);
            m_restoreCurrent.clear();
        }
        if (m_restoreExpanded.removeOne(path))
            m_tree->expand(child);
    }
}

void SchemaDock::onNodeLoaded(const QModelIndex &parent)
{
    restoreState(parent);
    // With a filter the matches are what the user is after: open the schemas and folders that
    // hold them instead of leaving a tree of closed schemas.
    if (m_model->filterText().isEmpty())
        return;
    const SchemaNode *node = m_model->node(parent);
    if (parent.isValid() && node->kind() != Kind::Schema)
        return;
    for (int row = 0; row < m_model->rowCount(parent); ++row) {
        const QModelIndex child = m_model->index(row, 0, parent);
        const Kind kind = m_model->node(child)->kind();
        if (kind == Kind::Schema || (kind == Kind::Folder && parent.isValid()))
            m_tree->expand(child);
    }
}

QMenu *SchemaDock::contextMenu(const QModelIndex &index, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    const SchemaNode *node = m_model->node(index);
    if (!node)
        return menu;
    const QPersistentModelIndex at(index);
    if (!node->qualifiedName().isEmpty()) {
        QAction *copy = menu->addAction(tr("Copy Name"), this, [this, at] { copyName(at); });
        copy->setObjectName(QStringLiteral("copyName"));
    }
    if (ObjectRef::fromNode(*node).isValid()) {
        QAction *ddl = menu->addAction(tr("Open DDL in Editor"), this, [this, at] { openDdl(at); });
        ddl->setObjectName(QStringLiteral("openDdl"));
    }
    if (isQueryable(node)) {
        menu->addSeparator();
        QAction *select = menu->addAction(tr("SELECT First 100 Rows"), this, [this, at] {
            selectRows(at);
        });
        select->setObjectName(QStringLiteral("selectRows"));
        QAction *plan = menu->addAction(tr("EXPLAIN SELECT"), this, [this, at] { explain(at); });
        plan->setObjectName(QStringLiteral("explain"));
    }
    menu->addSeparator();
    QAction *refresh = menu->addAction(style()->standardIcon(QStyle::SP_BrowserReload),
                                       tr("Refresh"),
                                       this,
                                       [this, at] { m_model->refresh(at); });
    refresh->setObjectName(QStringLiteral("refresh"));
    return menu;
}

void SchemaDock::copyName(const QModelIndex &index)
{
    if (const SchemaNode *node = m_model->node(index))
        QApplication::clipboard()->setText(node->qualifiedName());
}

void SchemaDock::openDdl(const QModelIndex &index)
{
    const SchemaNode *node = m_model->node(index);
    if (!node || !m_worker)
        return;
    const ObjectRef object = ObjectRef::fromNode(*node);
    const QString title = tr("%1 (DDL)").arg(node->name());
    m_worker->call<QString>(
        this,
        [object](Connection &connection) { return ObjectDetailsReader::ddl(connection, object); },
        [this, title](const QString &ddl) { emit sqlRequested(title, ddl, false); },
        [this](const DbError &error) {
            emit actionFailed(tr("Could not read the DDL: %1").arg(error.message));
        });
}

void SchemaDock::selectRows(const QModelIndex &index)
{
    const SchemaNode *node = m_model->node(index);
    if (!isQueryable(node))
        return;
    emit sqlRequested(node->name(),
                      QStringLiteral("SELECT *\nFROM %1\nLIMIT 100;\n").arg(node->qualifiedName()),
                      true);
}

void SchemaDock::explain(const QModelIndex &index)
{
    const SchemaNode *node = m_model->node(index);
    if (!isQueryable(node))
        return;
    const bool sqlite = m_worker && m_worker->engine() == Connection::Engine::SQLite;
    if (!sqlite) {
        emit explainRequested(tr("%1 (plan)").arg(node->name()),
                              QStringLiteral("SELECT *\nFROM %1;\n").arg(node->qualifiedName()));
        return;
    }
    emit sqlRequested(tr("%1 (plan)").arg(node->name()),
                      QStringLiteral("%1\nSELECT *\nFROM %2;\n")
                          .arg(sqlite ? QStringLiteral("EXPLAIN QUERY PLAN")
                                      : QStringLiteral("EXPLAIN"),
                               node->qualifiedName()),
                      true);
}

void SchemaDock::showIndexHealth()
{
    if (!m_worker)
        return;
    if (m_health) {
        m_health->raise();
        m_health->activateWindow();
        return;
    }
    m_health = new IndexHealthDialog(m_worker, this);
    m_health->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_health, &IndexHealthDialog::sqlRequested, this, &SchemaDock::sqlRequested);
    m_health->show();
}
