#pragma once

#include "catalogrecords.h"

#include <QString>

#include <memory>
#include <vector>

// One entry of the schema tree: a schema, a folder ("Tables"), an object (table, column, index,
// function...) or a message (a load error). Holds what the tree shows and what the object panel
// needs to look the object up again (oid, column number, schema); everything else is read on
// demand. Containers (schemas, tables, views) start unloaded and get their children from a
// background read. Owned by SchemaTreeModel; GUI thread only once in the model.
class SchemaNode
{
public:
    enum class Kind : quint8 {
        Root,
        Schema,
        Folder,
        Table,
        PartitionedTable,
        ForeignTable,
        View,
        MaterializedView,
        Sequence,
        Function,
        Procedure,
        Aggregate,
        Type,
        Extension,
        Column,
        Constraint,
        Index,
        Trigger,
        Message,
    };
    enum class State : quint8 { Unloaded, Loading, Loaded };

    SchemaNode(Kind kind, QString name);

    Kind kind() const { return m_kind; }
    QString name() const { return m_name; }
    void setName(const QString &name) { m_name = name; }

    // Short secondary text: a column's type, an index's method and columns, a function's
    // arguments and result ...
    QString detail() const { return m_detail; }
    void setDetail(const QString &detail) { m_detail = detail; }

    // The object's schema (empty for schemas, folders, columns and other parts of a relation).
    QString schemaName() const { return m_schema; }
    void setSchemaName(const QString &schema) { m_schema = schema; }

    CatalogOid oid() const { return m_oid; }
    void setOid(CatalogOid oid) { m_oid = oid; }
    // Column number (attnum) for columns; 0 otherwise.
    int subId() const { return m_subId; }
    void setSubId(int subId) { m_subId = subId; }

    // Per-kind code: constraint type (p f u c x), type kind (e c d r b), routine kind.
    char code() const { return m_code; }
    void setCode(char code) { m_code = code; }

    // Partitions, primary-key columns: drawn differently.
    bool isPartition() const { return m_flags & PartitionFlag; }
    void setPartition(bool on) { setFlag(PartitionFlag, on); }
    bool isKeyColumn() const { return m_flags & KeyFlag; }
    void setKeyColumn(bool on) { setFlag(KeyFlag, on); }
    // Invalid index, NOT VALID constraint, disabled trigger, load error: drawn as a warning.
    bool hasWarning() const { return m_flags & WarningFlag; }
    void setWarning(bool on) { setFlag(WarningFlag, on); }

    // Folders: the kind of objects inside ("Tables" holds Table, PartitionedTable, ForeignTable).
    Kind folderContent() const { return m_folderContent; }
    void setFolderContent(Kind kind) { m_folderContent = kind; }

    // Schemas, tables, views and the root load their children lazily.
    bool isLazy() const;
    State state() const { return m_state; }
    void setState(State state) { m_state = state; }
    quint64 ticket() const { return m_ticket; } // the pending read while Loading
    void setTicket(quint64 ticket) { m_ticket = ticket; }

    SchemaNode *parent() const { return m_parent; }
    int row() const { return m_row; }
    int childCount() const { return int(m_children.size()); }
    SchemaNode *child(int row) const { return m_children.at(std::size_t(row)).get(); }
    void appendChild(std::unique_ptr<SchemaNode> child);
    void appendChildren(std::vector<std::unique_ptr<SchemaNode>> children);
    std::vector<std::unique_ptr<SchemaNode>> takeChildren();
    // First child with this kind and name, or nullptr.
    SchemaNode *findChild(Kind kind, const QString &name) const;

    // The nearest ancestor-or-self that is a relation (a column's or an index's table).
    const SchemaNode *owningRelation() const;
    // SQL name, quoted: "schema"."table" for schema objects, "column" for parts of a relation.
    QString qualifiedName() const;
    // True for objects that have a row source: tables, views, materialized views.
    bool isRelation() const;

    // Total nodes in this subtree, itself included (for memory accounting in the benchmark).
    qsizetype subtreeSize() const;

private:
    enum Flag : quint8 { PartitionFlag = 1, KeyFlag = 2, WarningFlag = 4 };
    void setFlag(Flag flag, bool on) { m_flags = on ? (m_flags | flag) : (m_flags & ~flag); }

    QString m_name;
    QString m_detail;
    QString m_schema;
    SchemaNode *m_parent = nullptr;
    std::vector<std::unique_ptr<SchemaNode>> m_children;
    quint64 m_ticket = 0;
    CatalogOid m_oid = 0;
    int m_subId = 0;
    int m_row = 0;
    Kind m_kind;
    Kind m_folderContent = Kind::Root;
    State m_state = State::Loaded;
    quint8 m_flags = 0;
    char m_code = 0;
};
