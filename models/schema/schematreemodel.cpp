#include "schematreemodel.h"

#include "catalogreader.h"
#include "schematreebuilder.h"

#include "db/connectionworker.h"

namespace {

using Kind = SchemaNode::Kind;
using NodeList = std::shared_ptr<SchemaNodeList>;

// What a read needs to know about its node, copied so the worker thread never touches the tree.
struct LoadRequest
{
    Kind kind = Kind::Root;
    CatalogOid oid = 0;
    QString schema;
    CatalogScope scope;
    bool everything = false;
};

NodeList readChildren(Connection &connection, const LoadRequest &request)
{
    auto reader = CatalogReader::create(connection);
    const bool extensions = connection.engine() == Connection::Engine::PostgreSQL;
    auto nodes = std::make_shared<SchemaNodeList>();
    if (request.everything) {
        *nodes = SchemaTreeBuilder::everything(reader->readEverything(request.scope), extensions);
    } else if (request.kind == Kind::Root) {
        const QList<CatalogSchema> schemas = reader->readSchemas(request.scope);
        *nodes = SchemaTreeBuilder::topLevel(schemas, reader->readExtensions(), extensions);
    } else if (request.kind == Kind::Schema) {
        const CatalogScope scope = CatalogScope::schemas({request.oid},
                                                         request.scope.includeSystem,
                                                         request.scope.filter);
        *nodes = SchemaTreeBuilder::schemaContents(reader->readSchemaObjects(scope));
    } else {
        *nodes = SchemaTreeBuilder::relationContents(reader->readRelationParts({request.oid}),
                                                     request.oid,
                                                     request.schema);
    }
    return nodes;
}

} // namespace

SchemaTreeModel::SchemaTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<SchemaNode>(Kind::Root, QString()))
{}

SchemaTreeModel::~SchemaTreeModel() = default;

void SchemaTreeModel::setConnection(ConnectionWorker *worker)
{
    if (m_worker)
        disconnect(m_worker, nullptr, this, nullptr);
    m_worker = worker;
    if (worker) {
        // Reads queued on a worker that goes away never answer; start over empty.
        connect(worker, &QObject::destroyed, this, [this] {
            m_worker = nullptr;
            m_loadingAll = false;
            reset();
        });
    }
    m_loadingAll = false;
    reset();
    fetchMore({});
}

ConnectionWorker *SchemaTreeModel::connection() const
{
    return m_worker;
}

void SchemaTreeModel::setFilter(const QString &text)
{
    const NameFilter filter(text);
    if (filter.text() == m_filter.text())
        return;
    m_filter = filter;
    m_loadingAll = false;
    reset();
    fetchMore({});
}

void SchemaTreeModel::setShowSystemSchemas(bool show)
{
    if (show == m_showSystem)
        return;
    m_showSystem = show;
    m_loadingAll = false;
    reset();
    fetchMore({});
}

CatalogScope SchemaTreeModel::scope() const
{
    return CatalogScope::everything(m_showSystem, m_filter);
}

void SchemaTreeModel::reset()
{
    const bool wasLoading = isLoading();
    beginResetModel();
    m_pending.clear();
    m_root = std::make_unique<SchemaNode>(Kind::Root, QString());
    endResetModel();
    if (wasLoading)
        emit loadingChanged(false);
}

void SchemaTreeModel::refresh(const QModelIndex &index)
{
    SchemaNode *node = nodeAt(index);
    // Folders and parts are read with their relation or schema: refresh that one.
    while (node != m_root.get() && !node->isLazy())
        node = node->parent();
    if (node == m_root.get()) {
        m_loadingAll = false;
        reset();
        fetchMore({});
        return;
    }
    const QModelIndex at = indexOf(node);
    forgetPending(node);
    if (node->childCount() > 0) {
        beginRemoveRows(at, 0, node->childCount() - 1);
        SchemaNodeList removed = node->takeChildren();
        endRemoveRows();
    }
    node->setState(SchemaNode::State::Unloaded);
    fetchMore(at);
}

void SchemaTreeModel::loadAll()
{
    // Set first: a view (or a tester) reacting to the reset may already ask for the root.
    m_loadingAll = m_worker != nullptr;
    reset();
    fetchMore({});
}

const SchemaNode *SchemaTreeModel::node(const QModelIndex &index) const
{
    return index.isValid() ? nodeAt(index) : nullptr;
}

SchemaNode *SchemaTreeModel::nodeAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_root.get();
    return static_cast<SchemaNode *>(index.internalPointer());
}

QModelIndex SchemaTreeModel::indexOf(const SchemaNode *node) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row(), 0, const_cast<SchemaNode *>(node));
}

QModelIndex SchemaTreeModel::find(const QModelIndex &parent, Kind kind, const QString &name) const
{
    return indexOf(nodeAt(parent)->findChild(kind, name));
}

QModelIndex SchemaTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    const SchemaNode *parentNode = nodeAt(parent);
    if (row >= parentNode->childCount())
        return {};
    return createIndex(row, 0, parentNode->child(row));
}

QModelIndex SchemaTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeAt(child)->parent());
}

int SchemaTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return nodeAt(parent)->childCount();
}

int SchemaTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

bool SchemaTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const SchemaNode *node = nodeAt(parent);
    if (node->childCount() > 0)
        return true;
    return node->isLazy() && node->state() != SchemaNode::State::Loaded && m_worker;
}

bool SchemaTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const SchemaNode *node = nodeAt(parent);
    return m_worker && node->isLazy() && node->state() == SchemaNode::State::Unloaded;
}

void SchemaTreeModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        startLoad(nodeAt(parent));
}

void SchemaTreeModel::startLoad(SchemaNode *node)
{
    LoadRequest request;
    request.kind = node->kind();
    request.oid = node->oid();
    request.schema = node->schemaName();
    request.scope = scope();
    request.everything = m_loadingAll && node == m_root.get();

    const quint64 ticket = m_nextTicket++;
    node->setState(SchemaNode::State::Loading);
    node->setTicket(ticket);
    setPending(ticket, node);
    if (node != m_root.get()) {
        const QModelIndex at = indexOf(node);
        emit dataChanged(at, at, {LoadingRole, DetailRole});
    }
    m_worker->call<NodeList>(
        this,
        [request](Connection &connection) { return readChildren(connection, request); },
        [this, ticket](NodeList nodes) { finishLoad(ticket, std::move(*nodes)); },
        [this, ticket](const DbError &error) { failLoad(ticket, error); });
}

void SchemaTreeModel::finishLoad(quint64 ticket, SchemaNodeList children)
{
    SchemaNode *node = m_pending.value(ticket);
    if (!node)
        return; // reset or refreshed meanwhile
    const QModelIndex at = indexOf(node);
    const bool everything = m_loadingAll && node == m_root.get();
    if (!children.empty()) {
        beginInsertRows(at, 0, int(children.size()) - 1);
        node->appendChildren(std::move(children));
        endInsertRows();
    }
    node->setState(SchemaNode::State::Loaded);
    if (at.isValid())
        emit dataChanged(at, at, {LoadingRole, DetailRole});
    clearPending(ticket);
    emit nodeLoaded(at);
    if (everything) {
        m_loadingAll = false;
        emit fullyLoaded();
    }
}

void SchemaTreeModel::failLoad(quint64 ticket, const DbError &error)
{
    SchemaNode *node = m_pending.value(ticket);
    if (!node)
        return;
    const QModelIndex at = indexOf(node);
    // The error stays visible where the user expanded; refresh() tries again.
    auto message = std::make_unique<SchemaNode>(Kind::Message,
                                                tr("Could not read: %1").arg(error.message));
    message->setDetail(error.toDisplayString());
    message->setWarning(true);
    beginInsertRows(at, 0, 0);
    node->appendChild(std::move(message));
    endInsertRows();
    node->setState(SchemaNode::State::Loaded);
    if (at.isValid())
        emit dataChanged(at, at, {LoadingRole, DetailRole});
    m_loadingAll = false;
    clearPending(ticket);
    emit loadFailed(at, error);
}

void SchemaTreeModel::setPending(quint64 ticket, SchemaNode *node)
{
    const bool was = isLoading();
    m_pending.insert(ticket, node);
    if (!was)
        emit loadingChanged(true);
}

void SchemaTreeModel::clearPending(quint64 ticket)
{
    if (m_pending.remove(ticket) && m_pending.isEmpty())
        emit loadingChanged(false);
}

void SchemaTreeModel::forgetPending(SchemaNode *subtree)
{
    if (subtree->state() == SchemaNode::State::Loading)
        clearPending(subtree->ticket());
    for (int i = 0; i < subtree->childCount(); ++i)
        forgetPending(subtree->child(i));
}

QVariant SchemaTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const SchemaNode *node = nodeAt(index);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return node->name();
    case Qt::ToolTipRole: {
        const QString name = node->qualifiedName();
        if (name.isEmpty())
            return node->detail().isEmpty() ? node->name() : node->detail();
        return node->detail().isEmpty() ? name : name + u'\n' + node->detail();
    }
    case DetailRole:
        if (node->state() == SchemaNode::State::Loading)
            return tr("loading…");
        return node->detail();
    case KindRole:
        return int(node->kind());
    case QualifiedNameRole:
        return node->qualifiedName();
    case OidRole:
        return node->oid();
    case LoadingRole:
        return node->state() == SchemaNode::State::Loading;
    case WarningRole:
        return node->hasWarning();
    case KeyColumnRole:
        return node->isKeyColumn();
    case FolderContentRole:
        return int(node->folderContent());
    case CodeRole:
        return int(node->code());
    default:
        return {};
    }
}

QVariant SchemaTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (section == 0 && orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return tr("Object");
    return {};
}

Qt::ItemFlags SchemaTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}
