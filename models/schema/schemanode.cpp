#include "schemanode.h"

#include "sqlidentifier.h"

SchemaNode::SchemaNode(Kind kind, QString name)
    : m_name(std::move(name))
    , m_kind(kind)
{
    if (isLazy())
        m_state = State::Unloaded;
}

bool SchemaNode::isLazy() const
{
    // The root, schemas and relations fill their children on expansion; the rest come filled.
    return m_kind == Kind::Root || m_kind == Kind::Schema || isRelation();
}

bool SchemaNode::isRelation() const
{
    switch (m_kind) {
    case Kind::Table:
    case Kind::PartitionedTable:
    case Kind::ForeignTable:
    case Kind::View:
    case Kind::MaterializedView:
        return true;
    default:
        return false;
    }
}

void SchemaNode::appendChild(std::unique_ptr<SchemaNode> child)
{
    child->m_parent = this;
    child->m_row = int(m_children.size());
    m_children.push_back(std::move(child));
}

void SchemaNode::appendChildren(std::vector<std::unique_ptr<SchemaNode>> children)
{
    m_children.reserve(m_children.size() + children.size());
    for (auto &child : children)
        appendChild(std::move(child));
}

std::vector<std::unique_ptr<SchemaNode>> SchemaNode::takeChildren()
{
    std::vector<std::unique_ptr<SchemaNode>> children;
    children.swap(m_children);
    for (auto &child : children)
        child->m_parent = nullptr;
    return children;
}

SchemaNode *SchemaNode::findChild(Kind kind, const QString &name) const
{
    for (const auto &child : m_children) {
        if (child->m_kind == kind && child->m_name == name)
            return child.get();
    }
    return nullptr;
}

const SchemaNode *SchemaNode::owningRelation() const
{
    const SchemaNode *node = this;
    while (node && !node->isRelation())
        node = node->m_parent;
    return node;
}

QString SchemaNode::qualifiedName() const
{
    switch (m_kind) {
    case Kind::Root:
    case Kind::Folder:
    case Kind::Message:
        return {};
    case Kind::Schema:
    case Kind::Extension:
    case Kind::Column:
    case Kind::Constraint:
    case Kind::Trigger:
        return SqlIdentifier::quote(m_name);
    default:
        return SqlIdentifier::qualified(m_schema, m_name);
    }
}

qsizetype SchemaNode::subtreeSize() const
{
    qsizetype size = 1;
    for (const auto &child : m_children)
        size += child->subtreeSize();
    return size;
}
