#pragma once

#include "catalogscope.h"
#include "schemanode.h"

#include "db/dberror.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QPointer>

#include <memory>

class ConnectionWorker;

// The schema browser's tree: schemas, then folders of objects, then each relation's columns,
// constraints, indexes, triggers and partitions. Lazy: every container reports children before
// they are read; fetchMore() sends one batch read for it to the connection's worker and the rows
// are inserted when the answer comes back. The filter runs in the catalog queries, so a
// 10,000-table schema is filtered by the server. loadAll() reads everything in one go (the CLI's
// read). GUI thread only; it never touches the database itself.
class SchemaTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Role {
        KindRole = Qt::UserRole + 1, // SchemaNode::Kind as int
        DetailRole,                  // secondary text (type, definition, count)
        QualifiedNameRole,           // quoted SQL name
        OidRole,
        LoadingRole,   // true while the node's children are being read
        WarningRole,   // invalid index, NOT VALID constraint, load error
        KeyColumnRole, // column of the primary key
        FolderContentRole,
        CodeRole, // constraint type, type kind, routine kind (as a char)
    };

    explicit SchemaTreeModel(QObject *parent = nullptr);
    ~SchemaTreeModel() override;

    // Starts over with this connection (nullptr: empty tree). The model does not own it.
    void setConnection(ConnectionWorker *worker);
    ConnectionWorker *connection() const;

    void setFilter(const QString &text);
    QString filterText() const { return m_filter.text(); }
    void setShowSystemSchemas(bool show);
    bool showsSystemSchemas() const { return m_showSystem; }

    // Reads the node's children again (the root: everything).
    void refresh(const QModelIndex &index = {});
    // Replaces the tree with a complete read; fullyLoaded() follows.
    void loadAll();
    bool isLoading() const { return !m_pending.isEmpty(); }

    const SchemaNode *node(const QModelIndex &index) const;
    QModelIndex indexOf(const SchemaNode *node) const;
    // The child of parent with this kind and name (folders: their label), or an invalid index.
    QModelIndex find(const QModelIndex &parent, SchemaNode::Kind kind, const QString &name) const;
    const SchemaNode *rootNode() const { return m_root.get(); }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void loadingChanged(bool loading);
    // The children of parent arrived (also after a refresh).
    void nodeLoaded(const QModelIndex &parent);
    void loadFailed(const QModelIndex &parent, const DbError &error);
    void fullyLoaded();

private:
    SchemaNode *nodeAt(const QModelIndex &index) const;
    CatalogScope scope() const;
    void reset();
    void startLoad(SchemaNode *node);
    void finishLoad(quint64 ticket, std::vector<std::unique_ptr<SchemaNode>> children);
    void failLoad(quint64 ticket, const DbError &error);
    void forgetPending(SchemaNode *subtree);
    void setPending(quint64 ticket, SchemaNode *node);
    void clearPending(quint64 ticket);

    std::unique_ptr<SchemaNode> m_root;
    QPointer<ConnectionWorker> m_worker;
    NameFilter m_filter;
    bool m_showSystem = false;
    bool m_loadingAll = false;
    quint64 m_nextTicket = 1;
    QHash<quint64, SchemaNode *> m_pending;
};
